"""Errors of the case services; each carries a message fit for the screen."""

from __future__ import annotations

from kiosk.procedures.base import LocalText


class CaseError(Exception):
    """A request the case services refuse; ``message`` is shown to the person."""

    def __init__(self, message: LocalText) -> None:
        self.message = message
        super().__init__(message.vi)


class CaseNotFound(CaseError):
    def __init__(self) -> None:
        super().__init__(LocalText("Không tìm thấy hồ sơ này.", "This dossier could not be found."))


class CaseNotEditable(CaseError):
    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__(
            LocalText(
                "Hồ sơ này đã được nộp nên không sửa được nữa.",
                "This dossier has already been submitted and can no longer be changed.",
            )
        )


class SubmitBlocked(CaseError):
    """Some answers are missing or wrong; ``errors`` maps field ids to messages."""

    def __init__(self, step_id: str, errors: dict[str, LocalText]) -> None:
        self.step_id = step_id
        self.errors = errors
        super().__init__(
            LocalText(
                "Còn câu trả lời chưa đầy đủ. Xin kiểm tra lại trang được đánh dấu.",
                "Some answers are missing. Please check the marked page.",
            )
        )


class DocumentsMissing(CaseError):
    """Required papers neither scanned nor promised for the counter; ``missing`` names them.

    The capture screen stops the citizen earlier; this is the same rule below
    the UI, so no other path (``kiosk seed``, a volunteer's) submits without them.
    """

    def __init__(self, missing: tuple[LocalText, ...]) -> None:
        self.missing = missing
        super().__init__(
            LocalText(
                "Hồ sơ còn thiếu giấy tờ: {vi}. Xin chụp giấy tờ, hoặc chọn "
                "«Tôi sẽ mang bản giấy tới quầy».".format(vi="; ".join(m.vi for m in missing)),
                "The dossier still lacks: {en}. Please scan it, or choose "
                "“I will bring the paper to the counter”.".format(
                    en="; ".join(m.en for m in missing)
                ),
            )
        )


class ConsentRequired(CaseError):
    def __init__(self) -> None:
        super().__init__(
            LocalText(
                "Cần có sự đồng ý của quý vị trước khi nộp hồ sơ.",
                "Your consent is needed before the dossier is submitted.",
            )
        )


class UnknownProcedure(CaseError):
    """The catalogue has no procedure with this id (a stale button, a bad caller)."""

    def __init__(self) -> None:
        super().__init__(
            LocalText(
                "Ki-ốt không có thủ tục này. Xin chọn lại trong danh sách.",
                "The kiosk has no such procedure. Please choose again from the list.",
            )
        )


class UnknownStep(CaseError, KeyError):
    """The procedure has no step with this id (also a ``KeyError``, as it was before)."""

    def __init__(self) -> None:
        super().__init__(
            LocalText("Không có trang này trong hồ sơ.", "This dossier has no such page.")
        )

    def __str__(self) -> str:
        return self.message.vi


class UnsupportedLanguage(CaseError):
    def __init__(self) -> None:
        super().__init__(
            LocalText("Ngôn ngữ này chưa được hỗ trợ.", "This language is not supported.")
        )


class DiskNearlyFull(CaseError):
    """Free space is below ``storage.min_free_mb``: no new case until room is made.

    Cases already started can still be finished and submitted; only new ones wait.
    """

    def __init__(self) -> None:
        super().__init__(
            LocalText(
                "Ki-ốt tạm thời chưa nhận hồ sơ mới. Xin quý vị vui lòng liên hệ cán bộ "
                "tại quầy; hồ sơ đang làm dở vẫn được giữ nguyên.",
                "The kiosk cannot take new dossiers for the moment. Please ask the staff "
                "at the counter; dossiers already started are kept.",
            )
        )


class CaseLockedElsewhere(CaseError):
    """The draft is open at another kiosk of the ward; ``kiosk_number`` says which.

    Nothing was changed. The lock ends when that kiosk's session ends, or by itself
    ``database.draft_lock_minutes`` after its last save.
    """

    def __init__(self, kiosk_number: int, until_local: str) -> None:
        self.kiosk_number = kiosk_number
        super().__init__(
            LocalText(
                f"Hồ sơ này đang được mở ở ki-ốt số {kiosk_number}. Xin kết thúc ở ki-ốt đó, "
                f"hoặc đợi đến {until_local} rồi thử lại.",
                f"This dossier is open at kiosk {kiosk_number}. Please finish there, "
                f"or wait until {until_local} and try again.",
            )
        )
