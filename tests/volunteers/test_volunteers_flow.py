"""A volunteer signs in, helps citizens finish cases; the cases, audit and reports say so."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select, update

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.clock import local_date
from kiosk.cases.daily_report import build_report
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Case
from kiosk.volunteers import VolunteerService, WorkQueue, assist_case, today_summary

pytestmark = pytest.mark.backends("sqlite", "postgresql")

NOTICE = ConsentNotice("Nộp hồ sơ", "Tôi đồng ý cho UBND phường xử lý dữ liệu của tôi.", "vi")
IT_OFFICER = Actor.system()


def finish_case(
    service: CaseService, catalogue: Catalogue, procedure_id: str, actor: Actor, seed: int
) -> str:
    """Start a case from a card, answer everything, submit it; returns the case id."""
    rng = random.Random(seed)
    card = synthetic_card(rng)
    definition = catalogue[procedure_id]
    case = service.start_case(procedure_id, actor, card=card)
    answers = complete_answers(definition, card, rng)
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    service.promise_required_documents(case.id)
    service.submit(case.id, actor, NOTICE)
    return case.id


def test_a_volunteer_helps_a_citizen_and_the_report_names_them(
    store: Store, catalogue: Catalogue
) -> None:
    volunteers = VolunteerService(store)
    lan = volunteers.create_volunteer("Nguyễn Thị Lan", "Chi đoàn phường", "4821", IT_OFFICER)
    service = CaseService(store, catalogue, KioskConfig())

    signed_in = volunteers.sign_in(lan.id, "4821")
    helped = Actor.citizen("session-1", assisted_by=signed_in.volunteer_id)
    helped_id = finish_case(service, catalogue, "birth", helped, seed=1)
    volunteers.sign_out(signed_in, "idle")
    alone_id = finish_case(service, catalogue, "birth", Actor.citizen("session-2"), seed=2)

    assert service.get(helped_id).assisted_by == lan.id
    assert service.get(alone_id).assisted_by is None
    with store.sessions() as session:
        details = session.scalars(
            select(AuditEvent.details).where(
                AuditEvent.case_id == helped_id, AuditEvent.action == "case_submitted"
            )
        ).one()
    assert details["assisted_by"] == lan.id

    today = local_date(dt.datetime.now(dt.UTC))
    report = build_report(store, today)
    assert report.by_volunteer == {"Nguyễn Thị Lan": 1}
    summary = today_summary(store, today, catalogue)
    assert summary.submitted == 2 and summary.helped == 1
    assert summary.by_volunteer == (("Nguyễn Thị Lan", 1),)
    (birth,) = summary.by_procedure
    assert (birth.procedure_id, birth.submitted, birth.helped) == ("birth", 2, 1)
    assert birth.title == catalogue["birth"].title
    assert summary.waiting_to_sync == 2
    bars = summary.procedure_bars()
    assert [(bar.label, bar.value, bar.fraction) for bar in bars] == [
        (catalogue["birth"].title.vi, 2, 1.0)
    ]


def test_a_returned_case_is_fixed_and_resubmitted_by_a_volunteer(
    store: Store, catalogue: Catalogue
) -> None:
    volunteers = VolunteerService(store)
    binh = volunteers.create_volunteer("Trần Văn Bình", "Chi đoàn", "5820", IT_OFFICER)
    service = CaseService(store, catalogue, KioskConfig())
    case_id = finish_case(service, catalogue, "birth", Actor.citizen("s"), seed=3)
    # What the sync engine does when the portal answers "needs_more" for this dossier.
    with store.sessions.begin() as session:
        session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(status="returned", portal_message="Thiếu bản sao giấy chứng sinh.")
        )

    signed_in = volunteers.sign_in(binh.id, "5820")
    queue = WorkQueue(store, catalogue)
    (row,) = queue.page("returned")
    assert row.case_id == case_id and row.message == "Thiếu bản sao giấy chứng sinh."
    assert row.citizen_name  # the volunteer sees whose case it is

    opened = assist_case(store, row.case_id, signed_in)
    assert opened.assisted_by == binh.id
    actor = Actor.citizen("s-help", assisted_by=signed_in.volunteer_id)
    service.save_answer(case_id, "extract_copies", 3)
    result = service.submit(case_id, actor, NOTICE)
    assert result.case.status == "ready" and result.case.assisted_by == binh.id
    assert queue.count("returned") == 0
    with store.sessions() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
        ).all()
    assert actions[-2:] == ["case_assisted", "case_resubmitted"]
