"""``kiosk seed`` in bulk (a ward's history, for benchmarks): rows as real ones are."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from kiosk.cases import Actor, CaseService
from kiosk.cases.seeding import seed_history
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import Case, Citizen, Consent
from tests.sync_support import NOTICE

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def test_history_rows_read_back_and_new_work_goes_on_after_them(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig, service: CaseService
) -> None:
    assert seed_history(store, catalogue, kiosk_config, 1200) == 1200
    with store.sessions() as session:
        cases = list(session.scalars(select(Case)))
        assert session.scalar(select(func.count()).select_from(Consent)) == 1200
        citizen = session.scalars(select(Citizen).order_by(Citizen.id)).first()
        assert citizen is not None and citizen.id_number is not None
        hash_ok = citizen.id_number_hash == store.cipher.lookup_hash(citizen.id_number)
    assert hash_ok  # the keyed hash finds them (resume and look-up by ID number)
    assert len({case.local_reference for case in cases}) == 1200
    assert {case.status for case in cases} == {"sent"}
    assert {case.kiosk_number for case in cases} == set(range(1, 7))
    first = cases[0]
    assert first.local_reference is not None
    found = service.find_by_reference(first.local_reference)
    assert found is not None and found.answers == first.answers  # sealed, and readable

    # A real citizen after the history: new citizen and consent rows (PostgreSQL's
    # sequences were moved past the seeded ids), today's first reference.
    rng = random.Random(2)
    card = synthetic_card(rng)
    case = service.start_case("birth", Actor.citizen("after"), card=card)
    answers = complete_answers(catalogue["birth"], card, rng)
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if catalogue["birth"].field(k).is_input and k not in case.answers
        },
    )
    service.promise_required_documents(case.id)
    result = service.submit(case.id, Actor.citizen("after"), NOTICE)
    assert result.local_reference is not None
    assert result.local_reference.split("-")[3] == "0001"
