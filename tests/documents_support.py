"""Shared data for the document tests: a sample case snapshot and the QR read back.

Not a test module: imported by tests/documents/test_documents_*.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pypdfium2 as pdfium
import zxingcpp

from kiosk.documents import (
    CaseSnapshot,
    DeclarationRow,
    DeclarationSection,
    DeclarationTable,
    DocumentItem,
)

CITIZEN = "Nguyễn Thị Hồng Nhung"
CHILD = "Trần Minh Khôi"
AGENCY = "Ủy ban nhân dân phường Ba Đình"


def sample_snapshot(**changes: Any) -> CaseSnapshot:
    """A birth-registration case with documents, a fee and a declaration."""
    values: dict[str, Any] = {
        "local_reference": "BADINH-260520-01-0007-K",
        "dossier_code": "000.00.21.H42-260520-0001",
        "procedure_id": "birth-registration",
        "procedure_title": "Đăng ký khai sinh",
        "agency_name": AGENCY,
        "receiving_unit": "Bộ phận Một cửa",
        "citizen_name": CITIZEN,
        "citizen_address": "Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội",
        "citizen_phone": "0912 345 678",
        "citizen_email": "nhung@example.vn",
        "documents": (
            DocumentItem(name="Giấy chứng sinh", original_or_copy="original", quantity=1),
            DocumentItem(name="Căn cước của người đi đăng ký", original_or_copy="copy"),
            DocumentItem(
                name="Giấy chứng nhận kết hôn", original_or_copy="certified_copy", quantity=2
            ),
        ),
        "sets": 1,
        "processing_days": 3,
        "received_at": datetime(2026, 5, 20, 10, 5),
        "ready_on": date(2026, 5, 25),
        "collect_at": "Quầy số 2, Bộ phận Một cửa",
        "fee_amount": 20_000,
        "place_name": "Ba Đình",
        "declaration_sections": (
            DeclarationSection(
                title="I. THÔNG TIN NGƯỜI YÊU CẦU",
                rows=(
                    DeclarationRow(label="Họ, chữ đệm, tên người yêu cầu", value=CITIZEN),
                    DeclarationRow(label="Quan hệ với người được khai sinh", value="Mẹ"),
                ),
            ),
            DeclarationSection(
                title="II. THÔNG TIN NGƯỜI ĐƯỢC KHAI SINH",
                rows=(
                    DeclarationRow(label="Họ, chữ đệm, tên", value=CHILD),
                    DeclarationRow(label="Ngày, tháng, năm sinh", value="15/05/2026"),
                    DeclarationRow(label="Quê quán", value=""),
                ),
                table=DeclarationTable(
                    columns=("Họ và tên", "Quan hệ"),
                    rows=(("Trần Văn Đức", "Cha"),),
                ),
            ),
        ),
    }
    values.update(changes)
    return CaseSnapshot(**values)


def decode_qr_codes(pdf_bytes: bytes, page_index: int = 0, scale: float = 3.0) -> list[str]:
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        image = document[page_index].render(scale=scale).to_pil()
    finally:
        document.close()
    results = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    return [result.text for result in results]
