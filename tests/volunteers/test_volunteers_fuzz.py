"""Property-based tests: the volunteer service raises only :class:`VolunteerError`.

Names, branches, roles and PINs come from every Unicode category, lone
surrogates included. A refusal stores nothing; an accepted name holds a letter
and nothing invisible.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.cases.audit import Actor
from kiosk.cases.errors import CaseError
from kiosk.identity.text import has_letter, has_unsafe_characters
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Volunteer
from kiosk.volunteers import VolunteerService
from kiosk.volunteers.accounts import SignedIn
from kiosk.volunteers.assist import assist_case
from kiosk.volunteers.errors import InvalidPin, InvalidVolunteer, SignInError, VolunteerError
from kiosk.volunteers.pins import validate_new_pin
from kiosk.volunteers.queue import WorkQueue
from tests.hostile_inputs import FUZZ, hostile_text

ADMIN = Actor("admin", "1")
GOOD_PIN = "482915"
# Each accepted PIN costs an argon2 hash (~0.1 s by design): fewer examples here.
SLOW_FUZZ = settings(FUZZ, max_examples=15)


def row_counts(store: Store) -> tuple[int, int]:
    with store.sessions() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Volunteer)) or 0),
            int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0),
        )


@SLOW_FUZZ
@given(
    name=st.one_of(hostile_text, st.just("Lê Thị Hoa")),
    branch=st.one_of(hostile_text, st.just("")),
    role=st.one_of(st.sampled_from(["volunteer", "admin"]), hostile_text),
)
def test_create_volunteer_refuses_with_volunteer_errors_only(
    store: Store, name: str, branch: str, role: str
) -> None:
    service = VolunteerService(store)
    before = row_counts(store)
    try:
        created = service.create_volunteer(name, branch, GOOD_PIN, ADMIN, role=role)
    except VolunteerError:
        assert row_counts(store) == before
        return
    assert has_letter(created.name) and not has_unsafe_characters(created.name)
    assert not has_unsafe_characters(created.branch)


@SLOW_FUZZ
@given(pin=hostile_text)
def test_pins_from_anywhere_are_refused_politely(store: Store, pin: str) -> None:
    service = VolunteerService(store)
    volunteer = service.create_volunteer("Trần Văn Nam", "", GOOD_PIN, ADMIN)
    with pytest.raises(SignInError):
        service.sign_in(volunteer.id, pin)
    try:
        validate_new_pin(pin)
    except InvalidPin:
        pass
    else:
        return  # a PIN that happens to be acceptable: nothing to refuse below
    with pytest.raises(InvalidPin):
        service.create_volunteer("Trần Văn Nam", "", pin, ADMIN)
    with pytest.raises(InvalidPin):
        service.change_pin(volunteer.id, pin, ADMIN)


@FUZZ
@given(volunteer_id=st.integers())
def test_unknown_accounts_are_volunteer_errors(store: Store, volunteer_id: int) -> None:
    service = VolunteerService(store)
    for call in (
        lambda: service.get(volunteer_id),
        lambda: service.sign_in(volunteer_id, GOOD_PIN),
        lambda: service.set_active(volunteer_id, False, ADMIN),
    ):
        with contextlib.suppress(VolunteerError):
            call()


NAMES_REFUSED = [
    "\u202e",
    "\u202eNam",
    "😀",
    "😀😀",
    "\u200b",
    "Nam\ud800",
    "\u2066\u2069",
    "123",
    "- '",
]


def test_names_without_letters_or_with_hidden_characters_are_refused(store: Store) -> None:
    before = row_counts(store)
    for name in NAMES_REFUSED:
        with pytest.raises(InvalidVolunteer):
            VolunteerService(store).create_volunteer(name, "", GOOD_PIN, ADMIN)
    assert row_counts(store) == before


@FUZZ
@given(case_id=hostile_text)
def test_assisting_an_unknown_case_is_a_case_error(store: Store, case_id: str) -> None:
    service = VolunteerService(store)
    helper = SignedIn(1, "Lê Thị Hoa", "volunteer")
    before = row_counts(store)
    with pytest.raises(CaseError):
        assist_case(store, case_id, helper)
    assert row_counts(store) == before
    assert service.list_volunteers() == []


@FUZZ
@given(kind=hostile_text, sort_by=hostile_text)
def test_the_work_queue_refuses_unknown_lists_and_orders_with_value_errors(
    store: Store, catalogue: Catalogue, kind: str, sort_by: str
) -> None:
    queue = WorkQueue(store, catalogue)
    with pytest.raises(ValueError) as refused:
        queue.page(kind, sort_by=sort_by)  # type: ignore[arg-type]
    assert not isinstance(refused.value, UnicodeError)
