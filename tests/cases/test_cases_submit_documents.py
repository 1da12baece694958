"""``CaseService.submit`` refuses a dossier without its required papers (issue 16).

The capture screen stops the citizen earlier; these tests hold the same rule
below the UI, on a real migrated store, the shipped procedures and real sealed
pages assembled into a real PDF.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from sqlalchemy import func, select

from kiosk.attachments.pdf import assemble_pdf
from kiosk.attachments.processing import compress_page
from kiosk.attachments.samples import render_sample
from kiosk.attachments.slots import BringLaterReason, missing_slot_documents
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseService, DocumentsMissing
from kiosk.cases.seeding import seed_cases
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import Case, OutboxEntry
from tests.cases_support import NOTICE

CITIZEN = Actor.citizen("documents-1")


@pytest.fixture
def service(store: Store, catalogue: Catalogue) -> CaseService:
    return CaseService(store, catalogue, KioskConfig())


def filled_case(service: CaseService, catalogue: Catalogue, procedure_id: str) -> str:
    """A case whose answers are complete and whose papers are not yet recorded."""
    rng = random.Random(11)
    card = synthetic_card(rng)
    definition = catalogue[procedure_id]
    case = service.start_case(procedure_id, CITIZEN, card=card)
    answers = complete_answers(definition, card, rng)
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    return case.id


def scan(store: Store, case_id: str, slot_key: str, page_count: int = 1) -> None:
    """Sealed pages and their assembled PDF, as the capture screen's "done" leaves them."""
    pages = PageStore(store)
    sample = compress_page(render_sample("birth_certificate"), dpi=100).jpeg
    jpegs = [sample + f"{case_id}:{page}".encode() for page in range(page_count)]
    for jpeg in jpegs:
        pages.add_page(case_id, slot_key, jpeg)
    pages.store_document(case_id, slot_key, assemble_pdf(jpegs, slot_key), len(jpegs))


def outbox_entries(store: Store, case_id: str) -> int:
    with store.sessions() as session:
        return (
            session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.case_id == case_id)
            )
            or 0
        )


def test_submit_refuses_an_empty_required_slot_and_names_it(
    service: CaseService, catalogue: Catalogue, store: Store
) -> None:
    case_id = filled_case(service, catalogue, "death")
    with pytest.raises(DocumentsMissing) as refused:
        service.submit(case_id, CITIZEN, NOTICE)
    death_notice = catalogue["death"].document("death_notice").name
    assert refused.value.missing == (death_notice,)
    assert death_notice.vi in refused.value.message.vi
    assert refused.value.message.vi.startswith("Hồ sơ còn thiếu giấy tờ:")
    assert death_notice.en in refused.value.message.en
    assert service.get(case_id).status == "draft", "nothing of the submit was written"
    assert outbox_entries(store, case_id) == 0
    # Nothing already entered is lost: the same case submits once the paper is promised.
    service.promise_required_documents(case_id)
    assert service.submit(case_id, CITIZEN, NOTICE).case.status == "ready"


def test_submit_accepts_a_scanned_required_paper(
    service: CaseService, catalogue: Catalogue, store: Store
) -> None:
    case_id = filled_case(service, catalogue, "death")
    scan(store, case_id, "death_notice", page_count=2)
    result = service.submit(case_id, CITIZEN, NOTICE)
    assert result.case.status == "ready"
    assert outbox_entries(store, case_id) == 1


def test_pages_not_yet_assembled_do_not_count_as_scanned(
    service: CaseService, catalogue: Catalogue, store: Store
) -> None:
    """Pages without "done" (no assembled PDF) would send nothing: still missing."""
    case_id = filled_case(service, catalogue, "death")
    PageStore(store).add_page(case_id, "death_notice", b"\xff\xd8 not assembled")
    with pytest.raises(DocumentsMissing):
        service.submit(case_id, CITIZEN, NOTICE)


def test_submit_accepts_a_paper_promised_for_the_counter(
    service: CaseService, catalogue: Catalogue, store: Store
) -> None:
    case_id = filled_case(service, catalogue, "death")
    PageStore(store).set_bring_later(case_id, "death_notice", BringLaterReason.NOT_WITH_ME)
    assert service.submit(case_id, CITIZEN, NOTICE).case.status == "ready"


