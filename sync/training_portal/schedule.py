"""How the training portal moves dossiers along: received -> processing -> done.

A deterministic share of dossiers ends in ``needs_more`` instead of ``done`` (the
share is chosen by a hash of the dossier code, so a demo is repeatable). Steps are
applied lazily, when someone reads, or at once through ``/training/advance``. A
dossier becomes ``done`` no earlier than its appointment date (the procedure's
processing time); ``/training/advance`` still moves it at once for a demo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sync.training_portal.timeutil import VIETNAM_TIME

OFFICE_OPENS = time(7, 30)  # a decision on the appointment day is ready when the office opens

RECEIVED, PROCESSING, NEEDS_MORE, DONE, REJECTED = (
    "received",
    "processing",
    "needs_more",
    "done",
    "rejected",
)
TERMINAL_STATUSES = frozenset({NEEDS_MORE, DONE, REJECTED})

STATUS_MESSAGES = {
    RECEIVED: "Cổng dịch vụ công đã tiếp nhận hồ sơ.",
    PROCESSING: "Hồ sơ đang được cán bộ xử lý.",
    NEEDS_MORE: "Hồ sơ cần bổ sung: bản sao giấy tờ tùy thân có chứng thực.",
    DONE: "Đã có kết quả. Mời ông/bà đến Bộ phận Một cửa để nhận.",
}


@dataclass(frozen=True)
class StatusSchedule:
    """Delays (seconds) before each step, and the percentage that needs more documents."""

    processing_after_seconds: float = 15.0
    decided_after_seconds: float = 45.0
    needs_more_percent: int = 20

    def needs_more(self, dossier_code: str) -> bool:
        digest = hashlib.sha256(dossier_code.encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % 100 < self.needs_more_percent

    def next_status(self, status: str, dossier_code: str) -> str | None:
        """The status after ``status``, or None when the dossier is finished."""
        if status == RECEIVED:
            return PROCESSING
        if status == PROCESSING:
            return NEEDS_MORE if self.needs_more(dossier_code) else DONE
        return None

    def due_at(
        self,
        status: str,
        since: datetime,
        following: str | None = None,
        appointment: date | None = None,
    ) -> datetime | None:
        """When a dossier that entered ``status`` at ``since`` takes its next step.

        A result is never ``done`` before the office opens on the appointment date
        the receipt promised (the procedure's processing time): a 7-day residence
        registration must not read "result ready" minutes after it was filed. A
        request for more documents may come earlier, as it does at a real office.
        """
        if status == RECEIVED:
            return since + timedelta(seconds=self.processing_after_seconds)
        if status == PROCESSING:
            decided = since + timedelta(seconds=self.decided_after_seconds)
            if following == DONE and appointment is not None:
                opening = datetime.combine(appointment, OFFICE_OPENS, VIETNAM_TIME)
                return max(decided, opening.astimezone(since.tzinfo))
            return decided
        return None
