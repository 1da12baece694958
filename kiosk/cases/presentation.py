"""Answers as people read them: choice labels, dd/mm/yyyy dates, Có/Không, unit names.

The review screen and the printed declaration show the same words, so the
formatting lives here, free of Qt. :func:`display_value` turns one stored
answer (see :mod:`kiosk.procedures.answers` for the stored forms) into one
line of text (a repeat group gives one short line per member, joined by
newlines); it never raises for a damaged value, it shows what it can.
:func:`review_sections` lists every visible answer grouped by step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kiosk.identity import admin_units
from kiosk.identity.admin_units import AdminUnit
from kiosk.payments.money import format_vnd_in_text
from kiosk.procedures import (
    ComputeFn,
    Field,
    FieldType,
    ProcedureDefinition,
    compute_values,
    is_field_visible,
    visible_fields,
    visible_steps,
)
from kiosk.procedures.base import Answers, JsonValue, LocalText

YES = LocalText("Có", "Yes")
NO = LocalText("Không", "No")
FREE = LocalText("Miễn phí", "Free of charge")
MEMBER_SEPARATOR = ", "
MEMBER_SUMMARY_FIELDS = 4
"""A repeat-group member is summarised by its first few answered children."""

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VN_MOBILE = re.compile(r"\+84(\d{9})")
_VN_LANDLINE = re.compile(r"\+84(2\d{9})")


@dataclass(frozen=True)
class ReviewItem:
    """One answer on the review page; ``editable`` is False for computed values."""

    field_id: str
    label: str
    value: str
    answered: bool
    editable: bool


@dataclass(frozen=True)
class ReviewSection:
    """The answers of one visible step, in the step's order."""

    step_id: str
    title: str
    items: tuple[ReviewItem, ...]


def is_blank(value: JsonValue) -> bool:
    """True for None, blank text, empty lists and empty mappings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def format_date(value: JsonValue) -> str:
    """``"2024-03-05"`` -> ``"05/03/2024"``; anything else is shown as it is."""
    if isinstance(value, str) and (match := _ISO_DATE.fullmatch(value)):
        year, month, day = match.groups()
        return f"{day}/{month}/{year}"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _plain(value)


def format_phone(value: JsonValue) -> str:
    """``"+84905123456"`` -> ``"0905 123 456"`` (how numbers are written in Viet Nam)."""
    if not isinstance(value, str):
        return _plain(value)
    if match := _VN_LANDLINE.fullmatch(value):
        digits = "0" + match.group(1)
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    if match := _VN_MOBILE.fullmatch(value):
        digits = "0" + match.group(1)
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return value


def format_address(value: JsonValue) -> str:
    """Street, ward name, province name; the card's printed text when units are missing."""
    if not isinstance(value, Mapping):
        return _plain(value)
    parts: list[str] = []
    street = value.get("street")
    if isinstance(street, str) and street.strip():
        parts.append(street.strip())
    ward = _unit(value.get("ward_code"), admin_units.get_ward)
    province = _unit(value.get("province_code"), admin_units.get_province)
    if ward is None:
        card_text = value.get("card_text")
        if isinstance(card_text, str) and card_text.strip():
            return card_text.strip()
    if ward is not None:
        parts.append(ward)
    if province is not None:
        parts.append(province)
    return ", ".join(parts)


def _unit(code: JsonValue, lookup: Callable[[int], AdminUnit | None]) -> str | None:
    if isinstance(code, bool) or not isinstance(code, int):
        return None
    unit = lookup(code)
    return None if unit is None else unit.name


def _plain(value: JsonValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES.vi if value else NO.vi
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _option_label(field: Field, value: JsonValue, lang: str) -> str:
    if not isinstance(value, str):
        return _plain(value)
    option = field.option(value)
    return option.label.get(lang) if option else value


def _member_line(group: Field, member: JsonValue, lang: str, answers: Answers) -> str:
    if not isinstance(member, Mapping):
        return ""
    shown: list[str] = []
    for child in group.fields:
        value = member.get(child.id)
        if is_blank(value) or not is_field_visible(child, answers, scope=member):
            continue
        text = display_value(child, value, lang)
        if child.type is FieldType.NUMBER and text:
            # A bare "2, 3" says nothing (seen in the walk's review of a certified copy):
            # a number carries its question, "Số trang: 2".
            text = f"{child.label.get(lang)}: {text}"
        shown.append(text)
        if len(shown) == MEMBER_SUMMARY_FIELDS:
            break
    return MEMBER_SEPARATOR.join(text for text in shown if text)


def display_value(
    field: Field, value: JsonValue, lang: str, *, answers: Answers | None = None
) -> str:
    """One answer as text for ``lang`` ("vi" or "en"); ``""`` when nothing was answered.

    ``answers`` (the whole case) is only needed to hide repeat-group children
    whose visibility depends on other answers.
    """
    if is_blank(value):
        return ""
    match field.type:
        case FieldType.DATE:
            return format_date(value)
        case FieldType.YES_NO:
            if isinstance(value, bool):
                return (YES if value else NO).get(lang)
            return _plain(value)
        case FieldType.SINGLE_CHOICE:
            return _option_label(field, value, lang)
        case FieldType.MULTIPLE_CHOICE:
            if not isinstance(value, list):
                return _option_label(field, value, lang)
            return "; ".join(_option_label(field, item, lang) for item in value)
        case FieldType.PHONE:
            return format_phone(value)
        case FieldType.ADDRESS:
            return format_address(value)
        case FieldType.REPEAT_GROUP:
            if not isinstance(value, list):
                return ""
            lines = [_member_line(field, member, lang, answers or {}) for member in value]
            return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, 1) if line)
        case FieldType.COMPUTED:
            return _computed_text(field, value, lang)
        case _:
            return _plain(value)


def _computed_text(field: Field, value: JsonValue, lang: str) -> str:
    is_fee = field.compute is not None and field.compute.fn is ComputeFn.FEE
    if is_fee and isinstance(value, int) and not isinstance(value, bool):
        return FREE.get(lang) if value == 0 else format_vnd_in_text(value, lang)
    return _plain(value)


def review_sections(
    definition: ProcedureDefinition,
    answers: Answers,
    lang: str,
    *,
    today: dt.date | None = None,
) -> list[ReviewSection]:
    """Every visible field of every visible step, with its answer as text.

    Computed fields (date in words, fee) are included with their current
    value and ``editable=False``.
    """
    computed = compute_values(definition, answers, today=today)
    sections: list[ReviewSection] = []
    for step in visible_steps(definition, answers, today=today):
        items: list[ReviewItem] = []
        for item in visible_fields(definition, step, answers, today=today):
            value = computed.get(item.id) if not item.is_input else answers.get(item.id)
            text = display_value(item, value, lang, answers=answers)
            items.append(
                ReviewItem(
                    field_id=item.id,
                    label=item.label.get(lang),
                    value=text,
                    answered=bool(text),
                    editable=item.is_input,
                )
            )
        sections.append(ReviewSection(step.id, step.title.get(lang), tuple(items)))
    return sections
