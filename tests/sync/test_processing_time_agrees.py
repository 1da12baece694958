"""Issue 15 #4: the receipt's processing time, the appointment date and the training
portal's status schedule agree with each procedure's definition, for every procedure.

A case is filed through the real CaseService at a fixed moment, its receipt snapshot
is taken, it is pushed by the real sync engine to the real training portal on
127.0.0.1 (same moment on the portal's clock), and the portal's appointment date and
status feed are compared with what the receipt promised.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cases import Actor, CaseService
from kiosk.cases.clock import VIETNAM
from kiosk.cases.snapshot import build_snapshot
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import ProcedureDefinition
from kiosk.store.database import Store
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal import PortalSettings, StatusSchedule
from sync.training_portal.server import TrainingPortal
from sync.training_portal.testing import ManualClock
from tests.sync_support import NOTICE, catalogue, training_client

# Thursday 15 January 2026, 09:00 at the ward office: before the 15:00 cut-off.
FILED_AT = dt.datetime(2026, 1, 15, 2, 0, tzinfo=dt.UTC)


def variants() -> list[tuple[str, str | None, str | None]]:
    """(procedure, choice field, choice value) for every processing time defined."""
    found: list[tuple[str, str | None, str | None]] = []
    for procedure_id, definition in sorted(catalogue().items()):
        processing = definition.processing
        if processing.by_choice_field:
            found += [
                (procedure_id, processing.by_choice_field, v) for v, _ in processing.by_choice
            ]
        else:
            found.append((procedure_id, None, None))
    return found


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FILED_AT)


@pytest.fixture
def portal(tmp_path: Path, clock: ManualClock) -> Iterator[TrainingPortal]:
    # Every dossier ends "done" (none drawn for "needs more documents"): the test
    # is about when a result may be announced, not about which one.
    settings = PortalSettings(status_schedule=StatusSchedule(needs_more_percent=0))
    with TrainingPortal(tmp_path / "portal.db", clock=clock, settings=settings) as running:
        yield running


def file_case(
    service: CaseService, definition: ProcedureDefinition, field: str | None, value: str | None
) -> str:
    """A complete, valid case; with ``field``, one whose answer to it is ``value``."""
    for seed in range(200):
        rng = random.Random(seed)
        card = synthetic_card(rng)
        answers = complete_answers(definition, card, rng, today=FILED_AT.date())
        if field is None or answers.get(field) == value:
            break
    else:
        raise AssertionError(f"no synthetic case answers {field}={value}")
    case = service.start_case(definition.id, Actor.citizen("s"), card=card)
    inputs = {
        k: v for k, v in answers.items() if definition.field(k).is_input and k not in case.answers
    }
    service.save_answers(case.id, inputs)
    service.promise_required_documents(case.id)
    service.submit(case.id, Actor.citizen("s"), NOTICE)
    return case.id


@pytest.mark.parametrize(("procedure_id", "field", "value"), variants())
def test_receipt_portal_and_status_schedule_agree(
    store: Store,
    portal: TrainingPortal,
    clock: ManualClock,
    procedure_id: str,
    field: str | None,
    value: str | None,
) -> None:
    cat = catalogue()
    config = KioskConfig(key_store="file")
    service = CaseService(store, cat, config, clock=lambda: FILED_AT)
    definition = cat[procedure_id]
    case_id = file_case(service, definition, field, value)
    expected = definition.processing.for_answers(service.get(case_id).answers)
    days = 0 if expected.same_day else expected.working_days

    printed = build_snapshot(service, case_id, config, "vi", cat)
    assert printed.processing_days == days
    if days == 0:
        assert printed.ready_on == FILED_AT.astimezone(VIETNAM).date()

    with training_client(portal) as client:
        engine = SyncEngine(store, client, cat, kiosk_id=TRAINING_KIOSK_ID, holder="t")
        try:
            assert engine.run_until_done().pushed == 1
        finally:
            engine.close()
    (dossier,) = portal.app.dossiers.all_dossiers()
    appointment = dt.date.fromisoformat(str(dossier["appointment_date"]))
    assert appointment == printed.ready_on, (procedure_id, value)
    after_sync = build_snapshot(service, case_id, config, "vi", cat)
    assert (after_sync.processing_days, after_sync.ready_on) == (days, printed.ready_on)

    # The evening before the appointment date: never "done" yet.
    evening_before = dt.datetime.combine(
        appointment - dt.timedelta(days=1), dt.time(22, 0), VIETNAM
    )
    if evening_before > FILED_AT:
        clock.advance((evening_before - FILED_AT).total_seconds())
    else:
        clock.advance(120)  # a same-day result: decided minutes later, the same day
    (dossier,) = portal.app.dossiers.all_dossiers()
    if appointment > FILED_AT.astimezone(VIETNAM).date():
        assert dossier["status"] == "processing"
        clock.advance(12 * 3600)  # 10:00 on the appointment date
        (dossier,) = portal.app.dossiers.all_dossiers()
    assert dossier["status"] == "done"
