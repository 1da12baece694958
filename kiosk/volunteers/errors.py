"""Refusals of the volunteer services; each carries a message fit for the screen.

Messages never contain the PIN that was typed, nor a citizen's data.
"""

from __future__ import annotations

from kiosk.procedures.base import LocalText


class VolunteerError(Exception):
    """A request the volunteer services refuse; ``message`` is shown to the person."""

    def __init__(self, message: LocalText) -> None:
        self.message = message
        super().__init__(message.vi)


class InvalidPin(VolunteerError):
    """A new PIN that cannot be accepted (wrong length, not digits, too easy to guess)."""


class InvalidVolunteer(VolunteerError):
    """A name, branch or role that cannot be stored."""


class VolunteerNotFound(VolunteerError):
    def __init__(self) -> None:
        super().__init__(
            LocalText("Không tìm thấy tài khoản cán bộ này.", "This account could not be found.")
        )


class NotPermitted(VolunteerError):
    """The acting person may not do this (only the IT officer manages accounts)."""

    def __init__(self) -> None:
        super().__init__(
            LocalText(
                "Chỉ cán bộ kỹ thuật (tài khoản quản trị) mới được làm việc này.",
                "Only the IT officer (an admin account) may do this.",
            )
        )


class LastAdmin(VolunteerError):
    """Deactivating or demoting the only active admin would lock everyone out."""

    def __init__(self) -> None:
        super().__init__(
            LocalText(
                "Không thể khoá tài khoản quản trị cuối cùng: "
                "hãy tạo tài khoản quản trị khác trước.",
                "The last admin account cannot be deactivated: create another admin first.",
            )
        )


class SignInError(VolunteerError):
    """Sign-in refused; ``attempts_left`` and ``locked_minutes`` say why, for the screen."""

    def __init__(
        self,
        message: LocalText,
        *,
        attempts_left: int | None = None,
        locked_minutes: int | None = None,
    ) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left
        self.locked_minutes = locked_minutes

    @classmethod
    def wrong_pin(cls, attempts_left: int) -> SignInError:
        return cls(
            LocalText(
                f"Mã PIN không đúng. Còn {attempts_left} lần thử.",
                f"Wrong PIN. {attempts_left} attempt(s) left.",
            ),
            attempts_left=attempts_left,
        )

    @classmethod
    def locked(cls, minutes: int) -> SignInError:
        return cls(
            LocalText(
                "Tài khoản tạm khoá do nhập sai mã PIN nhiều lần. "
                f"Vui lòng thử lại sau {minutes} phút.",
                "This account is locked after too many wrong PINs. "
                f"Try again in {minutes} minute(s).",
            ),
            attempts_left=0,
            locked_minutes=minutes,
        )

    @classmethod
    def inactive(cls) -> SignInError:
        return cls(
            LocalText(
                "Tài khoản này đã ngừng hoạt động. Vui lòng liên hệ cán bộ kỹ thuật.",
                "This account has been deactivated. Please contact the IT officer.",
            )
        )
