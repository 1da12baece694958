"""Printing through Qt (kiosk/ui/printing.py), offscreen.

No real printer exists here, so the silent-print path is checked up to the
printer lookup, and the painting path for real through Qt's own PDF printer
(the "print to file" fallback), whose output is read back page by page.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from kiosk.documents import (
    DeclarationRow,
    DeclarationSection,
    render_declaration,
    render_receipt,
)
from kiosk.ui.printing import PrintError, list_printers, print_pdf, print_pdf_to_file
from tests.documents_support import decode_qr_codes, sample_snapshot


@pytest.fixture
def multi_page_declaration() -> bytes:
    section = DeclarationSection(
        title="THÔNG TIN",
        rows=tuple(DeclarationRow(label=f"Mục {index}", value="Có") for index in range(60)),
    )
    pdf = render_declaration(sample_snapshot(declaration_sections=(section,)))
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 2
    return pdf


def test_list_printers_returns_names(qtbot: QtBot) -> None:
    printers = list_printers()
    assert isinstance(printers, list)
    assert all(isinstance(name, str) for name in printers)


@pytest.mark.parametrize("name", [None, ""])
def test_no_printer_configured(qtbot: QtBot, name: str | None) -> None:
    with pytest.raises(PrintError, match="chưa được cài đặt máy in") as caught:
        print_pdf(render_receipt(sample_snapshot()), name)
    assert caught.value.message_en == "No printer is configured."


def test_missing_printer_is_reported_in_vietnamese(qtbot: QtBot) -> None:
    with pytest.raises(PrintError, match="Không tìm thấy máy in"):
        print_pdf(render_receipt(sample_snapshot()), "Máy in không có thật 4711")


def test_print_to_file_keeps_every_page_and_its_size(
    qtbot: QtBot, tmp_path: Path, multi_page_declaration: bytes
) -> None:
    source_pages = len(pypdf.PdfReader(io.BytesIO(multi_page_declaration)).pages)
    output = print_pdf_to_file(multi_page_declaration, tmp_path / "printed.pdf")
    pages = pypdf.PdfReader(output).pages
    assert len(pages) == source_pages
    for page in pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1.5)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1.5)


def test_printed_roll_keeps_its_size_and_a_readable_qr(qtbot: QtBot, tmp_path: Path) -> None:
    source = render_receipt(sample_snapshot(training=True), paper="80mm")
    expected_height = float(pypdf.PdfReader(io.BytesIO(source)).pages[0].mediabox.height)
    output = print_pdf_to_file(source, tmp_path / "roll.pdf")
    (page,) = pypdf.PdfReader(output).pages
    assert float(page.mediabox.width) == pytest.approx(80 * mm, abs=1.5)
    assert float(page.mediabox.height) == pytest.approx(expected_height, abs=1.5)
    assert decode_qr_codes(output.read_bytes(), scale=2) == [sample_snapshot().tracking_payload]


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [(b"", "Không có nội dung"), (b"%PDF-1.4 garbage", "bị hỏng"), (b"\x00" * 100, "bị hỏng")],
)
def test_damaged_pdf(qtbot: QtBot, tmp_path: Path, payload: bytes, fragment: str) -> None:
    with pytest.raises(PrintError, match=fragment):
        print_pdf_to_file(payload, tmp_path / "x.pdf")


def test_unwritable_print_file(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="Không lưu được bản in"):
        print_pdf_to_file(render_receipt(sample_snapshot()), tmp_path / "missing" / "x.pdf")
