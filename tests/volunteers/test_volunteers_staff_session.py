"""The staff session's own clock (kiosk/volunteers/staff_session.py), without Qt."""

from __future__ import annotations

from kiosk.volunteers import SignedIn
from kiosk.volunteers.staff_session import DEFAULT_MAX_SECONDS, StaffSession, StaffSessionRules

ADMIN = SignedIn(volunteer_id=2, name="Trần Văn Bình", role="admin")
LAN = SignedIn(volunteer_id=1, name="Nguyễn Thị Lan", role="volunteer")
RULES = StaffSessionRules(idle_seconds=600, max_seconds=3600)


class ManualClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_only_staff_touches_extend_the_session() -> None:
    clock = ManualClock()
    session = StaffSession(ADMIN, RULES, clock)
    clock.now += 599
    assert session.due_end() is None and session.may_open_staff_screens()
    # Citizens touching their screens call nothing here: the wait is not extended.
    clock.now += 1
    assert session.due_end() == "idle"
    assert not session.may_open_staff_screens()


def test_a_staff_touch_restarts_the_idle_wait() -> None:
    clock = ManualClock()
    session = StaffSession(LAN, RULES, clock)
    clock.now += 500
    session.staff_touched()
    clock.now += 500
    assert session.due_end() is None
    assert session.seconds_left() == 100


def test_the_maximum_ends_even_a_busy_session() -> None:
    clock = ManualClock()
    session = StaffSession(ADMIN, RULES, clock)
    for _ in range(12):
        clock.now += 299
        session.staff_touched()
    assert session.due_end() is None  # 3588 s
    clock.now += 12
    assert session.due_end() == "max_time"
    session.staff_touched()
    assert session.due_end() == "max_time"


def test_the_end_of_a_citizen_session_signs_out_by_default() -> None:
    session = StaffSession(ADMIN, RULES, ManualClock())
    assert session.citizen_session_ended() == "citizen_left"


def test_staying_locks_the_staff_screens_until_the_same_pin() -> None:
    clock = ManualClock()
    session = StaffSession(LAN, RULES, clock)
    session.stay_signed_in = True
    assert session.citizen_session_ended() is None
    assert session.locked and not session.may_open_staff_screens()
    assert session.unlock(ADMIN) is False  # someone else's PIN does not unlock Lan's session
    assert session.locked
    clock.now += 100
    assert session.unlock(LAN) is True
    assert session.may_open_staff_screens()
    assert session.last_staff_touch == clock.now


def test_staying_does_not_outlive_the_clock() -> None:
    clock = ManualClock()
    session = StaffSession(LAN, RULES, clock)
    session.stay_signed_in = True
    clock.now += 600
    assert session.citizen_session_ended() == "idle"


def test_the_default_maximum_is_an_hour() -> None:
    assert StaffSessionRules(idle_seconds=600).max_seconds == DEFAULT_MAX_SECONDS == 3600
