"""Synthetic citizens and complete answers, for training, demos and benchmarks.

The people are invented (ID numbers follow the 12-digit rules, names come
from common Vietnamese family and given names). Answers are found by trying
plausible candidates per field type until the form engine accepts them, so
the generator follows the definitions instead of hard-coding each form.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kiosk.identity.id_card import id_card_qr_text
from kiosk.office_day import office_today
from kiosk.procedures import (
    AnswerError,
    Field,
    FieldType,
    ProcedureDefinition,
    initial_answers,
    normalise_answer,
    validate_all,
    visible_fields,
    visible_steps,
)
from kiosk.procedures.base import JsonValue
from kiosk.procedures.prefill import IdCardLike

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Hữu", "Thu"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khang", "Lan", "Mai", "Phúc", "Quỳnh", "Tâm"]
# Đà Nẵng (48) and Phường Điện Bàn (20551), the demo ward.
DEMO_PROVINCE = 48
DEMO_WARD = 20551


@dataclass(frozen=True)
class SyntheticCard:
    """Has the attributes of kiosk.identity.IdCard that the case services read."""

    id_number: str
    full_name: str
    date_of_birth: dt.date
    sex: str
    address: str
    old_id_number: str | None = None
    issue_date: dt.date | None = None

    def qr_payload(self) -> str:
        return id_card_qr_text(
            self.id_number,
            self.old_id_number,
            self.full_name,
            self.date_of_birth,
            self.sex,
            self.address,
            self.issue_date or dt.date(2024, 7, 1),
        )


def synthetic_card(rng: random.Random, today: dt.date | None = None) -> SyntheticCard:
    today = today or office_today()
    female = rng.random() < 0.5
    born = dt.date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
    century_sex = (0 if born.year < 2000 else 2) + (1 if female else 0)
    id_number = f"048{century_sex}{born.year % 100:02d}{rng.randint(0, 999_999):06d}"
    middle = "Thị" if female else rng.choice([m for m in MIDDLE if m != "Thị"])
    name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
    return SyntheticCard(
        id_number=id_number,
        full_name=name,
        date_of_birth=born,
        sex="Nữ" if female else "Nam",
        address=f"Tổ {rng.randint(1, 30)}, Phường Điện Bàn, Thành phố Đà Nẵng",
        issue_date=min(today, dt.date(2024, 7, 1)),
    )


def _candidates(field: Field, rng: random.Random, today: dt.date) -> list[object]:
    kind = field.type
    if kind is FieldType.PERSON_NAME:
        return [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"]
    if kind is FieldType.DATE:
        offsets = [-10, -40 * 365, -1, 60, 200, -20 * 365, -3]
        return [(today + dt.timedelta(days=d)).isoformat() for d in offsets]
    if kind is FieldType.TIME:
        return ["08:30"]
    if kind is FieldType.NUMBER:
        low = field.min if field.min is not None else 0
        return [max(low, 1), today.year - 30, low, 2, 1990]
    if kind is FieldType.SINGLE_CHOICE:
        values: list[object] = [option.value for option in field.options]
        rng.shuffle(values)
        return values
    if kind is FieldType.MULTIPLE_CHOICE:
        return [[field.options[0].value]] if field.options else []
    if kind is FieldType.YES_NO:
        first = rng.random() < 0.5
        return [first, not first]
    if kind is FieldType.ID_NUMBER:
        return [f"048{rng.choice((0, 1))}{rng.randint(60, 99):02d}{rng.randint(0, 999_999):06d}"]
    if kind is FieldType.PHONE:
        return [f"09{rng.randint(0, 5)}{rng.randint(0, 9_999_999):07d}"]
    if kind is FieldType.EMAIL:
        return ["congdan@example.vn"]
    if kind is FieldType.ADDRESS:
        return [{"province_code": DEMO_PROVINCE, "ward_code": DEMO_WARD, "street": "Tổ 5"}]
    if kind is FieldType.TEXT:
        return ["Bệnh viện Đa khoa Điện Bàn", "Việt Nam"]
    return []


def _fill(field: Field, rng: random.Random, today: dt.date, attempt: int) -> JsonValue:
    if field.type is FieldType.REPEAT_GROUP:
        count = max(1, field.min or 0)
        members: list[JsonValue] = []
        for _ in range(count):
            member: dict[str, JsonValue] = {}
            for child in field.fields:
                value = _fill(child, rng, today, 0)
                if value is not None:
                    member[child.id] = value
            members.append(member)
        return members
    options = _candidates(field, rng, today)
    for raw in options[attempt % max(1, len(options)) :] + options:
        try:
            return normalise_answer(field, raw)
        except AnswerError:
            continue
    return None


def complete_answers(
    definition: ProcedureDefinition,
    card: IdCardLike | None,
    rng: random.Random,
    today: dt.date | None = None,
) -> dict[str, JsonValue]:
    """Answers that pass ``validate_all`` for ``definition`` (ValueError if none found)."""
    return _completed(definition, initial_answers(definition, card), rng, today or office_today())


def answers_for_card(
    definition: ProcedureDefinition,
    template: dict[str, JsonValue],
    card: IdCardLike | None,
    rng: random.Random,
    today: dt.date | None = None,
) -> dict[str, JsonValue]:
    """``template``'s answers for another citizen: the card's own data, the rest reused.

    ``kiosk seed`` builds one template per procedure and gives each case a fresh
    card. Some rules tie answers to the card: a birth's "I am the child's father"
    cannot be a woman's answer, and a mother's name equal to the requester's says
    the requester is the mother, which a man cannot be. The template's answers that
    such a card contradicts are filled again until ``validate_all`` accepts them
    (ValueError if none found), so every seeded case can be submitted.
    """
    answers: dict[str, JsonValue] = initial_answers(definition, card)
    answers.update({k: v for k, v in template.items() if k not in answers})
    day = today or office_today()
    if not validate_all(definition, answers, today=day):
        return answers
    return _completed(definition, answers, rng, day)


def _completed(
    definition: ProcedureDefinition,
    answers: dict[str, JsonValue],
    rng: random.Random,
    day: dt.date,
) -> dict[str, JsonValue]:
    """``answers`` with what is missing filled and what the rules refuse filled again."""
    attempts: dict[str, int] = {}
    for _round in range(12):
        for step in visible_steps(definition, answers, today=day):
            for field in visible_fields(definition, step, answers, today=day):
                if not field.is_input or field.id in answers:
                    continue
                value = _fill(field, rng, day, 0)
                if value is not None:
                    answers[field.id] = value
        errors = validate_all(definition, answers, today=day)
        if not errors:
            return answers
        for field_id in errors:
            if field_id in definition.fields_by_id:
                attempts[field_id] = attempts.get(field_id, 0) + 1
                value = _fill(definition.field(field_id), rng, day, attempts[field_id])
                if value is None:
                    answers.pop(field_id, None)
                else:
                    answers[field_id] = value
    raise ValueError(f"could not build valid answers for {definition.id}: {sorted(errors)}")
