"""Volunteer accounts against a real migrated SQLite file: PINs, sign-in, lock-out, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.cases.audit import Actor
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Volunteer
from kiosk.volunteers import (
    InvalidPin,
    InvalidVolunteer,
    LastAdmin,
    NotPermitted,
    SignInError,
    VolunteerService,
)
from kiosk.volunteers.pins import PinHasher

pytestmark = pytest.mark.backends("sqlite", "postgresql")

ADMIN = Actor("admin", "1")
PIN = "4821"


class SteppingClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def service(store: Store, clock: SteppingClock) -> VolunteerService:
    return VolunteerService(store, clock)


def audit_actions(store: Store) -> list[tuple[str, str | None, dict[str, object]]]:
    with store.sessions() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.details).order_by(
                AuditEvent.id
            )
        ).all()
    return [(action, actor_id, dict(details)) for action, actor_id, details in rows]


def test_create_stores_only_an_argon2_hash(service: VolunteerService, store: Store) -> None:
    created = service.create_volunteer("  Nguyễn   Thị Lan ", "Chi đoàn phường", PIN, ADMIN)
    assert created.name == "Nguyễn Thị Lan" and created.role == "volunteer" and created.active
    with store.sessions() as session:
        row = session.get(Volunteer, created.id)
        assert row is not None
        assert row.pin_hash.startswith("$argon2id$")
        assert PIN not in row.pin_hash
    events = audit_actions(store)
    assert ("volunteer_created", "1", {"volunteer": created.id, "role": "volunteer"}) in events
    assert all(PIN not in str(details) for _, _, details in events)


def test_the_hash_is_useless_without_the_database_key(store: Store) -> None:
    """A PIN hash copied to another kiosk (another key) does not verify the same PIN."""
    from kiosk.store.crypto import FieldCipher, new_master_key

    here = PinHasher(store.cipher)
    elsewhere = PinHasher(FieldCipher(new_master_key()))
    pin_hash = here.hash(PIN)
    assert here.verify(pin_hash, PIN)
    assert not elsewhere.verify(pin_hash, PIN)


@pytest.mark.parametrize(
    "pin",
    [
        "123",
        "123456789",
        "12a4",
        "４８２１",
        "٤٨٢١",
        "48 21",
        "",
        "4821\x00",
        "😀😀😀😀",
        "9" * 10_000,
    ],
)
def test_malformed_pins_are_refused_with_a_message(service: VolunteerService, pin: str) -> None:
    with pytest.raises(InvalidPin) as refused:
        service.create_volunteer("Lan", "", pin, ADMIN)
    assert "4 đến 8 chữ số" in refused.value.message.vi
    assert pin not in refused.value.message.vi or pin == ""


@pytest.mark.parametrize("pin", ["0000", "1111", "1234", "4321", "3456789", "87654321", "9012"])
def test_trivial_pins_are_refused(service: VolunteerService, pin: str) -> None:
    with pytest.raises(InvalidPin) as refused:
        service.create_volunteer("Lan", "", pin, ADMIN)
    assert "dễ đoán" in refused.value.message.vi


@pytest.mark.parametrize("name", ["", "   ", "Lan\x00", "x" * 121])
def test_bad_names_are_refused(service: VolunteerService, name: str) -> None:
    with pytest.raises(InvalidVolunteer):
        service.create_volunteer(name, "", PIN, ADMIN)


def test_only_an_admin_creates_accounts(service: VolunteerService) -> None:
    with pytest.raises(NotPermitted):
        service.create_volunteer("Lan", "", PIN, Actor("volunteer", "7"))
    with pytest.raises(NotPermitted):
        service.create_volunteer("Lan", "", PIN, Actor.citizen("session"))


def test_sign_in_with_the_right_pin(service: VolunteerService, store: Store) -> None:
    created = service.create_volunteer("Nguyễn Thị Lan", "Chi đoàn", PIN, ADMIN)
    signed_in = service.sign_in(created.id, PIN)
    assert signed_in.volunteer_id == created.id
    assert signed_in.name == "Nguyễn Thị Lan"
    assert not signed_in.is_admin
    assert signed_in.actor == Actor("volunteer", str(created.id))
    service.sign_out(signed_in, "idle")
    actions = [(a, actor) for a, actor, _ in audit_actions(store)]
    assert ("volunteer_signed_in", str(created.id)) in actions
    assert ("volunteer_signed_out", str(created.id)) in actions


def test_five_wrong_pins_lock_the_account_for_five_minutes(
    service: VolunteerService, store: Store, clock: SteppingClock
) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInError) as wrong:
            service.sign_in(created.id, "9999")
        assert wrong.value.attempts_left == left
        assert f"Còn {left} lần thử" in wrong.value.message.vi
    with pytest.raises(SignInError) as locked:
        service.sign_in(created.id, "9999")
    assert locked.value.locked_minutes == 5
    assert "5 phút" in locked.value.message.vi
    # While locked, even the right PIN is refused.
    clock.advance(minutes=4, seconds=30)
    with pytest.raises(SignInError) as still_locked:
        service.sign_in(created.id, PIN)
    assert still_locked.value.locked_minutes == 1
    clock.advance(seconds=31)
    assert service.sign_in(created.id, PIN).volunteer_id == created.id
    actions = [a for a, _, _ in audit_actions(store)]
    assert actions.count("volunteer_sign_in_failed") == 4
    assert actions.count("volunteer_locked") == 1
    assert "volunteer_sign_in_refused" in actions
    with store.sessions() as session:
        row = session.get(Volunteer, created.id)
        assert row is not None and row.failed_attempts == 0 and row.locked_until is None


def test_a_success_resets_the_count(service: VolunteerService) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    for _ in range(4):
        with pytest.raises(SignInError):
            service.sign_in(created.id, "9999")
    service.sign_in(created.id, PIN)
    with pytest.raises(SignInError) as wrong:
        service.sign_in(created.id, "9999")
    assert wrong.value.attempts_left == 4


def test_after_a_lock_runs_out_the_count_starts_again(
    service: VolunteerService, clock: SteppingClock
) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    for _ in range(5):
        with pytest.raises(SignInError):
            service.sign_in(created.id, "9999")
    clock.advance(minutes=6)
    with pytest.raises(SignInError) as wrong:
        service.sign_in(created.id, "9999")
    assert wrong.value.attempts_left == 4


@pytest.mark.parametrize("garbage", ["", "abcd", "😀", "1" * 10_000, "48\x0021"])
def test_garbage_pins_count_as_wrong(service: VolunteerService, garbage: str) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    with pytest.raises(SignInError) as wrong:
        service.sign_in(created.id, garbage)
    assert wrong.value.attempts_left == 4


def test_deactivated_accounts_cannot_sign_in(service: VolunteerService) -> None:
    service.create_volunteer("Admin", "", "7391", Actor.system(), role="admin")
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    service.set_active(created.id, False, ADMIN)
    with pytest.raises(SignInError) as refused:
        service.sign_in(created.id, PIN)
    assert "ngừng hoạt động" in refused.value.message.vi
    assert [v.name for v in service.list_volunteers()] == ["Admin"]
    assert len(service.list_volunteers(include_inactive=True)) == 2


def test_the_last_admin_stays_active(service: VolunteerService) -> None:
    assert not service.has_admin()
    admin = service.create_volunteer("Bình", "", "7391", Actor.system(), role="admin")
    assert service.has_admin()
    signed_in = service.sign_in(admin.id, "7391")
    assert signed_in.is_admin and signed_in.actor.kind == "admin"
    with pytest.raises(LastAdmin):
        service.set_active(admin.id, False, signed_in.actor)
    second = service.create_volunteer("Châu", "", "5820", signed_in.actor, role="admin")
    service.set_active(admin.id, False, Actor("admin", str(second.id)))
    assert not service.get(admin.id).active


def test_change_pin_own_needs_the_current_pin(service: VolunteerService) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    own = Actor("volunteer", str(created.id))
    with pytest.raises(SignInError):
        service.change_pin(created.id, "5820", own, current_pin="9999")
    service.change_pin(created.id, "5820", own, current_pin=PIN)
    assert service.sign_in(created.id, "5820").volunteer_id == created.id
    with pytest.raises(NotPermitted):
        service.change_pin(created.id, "6093", Actor("volunteer", "999"))


def test_an_admin_reset_lifts_the_lock(service: VolunteerService) -> None:
    created = service.create_volunteer("Lan", "", PIN, ADMIN)
    for _ in range(5):
        with pytest.raises(SignInError):
            service.sign_in(created.id, "9999")
    service.change_pin(created.id, "5820", ADMIN)
    assert service.sign_in(created.id, "5820").volunteer_id == created.id
