"""What a citizen is told about a draft: step reached, expiry, telling answers, duplicates,
the draft slip's content and the resume screen's reading of its QR (issue 15 #5).

Real store, the shipped catalogue; the expiry promise is checked against the real
retention run (``expire_drafts``) with a moved clock.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.cases import Actor, CaseService, expire_drafts
from kiosk.cases.clock import VIETNAM
from kiosk.cases.draft_overview import (
    MAX_ANSWER_CHARS,
    draft_expires_on,
    overview_of,
    same_procedure_drafts,
    step_reached,
    telling_answers,
)
from kiosk.cases.draft_slip import ScannedResumeCode, draft_slip_for, parse_resume_scan
from kiosk.cases.references import (
    format_resume_code,
    new_resume_code,
    parse_resume_qr,
    resume_qr_payload,
)
from kiosk.config import KioskConfig, Retention
from kiosk.identity import IdCard, parse_id_card_qr
from kiosk.procedures import Catalogue, JsonValue
from kiosk.store.database import Store
from tests.cases_support import CARD

ACTOR = Actor.citizen("s")
CONFIG = KioskConfig(key_store="file", retention=Retention(draft_expiry_days=30))
OTHER_CARD = parse_id_card_qr(
    "049195005678||Trần Thị Bình|02021995|Nữ|"
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng|10082025"
)


class Clock:
    def __init__(self) -> None:
        # 16:30 UTC is 23:30 at the ward office: the local date is what counts.
        self.now = dt.datetime(2026, 12, 6, 16, 30, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_step_reached_counts_the_visible_steps(catalogue: Catalogue) -> None:
    birth = catalogue["birth"]
    steps = birth.steps
    reached = step_reached(birth, {}, steps[2].id)
    assert (reached.number, reached.title) == (3, steps[2].title)
    assert reached.total <= len(steps)
    assert reached.text.vi == f"Bước 3/{reached.total}: {steps[2].title.vi}"
    assert reached.text.en == f"Step 3/{reached.total}: {steps[2].title.en}"
    assert step_reached(birth, {}, "no-such-step").number == 1


def test_the_printed_expiry_is_kept_by_the_retention_run(
    store: Store, catalogue: Catalogue
) -> None:
    clock = Clock()
    service = CaseService(store, catalogue, CONFIG, clock=clock)
    draft = service.start_case("birth", ACTOR, card=CARD)
    expires = draft_expires_on("draft", draft.updated_at, CONFIG)
    # Changed on 6 Dec at 23:30 local: removed 30 days later, on 5 Jan at 23:30.
    assert expires == dt.date(2027, 1, 4)
    end_of_day = dt.datetime.combine(expires + dt.timedelta(days=1), dt.time(), VIETNAM)
    clock.now = end_of_day - dt.timedelta(seconds=1)
    assert expire_drafts(store, CONFIG, clock) == 0
    assert service.get(draft.id).status == "draft", "kept until the end of the printed day"
    clock.now = dt.datetime(2027, 1, 5, 16, 31, tzinfo=dt.UTC)
    assert expire_drafts(store, CONFIG, clock) == 1
    # A case the portal returned is kept for the retention period instead.
    returned = draft_expires_on("returned", draft.updated_at, CONFIG)
    assert returned == expires + dt.timedelta(days=CONFIG.retention.retention_days - 30)


def test_telling_answers_are_the_names_typed_for_someone_else(catalogue: Catalogue) -> None:
    birth = catalogue["birth"]
    answers: dict[str, JsonValue] = {
        "requester_name": "Nguyễn Văn An",  # the card holder's own, from the card
        "child_name": "  Trần   Minh Khôi ",
        "mother_name": "x" * 200,
        "father_name": "Trần Văn Ba",
    }
    told = telling_answers(birth, answers)
    assert [answer.value for answer in told] == [
        "Trần Minh Khôi",
        "x" * (MAX_ANSWER_CHARS - 1) + "…",
    ]
    assert told[0].label == birth.field("child_name").label
    assert told[0].text.vi.endswith(": Trần Minh Khôi")
    assert telling_answers(catalogue["certified_copy"], {"requester_name": "A"}) == ()


def test_overview_and_same_procedure(store: Store, catalogue: Catalogue) -> None:
    service = CaseService(store, catalogue, CONFIG, clock=Clock())
    first = service.start_case("birth", ACTOR, card=CARD)
    service.save_answers(first.id, {"child_name": "Trần Minh Khôi"})
    service.set_current_step(first.id, catalogue["birth"].steps[1].id)
    service.start_case("death", ACTOR, card=CARD)
    service.start_case("birth", ACTOR, card=OTHER_CARD)  # someone else's
    mine = service.drafts_for_id_number(CARD.id_number)
    same = same_procedure_drafts(mine, "birth")
    assert [draft.id for draft in same] == [first.id]
    assert same_procedure_drafts(mine, "marital_status") == []
    overview = overview_of(service.get(first.id), catalogue, CONFIG)
    assert overview.procedure_title == catalogue["birth"].title
    assert overview.step.number == 2
    assert overview.changed_at.utcoffset() == dt.timedelta(hours=7)
    assert overview.changed_at.date() == dt.date(2026, 12, 6)
    assert overview.resume_code == format_resume_code(first.resume_code or "")
    assert [answer.value for answer in overview.answers] == ["Trần Minh Khôi"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_draft_slip_says_code_procedure_step_expiry_and_nothing_personal(
    store: Store, catalogue: Catalogue, language: str
) -> None:
    service = CaseService(store, catalogue, CONFIG, clock=Clock())
    draft = service.start_case("birth", ACTOR, card=CARD)
    service.save_answers(draft.id, {"child_name": "Trần Minh Khôi"})
    slip = draft_slip_for(service, draft.id, CONFIG, catalogue, language)
    assert slip is not None and draft.resume_code is not None
    assert slip.resume_code == format_resume_code(draft.resume_code)
    assert slip.qr_payload == resume_qr_payload(draft.resume_code)
    assert slip.procedure_title == catalogue["birth"].title.get(language)
    assert slip.step_reached.startswith("Bước 1/" if language == "vi" else "Step 1/")
    assert slip.expires_on == dt.date(2027, 1, 4)
    assert slip.language == language
    printed = " ".join(str(value) for value in vars(slip).values())
    assert "Trần Minh Khôi" not in printed and CARD.id_number not in printed
    assert CARD.full_name not in printed
    assert draft_slip_for(service, "no-such-case", CONFIG, catalogue, language) is None


def test_the_slips_qr_reads_back_as_its_code_and_a_card_still_reads_as_a_card() -> None:
    code = new_resume_code()
    payload = resume_qr_payload(code)
    assert payload == f"CDKV-TIEPTUC:{format_resume_code(code)}"
    assert parse_resume_qr(payload) == code
    assert parse_resume_qr(payload.lower()) == code
    assert parse_resume_scan(payload) == ScannedResumeCode(code)
    assert parse_resume_qr("CDKV-TIEPTUC:") is None
    assert parse_resume_qr(format_resume_code(code)) is None, "a bare code is typed, not scanned"
    scanned = parse_resume_scan(
        "049195005678||Trần Thị Bình|02021995|Nữ|Khối phố 1, Phường Điện Bàn|10082025"
    )
    assert isinstance(scanned, IdCard)
    with pytest.raises(ValueError):
        parse_resume_scan("CDKV-TIEPTUC:12")
