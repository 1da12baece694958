"""The retention run: everything the consent notice promises to forget, on a schedule.

One call (:func:`run_retention`) expires abandoned drafts, purges cases and
account requests past the promise, removes the files that held their data
(sealed receipts in ``documents/``, exports in ``exports/``, pre-migration backups
older than ``retention.backups_kept`` days) and records one
``retention_run`` audit event with the counts (``kiosk-sync report`` sums them
per day). The kiosk app calls :func:`run_retention_if_due` at start-up and from
its background sync thread; ``kiosk-sync run`` calls :func:`run_retention` every
time. Qt-free, so both share it.

"Due" is once a day, and robust to clocks: a last run stamped in the future
(the clock was set back, or was wrong and then fixed) counts as due at once,
so a clock jump can delay the run by a day at most, never stop it.
"""

from __future__ import annotations

import datetime as dt
import logging

from kiosk.admin.personal_files import EXPORT_KEEP_DAYS, prune_exports, sweep_receipts
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, from_storage, system_clock, to_storage
from kiosk.cases.housekeeping import (
    RetentionReport,
    expire_drafts,
    purge_account_requests,
    purge_finished,
)
from kiosk.config import KioskConfig
from kiosk.store.backup import remove_expired_pre_migration
from kiosk.store.database import Store, meta_value, set_meta_value

log = logging.getLogger(__name__)

LAST_RETENTION_RUN_KEY = "last_retention_run"
RETENTION_INTERVAL = dt.timedelta(days=1)


def run_retention(
    store: Store, config: KioskConfig, clock: Clock = system_clock
) -> RetentionReport:
    """Apply the retention rules now; safe to call as often as wanted (idempotent)."""
    now = clock()
    report = RetentionReport(
        drafts_expired=expire_drafts(store, config, clock),
        cases_purged=purge_finished(store, config, clock),
        account_requests_purged=purge_account_requests(store, config, clock),
        receipts_removed=sweep_receipts(store, now, config.retention.retention_days),
        exports_removed=prune_exports(store.layout, now, EXPORT_KEEP_DAYS),
        backups_removed=remove_expired_pre_migration(
            store.layout.backups, _backup_horizon(now, config.retention.backups_kept)
        ),
    )
    with store.sessions.begin() as session:
        if report.total:
            audit.record(
                session,
                Actor.system(),
                "retention_run",
                drafts_expired=report.drafts_expired,
                cases_purged=report.cases_purged,
                account_requests_purged=report.account_requests_purged,
                receipts_removed=report.receipts_removed,
                exports_removed=report.exports_removed,
                backups_removed=report.backups_removed,
            )
        set_meta_value(session, LAST_RETENTION_RUN_KEY, to_storage(now).isoformat())
    log.info("Retention run: %s", report.summary())
    return report


def _backup_horizon(now: dt.datetime, days: int) -> dt.datetime:
    """The oldest a backup may be, in the naive local time its file name carries."""
    return (now - dt.timedelta(days=days)).astimezone().replace(tzinfo=None)


def retention_due(store: Store, clock: Clock = system_clock) -> bool:
    """True when no run is recorded, the last one is a day old, or it lies in the future."""
    with store.sessions() as session:
        stamp = meta_value(session, LAST_RETENTION_RUN_KEY)
    if stamp is None:
        return True
    try:
        last = from_storage(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return True
    now = clock()
    return last > now or now - last >= RETENTION_INTERVAL


def run_retention_if_due(
    store: Store, config: KioskConfig, clock: Clock = system_clock
) -> RetentionReport | None:
    """:func:`run_retention` when :func:`retention_due`, else None."""
    if not retention_due(store, clock):
        return None
    return run_retention(store, config, clock)
