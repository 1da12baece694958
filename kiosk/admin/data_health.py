"""One or two lines for the staff "Today" panel: what a restore, a damaged WAL or a
full disk did to the data, and what the kiosk recovered from the portal.

Read from what start-up found (:class:`~kiosk.store.database.Store`) and from the
portal check's summary in ``kiosk_meta`` (written by ``sync.reconcile``); both
languages, since this layer is Qt-free. Counts and local references only.
"""

from __future__ import annotations

import json

from kiosk.procedures.base import LocalText
from kiosk.store.acknowledged import LAST_PORTAL_CHECK, portal_check
from kiosk.store.backup import free_bytes
from kiosk.store.database import Store, meta_value

_SHOWN_REFERENCES = 5


def _references(references: list[str]) -> str:
    shown = ", ".join(references[:_SHOWN_REFERENCES])
    more = len(references) - _SHOWN_REFERENCES
    return shown + (f" (+{more})" if more > 0 else "")


def data_health(store: Store) -> list[LocalText]:
    lines: list[LocalText] = []
    if store.recovery is not None:
        lines.append(
            LocalText(
                store.recovery.message_vi(),
                "The database was damaged or missing at start-up"
                + (
                    f" and was restored from backup {store.recovery.restored_from.name}."
                    if store.recovery.restored_from is not None
                    else "; no backup was usable: the kiosk started empty."
                ),
            )
        )
    if store.lost_writes is not None:
        lines.append(
            LocalText(
                store.lost_writes.message_vi(),
                f"The database lacks {store.lost_writes.submits_missing} acknowledged "
                "submission(s); the kiosk will ask the portal what it holds. New references "
                "do not repeat old ones.",
            )
        )
    with store.sessions() as session:
        pending = portal_check(session)
        raw_summary = meta_value(session, LAST_PORTAL_CHECK)
    if pending is not None:
        lines.append(
            LocalText(
                "Đang chờ hỏi lại Cổng những hồ sơ ki-ốt đã gửi (sau khi khôi phục dữ liệu).",
                "Waiting to ask the portal which dossiers this kiosk sent (after a restore).",
            )
        )
    elif raw_summary is not None:
        summary = json.loads(raw_summary)
        recovered, lost = list(summary.get("recovered", [])), list(summary.get("lost", []))
        if recovered or lost:
            day = str(summary.get("at", ""))[:10]
            vi = f"Kiểm tra với Cổng ngày {day}: khôi phục được {len(recovered)} hồ sơ"
            en = f"Portal check on {day}: {len(recovered)} dossier(s) recovered"
            if lost:
                vi += f"; mất {len(lost)} hồ sơ chưa tới Cổng, cần mời công dân nộp lại: "
                vi += _references(lost)
                en += f"; {len(lost)} never reached the portal, ask the citizens to come back: "
                en += _references(lost)
            lines.append(LocalText(vi + ".", en + "."))
    for warning in store.warnings:
        lines.append(LocalText(warning, "Disk nearly full: today's backup was skipped."))
    try:
        nearly_full = free_bytes(store.layout.root) < store.min_free_bytes
    except OSError:
        nearly_full = False
    if nearly_full:
        lines.append(
            LocalText(
                "Ổ đĩa gần đầy: ki-ốt tạm dừng nhận hồ sơ mới; hãy giải phóng chỗ trống.",
                "Disk nearly full: the kiosk takes no new dossiers until space is freed.",
            )
        )
    return lines
