"""Several kiosks of one ward on one database: kiosk numbers, draft locks, references.

The two "kiosks" here are two services with different kiosk numbers on the same
store (on PostgreSQL, what two machines share). tests/sync/test_ward_concurrency.py
runs real processes at once.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from kiosk.cases import Actor, CaseService
from kiosk.cases.errors import CaseLockedElsewhere
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from tests.sync_support import NOTICE

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CITIZEN = Actor.citizen("ward-test")


class MovableClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def kiosk(
    store: Store, catalogue: Catalogue, config: KioskConfig, number: int, clock: MovableClock
) -> CaseService:
    return CaseService(store, catalogue, replace(config, kiosk_number=number), clock=clock)


def test_a_draft_open_at_one_kiosk_is_refused_at_another_until_released(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    first = kiosk(store, catalogue, kiosk_config, 1, clock)
    second = kiosk(store, catalogue, kiosk_config, 2, clock)
    draft = first.start_case("certified_copy", CITIZEN)
    assert draft.kiosk_number == 1
    assert draft.locked_by_kiosk == 1

    with pytest.raises(CaseLockedElsewhere) as refused:
        second.open_for_editing(draft.id)
    assert refused.value.kiosk_number == 1
    assert "ki-ốt số 1" in refused.value.message.vi
    with pytest.raises(CaseLockedElsewhere):
        second.save_answer(draft.id, "requester_name", "Lê Thị Hoa")
    assert "requester_name" not in second.get(draft.id).answers  # nothing changed

    first.abandon(draft.id, CITIZEN)  # the citizen's session at kiosk 1 ended
    resumed = second.open_for_editing(draft.id)
    assert resumed.locked_by_kiosk == 2
    with pytest.raises(CaseLockedElsewhere) as now_refused:
        first.save_answer(draft.id, "requester_name", "Lê Thị Hoa")
    assert now_refused.value.kiosk_number == 2


def test_a_lock_left_behind_expires_by_itself(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    first = kiosk(store, catalogue, kiosk_config, 1, clock)
    second = kiosk(store, catalogue, kiosk_config, 2, clock)
    draft = first.start_case("certified_copy", CITIZEN)  # kiosk 1 then loses power
    minutes = kiosk_config.database.draft_lock_minutes
    clock.now += dt.timedelta(minutes=minutes - 1)
    with pytest.raises(CaseLockedElsewhere):
        second.open_for_editing(draft.id)
    clock.now += dt.timedelta(minutes=2)
    assert second.open_for_editing(draft.id).locked_by_kiosk == 2


def test_every_save_renews_the_lock(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    first = kiosk(store, catalogue, kiosk_config, 1, clock)
    second = kiosk(store, catalogue, kiosk_config, 2, clock)
    draft = first.start_case("certified_copy", CITIZEN)
    minutes = kiosk_config.database.draft_lock_minutes
    for _ in range(3):  # a slow citizen: longer than one lock in all, never idle that long
        clock.now += dt.timedelta(minutes=minutes - 1)
        first.save_answer(draft.id, "requester_name", "Lê Thị Hoa")
    with pytest.raises(CaseLockedElsewhere):
        second.open_for_editing(draft.id)


def test_two_kiosks_submitting_the_same_day_get_distinct_references_with_their_numbers(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    clock = MovableClock()
    references: list[str] = []
    rng = random.Random(7)
    for number in (1, 2, 1, 2):
        service = kiosk(store, catalogue, kiosk_config, number, clock)
        definition = catalogue["birth"]
        card = synthetic_card(rng)
        case = service.start_case("birth", CITIZEN, card=card)
        answers = complete_answers(definition, card, rng)
        inputs = {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        }
        service.save_answers(case.id, inputs)
        service.promise_required_documents(case.id)
        references.append(service.submit(case.id, CITIZEN, NOTICE).local_reference)
    assert len(set(references)) == 4
    assert [reference.split("-")[2] for reference in references] == ["01", "02", "01", "02"]
    assert [reference.split("-")[3] for reference in references] == [
        "0001",
        "0001",
        "0002",
        "0002",
    ]
