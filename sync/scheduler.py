"""When the kiosk app's background sync probes the portal and runs a pass.

Qt-free decision logic for :mod:`kiosk.ui.sync_worker` (the worker only owns
the timer and the thread). Every ``check_seconds`` the worker counts the
outbox (a cheap local query) and asks :meth:`SyncScheduler.decide` what to do:

- a pass was requested (a citizen just submitted, or wants the one-time code):
  probe the portal, and run a pass when it answers;
- something is waiting and due (its retry time has come): probe and pass, but
  while the portal is known to be unreachable only every
  ``offline_probe_seconds``, so a dead network costs one cheap request a minute
  and no entry burns a retry attempt on a portal that is not there;
- nothing waiting: one pass every ``idle_seconds`` to pull statuses back.

A probe (``GET /meta``, no token) always comes before a pass: a pass against
an unreachable portal would push each entry, fail, and push its retry time
back, while a failed probe changes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from kiosk.store.database import LAST_SYNC_SUCCESS_KEY, Store, meta_value
from kiosk.store.models import OutboxEntry
from sync.backoff import RETRY_HORIZON

PENDING_STATES = ("queued", "sending")


@dataclass(frozen=True)
class SyncIntervals:
    """Seconds between the worker's steps (tests shrink them)."""

    check_seconds: float = 20.0
    offline_probe_seconds: float = 60.0
    idle_seconds: float = 300.0
    soon_seconds: float = 0.2

    def __post_init__(self) -> None:
        for name in ("check_seconds", "offline_probe_seconds", "idle_seconds", "soon_seconds"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name} must be a non-negative number of seconds")


@dataclass(frozen=True)
class OutboxCounts:
    """What is waiting: ``waiting`` in total, ``due`` whose retry time has come."""

    waiting: int
    due: int
    last_success: str | None


@dataclass(frozen=True)
class Decision:
    """What to do now: ``probe`` the portal, then ``run_pass`` if it answered."""

    probe: bool
    run_pass: bool
    reason: str

    @property
    def idle(self) -> bool:
        return not self.probe and not self.run_pass


NOTHING = Decision(probe=False, run_pass=False, reason="nothing_to_do")


def outbox_counts(store: Store, now: dt.datetime | None = None) -> OutboxCounts:
    """Count the waiting and due outbox entries; ``now`` is naive UTC (storage time)."""
    moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    pending = OutboxEntry.state.in_(PENDING_STATES)
    due_now = or_(
        OutboxEntry.next_attempt_at.is_(None),
        OutboxEntry.next_attempt_at <= moment,
        OutboxEntry.next_attempt_at > moment + RETRY_HORIZON,  # set under a clock run ahead
    )
    with store.sessions() as session:
        waiting = session.scalar(select(func.count()).select_from(OutboxEntry).where(pending))
        due = session.scalar(select(func.count()).select_from(OutboxEntry).where(pending & due_now))
        last_success = meta_value(session, LAST_SYNC_SUCCESS_KEY)
    return OutboxCounts(int(waiting or 0), int(due or 0), last_success)


class SyncScheduler:
    """Remembers what happened (probes, passes, requests) and decides the next step.

    Times are ``clock()`` seconds (monotonic by default); nothing here sleeps.
    ``online`` is None until the first probe.
    """

    def __init__(
        self,
        intervals: SyncIntervals | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.intervals = intervals or SyncIntervals()
        self.clock = clock
        self.online: bool | None = None
        self._requested = False
        self._last_probe_at: float | None = None
        self._last_pass_at: float | None = None

    @property
    def requested(self) -> bool:
        return self._requested

    def request_soon(self) -> None:
        """A pass is wanted as soon as possible (the next check comes after ``soon_seconds``)."""
        self._requested = True

    def next_check_in(self) -> float:
        """Seconds until the worker should call :meth:`decide` again."""
        return self.intervals.soon_seconds if self._requested else self.intervals.check_seconds

    def decide(self, counts: OutboxCounts) -> Decision:
        now = self.clock()
        if self._requested:
            return Decision(probe=True, run_pass=True, reason="requested")
        if counts.waiting > 0:
            if self.online is False and not self._elapsed(
                self._last_probe_at, now, self.intervals.offline_probe_seconds
            ):
                return Decision(probe=False, run_pass=False, reason="offline_wait")
            if counts.due > 0:
                return Decision(probe=True, run_pass=True, reason="waiting")
            return Decision(probe=False, run_pass=False, reason="retry_later")
        if self._elapsed(self._last_pass_at, now, self.intervals.idle_seconds):
            if self.online is False and not self._elapsed(
                self._last_probe_at, now, self.intervals.offline_probe_seconds
            ):
                return Decision(probe=False, run_pass=False, reason="offline_wait")
            return Decision(probe=True, run_pass=True, reason="periodic")
        return NOTHING

    @staticmethod
    def _elapsed(since: float | None, now: float, interval: float) -> bool:
        return since is None or now - since >= interval

    def record_probe(self, reachable: bool) -> None:
        """The probe's outcome; a failed probe also ends a request (the citizen is told)."""
        self._last_probe_at = self.clock()
        self.online = reachable
        if not reachable:
            self._requested = False

    def record_pass(self, online: bool) -> None:
        """A pass ran (``online`` False when it found the portal gone half-way)."""
        self._last_pass_at = self.clock()
        self.online = online
        self._requested = False
