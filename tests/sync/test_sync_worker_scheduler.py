"""The background sync's decisions (sync/scheduler.py), Qt-free, with a manual clock."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.cases import AccountService, Actor, ConsentNotice
from kiosk.store.database import Store
from kiosk.store.models import OutboxEntry
from sync.scheduler import OutboxCounts, SyncIntervals, SyncScheduler, outbox_counts
from tests.cases_support import CARD

INTERVALS = SyncIntervals(
    check_seconds=20, offline_probe_seconds=60, idle_seconds=300, soon_seconds=0.5
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def counts(waiting: int = 0, due: int = 0) -> OutboxCounts:
    return OutboxCounts(waiting=waiting, due=due, last_success=None)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def scheduler(clock: Clock) -> SyncScheduler:
    return SyncScheduler(INTERVALS, clock)


def test_first_check_probes_and_passes_even_with_nothing_waiting(
    scheduler: SyncScheduler,
) -> None:
    decision = scheduler.decide(counts())
    assert decision.probe and decision.run_pass and decision.reason == "periodic"


def test_idle_pass_every_few_minutes(scheduler: SyncScheduler, clock: Clock) -> None:
    scheduler.record_probe(True)
    scheduler.record_pass(online=True)
    clock.now += 299
    assert scheduler.decide(counts()).idle
    clock.now += 1
    assert scheduler.decide(counts()).run_pass


def test_waiting_and_due_runs_a_pass_right_away(scheduler: SyncScheduler) -> None:
    scheduler.record_probe(True)
    scheduler.record_pass(online=True)
    decision = scheduler.decide(counts(waiting=2, due=1))
    assert decision.probe and decision.run_pass and decision.reason == "waiting"


def test_waiting_but_not_due_waits_for_the_retry_time(scheduler: SyncScheduler) -> None:
    scheduler.record_probe(True)
    scheduler.record_pass(online=True)
    decision = scheduler.decide(counts(waiting=2, due=0))
    assert decision.idle and decision.reason == "retry_later"


def test_offline_probes_at_most_once_a_minute(scheduler: SyncScheduler, clock: Clock) -> None:
    scheduler.record_probe(False)
    assert scheduler.online is False
    clock.now += 59
    assert scheduler.decide(counts(waiting=1, due=1)).reason == "offline_wait"
    assert scheduler.decide(counts()).idle
    clock.now += 1
    decision = scheduler.decide(counts(waiting=1, due=1))
    assert decision.probe and decision.run_pass


def test_a_request_overrides_every_wait(scheduler: SyncScheduler) -> None:
    scheduler.record_probe(False)
    assert scheduler.next_check_in() == INTERVALS.check_seconds
    scheduler.request_soon()
    assert scheduler.next_check_in() == INTERVALS.soon_seconds
    decision = scheduler.decide(counts())
    assert decision.probe and decision.run_pass and decision.reason == "requested"
    scheduler.record_pass(online=True)
    assert not scheduler.requested
    assert scheduler.next_check_in() == INTERVALS.check_seconds


def test_a_failed_probe_ends_the_request(scheduler: SyncScheduler) -> None:
    scheduler.request_soon()
    scheduler.record_probe(False)
    assert not scheduler.requested


@pytest.mark.parametrize("bad", [-1, "5", None])
def test_intervals_must_be_non_negative_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="check_seconds"):
        SyncIntervals(check_seconds=bad)  # type: ignore[arg-type]


def test_outbox_counts_on_a_real_database(store: Store) -> None:
    assert outbox_counts(store) == OutboxCounts(0, 0, None)
    accounts = AccountService(store)
    notice = ConsentNotice("account", "Tôi đồng ý.", "vi")
    first = accounts.request_account(CARD, "0912345678", None, notice, Actor.citizen("s"))
    accounts.request_account(CARD, "0912345679", None, notice, Actor.citizen("s"))
    assert outbox_counts(store) == OutboxCounts(2, 2, None)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=5)
    with store.sessions.begin() as session:
        entry = session.query(OutboxEntry).filter_by(account_request_id=first.id).one()
        entry.next_attempt_at = later
    assert outbox_counts(store) == OutboxCounts(2, 1, None)
    assert outbox_counts(store, later).due == 2
