"""Volunteer and IT-officer accounts: creation, PIN sign-in with lock-out, PIN changes.

What a caller may rely on:
- a PIN is never stored, logged or put in an audit event; only its hash is kept;
- five wrong PINs in a row lock the account for five minutes; while locked, even
  the right PIN is refused (and does not count); a successful sign-in resets the count;
- every sign-in, failure, lock, sign-out and account change is an audit event whose
  actor is the volunteer (or the admin acting), with ids and counts only;
- each method is one transaction, committed when it returns.

The sign-in screen shows the active volunteers' names as buttons, then the number
pad, so :meth:`VolunteerService.sign_in` takes the volunteer's id.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, from_storage, system_clock, to_storage
from kiosk.identity.text import collapse_spaces, has_letter, has_unsafe_characters
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.store.models import Volunteer
from kiosk.volunteers.errors import (
    InvalidVolunteer,
    LastAdmin,
    NotPermitted,
    SignInError,
    VolunteerNotFound,
)
from kiosk.volunteers.pins import PinHasher, validate_new_pin

Role = Literal["volunteer", "admin"]
ROLES: tuple[Role, ...] = ("volunteer", "admin")
MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = dt.timedelta(minutes=5)
MAX_NAME_CHARS = 120
MAX_BRANCH_CHARS = 200
SignOutReason = Literal["manual", "idle", "max_time", "citizen_left"]


@dataclass(frozen=True)
class SignedIn:
    """The person signed in at the kiosk; ``actor`` is who they are in the audit."""

    volunteer_id: int
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def actor(self) -> Actor:
        return Actor("admin" if self.is_admin else "volunteer", str(self.volunteer_id))


@dataclass(frozen=True)
class VolunteerView:
    """An account as the lists show it (never the hash)."""

    id: int
    name: str
    branch: str
    role: Role
    active: bool
    locked_until: dt.datetime | None  # aware UTC, or None
    created_at: dt.datetime  # naive UTC, as stored

    @classmethod
    def of(cls, row: Volunteer) -> VolunteerView:
        return cls(
            id=row.id,
            name=row.name,
            branch=row.branch,
            role=_role(row.role),
            active=row.active,
            locked_until=None if row.locked_until is None else from_storage(row.locked_until),
            created_at=row.created_at,
        )


def _role(value: str) -> Role:
    return "admin" if value == "admin" else "volunteer"


def _clean_text(value: object, limit: int, what: LocalText, *, required: bool) -> str:
    if not isinstance(value, str):
        raise InvalidVolunteer(LocalText(f"{what.vi} không hợp lệ.", f"{what.en} is not valid."))
    if len(value) > 4 * limit:
        raise InvalidVolunteer(
            LocalText(
                f"{what.vi} dài quá {limit} ký tự.", f"{what.en} is longer than {limit} characters."
            )
        )
    text = collapse_spaces(value)
    # Controls, bidi overrides, zero-width and lone surrogates: a name must look like
    # what it is on the sign-in screen and in the audit log, and be storable at all.
    if has_unsafe_characters(text):
        raise InvalidVolunteer(
            LocalText(
                f"{what.vi} có ký tự không hợp lệ.", f"{what.en} contains invalid characters."
            )
        )
    if required and not text:
        raise InvalidVolunteer(
            LocalText(f"Vui lòng nhập {what.vi.lower()}.", f"Please enter the {what.en.lower()}.")
        )
    if text and not has_letter(text):
        raise InvalidVolunteer(
            LocalText(f"{what.vi} phải có chữ cái.", f"The {what.en.lower()} must contain letters.")
        )
    if len(text) > limit:
        raise InvalidVolunteer(
            LocalText(
                f"{what.vi} dài quá {limit} ký tự.", f"{what.en} is longer than {limit} characters."
            )
        )
    return text


_NAME = LocalText("Họ và tên", "Name")
_BRANCH = LocalText("Chi đoàn", "Union branch")


def _is_manager(actor: Actor) -> bool:
    """The IT officer (an admin account) or the command line / system itself."""
    return actor.kind in ("admin", "system")


class VolunteerService:
    """Accounts of the people who help citizens at the kiosk, and of the IT officer."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock
        self.pins = PinHasher(store.cipher)

    def _now(self) -> dt.datetime:
        return to_storage(self.clock())

    def _load(self, session: Session, volunteer_id: int) -> Volunteer:
        if not isinstance(volunteer_id, int) or not 0 < volunteer_id < 2**63:
            raise VolunteerNotFound()
        row = session.get(Volunteer, volunteer_id)
        if row is None:
            raise VolunteerNotFound()
        return row

    # -- accounts ----------------------------------------------------------------------

    def has_admin(self) -> bool:
        """Whether an active admin exists (else the bootstrap command is needed)."""
        with self.store.sessions() as session:
            return self._active_admins(session) > 0

    @staticmethod
    def _active_admins(session: Session) -> int:
        count = session.scalar(
            select(func.count())
            .select_from(Volunteer)
            .where(Volunteer.role == "admin", Volunteer.active.is_(True))
        )
        return int(count or 0)

    def create_volunteer(
        self, name: str, branch: str, pin: str, actor: Actor, *, role: str = "volunteer"
    ) -> VolunteerView:
        """A new active account. Only an admin (or the system/CLI) may create one."""
        if not _is_manager(actor):
            raise NotPermitted()
        clean_name = _clean_text(name, MAX_NAME_CHARS, _NAME, required=True)
        clean_branch = _clean_text(branch, MAX_BRANCH_CHARS, _BRANCH, required=False)
        if role not in ROLES:
            raise InvalidVolunteer(
                LocalText("Vai trò không hợp lệ.", "The role must be 'volunteer' or 'admin'.")
            )
        pin_hash = self.pins.hash(validate_new_pin(pin))
        with self.store.sessions.begin() as session:
            row = Volunteer(
                name=clean_name,
                branch=clean_branch,
                role=role,
                pin_hash=pin_hash,
                failed_attempts=0,
                active=True,
                created_at=self._now(),
            )
            session.add(row)
            session.flush()
            audit.record(session, actor, "volunteer_created", volunteer=row.id, role=role)
            return VolunteerView.of(row)

    def list_volunteers(self, *, include_inactive: bool = False) -> list[VolunteerView]:
        """Accounts sorted by name (the sign-in screen shows the active ones)."""
        query = select(Volunteer).order_by(Volunteer.name, Volunteer.id)
        if not include_inactive:
            query = query.where(Volunteer.active.is_(True))
        with self.store.sessions() as session:
            return [VolunteerView.of(row) for row in session.scalars(query)]

    def get(self, volunteer_id: int) -> VolunteerView:
        with self.store.sessions() as session:
            return VolunteerView.of(self._load(session, volunteer_id))

    def set_active(self, volunteer_id: int, active: bool, actor: Actor) -> VolunteerView:
        """Deactivate (or reactivate) an account; the last active admin stays active."""
        if not _is_manager(actor):
            raise NotPermitted()
        with self.store.sessions.begin() as session:
            row = self._load(session, volunteer_id)
            if (
                row.active
                and not active
                and row.role == "admin"
                and (self._active_admins(session) <= 1)
            ):
                raise LastAdmin()
            if row.active != active:
                row.active = active
                if active:
                    row.failed_attempts = 0
                    row.locked_until = None
                audit.record(
                    session,
                    actor,
                    "volunteer_activated" if active else "volunteer_deactivated",
                    volunteer=row.id,
                )
            return VolunteerView.of(row)

    def change_pin(
        self,
        volunteer_id: int,
        new_pin: str,
        actor: Actor,
        *,
        current_pin: str | None = None,
    ) -> None:
        """Set a new PIN. An admin may reset anyone's; a volunteer must give the current one.

        A reset by the admin also lifts a lock.
        """
        own = actor.kind == "volunteer" and actor.id == str(volunteer_id)
        if not own and not _is_manager(actor):
            raise NotPermitted()
        pin_hash = self.pins.hash(validate_new_pin(new_pin))
        with self.store.sessions.begin() as session:
            row = self._load(session, volunteer_id)
            if own and not (
                current_pin is not None and self.pins.verify(row.pin_hash, current_pin)
            ):
                raise SignInError(
                    LocalText("Mã PIN hiện tại không đúng.", "The current PIN is wrong.")
                )
            row.pin_hash = pin_hash
            row.failed_attempts = 0
            row.locked_until = None
            audit.record(session, actor, "volunteer_pin_changed", volunteer=row.id, reset=not own)

    # -- signing in and out -------------------------------------------------------------

    def sign_in(self, volunteer_id: int, pin: str) -> SignedIn:
        """The signed-in volunteer, or :class:`SignInError` saying why not (in vi and en)."""
        now = self._now()
        with self.store.sessions.begin() as session:
            row = self._load(session, volunteer_id)
            actor = Actor("admin" if row.role == "admin" else "volunteer", str(row.id))
            if not row.active:
                audit.record(session, actor, "volunteer_sign_in_refused", reason="inactive")
                error: SignInError = SignInError.inactive()
            elif row.locked_until is not None and row.locked_until > now:
                minutes = max(1, math.ceil((row.locked_until - now).total_seconds() / 60))
                audit.record(session, actor, "volunteer_sign_in_refused", reason="locked")
                error = SignInError.locked(minutes)
            elif self.pins.verify(row.pin_hash, pin):
                row.failed_attempts = 0
                row.locked_until = None
                if self.pins.needs_rehash(row.pin_hash):
                    row.pin_hash = self.pins.hash(pin)
                audit.record(session, actor, "volunteer_signed_in", role=row.role)
                return SignedIn(row.id, row.name, _role(row.role))
            else:
                # A lock that has run out starts a fresh count.
                failed = 1 if row.locked_until is not None else row.failed_attempts + 1
                row.locked_until = None
                if failed >= MAX_FAILED_ATTEMPTS:
                    row.failed_attempts = 0
                    row.locked_until = now + LOCK_DURATION
                    audit.record(
                        session, actor, "volunteer_locked", minutes=LOCK_DURATION.seconds // 60
                    )
                    error = SignInError.locked(LOCK_DURATION.seconds // 60)
                else:
                    row.failed_attempts = failed
                    audit.record(session, actor, "volunteer_sign_in_failed", attempt=failed)
                    error = SignInError.wrong_pin(MAX_FAILED_ATTEMPTS - failed)
        # Raised after the commit, so the failed attempt and the lock are stored.
        raise error

    def sign_out(self, signed_in: SignedIn, reason: SignOutReason = "manual") -> None:
        """Record the end of a volunteer's turn (``"idle"`` when the idle timer did it)."""
        with self.store.sessions.begin() as session:
            audit.record(session, signed_in.actor, "volunteer_signed_out", reason=reason)
