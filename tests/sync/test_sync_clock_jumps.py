"""Issue 14, finding 10 (sync side): a clock set forward and corrected leaves nothing stuck.

A retry scheduled while the clock ran a year ahead, or a lease taken then, would
have blocked sync for that year once the clock came back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from kiosk.store.database import Store
from kiosk.store.models import OutboxEntry
from sync.lease import Lease
from sync.scheduler import outbox_counts
from tests.sync_support import submit_cases

NOW = dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.UTC)


def test_a_retry_scheduled_under_a_clock_a_year_ahead_is_due_now(store: Store) -> None:
    submit_cases(store, 2)
    with store.sessions.begin() as session:
        session.execute(update(OutboxEntry).values(next_attempt_at=dt.datetime(2027, 12, 6, 2, 1)))
    counts = outbox_counts(store, NOW.replace(tzinfo=None))
    assert (counts.waiting, counts.due) == (2, 2)


def test_a_lease_taken_under_a_clock_a_year_ahead_does_not_block(store: Store) -> None:
    ahead = Lease(store, "kiosk-sync@another-host:1", clock=lambda: NOW.replace(year=2027))
    assert ahead.acquire()
    back = Lease(store, "kiosk-app@another-host:2", clock=lambda: NOW)
    assert back.acquire()
    # A live lease of the present is still respected.
    other = Lease(store, "kiosk-sync@another-host:3", clock=lambda: NOW)
    assert not other.acquire()
