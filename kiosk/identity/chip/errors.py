"""The chip package's errors: each says, in Vietnamese and English, what the volunteer can do.

``reason`` is a short English code for logs and tests; the two texts never hold
anything read from the card, so an error may be logged as is. The UI shows
``message_vi`` (or ``message_en`` in English mode); the Qt-free layer cannot
use ``tr()``, so both languages travel with the error.
"""

from __future__ import annotations

from typing import Final

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "no_reader": (
        "Không tìm thấy đầu đọc thẻ. Xin vui lòng quét mã QR trên thẻ hoặc nhờ cán bộ hỗ trợ.",
        "No card reader was found. Please scan the QR code on the card or ask staff for help.",
    ),
    "pcsc_unavailable": (
        "Dịch vụ đầu đọc thẻ chưa chạy. Xin vui lòng quét mã QR trên thẻ hoặc nhờ cán bộ hỗ trợ.",
        "The card reader service is not running. Please scan the QR code or ask staff for help.",
    ),
    "no_card": (
        "Chưa có thẻ trên đầu đọc. Xin vui lòng đặt thẻ lên đầu đọc.",
        "There is no card on the reader. Please put the card on the reader.",
    ),
    "card_removed": (
        "Thẻ đã bị nhấc ra trong lúc đọc. Xin vui lòng đặt lại thẻ và giữ yên đến khi đọc xong.",
        "The card was lifted during the read. Please put it back and hold it still until done.",
    ),
    "not_an_id_chip": (
        "Thẻ này không có chip căn cước. Xin vui lòng dùng thẻ căn cước gắn chip.",
        "This card has no identity chip. Please use a chip-based citizen identity card.",
    ),
    "foreign_document": (
        "Đây là giấy tờ nước ngoài (hộ chiếu hoặc thẻ của nước khác). "
        "Ki-ốt chỉ đọc thẻ căn cước Việt Nam; xin vui lòng nhờ cán bộ hỗ trợ.",
        "This is a foreign document (a passport or another country's card). "
        "The kiosk reads Vietnamese identity cards only; please ask staff for help.",
    ),
    "access_denied": (
        "Chip từ chối mở khóa với thông tin đã có. Xin vui lòng nhờ cán bộ nhập số thẻ, "
        "ngày sinh và ngày hết hạn in trên thẻ.",
        "The chip refused the access data. Please ask staff to type the card number, "
        "birth date and expiry date printed on the card.",
    ),
    "secure_messaging": (
        "Kết nối với chip bị lỗi bảo mật. Xin vui lòng đặt lại thẻ và thử lại.",
        "The secure connection to the chip failed. Please put the card back and try again.",
    ),
    "chip_error": (
        "Chip trả lời không đúng. Xin vui lòng đặt lại thẻ và thử lại.",
        "The chip answered unexpectedly. Please put the card back and try again.",
    ),
    "chip_data": (
        "Dữ liệu trong chip không đọc được đầy đủ. Xin vui lòng quét mã QR trên thẻ.",
        "The data on the chip could not be read in full. Please scan the QR code on the card.",
    ),
    "access_data": (
        "Thông tin mở khóa chip chưa hợp lệ. Xin vui lòng kiểm tra số thẻ, ngày sinh và "
        "ngày hết hạn.",
        "The chip access data is not valid. Please check the card number, birth date and "
        "expiry date.",
    ),
}


class ChipError(Exception):
    """A read that cannot go on; ``reason`` selects the message (see ``_MESSAGES``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        message_vi, message_en = _MESSAGES[reason]
        super().__init__(message_vi)
        self.reason = reason
        self.message_vi = message_vi
        self.message_en = message_en
        # Technical detail for the log (status words, tags); never card data.
        self.detail = detail

    def __repr__(self) -> str:
        return f"{type(self).__name__}(reason={self.reason!r}, detail={self.detail!r})"


class ReaderError(ChipError):
    """The environment's fault: no PC/SC service, no reader, no card, card lifted."""


class AccessDeniedError(ChipError):
    """The chip refused Basic Access Control: the access data does not match the card."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("access_denied", detail)


class SecureMessagingError(ChipError):
    """A protected response failed its MAC or structure check."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("secure_messaging", detail)


class ChipDataError(ChipError):
    """A data group is malformed or lacks a field the kiosk needs."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("chip_data", detail)


class TlvError(ValueError):
    """Bytes that are not well-formed BER-TLV; the parser raises nothing else."""