def test_a_withdrawn_promise_no_longer_counts(
    service: CaseService, catalogue: Catalogue, store: Store
) -> None:
    case_id = filled_case(service, catalogue, "death")
    pages = PageStore(store)
    pages.set_bring_later(case_id, "death_notice", BringLaterReason.NOT_WITH_ME)
    pages.set_bring_later(case_id, "death_notice", None)
    with pytest.raises(DocumentsMissing):
        service.submit(case_id, CITIZEN, NOTICE)


def test_one_of_alternatives_are_named_together_when_both_are_empty(
    service: CaseService, catalogue: Catalogue
) -> None:
    case_id = filled_case(service, catalogue, "birth")
    with pytest.raises(DocumentsMissing) as refused:
        service.submit(case_id, CITIZEN, NOTICE)
    definition = catalogue["birth"]
    certificate = definition.document("birth_certificate").name
    witness = definition.document("birth_witness_statement").name
    (missing,) = refused.value.missing
    assert missing.vi == f"{certificate.vi} hoặc {witness.vi}"
    assert missing.vi in refused.value.message.vi


@pytest.mark.parametrize("slot_key", ["birth_certificate", "birth_witness_statement"])
@pytest.mark.parametrize("how", ["scanned", "promised"])
def test_one_of_alternatives_are_satisfied_by_either(
    service: CaseService, catalogue: Catalogue, store: Store, slot_key: str, how: str
) -> None:
    case_id = filled_case(service, catalogue, "birth")
    if how == "scanned":
        scan(store, case_id, slot_key)
    else:
        PageStore(store).set_bring_later(case_id, slot_key, BringLaterReason.PREFERS_COUNTER)
    assert service.submit(case_id, CITIZEN, NOTICE).case.status == "ready"


def test_a_promise_where_bring_later_is_not_allowed_does_not_count(
    catalogue: Catalogue,
) -> None:
    """No shipped slot forbids it today; the rule holds for a definition that does."""
    definition = catalogue["death"]
    strict = dataclasses.replace(
        definition,
        documents=tuple(
            dataclasses.replace(document, bring_later=False)
            if document.id == "death_notice"
            else document
            for document in definition.documents
        ),
    )
    answers = complete_answers(definition, synthetic_card(random.Random(2)), random.Random(2))
    promised = {"death_notice": BringLaterReason.NOT_WITH_ME}
    assert missing_slot_documents(definition, answers, {}, promised) == ()
    (missing,) = missing_slot_documents(strict, answers, {}, promised)
    assert missing == definition.document("death_notice").name
    assert missing_slot_documents(strict, answers, {"death_notice": 1}, promised) == ()


@pytest.mark.parametrize(
    "procedure_id", ["birth", "death", "marital_status", "certified_copy", "residence_ct01"]
)
def test_promising_the_required_papers_makes_every_procedure_submittable(
    service: CaseService, catalogue: Catalogue, procedure_id: str
) -> None:
    case_id = filled_case(service, catalogue, procedure_id)
    if procedure_id == "marital_status":  # its paper applies to a divorced person
        service.save_answer(case_id, "marital_status", "divorced")
    with pytest.raises(DocumentsMissing) as refused:
        service.submit(case_id, CITIZEN, NOTICE)
    promised = service.promise_required_documents(case_id)
    assert len(promised) >= len(refused.value.missing)
    assert {key.split(".", 1)[0] for key in promised} <= {
        document.id for document in catalogue[procedure_id].documents if document.required
    }
    assert service.promise_required_documents(case_id) == [], "nothing left to promise"
    assert service.submit(case_id, CITIZEN, NOTICE).case.status == "ready"


def test_kiosk_seed_still_makes_submitted_cases_of_every_procedure(
    store: Store, catalogue: Catalogue
) -> None:
    assert seed_cases(store, catalogue, KioskConfig(), len(catalogue)) == len(catalogue)
    with store.sessions() as session:
        statuses = session.execute(select(Case.procedure_id, Case.status)).all()
    assert sorted(statuses) == sorted((pid, "ready") for pid in catalogue)
