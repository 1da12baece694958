"""Values of read-only ``computed`` fields: a date in words, an age, the fee.

The birth-registration declaration writes the child's date of birth in words
(:func:`kiosk.in_words.date_in_words_vi`).
"""

from __future__ import annotations

import datetime as dt

from kiosk.in_words import date_in_words_vi
from kiosk.office_day import office_today
from kiosk.procedures.base import Answers, JsonValue
from kiosk.procedures.fees import Channel, compute_fee
from kiosk.procedures.model import ComputeFn, Field, FieldType, ProcedureDefinition
from kiosk.procedures.rules import age_in_years, as_date


def compute_field(
    definition: ProcedureDefinition,
    field: Field,
    answers: Answers,
    *,
    channel: Channel = "in_person",
    today: dt.date | None = None,
) -> JsonValue:
    """The value of one computed field (None when its input is not answered yet)."""
    if field.compute is None:
        return None
    day = today or office_today()
    source = as_date(answers.get(field.compute.of)) if field.compute.of else None
    match field.compute.fn:
        case ComputeFn.DATE_IN_WORDS:
            return date_in_words_vi(source) if source else None
        case ComputeFn.AGE:
            return age_in_years(source, day) if source else None
        case ComputeFn.FEE:
            return compute_fee(definition, answers, channel, day).amount_vnd


def compute_values(
    definition: ProcedureDefinition,
    answers: Answers,
    *,
    channel: Channel = "in_person",
    today: dt.date | None = None,
) -> dict[str, JsonValue]:
    """Every top-level computed field's value for these answers, by field id."""
    return {
        item.id: compute_field(definition, item, answers, channel=channel, today=today)
        for item in definition.top_level_fields()
        if item.type is FieldType.COMPUTED
    }
