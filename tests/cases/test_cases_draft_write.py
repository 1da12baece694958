"""The one-statement autosave (kiosk/cases/draft_write.py) against real databases.

A tap on the draft this service saved last is one compare-and-swap UPDATE;
whatever else wrote the row since (another kiosk, another service of this
kiosk, submit, another kiosk's lock) makes the swap miss and the full path
decide, so no write from a stale copy and the same errors as before. Counted
with SQLAlchemy's own statement events on the real engine, on the SQLite file
and on the throw-away PostgreSQL server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import LargeBinary, event, select, type_coerce

from kiosk.cases import Actor, CaseNotEditable, CaseService
from kiosk.cases.draft_write import ANSWERS_CONTEXT
from kiosk.cases.errors import CaseLockedElsewhere
from kiosk.config import KioskConfig
from kiosk.procedures import AnswerError, Catalogue, FieldType
from kiosk.store.crypto import DecryptionError
from kiosk.store.database import Store
from kiosk.store.models import Case
from tests.cases_support import CARD, NOTICE, birth_answers

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CITIZEN = Actor.citizen("draft-write")


class MovableClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements the store's engine sends while the block runs."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(" ".join(str(args[2]).split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def kiosk(
    store: Store, catalogue: Catalogue, config: KioskConfig, number: int, clock: MovableClock
) -> CaseService:
    return CaseService(store, catalogue, replace(config, kiosk_number=number), clock=clock)


def sealed_answers(store: Store, case_id: str) -> bytes:
    with store.engine.connect() as connection:
        sealed = connection.scalar(
            select(type_coerce(Case.answers, LargeBinary)).where(Case.id == case_id)
        )
    assert sealed is not None
    return bytes(sealed)


def test_a_tap_after_the_first_is_one_update_and_reads_back_everywhere(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")  # full path: reads the row
    before = sealed_answers(store, draft.id)

    with statements(store) as sent:
        stored = service.save_answer(draft.id, "child_birth_place", "Bệnh viện Đa khoa Đà Nẵng")
    assert stored == "Bệnh viện Đa khoa Đà Nẵng"
    assert [s.split()[0] for s in sent] == ["UPDATE"], sent
    assert "answers" in sent[0] and "locked_until" in sent[0]

    # A fresh service (nothing in memory) reads it through the ORM column type.
    fresh = CaseService(store, catalogue, kiosk_config)
    answers = fresh.get(draft.id).answers
    assert answers["child_birth_place"] == "Bệnh viện Đa khoa Đà Nẵng"
    assert draft.answers  # the card's data, filled in at the start, is all still there
    assert {key: answers[key] for key in draft.answers} == draft.answers

    # Sealed at rest like every sealed column: not the plain text, a new nonce each
    # time, and bound to its column (another column's associated data cannot open it).
    after = sealed_answers(store, draft.id)
    assert after != before
    assert "Đà Nẵng".encode() not in after
    assert store.cipher.open(after, ANSWERS_CONTEXT)
    with pytest.raises(DecryptionError):
        store.cipher.open(after, "citizens.full_name")


def test_a_change_made_elsewhere_is_kept_not_overwritten_from_memory(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    kiosk_service = kiosk(store, catalogue, kiosk_config, 1, clock)
    other = kiosk(store, catalogue, kiosk_config, 1, clock)  # e.g. the staff desk's service
    draft = kiosk_service.start_case("birth", CITIZEN, card=CARD)
    kiosk_service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")
    kiosk_service.save_answer(draft.id, "child_birth_place", "Bệnh viện B")  # in memory now
    other.save_answer(draft.id, "child_name", "Nguyễn Minh Khang")

    with statements(store) as sent:
        kiosk_service.save_answer(draft.id, "child_birth_place", "Bệnh viện C")
    # The swap missed (the row changed), then the full path read it under its lock.
    kinds = [s.split()[0] for s in sent]
    assert kinds[0] == "UPDATE" and "SELECT" in kinds[1:], sent
    answers = CaseService(store, catalogue, kiosk_config).get(draft.id).answers
    assert answers["child_name"] == "Nguyễn Minh Khang"
    assert answers["child_birth_place"] == "Bệnh viện C"


def test_another_kiosks_lock_and_submit_are_refused_as_before(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    first = kiosk(store, catalogue, kiosk_config, 1, clock)
    second = kiosk(store, catalogue, kiosk_config, 2, clock)
    draft = first.start_case("birth", CITIZEN, card=CARD)
    first.save_answers(draft.id, birth_answers(True))
    first.save_answer(draft.id, "child_birth_place", "Bệnh viện A")  # in memory at kiosk 1

    # Kiosk 1's lock ran out; kiosk 2 took the draft without changing any answer.
    clock.now += dt.timedelta(minutes=kiosk_config.database.draft_lock_minutes + 1)
    assert second.open_for_editing(draft.id).locked_by_kiosk == 2
    with pytest.raises(CaseLockedElsewhere) as refused:
        first.save_answer(draft.id, "child_birth_place", "Bệnh viện B")
    assert refused.value.kiosk_number == 2
    assert second.get(draft.id).answers["child_birth_place"] == "Bệnh viện A"

    second.save_answer(draft.id, "child_birth_place", "Bệnh viện C")
    second.submit(draft.id, CITIZEN, NOTICE)
    with pytest.raises(CaseNotEditable):
        second.save_answer(draft.id, "child_birth_place", "Bệnh viện D")
    with pytest.raises(CaseNotEditable):  # not an answer error: the case is no draft
        first.save_answer(draft.id, "child_birth_place", "")
    assert second.get(draft.id).answers["child_birth_place"] == "Bệnh viện C"


def test_a_refused_answer_changes_nothing_and_the_next_tap_still_saves(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")
    before = sealed_answers(store, draft.id)
    with pytest.raises(AnswerError):
        service.save_answer(draft.id, "child_dob", "không phải ngày")
    with pytest.raises(AnswerError):
        service.save_answer(draft.id, "no_such_question", "x")
    assert sealed_answers(store, draft.id) == before
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện B")
    assert service.get(draft.id).answers["child_birth_place"] == "Bệnh viện B"


def test_the_end_of_the_session_drops_the_answers_from_memory(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")
    service.abandon(draft.id, CITIZEN)
    # Nothing kept: the next tap (a resumed draft) reads the row again first.
    with statements(store) as sent:
        service.save_answer(draft.id, "child_birth_place", "Bệnh viện B")
    assert sent[0].startswith("SELECT"), sent


def test_an_answer_changed_by_its_caller_afterwards_is_not_written_by_the_next_tap(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("residence_ct01", CITIZEN, card=CARD)
    spouse = {
        "member_name": "Lê Thị Hoa",
        "member_dob": "1992-04-02",
        "member_sex": "female",
        "member_relationship": "spouse",
    }
    text_field = next(
        field.id
        for field in catalogue["residence_ct01"].top_level_fields()
        if field.is_input and field.type is FieldType.TEXT
    )
    # The full path (first save), then the one-statement path: a screen keeps and
    # edits the lists it was given, and the next tap must not write those edits.
    for tap in range(2):
        members = [dict(spouse)]
        stored = service.save_answer(draft.id, "household_members", members)
        members.append(dict(spouse))
        assert isinstance(stored, list) and isinstance(stored[0], dict)
        stored[0]["member_name"] = "Người khác"
        stored.append(dict(spouse))
        service.save_answer(draft.id, text_field, f"Nguyễn Văn An {tap}")
        fresh = CaseService(store, catalogue, kiosk_config).get(draft.id).answers
        assert fresh["household_members"] == [spouse]
        assert fresh[text_field] == f"Nguyễn Văn An {tap}"
