"""The case services against a real migrated SQLite file and the shipped procedures."""

from __future__ import annotations

import random
import unicodedata
from typing import cast

import pytest
from sqlalchemy import func, select

from kiosk.cases import (
    Actor,
    CaseNotEditable,
    CaseService,
    ConsentRequired,
    SubmitBlocked,
    is_valid_local_reference,
)
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import AnswerError, Catalogue
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Consent, OutboxEntry
from tests.cases_support import CARD, NOTICE, birth_answers

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CITIZEN = Actor.citizen("session-1")


@pytest.fixture
def service(store: Store, catalogue: Catalogue) -> CaseService:
    return CaseService(store, catalogue, KioskConfig(kiosk_number=2))


@pytest.mark.parametrize("father_known", [True, False], ids=["father_shown", "father_hidden"])
def test_birth_registration_from_card_to_outbox(
    service: CaseService, store: Store, father_known: bool
) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    assert case.answers["requester_name"] == "Nguyễn Văn An"
    assert case.answers["requester_id_number"] == "049090001234"
    address = case.answers["requester_address"]
    assert isinstance(address, dict) and str(address["card_text"]).startswith("Tổ 3")
    for field_id, value in birth_answers(father_known).items():
        service.save_answer(case.id, field_id, value)
    if not father_known:
        assert service.validate_step(case.id, "father") == {}, "hidden fields are not asked"
    service.promise_required_documents(case.id)
    result = service.submit(case.id, CITIZEN, NOTICE)
    assert is_valid_local_reference(result.local_reference)
    assert "-02-" in result.local_reference, "the kiosk number is part of the reference"
    stored = service.get(case.id)
    assert stored.status == "ready"
    assert stored.answers["child_name"] == "Nguyễn Minh Khôi"
    assert ("father_name" in stored.answers) is father_known
    with store.sessions() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.case_id == case.id)).one()
        assert entry.state == "queued" and entry.idempotency_key == result.idempotency_key
        consent = session.scalars(select(Consent).where(Consent.case_id == case.id)).one()
        assert consent.notice_text == NOTICE.text
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case.id)
        ).all()
        assert actions == ["case_started", "case_submitted"]


def test_missing_answers_block_submit_and_name_the_step(service: CaseService) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    with pytest.raises(SubmitBlocked) as blocked:
        service.submit(case.id, CITIZEN, NOTICE)
    assert blocked.value.step_id == "requester"
    assert "requester_relationship" in blocked.value.errors
    assert service.get(case.id).status == "draft"


def test_consent_is_required(service: CaseService) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    with pytest.raises(ConsentRequired):
        service.submit(case.id, CITIZEN, None)


@pytest.mark.parametrize("procedure_id", ["death", "marital_status", "certified_copy"])
def test_other_procedures_fill_and_submit(
    service: CaseService, catalogue: Catalogue, procedure_id: str
) -> None:
    rng = random.Random(7)
    card = synthetic_card(rng)
    case = service.start_case(procedure_id, CITIZEN, card=card)
    definition = catalogue[procedure_id]
    answers = complete_answers(definition, card, rng)
    inputs = {k: v for k, v in answers.items() if definition.field(k).is_input}
    service.save_answers(case.id, inputs)
    service.promise_required_documents(case.id)
    result = service.submit(case.id, CITIZEN, NOTICE)
    assert service.get(case.id).status == "ready"
    assert result.fee_amount >= 0


def test_marital_status_intended_spouse_only_for_marriage(
    service: CaseService, catalogue: Catalogue
) -> None:
    definition = catalogue["marital_status"]
    rng = random.Random(3)
    card = synthetic_card(rng)
    answers = complete_answers(definition, card, rng)
    case = service.start_case("marital_status", CITIZEN, card=card)
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and not k.startswith("intended_")
        },
    )
    service.save_answer(case.id, "purpose", "marriage")
    with pytest.raises(SubmitBlocked) as blocked:
        service.submit(case.id, CITIZEN, NOTICE)
    assert blocked.value.step_id == "intended_spouse"
    service.save_answers(
        case.id, {"purpose": "other", "purpose_other": "Bổ sung hồ sơ vay vốn ngân hàng"}
    )
    service.promise_required_documents(case.id)
    assert service.submit(case.id, CITIZEN, NOTICE).case.status == "ready"


