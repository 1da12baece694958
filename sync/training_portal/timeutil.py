"""Time helpers: UTC instants as ISO 8601 text, and the office's local calendar.

The portal stores and sends UTC; dossier codes and appointment dates use the
office's calendar (Vietnam, UTC+7, no daylight saving, so a fixed offset is exact).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def system_clock() -> datetime:
    """The real time, timezone-aware UTC."""
    return datetime.now(UTC)


def to_iso(instant: datetime) -> str:
    """``2026-01-15T03:04:05Z``: UTC, whole seconds."""
    return instant.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str) -> datetime:
    """Inverse of :func:`to_iso` (accepts any offset); raises ValueError on bad text."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError("timestamp without a timezone")
    return parsed.astimezone(UTC)
