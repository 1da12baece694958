"""Property-based tests: the case and account services raise only their documented errors.

Documented: :class:`CaseError` (and its subclasses) for a case or request that is
missing, not editable, or a procedure, step or language the kiosk does not have;
:class:`AnswerError` for an answer (or a question id) that cannot be accepted;
``ValueError`` subclasses with a Vietnamese message for a phone number
(:class:`IdentityInputError`) or an e-mail address (:class:`AnswerError`, the
procedures' own rule, which the account screen uses too). Anything else is a bug.
A refusal stores nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.cases import AccountService, Actor, CaseError, CaseService, ConsentNotice
from kiosk.identity.errors import IdentityInputError
from kiosk.procedures.errors import AnswerError
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, AuditEvent, Case, Citizen, Consent
from tests.cases_support import CARD
from tests.hostile_inputs import FUZZ, hostile_text, hostile_value

ACTOR = Actor.citizen("fuzz")
NOTICE = ConsentNotice("Tài khoản", "Tôi đồng ý.", "vi")


def row_counts(store: Store) -> tuple[int, ...]:
    with store.sessions() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Case, Citizen, AccountRequest, Consent, AuditEvent)
        )


@FUZZ
@given(text=hostile_text)
def test_look_ups_answer_none_or_a_case(service: CaseService, text: str) -> None:
    assert service.find_by_reference(text) is None
    assert service.drafts_for_id_number(text) == []
    assert service.resume_by_code(text) is None
    with pytest.raises(CaseError):
        service.get(text)


@FUZZ
@given(procedure_id=hostile_text, language=hostile_text)
def test_start_case_refuses_unknown_procedures_and_languages(
    service: CaseService, store: Store, procedure_id: str, language: str
) -> None:
    before = row_counts(store)
    try:
        case = service.start_case(procedure_id, ACTOR, card=CARD, language=language)
    except CaseError:
        assert row_counts(store) == before
    else:
        assert case.procedure_id in service.catalogue and case.language in ("vi", "en")


@FUZZ
@given(field_id=hostile_text, value=hostile_value)
def test_save_answer_refuses_with_answer_or_case_errors_only(
    service: CaseService, store: Store, field_id: str, value: object
) -> None:
    case = service.start_case("birth", ACTOR)
    before = service.get(case.id).answers
    try:
        service.save_answer(case.id, field_id, value)
    except (AnswerError, CaseError):
        assert service.get(case.id).answers == before
    with pytest.raises(AnswerError):
        service.save_answers(case.id, {"child_name": "Nguyễn An", field_id + "\ud800": value})
    assert "child_name" not in service.get(case.id).answers or before.get("child_name")


@FUZZ
@given(step_id=hostile_text)
def test_steps_are_checked(service: CaseService, step_id: str) -> None:
    case = service.start_case("birth", ACTOR)
    steps = {step.id for step in service.definition_of(case).steps}
    if step_id in steps:
        return
    with pytest.raises(CaseError):
        service.set_current_step(case.id, step_id)
    with pytest.raises(CaseError):
        service.validate_step(case.id, step_id)
    assert service.get(case.id).current_step == case.current_step


@FUZZ
@given(
    phone=st.one_of(hostile_text, st.just("0912345678")), email=st.one_of(hostile_text, st.none())
)
def test_account_requests_refuse_bad_phones_and_e_mails(
    store: Store, phone: str, email: str | None
) -> None:
    accounts = AccountService(store)
    before = row_counts(store)
    try:
        request = accounts.request_account(CARD, phone, email, NOTICE, ACTOR)
    except (IdentityInputError, AnswerError, CaseError):
        assert row_counts(store) == before
        return
    with store.sessions() as session:
        stored = session.get(AccountRequest, request.id)
        assert stored is not None
        assert stored.email is None or (
            "@" in stored.email
            and stored.email.isprintable()
            and len(stored.email) <= 254
            and stored.email.encode("utf-8")
        )
    with pytest.raises(CaseError):
        accounts.get(phone + "\ud800")


EMAILS_REFUSED = [
    "an\x00@example.vn",
    "an@exam\u202eple.vn",
    "\u2066an@example.vn",
    "an@example.vn\ud800",
    "a" * 3_000_000 + "@example.vn",
    "an example@example.vn",
    "an@",
    "@example.vn",
    "an@@example.vn",
    "an@example",
]


def test_account_request_refuses_these_e_mails(store: Store) -> None:
    before = row_counts(store)
    for email in EMAILS_REFUSED:
        with pytest.raises(AnswerError) as refused:
            AccountService(store).request_account(CARD, "0912345678", email, NOTICE, ACTOR)
        assert "thư điện tử" in str(refused.value).lower()
    assert row_counts(store) == before


def test_an_e_mail_is_kept_as_the_screen_would_keep_it(store: Store) -> None:
    request = AccountService(store).request_account(
        CARD, "0912345678", "  Nguyen.An+kiosk@Example.vn ", NOTICE, ACTOR
    )
    with store.sessions() as session:
        stored = session.get(AccountRequest, request.id)
        assert stored is not None and stored.email == "Nguyen.An+kiosk@example.vn"
