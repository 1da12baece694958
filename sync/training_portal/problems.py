"""RFC 9457 problem documents: the one error format of the portal contract.

Handlers raise :class:`ProblemError`; the HTTP layer turns it into an
``application/problem+json`` response. ``code`` is what clients branch on;
``message_vi`` is plain Vietnamese a kiosk may show as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://portal.example/problems/"


@dataclass(frozen=True)
class FieldError:
    """One invalid field: a dotted path in the request body and a Vietnamese message."""

    field: str
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass(eq=False)
class ProblemError(Exception):
    """An error response. ``headers`` go out with it (e.g. ``Retry-After``)."""

    status: int
    code: str
    title: str
    message_vi: str
    detail: str = ""
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.detail or self.title}"

    def as_json(self) -> dict[str, object]:
        document: dict[str, object] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail or self.title,
            "code": self.code,
            "message_vi": self.message_vi,
        }
        if self.errors:
            document["errors"] = [error.as_json() for error in self.errors]
        return document


def validation_failed(errors: list[FieldError]) -> ProblemError:
    return ProblemError(
        422,
        "validation_failed",
        "Validation failed",
        "Hồ sơ chưa hợp lệ. Vui lòng kiểm tra lại các mục được đánh dấu.",
        detail="; ".join(f"{error.field}: {error.code}" for error in errors),
        errors=errors,
    )


def bad_request(code: str, detail: str, message_vi: str) -> ProblemError:
    return ProblemError(400, code, "Bad request", message_vi, detail=detail)


def not_found(detail: str = "No such resource") -> ProblemError:
    return ProblemError(404, "not_found", "Not found", "Không tìm thấy thông tin yêu cầu.", detail)


def invalid_token() -> ProblemError:
    return ProblemError(
        401,
        "invalid_token",
        "Invalid or expired access token",
        "Phiên làm việc của ki-ốt với cổng dịch vụ công đã hết hạn.",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def rate_limited(retry_after_seconds: int, code: str, message_vi: str) -> ProblemError:
    return ProblemError(
        429,
        code,
        "Too many requests",
        message_vi,
        detail=f"Retry after {retry_after_seconds} s",
        headers={"Retry-After": str(retry_after_seconds)},
    )
