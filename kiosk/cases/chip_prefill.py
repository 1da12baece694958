"""What a chip read adds to a case: the evidence it gives, and a parent's block filled in.

A birth registration names both parents; with each parent's card read by the
chip, their block (name, year of birth, ethnicity, nationality, address) is
filled from that card, so the citizen types only the child's name. Fields are
found by the ``<role>_<what>`` naming the procedure definitions use
(``mother_name``, ``father_birth_year``...); a procedure without them gets
nothing. Each value goes through the field's own normalisation; one the field
refuses is left for the person to enter.
"""

from __future__ import annotations

from kiosk.identity.chip.datagroups import ChipIdentity
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.procedures import AnswerError, ProcedureDefinition, normalise_answer
from kiosk.procedures.base import JsonValue
from kiosk.procedures.model import FieldType
from kiosk.procedures.prefill import address_from_card

PARENT_ROLES = ("mother", "father")


def identity_evidence_of(result: ChipReadResult) -> str:
    """``chip_verified`` when passive authentication succeeded, else ``chip_unverified``."""
    return "chip_verified" if result.verified else "chip_unverified"


def parent_answers(
    definition: ProcedureDefinition, role: str, person: ChipIdentity
) -> dict[str, JsonValue]:
    """Answers for ``role``'s block (``mother`` or ``father``) from that parent's chip."""
    if role not in PARENT_ROLES:
        raise ValueError(role)
    card = person.card
    raw: dict[str, object] = {
        f"{role}_known": True,
        f"{role}_name": card.full_name,
        f"{role}_birth_year": card.date_of_birth.year,
        f"{role}_ethnicity": person.ethnicity,
        f"{role}_nationality": person.nationality,
        f"{role}_address": card.address,
        f"{role}_id_number": card.id_number,
    }
    fields = {item.id: item for item in definition.top_level_fields()}
    answers: dict[str, JsonValue] = {}
    for field_id, value in raw.items():
        field = fields.get(field_id)
        if field is None or value is None or not field.is_input:
            continue
        if field.type is FieldType.ADDRESS:
            partial = address_from_card(str(value))
            if partial is None:
                continue
            try:
                answers[field_id] = normalise_answer(field, partial)
            except AnswerError:
                # An old address the ward list cannot place: kept for the person to finish.
                answers[field_id] = partial
            continue
        try:
            answers[field_id] = normalise_answer(field, value)
        except AnswerError:
            continue
    return answers
