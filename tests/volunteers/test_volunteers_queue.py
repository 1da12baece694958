"""The work queue over a few hundred cases in a real SQLite file: filters, counts, paging."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy.orm import Session

from kiosk.cases.clock import to_storage
from kiosk.procedures import Catalogue
from kiosk.store.crypto import FieldCipher
from kiosk.store.database import Store
from kiosk.store.models import Case, Citizen, OutboxEntry
from kiosk.volunteers import QUEUE_KINDS, WorkQueue

pytestmark = pytest.mark.backends("sqlite", "postgresql")

# 10:00 in Hà Nội on 2 March 2026; the ward's day began at 17:00 UTC on 1 March.
NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
MIDNIGHT_UTC = dt.datetime(2026, 3, 1, 17, 0)


def at(**delta: float) -> dt.datetime:
    """Naive UTC, ``delta`` before NOW."""
    return to_storage(NOW) - dt.timedelta(**delta)


class Seeder:
    """Direct inserts (faster than the case services, and any state can be made)."""

    def __init__(self, session: Session, catalogue: Catalogue) -> None:
        self.session = session
        self.procedures = sorted(catalogue)
        self.catalogue = catalogue
        self.count = 0

    def case(
        self,
        status: str,
        updated_at: dt.datetime,
        *,
        name: str | None = None,
        outbox: tuple[str, dt.datetime] | None = None,
        **fields: Any,
    ) -> str:
        self.count += 1
        procedure_id = self.procedures[self.count % len(self.procedures)]
        case_id = str(uuid.uuid4())
        citizen = None
        if name is not None:
            citizen = Citizen(full_name=name, id_number_hash=f"h{self.count}")
        self.session.add(
            Case(
                id=case_id,
                procedure_id=procedure_id,
                procedure_version=self.catalogue[procedure_id].version,
                citizen=citizen,
                answers={"note": "x"},
                status=status,
                resume_code=f"R{self.count:07d}",
                local_reference=f"20551-260302-01-{self.count:04d}-K",
                created_at=updated_at,
                updated_at=updated_at,
                **fields,
            )
        )
        if outbox is not None:
            self.session.flush()  # the outbox row refers to the case
            state, created = outbox
            self.session.add(
                OutboxEntry(
                    kind="case",
                    case_id=case_id,
                    idempotency_key=str(uuid.uuid4()),
                    state=state,
                    created_at=created,
                    attempts=3,
                    last_error="PortalUnavailable: connection",
                )
            )
        return case_id


@pytest.fixture
def seeded(store: Store, catalogue: Catalogue) -> dict[str, list[str]]:
    """One transaction of ~230 cases; returns the ids each list must hold."""
    with store.sessions.begin() as session:
        return _seed(Seeder(session, catalogue))


def _seed(seed: Seeder) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {kind: [] for kind in QUEUE_KINDS}
    for index in range(30):
        ids["drafts_today"].append(
            seed.case("draft", at(minutes=5 * index + 1), name=f"Công dân {index:02d}")
        )
    ids["drafts_today"].append(seed.case("draft", MIDNIGHT_UTC))  # the day's first moment
    seed.case("draft", MIDNIGHT_UTC - dt.timedelta(seconds=1))  # 23:59:59 yesterday
    for index in range(10):
        seed.case("draft", at(days=2, minutes=index))
    for index in range(12):
        ids["returned"].append(
            seed.case(
                "returned",
                at(hours=index + 1),
                name="Trần Văn Đức",
                portal_message=f"Thiếu giấy tờ {index}",
            )
        )
    for index in range(8):
        ids["stuck"].append(
            seed.case("ready", at(days=3), outbox=("queued", at(days=1, minutes=index + 1)))
        )
    for index in range(2):
        ids["stuck"].append(seed.case("ready", at(days=4), outbox=("sending", at(days=3 + index))))
    for index in range(5):
        seed.case("ready", at(hours=2), outbox=("queued", at(hours=2, minutes=index)))
    for index in range(150):
        seed.case("sent", at(days=5, minutes=index), outbox=("sent", at(days=5, minutes=index)))
    for index in range(4):
        ids["flagged"].append(
            seed.case("draft", at(days=1, hours=index), flagged_reason="procedure changed")
        )
    seed.case("sent", at(days=6), flagged_reason="stale flag on a case no longer editable")
    return ids


@pytest.fixture
def queue(store: Store, catalogue: Catalogue) -> WorkQueue:
    return WorkQueue(store, catalogue, clock=lambda: NOW)


def test_counts_follow_each_lists_rule(queue: WorkQueue, seeded: dict[str, list[str]]) -> None:
    assert queue.counts() == {kind: len(ids) for kind, ids in seeded.items()}
    assert queue.counts() == {
        "drafts_today": 31,
        "returned": 12,
        "stuck": 10,
        "flagged": 4,
        "awaiting_document": 0,
    }


@pytest.mark.parametrize("kind", QUEUE_KINDS)
def test_pages_cover_the_list_once_in_order(
    queue: WorkQueue, seeded: dict[str, list[str]], kind: str
) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = queue.page(kind, limit=7, offset=offset)  # type: ignore[arg-type]
        seen += [row.case_id for row in page]
        offset += 7
        if len(page) < 7:
            break
    assert sorted(seen) == sorted(seeded[kind])
    rows = queue.page(kind, limit=100)  # type: ignore[arg-type]
    assert [row.case_id for row in rows] == seen
    keys = [(row.updated_at, row.case_id) for row in rows]
    assert keys == sorted(keys, reverse=True)


def test_ascending_is_the_reverse_order(queue: WorkQueue, seeded: dict[str, list[str]]) -> None:
    down = [r.case_id for r in queue.page("returned", limit=50)]
    up = [r.case_id for r in queue.page("returned", descending=False, limit=50)]
    assert up == list(reversed(down))


def test_rows_carry_what_the_volunteer_needs(
    queue: WorkQueue, seeded: dict[str, list[str]], catalogue: Catalogue
) -> None:
    returned = queue.page("returned", limit=1)[0]
    assert returned.citizen_name == "Trần Văn Đức"
    assert returned.message == "Thiếu giấy tờ 0"  # the newest returned case
    assert returned.procedure_title == catalogue[returned.procedure_id].title
    assert returned.resume_code and returned.local_reference
    stuck = queue.page("stuck", sort_by="waiting_since", descending=False, limit=50)
    assert [row.waiting_since for row in stuck] == sorted(row.waiting_since for row in stuck)  # type: ignore[type-var]
    assert stuck[0].waiting_since == at(days=4) and stuck[0].attempts == 3
    flagged = queue.page("flagged")
    assert {row.message for row in flagged} == {"procedure changed"}
    drafts = queue.page("drafts_today", limit=100)
    assert drafts[-1].updated_at == MIDNIGHT_UTC and drafts[-1].citizen_name is None


def test_sort_by_procedure_title(queue: WorkQueue, seeded: dict[str, list[str]]) -> None:
    from kiosk.identity.collation import vietnamese_sort_key

    rows = queue.page("drafts_today", sort_by="procedure", descending=False, limit=100)
    titles = [row.procedure_title.vi for row in rows]
    assert titles == sorted(titles, key=vietnamese_sort_key)
    assert len(set(titles)) > 1


def test_only_the_pages_names_are_decrypted(
    store: Store, queue: WorkQueue, seeded: dict[str, list[str]]
) -> None:
    real: FieldCipher = store.engine.dialect.kiosk_cipher  # type: ignore[attr-defined]
    opened: list[str] = []

    class CountingCipher(FieldCipher):
        def __init__(self) -> None:  # wraps the real cipher; counts what is opened
            pass

        def open(self, sealed: bytes, context: str) -> bytes:
            opened.append(context)
            return real.open(sealed, context)

    store.engine.dialect.kiosk_cipher = CountingCipher()  # type: ignore[attr-defined]
    try:
        page = queue.page("drafts_today", limit=5)
    finally:
        store.engine.dialect.kiosk_cipher = real  # type: ignore[attr-defined]
    assert len(page) == 5
    assert opened == ["citizens.full_name"] * 5, "answers are never read by the queue"


def test_bad_requests_are_refused(queue: WorkQueue) -> None:
    with pytest.raises(ValueError):
        queue.page("everything")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        queue.page("returned", sort_by="citizen_name")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        queue.page("returned", limit=0)
    with pytest.raises(ValueError):
        queue.page("returned", limit=10_000)
    with pytest.raises(ValueError):
        queue.page("returned", offset=-1)


def test_an_empty_database_has_empty_lists(queue: WorkQueue) -> None:
    assert queue.counts() == dict.fromkeys(QUEUE_KINDS, 0)
    assert queue.page("stuck") == []


def test_cases_waiting_for_a_promised_paper_are_listed(store: Store) -> None:
    """A submitted case whose citizen will bring a paper to the counter waits for it."""
    from kiosk.attachments.slots import BringLaterReason
    from kiosk.attachments.storage import PageStore
    from tests.sync_support import submit_cases

    waiting, scanned_only = submit_cases(store, 2)
    pages = PageStore(store)
    pages.set_bring_later(waiting, "birth_certificate", BringLaterReason.NOT_WITH_ME)
    pages.store_document(scanned_only, "birth_certificate", b"%PDF-1.7 scanned", 1)
    queue = WorkQueue(store)
    assert queue.count("awaiting_document") == 1
    (row,) = queue.page("awaiting_document")
    assert row.case_id == waiting and row.status == "ready"
