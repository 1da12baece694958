"""Receipts and declarations rendered for real, read back with pypdf and pypdfium2.

Text is extracted from the PDF and compared in NFC; the tracking QR is found
by rasterising the page and decoding it with zxing-cpp, as a phone would.
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date
from typing import cast

import pypdf
import pytest
from pypdf.generic import DictionaryObject
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from kiosk.documents import (
    CaseSnapshot,
    DeclarationRow,
    DeclarationSection,
    DeclarationTable,
    DocumentDataError,
    DocumentItem,
    render_declaration,
    render_receipt,
)
from tests.documents_support import AGENCY, CHILD, CITIZEN, decode_qr_codes, sample_snapshot


def page_texts(pdf_bytes: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return [page.extract_text() for page in reader.pages]


def page_sizes(pdf_bytes: bytes) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


def rendered(kind: str, snapshot: CaseSnapshot) -> bytes:
    if kind == "declaration":
        return render_declaration(snapshot)
    return render_receipt(snapshot, paper="80mm" if kind == "receipt-80mm" else "A5")


KINDS = ["receipt-A5", "receipt-80mm", "declaration"]


@pytest.mark.parametrize("kind", KINDS)
def test_vietnamese_names_come_back_exactly_in_nfc(kind: str) -> None:
    text = "\n".join(page_texts(rendered(kind, sample_snapshot())))
    assert unicodedata.is_normalized("NFC", text)
    assert CITIZEN in text
    assert "BADINH-260520-01-0007-K" in text
    if kind == "declaration":
        assert CHILD in text
        assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
        assert f"Kính gửi: {AGENCY}" in text
        assert "Người yêu cầu" in text
        assert "(Ký, ghi rõ họ tên)" in text
        assert "Trần Văn Đức" in text
    else:
        assert "GIẤY TIẾP NHẬN HỒ SƠ" in text
        assert "Giấy chứng nhận kết hôn" in text
        assert "Bản sao chứng thực" in text
        assert "000.00.21.H42-260520-0001" in text
        assert "25/05/2026" in text
        assert "20.000\u00a0₫" in text or "20.000 ₫" in text
        assert "Hai mươi nghìn đồng" in text
        assert "Quét mã để tra cứu hồ sơ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_decomposed_input_is_printed_composed() -> None:
    decomposed = unicodedata.normalize("NFD", CITIZEN)
    assert decomposed != CITIZEN
    text = page_texts(render_receipt(sample_snapshot(citizen_name=decomposed)))[0]
    assert CITIZEN in text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("training", [False, True])
def test_tracking_qr_decodes_from_the_rasterised_page(kind: str, training: bool) -> None:
    snapshot = sample_snapshot(training=training)
    assert decode_qr_codes(rendered(kind, snapshot)) == [
        "CDKV:BADINH-260520-01-0007-K/000.00.21.H42-260520-0001"
    ]


def test_qr_before_sync_carries_only_the_local_reference() -> None:
    pdf = render_receipt(sample_snapshot(dossier_code=None))
    assert decode_qr_codes(pdf) == ["CDKV:BADINH-260520-01-0007-K"]
    assert "sẽ được cấp khi hồ sơ chuyển lên Cổng Dịch vụ công" in page_texts(pdf)[0]


@pytest.mark.parametrize("kind", KINDS)
def test_training_watermark_on_every_page_and_only_in_training(kind: str) -> None:
    for text in page_texts(rendered(kind, sample_snapshot(training=True))):
        assert "BẢN DÙNG THỬ – TRAINING" in text
    for text in page_texts(rendered(kind, sample_snapshot(training=False))):
        assert "TRAINING" not in text


def _long_declaration(rows: int) -> CaseSnapshot:
    section = DeclarationSection(
        title="THÔNG TIN CHI TIẾT",
        rows=tuple(
            DeclarationRow(label=f"Mục số {index:03d}", value=f"Giá trị thứ {index:03d}")
            for index in range(rows)
        ),
    )
    return sample_snapshot(declaration_sections=(section,), training=True)


def test_long_declaration_spans_pages_with_rows_in_order_and_watermark_everywhere() -> None:
    pdf = render_declaration(_long_declaration(90))
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert all("BẢN DÙNG THỬ – TRAINING" in text for text in texts)
    assert all(size == pytest.approx(A4, abs=0.5) for size in page_sizes(pdf))
    whole = "\n".join(texts)
    positions = [whole.index(f"Mục số {index:03d}") for index in range(90)]
    assert positions == sorted(positions)
    assert [f"Trang {n}" in texts[n - 1] for n in range(1, len(texts) + 1)] == [True] * len(texts)
    # The signature block stays together after the last row.
    assert whole.index("Người yêu cầu") > positions[-1]


def test_page_sizes() -> None:
    assert page_sizes(render_receipt(sample_snapshot())) == [pytest.approx(A5, abs=0.5)]
    assert page_sizes(render_declaration(sample_snapshot())) == [pytest.approx(A4, abs=0.5)]
    (roll_width, roll_height), *more = page_sizes(render_receipt(sample_snapshot(), "80mm"))
    assert more == []
    assert roll_width == pytest.approx(80 * mm, abs=0.5)
    assert 80 * mm <= roll_height <= 300 * mm


def test_roll_page_grows_with_its_content() -> None:
    few = sample_snapshot(documents=())
    many = sample_snapshot(
        documents=tuple(
            DocumentItem(name=f"Giấy tờ số {index}", original_or_copy="copy") for index in range(15)
        )
    )
    short_height = page_sizes(render_receipt(few, "80mm"))[0][1]
    tall_pdf = render_receipt(many, "80mm")
    tall_height = page_sizes(tall_pdf)[0][1]
    assert tall_height > short_height + 40 * mm
    assert len(page_sizes(tall_pdf)) == 1
    assert "Giấy tờ số 14" in page_texts(tall_pdf)[0]


def test_english_labels_keep_the_national_header() -> None:
    text = " ".join(page_texts(render_receipt(sample_snapshot(language="en")))[0].split())
    assert "RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT" in text
    assert "Twenty thousand dong" in text
    assert "Certified copy" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert CITIZEN in text


def test_free_same_day_case() -> None:
    snapshot = sample_snapshot(fee_amount=0, processing_days=0, ready_on=date(2026, 5, 20))
    text = page_texts(render_receipt(snapshot))[0]
    assert "Không thu phí, lệ phí" in text
    assert "trong ngày" in text


def test_declaration_title_and_form_code_overrides() -> None:
    snapshot = sample_snapshot(
        procedure_title="Đăng ký thường trú",
        declaration_title="Tờ khai thay đổi thông tin cư trú",
        form_code="CT01",
    )
    text = page_texts(render_declaration(snapshot))[0]
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in text
    assert "Mẫu CT01" in text


def test_hostile_text_still_renders_readably() -> None:
    snapshot = sample_snapshot(
        citizen_name="Lê Văn\x00 Tám 🎉",
        citizen_address="Phố Huế " * 1_250,  # 10,000 characters
        citizen_email="a\u202eb@example.vn",
        procedure_title="Đăng ký\r\nkhai sinh\t",
        documents=(DocumentItem(name="X" * 10_000, original_or_copy="original"),),
        declaration_sections=(
            DeclarationSection(
                title="I",
                rows=(DeclarationRow(label="Ghi chú", value="Ă" * 10_000),),
                table=DeclarationTable(columns=("Cột",), rows=(("🙂" * 500,),)),
            ),
        ),
    )
    for kind in KINDS:
        pdf = rendered(kind, snapshot)
        text = "\n".join(page_texts(pdf))
        assert "Lê Văn Tám ?" in text
        assert "\x00" not in text
        pages = len(page_sizes(pdf))
        found = [text for index in range(pages) for text in decode_qr_codes(pdf, index)]
        assert found == [snapshot.tracking_payload]


def test_rendering_is_deterministic() -> None:
    snapshot = sample_snapshot(training=True)
    assert render_receipt(snapshot) == render_receipt(snapshot)
    assert render_declaration(snapshot) == render_declaration(snapshot)


def test_only_the_bundled_fonts_are_embedded() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_receipt(sample_snapshot())))
    fonts: set[str] = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"])
        font_map = cast(DictionaryObject, resources["/Font"])
        fonts |= {
            str(cast(DictionaryObject, font_map[key].get_object())["/BaseFont"]) for key in font_map
        }
    assert fonts
    assert all("BeVietnamPro" in name for name in fonts), fonts


def test_unknown_paper_and_wrong_input_are_refused() -> None:
    with pytest.raises(DocumentDataError, match="A5 hoặc cuộn 80 mm"):
        render_receipt(sample_snapshot(), paper="A4")  # type: ignore[arg-type]
    with pytest.raises(DocumentDataError):
        render_receipt({"citizen_name": CITIZEN})  # type: ignore[arg-type]
    with pytest.raises(DocumentDataError):
        render_declaration(None)  # type: ignore[arg-type]


def test_snapshot_is_immutable() -> None:
    snapshot = sample_snapshot()
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.citizen_name = "X"  # type: ignore[misc]


def test_documents_and_payments_never_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kiosk.documents, kiosk.payments\n"
        "from kiosk.documents import render_receipt\n"
        "qt = sorted(name for name in sys.modules if name.startswith('PySide6'))\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
