"""What can go wrong talking to a portal, as a few typed exceptions.

Two families, as the sync engine needs them: ``retryable`` errors are the
environment's (network, portal down or busy, garbage from a proxy) and the engine
tries again later with the same ``Idempotency-Key``; the others need a person
(a volunteer fixes the dossier, a technician fixes credentials or certificates).
Every error carries a plain Vietnamese ``message_vi`` that may be shown as is,
and an English ``detail`` for logs (never personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class FieldProblem:
    """One field the portal refused: dotted path in the body, Vietnamese message."""

    field: str
    message: str
    code: str | None = None


class PortalError(Exception):
    """Base of every client error; ``code`` is the portal's machine code when it sent one."""

    retryable: ClassVar[bool] = False
    default_message_vi: ClassVar[str] = "Có lỗi khi trao đổi với Cổng dịch vụ công."

    def __init__(
        self,
        detail: str,
        *,
        message_vi: str | None = None,
        code: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.message_vi = message_vi or self.default_message_vi
        self.code = code
        self.status = status


class PortalUnavailable(PortalError):
    """The portal could not be reached or did not answer sensibly; try again later.

    ``reason`` is one of ``"connection"`` (refused, reset, dropped), ``"timeout"``
    (no answer within the read timeout; the request may have been processed),
    ``"server_error"`` (5xx) and ``"garbage"`` (an answer outside the contract).
    """

    retryable = True
    default_message_vi = (
        "Chưa kết nối được Cổng dịch vụ công. Hồ sơ đã được lưu và sẽ tự động gửi lại."
    )

    def __init__(self, reason: str, detail: str, *, status: int | None = None) -> None:
        super().__init__(detail, status=status, code=reason)
        self.reason = reason


class RateLimited(PortalError):
    """429: the portal asks to wait ``retry_after_seconds`` before the next request."""

    retryable = True
    default_message_vi = "Cổng dịch vụ công đang bận. Hồ sơ sẽ được gửi lại sau ít phút."

    def __init__(
        self,
        retry_after_seconds: float,
        *,
        code: str | None = None,
        message_vi: str | None = None,
    ) -> None:
        super().__init__(
            f"rate limited, retry after {retry_after_seconds:g} s",
            message_vi=message_vi,
            code=code or "rate_limited",
            status=429,
        )
        self.retry_after_seconds = retry_after_seconds


class PortalRejected(PortalError):
    """The portal refused the request itself (4xx): resending it unchanged will not help.

    For a dossier, ``message_vi`` and ``errors`` go back to the volunteers.
    """

    default_message_vi = "Cổng dịch vụ công không nhận yêu cầu này."

    def __init__(
        self,
        status: int | None,
        code: str,
        message_vi: str | None,
        errors: tuple[FieldProblem, ...] = (),
        detail: str = "",
    ) -> None:
        super().__init__(
            detail or f"rejected: {status} {code}", message_vi=message_vi, code=code, status=status
        )
        self.errors = errors


class IdempotencyConflict(PortalError):
    """409: this idempotency key was already used with a different body."""

    default_message_vi = (
        "Hồ sơ này đã được gửi lên cổng với nội dung khác. Cán bộ cần kiểm tra lại."
    )


class AuthFailed(PortalError):
    """The kiosk's credentials (or enrolment secret) were refused."""

    default_message_vi = (
        "Ki-ốt chưa được cấp quyền trao đổi với Cổng dịch vụ công. Vui lòng báo cán bộ kỹ thuật."
    )


class TlsError(PortalError):
    """The portal's certificate could not be verified; verification is never turned off."""

    default_message_vi = (
        "Không xác minh được chứng chỉ bảo mật của Cổng dịch vụ công. Vui lòng báo cán bộ kỹ thuật."
    )
