"""``kiosk seed`` through the services: every synthetic case it makes can be submitted.

Before, each procedure's answers were made once, with one synthetic card, and reused
with every case's own card; a birth's "I am the child's father" then went out with a
woman's card (seed 2: the very first case) and a mother's name that happened to be
the male requester's own (seed 1, case 3315): ``SubmitBlocked`` stopped the seeding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from sqlalchemy import func, select

from kiosk.cases.seeding import seed_cases
from kiosk.cases.synthetic import answers_for_card, complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue, initial_answers, validate_all
from kiosk.store.database import Store
from kiosk.store.models import Case, OutboxEntry

TODAY = dt.date(2026, 12, 6)


def test_seed_two_submits_every_case_with_a_card_of_either_sex(
    store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    # Seed 2's birth template says "father"; its first card is a woman's.
    count = 2 * len(catalogue) + 1
    assert seed_cases(store, catalogue, kiosk_config, count, seed=2) == count
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == count
        statuses = set(session.scalars(select(Case.status)))
    assert statuses == {"ready"}


def test_a_template_answer_the_card_contradicts_is_answered_again(catalogue: Catalogue) -> None:
    birth = catalogue["birth"]
    rng = random.Random(7)
    template_card = synthetic_card(rng, TODAY)
    template = {
        k: v
        for k, v in complete_answers(birth, template_card, rng, TODAY).items()
        if birth.field(k).is_input
    }
    template.update(requester_relationship="father", mother_known=True)
    template["mother_name"] = "Huỳnh Ngọc Phúc"
    # The ID number says the sex (its fourth digit: 0 a man, 1 a woman, born 19xx).
    woman = dataclasses.replace(
        template_card, id_number="048189783997", sex="Nữ", full_name="Trần Thị Giang"
    )
    man_named_as_mother = dataclasses.replace(
        template_card, id_number="048054894969", sex="Nam", full_name="Huỳnh Ngọc Phúc"
    )
    for card, contradicted in ((woman, "requester_relationship"), (man_named_as_mother, None)):
        if contradicted is None:
            template["requester_relationship"] = "grandparent"
        reused = {**template, **initial_answers(birth, card)}
        errors = validate_all(birth, reused, today=TODAY)
        assert errors, "the rule this test relies on is gone"
        assert contradicted is None or contradicted in errors
        answers = answers_for_card(birth, template, card, rng, TODAY)
        assert validate_all(birth, answers, today=TODAY) == {}
        # What no rule ties to the card stays the template's.
        assert answers["child_name"] == template["child_name"]


def test_a_template_that_fits_the_card_is_kept_as_it_is(catalogue: Catalogue) -> None:
    rng = random.Random(1)
    for procedure_id, definition in sorted(catalogue.items()):
        card = synthetic_card(rng, TODAY)
        template = {
            k: v
            for k, v in complete_answers(definition, card, rng, TODAY).items()
            if definition.field(k).is_input
        }
        state = rng.getstate()
        answers = answers_for_card(definition, template, card, rng, TODAY)
        assert answers == {**answers, **template}, procedure_id
        assert rng.getstate() == state  # nothing drawn: seeds stay reproducible
