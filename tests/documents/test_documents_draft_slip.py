"""The draft slip rendered for real: text read back with pypdf, the QR with zxing-cpp."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import pypdf
import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from kiosk.documents import DocumentDataError, DraftSlip, render_draft_slip
from tests.documents_support import AGENCY, decode_qr_codes

SLIP = DraftSlip(
    resume_code="K7QM-2XA",
    qr_payload="CDKV-TIEPTUC:K7QM-2XA",
    procedure_title="Đăng ký khai sinh",
    step_reached="Bước 3/6: Thông tin người mẹ",
    expires_on=dt.date(2027, 1, 4),
    come_back="Để làm tiếp: tại ki-ốt, chọn «Tiếp tục hồ sơ đang làm».",
    agency_name=AGENCY,
)


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("paper", ["A5", "80mm"])
def test_the_slip_shows_code_qr_procedure_step_and_expiry(paper: str) -> None:
    pdf = render_draft_slip(SLIP, paper)  # type: ignore[arg-type]
    text = text_of(pdf)
    for expected in (
        "PHIẾU HỒ SƠ ĐANG LÀM",
        "K7QM-2XA",
        "Đăng ký khai sinh",
        "Bước 3/6: Thông tin người mẹ",
        "Hồ sơ được giữ đến hết ngày: 04/01/2027",
        "Tiếp tục hồ sơ đang làm",
        "giữ kín",
    ):
        assert expected in text, expected
    assert decode_qr_codes(pdf, scale=4) == ["CDKV-TIEPTUC:K7QM-2XA"]
    (page,) = pypdf.PdfReader(io.BytesIO(pdf)).pages
    width = float(page.mediabox.width)
    assert width == pytest.approx(A5[0] if paper == "A5" else 80 * mm, abs=1)
    assert render_draft_slip(SLIP, paper) == pdf  # type: ignore[arg-type]


def test_english_and_training() -> None:
    slip = dataclasses.replace(
        SLIP,
        language="en",
        procedure_title="Birth registration",
        step_reached="Step 3/6: Mother",
        training=True,
    )
    text = text_of(render_draft_slip(slip))
    assert "UNFINISHED DOSSIER SLIP" in text and "Resume code" in text
    assert "kept until the end of: 04/01/2027" in text
    assert "TRAINING" in text


def test_a_slip_without_a_code_or_on_unknown_paper_is_refused() -> None:
    with pytest.raises(DocumentDataError):
        render_draft_slip(dataclasses.replace(SLIP, resume_code=""))
    with pytest.raises(DocumentDataError):
        render_draft_slip(SLIP, "A4")  # type: ignore[arg-type]
