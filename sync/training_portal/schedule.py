"""How the training portal moves dossiers along: received -> processing -> done.

A deterministic share of dossiers ends in ``needs_more`` instead of ``done`` (the
share is chosen by a hash of the dossier code, so a demo is repeatable). Steps are
applied lazily, when someone reads, or at once through ``/training/advance``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

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

    def due_at(self, status: str, since: datetime) -> datetime | None:
        """When a dossier that entered ``status`` at ``since`` takes its next step."""
        if status == RECEIVED:
            return since + timedelta(seconds=self.processing_after_seconds)
        if status == PROCESSING:
            return since + timedelta(seconds=self.decided_after_seconds)
        return None
