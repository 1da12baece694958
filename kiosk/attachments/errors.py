"""The one error family of :mod:`kiosk.attachments`: a message in both languages."""

from __future__ import annotations

from kiosk.procedures import LocalText


class AttachmentError(Exception):
    """Something the citizen or volunteer must be told; nothing already stored was lost."""

    def __init__(self, message: LocalText) -> None:
        super().__init__(message.en)
        self.message = message


MSG_CASE_QUOTA = LocalText(
    "Hồ sơ này đã có quá nhiều trang chụp ({used} MB, tối đa {limit} MB). "
    "Hãy xóa bớt trang hoặc chọn “Tôi sẽ mang bản giấy tới quầy”.",
    "This application already holds too many captured pages ({used} MB, at most {limit} MB). "
    "Delete some pages or choose “I will bring the paper to the counter”.",
)
MSG_KIOSK_QUOTA = LocalText(
    "Bộ nhớ dành cho giấy tờ chụp trên máy đã đầy. Các trang đã chụp vẫn được giữ. "
    "Hãy chọn “Tôi sẽ mang bản giấy tới quầy” và báo cán bộ.",
    "The kiosk's storage for captured papers is full. Pages already captured are kept. "
    "Choose “I will bring the paper to the counter” and tell an officer.",
)
MSG_DISK_FULL = LocalText(
    "Ổ đĩa của máy gần đầy nên không lưu thêm trang được. Các trang đã chụp vẫn được giữ. "
    "Hãy báo cán bộ.",
    "The kiosk's disk is nearly full, so no more pages can be stored. Pages already "
    "captured are kept. Please tell an officer.",
)
MSG_TOO_MANY_PAGES = LocalText(
    "Giấy tờ này chỉ có tối đa {limit} trang. Trang vừa chụp chưa được lưu.",
    "This document has at most {limit} pages. The page just captured was not stored.",
)
MSG_PAGE_LOST = LocalText(
    "Không đọc được một trang đã chụp (tệp bị hỏng hoặc mất). Hãy chụp lại trang đó.",
    "A captured page cannot be read (its file is damaged or missing). Please capture it again.",
)
