"""Migration 0009: the stored ticks of the old documents checklist become slot promises.

A real store built by the migrations, cases written through the ORM (answers
sealed as ever), the schema stamped back to 0008 and upgraded again, so the
migration runs on sealed data as it will on a kiosk.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk.attachments.slots import BringLaterReason
from kiosk.attachments.storage import PageStore
from kiosk.cases import CaseService
from kiosk.cases.audit import Actor
from kiosk.cases.dossier_payload import documents_of
from kiosk.config import KioskConfig
from kiosk.store import migrate
from kiosk.store.database import Store
from kiosk.store.models import AttachmentSlot, Case
from tests.cases_support import CARD, shipped_catalogue

pytestmark = pytest.mark.backends("sqlite")


def new_case(store: Store, config: KioskConfig, procedure: str, answers: dict[str, Any]) -> str:
    case_id = (
        CaseService(store, shipped_catalogue(), config)
        .start_case(procedure, Actor.citizen("t"), card=CARD)
        .id
    )
    with store.sessions.begin() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.answers = {**case.answers, **answers}
    return case_id


def answers_of(store: Store, case_id: str) -> dict[str, Any]:
    with store.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return dict(case.answers)


def test_ticks_become_promises_for_the_counter_and_leave_the_answers(
    store: Store, kiosk_config: KioskConfig
) -> None:
    birth = new_case(
        store,
        kiosk_config,
        "birth",
        {
            "requester_relationship": "father",
            "documents_brought": ["birth_certificate", "requester_id_card"],
        },
    )
    copy = new_case(
        store,
        kiosk_config,
        "certified_copy",
        {
            "documents_to_copy": [
                {"document_name": "Sổ đỏ", "document_pages": 3, "document_copies": 1},
                {"document_name": "Bằng", "document_pages": 1, "document_copies": 2},
            ],
            "documents_brought": ["originals", "copies_to_certify", "requester_id_card"],
        },
    )
    scanned = new_case(
        store,
        kiosk_config,
        "birth",
        {"requester_relationship": "mother", "documents_brought": ["birth_certificate"]},
    )
    pages = PageStore(store)
    pages.add_page(scanned, "birth_certificate", b"a sealed page")
    pages.store_document(scanned, "birth_certificate", b"%PDF- a document", 1)
    untouched = new_case(store, kiosk_config, "birth", {"requester_relationship": "mother"})
    before_untouched = answers_of(store, untouched)

    migrate.downgrade(store.engine, "0008")
    assert migrate.current_revision(store.engine) == "0008"
    migrate.upgrade(store.engine)
    assert migrate.current_revision(store.engine) == "0009"

    for case_id in (birth, copy, scanned):
        assert "documents_brought" not in answers_of(store, case_id)
    assert answers_of(store, birth)["requester_relationship"] == "father"  # the rest kept
    assert answers_of(store, untouched) == before_untouched
    assert pages.bring_later(birth) == {"birth_certificate": BringLaterReason.PREFERS_COUNTER}
    assert pages.bring_later(copy) == {
        "originals.0": BringLaterReason.PREFERS_COUNTER,
        "originals.1": BringLaterReason.PREFERS_COUNTER,
        "copies_to_certify": BringLaterReason.PREFERS_COUNTER,
    }
    # A slot that already held a scanned document is left as it was.
    assert pages.bring_later(scanned) == {}
    assert [document.sha256 is not None for document in pages.documents(scanned)] == [True]

    # The dossier still names the papers the citizen ticked, now from the slots.
    with store.sessions() as session:
        names = {
            case_id: [item["id"] for item in documents_of(session, case, shipped_catalogue())]
            for case_id in (birth, copy)
            if (case := session.get(Case, case_id)) is not None
        }
        assert session.scalars(select(AttachmentSlot.slot_key)).all()
    assert names[birth] == ["birth_certificate", "requester_id_card"]
    assert names[copy] == ["originals", "copies_to_certify", "requester_id_card"]


def test_a_store_without_ticks_upgrades_unchanged(store: Store) -> None:
    migrate.downgrade(store.engine, "0008")
    migrate.upgrade(store.engine)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.sessions() as session:
        assert session.scalars(select(AttachmentSlot)).all() == []
