"""Fixed wording of the documents, in Vietnamese (official) and English.

The national header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do -
Hạnh phúc") is always Vietnamese; an English document adds a translation line.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from kiosk.code_names import DOSSIER_CODE, LOCAL_REFERENCE
from kiosk.documents.dates import long_date as long_date
from kiosk.documents.dates import short_date as short_date
from kiosk.payments import amount_in_words, format_vnd

if TYPE_CHECKING:
    from kiosk.documents.snapshot import CaseSnapshot

NATIONAL_NAME: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_HEADER_EN: Final = "Socialist Republic of Viet Nam — Independence - Freedom - Happiness"
TRAINING_WATERMARK: Final = "BẢN DÙNG THỬ – TRAINING"

LABELS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "receipt_title": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "dossier_code": DOSSIER_CODE.vi,
        "dossier_code_pending": "sẽ được cấp khi hồ sơ chuyển lên Cổng Dịch vụ công",
        "local_reference": LOCAL_REFERENCE.vi,
        "received_from": "Tiếp nhận hồ sơ của",
        "address": "Địa chỉ",
        "phone": "Số điện thoại",
        "email": "Thư điện tử",
        "request": "Nội dung yêu cầu giải quyết",
        "documents_heading": "Thành phần hồ sơ nộp gồm",
        "col_number": "STT",
        "col_document": "Tên giấy tờ",
        "col_form": "Hình thức",
        "col_quantity": "Số lượng",
        "no_documents": "Không có giấy tờ kèm theo",
        "sets": "Số lượng hồ sơ",
        "sets_value": "{sets:02d} bộ",
        "processing_time": "Thời gian giải quyết hồ sơ theo quy định",
        "same_day": "trong ngày",
        "working_days": "{days:02d} ngày làm việc",
        "received_at": "Thời gian nhận hồ sơ",
        "ready_on": "Thời gian trả kết quả giải quyết hồ sơ",
        "collect_at": "Nơi nhận kết quả",
        "fee": "Phí, lệ phí",
        "free": "Không thu phí, lệ phí",
        "scan_to_track": "Quét mã để tra cứu hồ sơ",
        "submitter": "NGƯỜI NỘP HỒ SƠ",
        "receiver": "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "sign_hint": "(Ký và ghi rõ họ tên)",
        "bring_slip": "Vui lòng mang theo giấy này khi đến nhận kết quả.",
        "original": "Bản chính",
        "copy": "Bản sao",
        "certified_copy": "Bản sao chứng thực",
        "declaration_prefix": "TỜ KHAI",
        "form_code": "Mẫu",
        "addressed_to": "Kính gửi",
        "commitment": (
            "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách "
            "nhiệm trước pháp luật về cam đoan của mình."
        ),
        "requester": "Người yêu cầu",
        "requester_hint": "(Ký, ghi rõ họ tên)",
        "page": "Trang",
        "draft_slip_title": "PHIẾU HỒ SƠ ĐANG LÀM",
        "resume_code": "Mã tiếp tục",
        "procedure": "Thủ tục",
        "step_reached": "Đã làm đến",
        "draft_kept_until": "Hồ sơ được giữ đến hết ngày",
        "keep_code_private": "Phiếu không ghi thông tin cá nhân. Xin giữ kín mã này: "
        "ai có mã đều mở được hồ sơ.",
    },
    "en": {
        "receipt_title": "RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT",
        "dossier_code": DOSSIER_CODE.en,
        "dossier_code_pending": "issued when the dossier reaches the Public Service Portal",
        "local_reference": LOCAL_REFERENCE.en,
        "received_from": "Received from",
        "address": "Address",
        "phone": "Phone",
        "email": "Email",
        "request": "Request",
        "documents_heading": "Documents submitted",
        "col_number": "No.",
        "col_document": "Document",
        "col_form": "Form",
        "col_quantity": "Qty",
        "no_documents": "No documents attached",
        "sets": "Number of sets",
        "sets_value": "{sets}",
        "processing_time": "Statutory processing time",
        "same_day": "same day",
        "working_days": "{days} working days",
        "received_at": "Received at",
        "ready_on": "Result ready on",
        "collect_at": "Collect the result at",
        "fee": "Fees",
        "free": "Free of charge",
        "scan_to_track": "Scan to track your dossier",
        "submitter": "SUBMITTED BY",
        "receiver": "RECEIVED BY",
        "sign_hint": "(Signature and full name)",
        "bring_slip": "Please bring this slip when you collect the result.",
        "original": "Original",
        "copy": "Copy",
        "certified_copy": "Certified copy",
        "declaration_prefix": "DECLARATION",
        "form_code": "Form",
        "addressed_to": "To",
        "commitment": (
            "I declare that the information above is true and I take responsibility "
            "before the law for this declaration."
        ),
        "requester": "Requester",
        "requester_hint": "(Signature and full name)",
        "page": "Page",
        "draft_slip_title": "UNFINISHED DOSSIER SLIP",
        "resume_code": "Resume code",
        "procedure": "Procedure",
        "step_reached": "Reached",
        "draft_kept_until": "The dossier is kept until the end of",
        "keep_code_private": "This slip holds no personal data. Keep the code private: "
        "anyone with it can open the dossier.",
    },
}


def label(language: str, key: str) -> str:
    """The wording for ``key`` in ``language`` (Vietnamese when unknown)."""
    return LABELS.get(language, LABELS["vi"])[key]


def received_time(moment: datetime, language: str) -> str:
    """``10 giờ 05 phút, ngày 20/05/2026`` / ``10:05, 20/05/2026``."""
    if language == "en":
        return f"{moment.hour:02d}:{moment.minute:02d}, {short_date(moment.date())}"
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, ngày {short_date(moment.date())}"


def processing_time(days: int, language: str) -> str:
    """``trong ngày`` or ``03 ngày làm việc``."""
    if days == 0:
        return label(language, "same_day")
    return label(language, "working_days").format(days=days)


def fee_text(amount: int, language: str) -> str:
    """``20.000 ₫ (Hai mươi nghìn đồng)``, or the free-of-charge wording for 0."""
    if amount == 0:
        return label(language, "free")
    locale = "en" if language == "en" else "vi"
    return f"{format_vnd(amount, locale)} ({amount_in_words(amount, language)})"


def schedule_rows(snapshot: CaseSnapshot) -> list[tuple[str, str]]:
    """The receipt's numbered rows after the request: (label key, value), in order.

    One list for both A5 layouts (the canvas one and the platypus one it must match).
    """
    language = snapshot.language
    ready = short_date(snapshot.ready_on)
    if language == "vi":
        ready = f"ngày {ready}"
    return [
        ("sets", label(language, "sets_value").format(sets=snapshot.sets)),
        ("processing_time", processing_time(snapshot.processing_days, language)),
        ("received_at", received_time(snapshot.received_at, language)),
        ("ready_on", ready),
        ("collect_at", snapshot.collect_at),
        ("fee", fee_text(snapshot.fee_amount, language)),
    ]
