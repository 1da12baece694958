"""Values of read-only ``computed`` fields: a date in words, an age, the fee.

The birth-registration declaration writes the child's date of birth in
words: ``date_in_words(date(1990, 3, 15))`` is
``"Ngày mười lăm tháng ba năm một nghìn chín trăm chín mươi"``. Days 1-10
take the customary "mồng" ("Ngày mồng năm tháng một năm hai nghìn không
trăm hai mươi"), the fourth month is "tháng tư", and units follow the usual
reading rules (mốt, tư, lăm, linh).
"""

from __future__ import annotations

import datetime as dt

from kiosk.procedures.base import Answers, JsonValue
from kiosk.procedures.fees import Channel, compute_fee
from kiosk.procedures.model import ComputeFn, Field, FieldType, ProcedureDefinition
from kiosk.procedures.rules import age_in_years, as_date

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_MONTHS = (
    "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"
)  # fmt: skip
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _two_digits(number: int) -> str:
    """0 < number < 100, as read after a hundred or alone."""
    tens, unit = divmod(number, 10)
    if tens == 0:
        return _DIGITS[unit]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    else:
        tail = _DIGITS[unit]
    return f"{head} {tail}"


def _three_digits(number: int, *, full: bool) -> str:
    """0 < number < 1000; ``full`` reads a leading zero hundred ("không trăm linh năm")."""
    hundreds, rest = divmod(number, 100)
    parts: list[str] = []
    if hundreds or full:
        parts.append(f"{_DIGITS[hundreds]} trăm")
    if rest:
        if parts and rest < 10:
            parts.append("linh")
        parts.append(_two_digits(rest))
    return " ".join(parts)


def number_in_words(number: int) -> str:
    """A whole number 0 <= number < 10**12 in Vietnamese words."""
    if not 0 <= number < 10**12:
        raise ValueError("number out of range")
    if number == 0:
        return _DIGITS[0]
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words.append(_three_digits(group, full=index < len(groups) - 1))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return " ".join(words)


def date_in_words(day: dt.date) -> str:
    """The date as written on a civil-status form, e.g. "Ngày mười lăm tháng ba năm ..."."""
    day_words = _two_digits(day.day)
    if day.day <= 10:
        day_words = f"mồng {day_words}"
    return f"Ngày {day_words} tháng {_MONTHS[day.month - 1]} năm {number_in_words(day.year)}"


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
    day = today or dt.date.today()
    source = as_date(answers.get(field.compute.of)) if field.compute.of else None
    match field.compute.fn:
        case ComputeFn.DATE_IN_WORDS:
            return date_in_words(source) if source else None
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