def test_ct01_household_members_repeat_group(service: CaseService, catalogue: Catalogue) -> None:
    rng = random.Random(5)
    card = synthetic_card(rng)
    definition = catalogue["residence_ct01"]
    answers = complete_answers(definition, card, rng)
    case = service.start_case("residence_ct01", CITIZEN, card=card)
    service.save_answers(
        case.id, {k: v for k, v in answers.items() if definition.field(k).is_input}
    )
    members = [
        {
            "member_name": "Lê Thị Hoa",
            "member_dob": "1992-04-02",
            "member_sex": "female",
            "member_id_number": "048192004321",
            "member_relationship": "spouse",
        },
        {
            "member_name": "Lê Minh Khang",
            "member_dob": "2015-09-01",
            "member_sex": "male",
            "member_relationship": "child",
        },
    ]
    service.save_answer(case.id, "household_members", members)
    assert len(service.get(case.id).answers["household_members"]) == 2  # type: ignore[arg-type]
    too_many = members * 11
    with pytest.raises(AnswerError):
        service.save_answer(case.id, "household_members", too_many)
    assert service.validate_step(case.id, "members") == {}
    service.promise_required_documents(case.id)
    service.submit(case.id, CITIZEN, NOTICE)
    stored = service.get(case.id)
    assert stored.status == "ready"
    members = cast(list[dict[str, str]], stored.answers["household_members"])
    assert [m["member_name"] for m in members] == [
        "Lê Thị Hoa",
        "Lê Minh Khang",
    ]


BAD_INPUTS = [
    42,
    ["a", "list"],
    {"a": "dict"},
    "x" * 10_000,
    "Nguyễn 😀 An",
    "Nguyễn\x00An",
    "Robert'); DROP TABLE cases;--",
]


@pytest.mark.parametrize("raw", BAD_INPUTS, ids=lambda r: repr(r)[:20])
def test_bad_answers_are_refused_or_stored_exactly_never_corrupting(
    service: CaseService, raw: object
) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answer(case.id, "child_name", "Nguyễn Minh Khôi")
    for field_id in ("child_name", "child_birth_place"):
        before = service.get(case.id).answers
        try:
            saved = service.save_answer(case.id, field_id, raw)
        except AnswerError as error:
            assert error.message.vi and error.message.en
            assert service.get(case.id).answers == before, "a refused answer changes nothing"
        else:
            assert service.get(case.id).answers[field_id] == saved
            assert isinstance(saved, str) and unicodedata.is_normalized("NFC", saved)


def test_nfd_text_is_stored_as_nfc(service: CaseService) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    saved = service.save_answer(
        case.id, "child_birth_place", unicodedata.normalize("NFD", "Bệnh viện Điện Bàn")
    )
    assert saved == "Bệnh viện Điện Bàn"


def test_submitted_case_cannot_be_edited(service: CaseService) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answers(case.id, birth_answers(True))
    service.promise_required_documents(case.id)
    service.submit(case.id, CITIZEN, NOTICE)
    with pytest.raises(CaseNotEditable):
        service.save_answer(case.id, "child_name", "Tên Khác")


def test_resume_by_code_and_by_id_number(service: CaseService) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    assert case.resume_code is not None
    spoken = f"{case.resume_code[:4].lower()} {case.resume_code[4:]}"
    found = service.resume_by_code(spoken)
    assert found is not None and found.id == case.id
    assert service.resume_by_code("ZZZZ-ZZZ") is None
    drafts = service.drafts_for_id_number("049090001234")
    assert [d.id for d in drafts] == [case.id]
    assert service.drafts_for_id_number("049195005678") == []


def test_references_are_sequential_per_day_and_unique(service: CaseService, store: Store) -> None:
    references = []
    for _ in range(3):
        case = service.start_case("birth", CITIZEN, card=CARD)
        service.save_answers(case.id, birth_answers(False))
        service.promise_required_documents(case.id)
        references.append(service.submit(case.id, CITIZEN, NOTICE).local_reference)
    sequences = [int(ref.split("-")[3]) for ref in references]
    assert sequences == [1, 2, 3]
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 3


def test_the_filers_answers_are_copied_into_the_fathers_block_by_the_service(
    service: CaseService,
) -> None:
    case = service.start_case("birth", CITIZEN, card=CARD)
    saved = service.save_answers(case.id, {"requester_relationship": "father"})
    stored = service.get(case.id).answers
    assert stored["father_name"] == "Nguyễn Văn An" == saved["father_name"]
    assert stored["father_birth_year"] == 1990
    saved = service.save_answers(case.id, {"requester_relationship": "grandparent"})
    assert "father_name" not in service.get(case.id).answers, "an untouched copy is cleared"
