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
import json
import sqlite3
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
    """The SQL statements the database receives while the block runs.

    On SQLite the autosave hands its statement to the driver directly (not through
    SQLAlchemy's events), so there SQLite's own trace of every connection is read:
    the block starts and ends with fresh connections that carry the trace.
    Transaction control (BEGIN, COMMIT) is left out. On PostgreSQL every statement
    goes through SQLAlchemy, whose events are read.
    """
    sent: list[str] = []

    def keep(statement: str) -> None:
        words = " ".join(statement.split())
        if words.split(" ", 1)[0].upper() not in {"BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"}:
            sent.append(words)

    if store.engine.dialect.name != "sqlite":

        def record(*args: Any) -> None:
            keep(str(args[2]))

        event.listen(store.engine, "before_cursor_execute", record)
        try:
            yield sent
        finally:
            event.remove(store.engine, "before_cursor_execute", record)
        return

    def trace(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(keep)

    def fresh_connections() -> None:
        store.kept.close()
        store.engine.dispose()

    fresh_connections()
    event.listen(store.engine, "connect", trace)
    try:
        yield sent
    finally:
        event.remove(store.engine, "connect", trace)
        fresh_connections()


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
    second.promise_required_documents(draft.id)
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


def test_an_answer_edited_by_its_caller_is_not_what_a_copy_rule_reads_next(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    """The one-statement path keeps the answers in memory for the copy rules. A screen
    edits the filer's address it was given back (without saving it); the next tap
    ("I am the father") copies the filer's address into the father's block, and that
    copy must be the address stored, not the screen's edit."""
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "requester_relationship", "mother")  # full path
    address = {"province_code": 48, "ward_code": 20551, "street": "Tổ 3, thôn Hà Mật"}
    given = service.save_answer(draft.id, "requester_address", address)  # one UPDATE
    assert isinstance(given, dict)
    given["street"] = "Sửa trên màn hình, chưa lưu"
    address["street"] = "Sửa nữa, cũng chưa lưu"

    saved = service.save_answers(draft.id, {"requester_relationship": "father"})
    assert saved["father_address"] == {**address, "street": "Tổ 3, thôn Hà Mật"}
    answers = CaseService(store, catalogue, kiosk_config).get(draft.id).answers
    stored = {**address, "street": "Tổ 3, thôn Hà Mật"}
    assert answers["requester_address"] == answers["father_address"] == stored


def test_the_sealed_text_is_the_whole_answers_encoded_as_ever(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    """A tap re-encodes only the answers it changed and splices them into the sealed
    JSON: after taps that add, change, copy and clear answers (nested ones too), the
    row must hold exactly the text json.dumps writes for the whole answers, which is
    what every reader has always opened."""
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")  # full path
    taps: list[dict[str, object]] = [
        {"child_name": "Nguyễn Minh Khôi"},
        {"requester_relationship": "father"},  # copies the father's block
        {"mother_address": {"province_code": 48, "ward_code": 20551, "street": "Tổ 3"}},
        {"child_birth_place": 'Nhà hộ sinh "Ánh Dương" \\ số 2'},
        {"requester_relationship": "mother"},  # clears the copies again
        {"child_name": None},
        {"mother_birth_year": 1995, "child_sex": "female"},
    ]
    for tap in taps:
        with statements(store) as sent:
            service.save_answers(draft.id, tap)
        assert [s.split()[0] for s in sent] == ["UPDATE"], (tap, sent)
        sealed = sealed_answers(store, draft.id)
        answers = CaseService(store, catalogue, kiosk_config).get(draft.id).answers
        expected = json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert store.cipher.open(sealed, ANSWERS_CONTEXT) == expected.encode(), tap
    assert "child_name" not in answers and "father_name" not in answers
    assert answers["child_birth_place"] == 'Nhà hộ sinh "Ánh Dương" \\ số 2'


@contextmanager
def through_sqlalchemy(store: Store) -> Iterator[list[str]]:
    """The statements SQLAlchemy itself sends (the full path), not the driver's own."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(" ".join(str(args[2]).split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


@pytest.mark.backends("sqlite")
def test_a_fault_on_the_kept_connection_loses_no_answer(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    """The one-statement path writes through a connection it keeps open. When SQLite
    refuses it there (here: that one connection made read-only, as a failing disk
    would refuse it), the tap is not lost: the full path writes it through the
    pool, and the next tap opens a new kept connection and is one statement again."""
    service = CaseService(store, catalogue, kiosk_config)
    draft = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện A")
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện B")  # the kept connection
    with store.kept.driver() as connection:
        connection.execute("PRAGMA query_only = ON")

    with through_sqlalchemy(store) as full_path:
        service.save_answer(draft.id, "child_birth_place", "Bệnh viện C")
    assert any(statement.startswith("UPDATE cases") for statement in full_path), full_path
    assert service.get(draft.id).answers["child_birth_place"] == "Bệnh viện C"

    with through_sqlalchemy(store) as full_path:
        service.save_answer(draft.id, "child_birth_place", "Bệnh viện D")
    assert full_path == []
    fresh = CaseService(store, catalogue, kiosk_config)
    assert fresh.get(draft.id).answers["child_birth_place"] == "Bệnh viện D"
