"""The volunteers' views cover the ward: the queue, "Today" and the day's report show
which kiosk each case came from.

Two services with kiosk numbers 1 and 2 on one store stand for two machines (on
PostgreSQL, what a ward's kiosks share; tests/sync/test_ward_concurrency.py runs
real processes).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from kiosk.cases import Actor, CaseService
from kiosk.cases.clock import local_date
from kiosk.cases.daily_report import report_csv, report_pdf
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.volunteers import WorkQueue, today_summary
from tests.sync_support import NOTICE

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CITIZEN = Actor.citizen("ward-volunteers")
NOW = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


def at_kiosk(store: Store, catalogue: Catalogue, config: KioskConfig, number: int) -> CaseService:
    return CaseService(store, catalogue, replace(config, kiosk_number=number), clock=lambda: NOW)


def submit_one(service: CaseService, catalogue: Catalogue, rng: random.Random) -> str:
    definition = catalogue["birth"]
    card = synthetic_card(rng)
    case = service.start_case("birth", CITIZEN, card=card)
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
    return service.submit(case.id, CITIZEN, NOTICE).case.id


def test_queue_lists_every_kiosks_drafts_with_their_kiosk_number(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    first = at_kiosk(store, catalogue, kiosk_config, 1)
    second = at_kiosk(store, catalogue, kiosk_config, 2)
    drafts = {
        first.start_case("certified_copy", CITIZEN).id: 1,
        second.start_case("certified_copy", CITIZEN).id: 2,
    }
    rows = WorkQueue(store, catalogue, clock=lambda: NOW).page("drafts_today")
    assert {row.case_id: row.kiosk_number for row in rows} == drafts


def test_today_and_the_report_count_per_kiosk_on_the_ward_database(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig, store_backend: str
) -> None:
    rng = random.Random(11)
    for number in (1, 2, 2):
        submit_one(at_kiosk(store, catalogue, kiosk_config, number), catalogue, rng)
    summary = today_summary(store, local_date(NOW), catalogue)
    assert summary.submitted == 3
    ward = store_backend == "postgresql"
    assert summary.report.ward is ward
    assert summary.report.by_kiosk == {"Ki-ốt số 1": 1, "Ki-ốt số 2": 2}
    bars = [(bar.label, bar.value) for bar in summary.kiosk_bars()]
    assert bars == ([("Ki-ốt số 1", 1), ("Ki-ốt số 2", 2)] if ward else [])
    csv_text = report_csv(summary.report)
    assert ("by_kiosk,Ki-ốt số 2,2" in csv_text) is ward
    assert report_pdf(summary.report, kiosk_config).startswith(b"%PDF")
