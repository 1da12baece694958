"""Outbox counts, the oldest waiting item and the last runs: ``kiosk-sync status``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select

from kiosk.store.acknowledged import LAST_PORTAL_CHECK, portal_check
from kiosk.store.database import LAST_SYNC_SUCCESS_KEY, Store, meta_value
from kiosk.store.models import OutboxEntry, SyncRun


def outbox_status(store: Store, now: dt.datetime | None = None) -> dict[str, Any]:
    moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.sessions() as session:
        counts = dict(
            session.execute(
                select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
            ).all()
        )
        oldest = session.scalar(
            select(func.min(OutboxEntry.created_at)).where(
                OutboxEntry.state.in_(("queued", "sending"))
            )
        )
        runs = session.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(5)).all()
        last_success = meta_value(session, LAST_SYNC_SUCCESS_KEY)
        check_pending = portal_check(session) is not None
        last_check = meta_value(session, LAST_PORTAL_CHECK)
    return {
        "portal_check_pending": check_pending,
        "last_portal_check": None if last_check is None else json.loads(last_check),
        "outbox": {state: int(count) for state, count in counts.items()},
        "waiting": int(counts.get("queued", 0)) + int(counts.get("sending", 0)),
        "oldest_waiting_seconds": None
        if oldest is None
        else round((moment - oldest).total_seconds()),
        "last_success": last_success,
        "last_runs": [
            {
                "started_at": run.started_at.isoformat(timespec="seconds"),
                "finished_at": None
                if run.finished_at is None
                else run.finished_at.isoformat(timespec="seconds"),
                "outcome": run.outcome,
                "pushed": run.pushed,
                "rejected": run.rejected,
                "failed": run.failed,
                "pending": run.pending,
                "statuses_updated": run.statuses_updated,
            }
            for run in runs
        ],
    }
