"""Fill answers from the citizen's ID card so nobody types what the card already says.

A field opts in with ``"prefill": "full_name" | "date_of_birth" | "sex" |
"id_number" | "address" | "birth_year"`` (the year alone, for a hidden field
that a parent's year of birth is copied from: less than the whole date). The
card is anything with the attributes of :class:`IdCardLike`
(``kiosk.identity.IdCard`` has them).

Address prefill keeps the text printed on the card as ``card_text`` and adds
today's ``province_code``/``ward_code`` when the printed (possibly pre-2025)
address can be mapped; the ``street`` is the part before the administrative
names. When the ward cannot be decided the value still carries the province
(and ``ward_code`` None) so the screen can open the ward list for that
province; such a partial address is not a valid answer until a ward is chosen.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from kiosk.identity.text import fold_vietnamese
from kiosk.procedures import units
from kiosk.procedures.address_text import split_address
from kiosk.procedures.answers import (
    CARD_TEXT_MAX_LENGTH,
    STREET_MAX_LENGTH,
    clean_text,
    normalise_answer,
)
from kiosk.procedures.base import JsonValue
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import Field, FieldType, PrefillSource, ProcedureDefinition


class IdCardLike(Protocol):
    """What prefill reads from an ID card (CCCD/Căn cước QR data)."""

    @property
    def id_number(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def date_of_birth(self) -> dt.date: ...
    @property
    def sex(self) -> str: ...
    @property
    def address(self) -> str: ...


_SEX_VALUES = {"nam": "male", "nu": "female"}


def address_from_card(printed: str) -> dict[str, JsonValue] | None:
    """An address answer built from the card's printed address (possibly partial).

    Returns None when the printed text is empty or unusable.
    """
    try:
        card_text = clean_text(printed, CARD_TEXT_MAX_LENGTH)
    except AnswerError:
        return None
    if card_text is None:
        return None
    street, _admin = split_address(card_text)
    try:
        street_text = clean_text(street, STREET_MAX_LENGTH) or ""
    except AnswerError:
        street_text = ""
    match = units.map_legacy_address(card_text)
    return {
        "province_code": match.province.code if match else None,
        "ward_code": match.ward.code if match and match.ward else None,
        "street": street_text,
        "card_text": card_text,
    }


def _card_value(source: PrefillSource, card: IdCardLike) -> object:
    match source:
        case PrefillSource.FULL_NAME:
            return card.full_name
        case PrefillSource.DATE_OF_BIRTH:
            return card.date_of_birth
        case PrefillSource.SEX:
            return _SEX_VALUES.get(fold_vietnamese(card.sex)) if isinstance(card.sex, str) else None
        case PrefillSource.ID_NUMBER:
            return card.id_number
        case PrefillSource.ADDRESS:
            return card.address
        case PrefillSource.BIRTH_YEAR:
            born = card.date_of_birth
            return born.year if isinstance(born, dt.date) else None


def prefill_value(field: Field, card: IdCardLike) -> JsonValue:
    """The value ``field`` takes from the card, or None when the card has nothing usable."""
    if field.prefill is None:
        return None
    raw = _card_value(field.prefill, card)
    if field.type is FieldType.ADDRESS:
        if not isinstance(raw, str):
            return None
        partial = address_from_card(raw)
        if partial is None:
            return None
        try:
            return normalise_answer(field, partial)
        except AnswerError:
            return partial
    try:
        return normalise_answer(field, raw)
    except AnswerError:
        # A damaged or unusual card value is left for the citizen to enter.
        return None


def prefill_from_card(definition: ProcedureDefinition, card: IdCardLike) -> dict[str, JsonValue]:
    """Answers for every top-level field with a prefill source that the card can fill."""
    values: dict[str, JsonValue] = {}
    for item in definition.top_level_fields():
        value = prefill_value(item, card)
        if value is not None:
            values[item.id] = value
    return values


def initial_answers(
    definition: ProcedureDefinition, card: IdCardLike | None = None
) -> dict[str, JsonValue]:
    """Answers a new case starts with: field defaults, overridden by the card's data."""
    answers: dict[str, JsonValue] = {
        item.id: item.default for item in definition.top_level_fields() if item.default is not None
    }
    if card is not None:
        answers.update(prefill_from_card(definition, card))
    return answers
