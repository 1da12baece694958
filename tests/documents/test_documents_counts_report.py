"""kiosk/documents/counts_report: the day's report page, parsed back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from kiosk.documents.counts_report import CountTable, render_counts_report


def page_text(pdf: bytes) -> str:
    """The words in reading order, one space apart (cells come out on lines of their own)."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def render() -> bytes:
    return render_counts_report(
        agency_name="UBND Phường Điện Bàn",
        kiosk_number=2,
        title="Báo cáo hoạt động ki-ốt trong ngày",
        day=dt.date(2026, 11, 29),
        tables=[
            CountTable("Hồ sơ tiếp nhận tại ki-ốt", [("birth", 7), ("marital_status", 3)]),
            CountTable("Tình nguyện viên hỗ trợ", [("Nguyễn Thị Lan <b>&", 4)]),
            CountTable("Bị trả lại, cần bổ sung", []),
        ],
        notes=["Đang chờ gửi lên Cổng: 5"],
    )


def test_the_report_reads_back_with_its_counts_and_totals() -> None:
    text = page_text(render())
    assert "UBND PHƯỜNG ĐIỆN BÀN" in text and "Ki-ốt số 2" in text
    assert "BÁO CÁO HOẠT ĐỘNG KI-ỐT TRONG NGÀY" in text
    assert "Ngày 29/11/2026" in text
    assert "birth 7" in text and "marital_status 3" in text
    assert "Tổng cộng 10" in text
    assert "Nguyễn Thị Lan <b>&" in text  # untrusted text is drawn, not interpreted
    assert "Tổng cộng 0" in text  # an empty section still says so
    assert "Đang chờ gửi lên Cổng: 5" in text


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render() == render()
