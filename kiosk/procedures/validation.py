"""Which steps and fields are shown, and whether the answers given are complete.

All functions take the case's answers dict (as stored: normalised values,
see :mod:`kiosk.procedures.answers`) and an optional ``today`` (defaults to
the ward office's day, :func:`kiosk.office_day.office_today`; pass it in tests
and when replaying a case).

Error dicts map a field id to the message to show beside it. Errors inside a
repeat group use ``"<group_id>.<index>.<child_id>"`` with a 0-based index
(``"household_members.2.member_name"``). Only visible fields are checked: an
answer to a hidden field is kept (the citizen may go back) but ignored, and
:func:`visible_answers` drops it before a declaration is printed or sent. A
field declared ``"hidden": true`` is never visible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from kiosk.office_day import office_today
from kiosk.procedures.answers import normalise_answer
from kiosk.procedures.base import Answers, JsonValue, LocalText
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import (
    Field,
    FieldType,
    ProcedureDefinition,
    RequiredDocument,
    Step,
)
from kiosk.procedures.rules import is_empty

MSG_REQUIRED = LocalText("Xin điền mục này.", "Please fill in this item.")
MSG_REQUIRED_CHOICE = LocalText("Xin chọn một mục.", "Please choose one item.")
MSG_REQUIRED_YES_NO = LocalText("Xin chọn Có hoặc Không.", "Please choose Yes or No.")
MSG_REQUIRED_ADDRESS = LocalText(
    "Xin chọn tỉnh/thành phố và phường/xã.", "Please choose the province and the ward."
)
MSG_GROUP_MIN = LocalText("Cần ít nhất {limit} người/mục.", "At least {limit} entries are needed.")
MSG_GROUP_MAX = LocalText("Chỉ nhập tối đa {limit} người/mục.", "At most {limit} entries.")
_CHOICE_TYPES = frozenset({FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE})


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else office_today()


def is_field_visible(
    field: Field,
    answers: Answers,
    *,
    today: dt.date | None = None,
    scope: Mapping[str, JsonValue] | None = None,
) -> bool:
    """Whether ``field`` is shown; ``scope`` is the member dict for a repeat-group child.

    A ``hidden`` field is never shown (so never validated, reviewed or printed).
    """
    if field.hidden:
        return False
    if field.visible_when is None:
        return True
    return field.visible_when.holds(answers, today=_today(today), scope=scope)


def is_step_visible(step: Step, answers: Answers, *, today: dt.date | None = None) -> bool:
    """Whether the step is shown: its own rule holds and it has a visible field."""
    day = _today(today)
    if step.visible_when is not None and not step.visible_when.holds(answers, today=day):
        return False
    return any(is_field_visible(item, answers, today=day) for item in step.fields)


def visible_steps(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> tuple[Step, ...]:
    """The steps to show, in order, for these answers."""
    day = _today(today)
    return tuple(step for step in definition.steps if is_step_visible(step, answers, today=day))


def visible_fields(
    definition: ProcedureDefinition,
    step: Step | str,
    answers: Answers,
    *,
    today: dt.date | None = None,
) -> tuple[Field, ...]:
    """The fields of ``step`` (a Step or its id) to show; empty if the step is hidden."""
    day = _today(today)
    chosen = definition.step(step) if isinstance(step, str) else step
    if chosen.visible_when is not None and not chosen.visible_when.holds(answers, today=day):
        return ()
    return tuple(item for item in chosen.fields if is_field_visible(item, answers, today=day))


def visible_answers(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> dict[str, JsonValue]:
    """The answers of visible fields only (hidden members' children dropped too)."""
    day = _today(today)
    kept: dict[str, JsonValue] = {}
    for step in visible_steps(definition, answers, today=day):
        for item in visible_fields(definition, step, answers, today=day):
            if item.id not in answers:
                continue
            value = answers[item.id]
            if item.type is FieldType.REPEAT_GROUP and isinstance(value, list):
                kept[item.id] = [_visible_member(item, member, answers, day) for member in value]
            else:
                kept[item.id] = value
    return kept


def _visible_member(group: Field, member: JsonValue, answers: Answers, today: dt.date) -> JsonValue:
    if not isinstance(member, dict):
        return member
    return {
        child.id: member[child.id]
        for child in group.fields
        if child.id in member and is_field_visible(child, answers, today=today, scope=member)
    }


def applicable_documents(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> tuple[RequiredDocument, ...]:
    """The documents this case needs (``required_when`` holds or is absent)."""
    day = _today(today)
    return tuple(
        document
        for document in definition.documents
        if document.required_when is None or document.required_when.holds(answers, today=day)
    )


def missing_documents(
    definition: ProcedureDefinition,
    answers: Answers,
    filled: Collection[str],
    *,
    today: dt.date | None = None,
) -> tuple[LocalText, ...]:
    """Names of the required slots not yet ``filled`` (scanned or promised for the counter).

    Optional slots never appear. A "one of" group appears once, its
    applicable alternatives joined by "hoặc" / "or", and only when none of
    them is filled.
    """
    missing: list[LocalText] = []
    groups_seen: set[str] = set()
    applicable = applicable_documents(definition, answers, today=today)
    for document in applicable:
        if not document.required or document.id in filled:
            continue
        if document.one_of is None:
            missing.append(document.name)
            continue
        if document.one_of in groups_seen:
            continue
        groups_seen.add(document.one_of)
        members = [item for item in applicable if item.one_of == document.one_of]
        if any(item.id in filled for item in members):
            continue
        missing.append(
            LocalText(
                " hoặc ".join(item.name.vi for item in members),
                " or ".join(item.name.en for item in members),
            )
        )
    return tuple(missing)


def _required_message(field: Field) -> LocalText:
    if field.type in _CHOICE_TYPES:
        return MSG_REQUIRED_CHOICE
    if field.type is FieldType.YES_NO:
        return MSG_REQUIRED_YES_NO
    if field.type is FieldType.ADDRESS:
        return MSG_REQUIRED_ADDRESS
    return MSG_REQUIRED


def _check_value(
    field: Field,
    value: JsonValue,
    answers: Answers,
    today: dt.date,
    scope: Mapping[str, JsonValue] | None,
) -> LocalText | None:
    """The message for one visible non-group field, or None when it is fine."""
    if is_empty(value):
        return _required_message(field) if field.required else None
    try:
        normalise_answer(field, value)
    except AnswerError as error:
        return error.message
    if field.constraint is not None and not field.constraint.rule.holds(
        answers, today=today, scope=scope
    ):
        return field.constraint.message
    return None


def _check_group(
    group: Field, value: JsonValue, answers: Answers, today: dt.date
) -> dict[str, LocalText]:
    errors: dict[str, LocalText] = {}
    members = value if isinstance(value, list) else []
    if value is not None and not isinstance(value, list):
        errors[group.id] = MSG_REQUIRED
        return errors
    if group.min is not None and len(members) < group.min:
        errors[group.id] = MSG_GROUP_MIN.format(limit=group.min)
    elif group.required and not members:
        errors[group.id] = MSG_GROUP_MIN.format(limit=1)
    if group.max is not None and len(members) > group.max:
        errors[group.id] = MSG_GROUP_MAX.format(limit=group.max)
    for index, member in enumerate(members):
        scope: Mapping[str, JsonValue] = member if isinstance(member, dict) else {}
        for child in group.fields:
            if not child.is_input or not is_field_visible(child, answers, today=today, scope=scope):
                continue
            message = _check_value(child, scope.get(child.id), answers, today, scope)
            if message is not None:
                errors[f"{group.id}.{index}.{child.id}"] = message
    if (
        group.constraint is not None
        and members
        and not group.constraint.rule.holds(answers, today=today)
    ):
        errors.setdefault(group.id, group.constraint.message)
    return errors


def validate_step(
    definition: ProcedureDefinition,
    step_id: str,
    answers: Answers,
    *,
    today: dt.date | None = None,
) -> dict[str, LocalText]:
    """Messages for the visible fields of one step; an empty dict means the step is complete.

    Checks, for each visible field: required, the stored value's form (a damaged
    value gets a message, never an exception), the constraint; for a repeat
    group also its min/max and each member's visible children.
    """
    day = _today(today)
    errors: dict[str, LocalText] = {}
    for item in visible_fields(definition, step_id, answers, today=day):
        value = answers.get(item.id)
        if item.type is FieldType.REPEAT_GROUP:
            errors.update(_check_group(item, value, answers, day))
            continue
        message = _check_value(item, value, answers, day, None) if item.is_input else None
        if message is not None:
            errors[item.id] = message
    return errors


def validate_all(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> dict[str, LocalText]:
    """Messages for every visible step; an empty dict means the case can be submitted."""
    day = _today(today)
    errors: dict[str, LocalText] = {}
    for step in visible_steps(definition, answers, today=day):
        errors.update(validate_step(definition, step.id, answers, today=day))
    return errors


_YEARS_AHEAD = 10
_YEARS_BACK = 130


def latest_year(field: Field, *, today: dt.date | None = None) -> int | None:
    """The last year a date field's constraint can accept, or None when it sets no limit.

    The year picker offers no year after it: a newborn's date of birth never
    shows next year, an intended spouse's is no later than the marriage age
    allows. Found by trying 1 January of each year against the field's own
    constraint (with no other answers), so the definition stays the one source.
    """
    if field.type is not FieldType.DATE or field.constraint is None:
        return None
    day = _today(today)
    rule = field.constraint.rule
    last = None
    for year in range(day.year + _YEARS_AHEAD, day.year - _YEARS_BACK, -1):
        probe: dict[str, JsonValue] = {field.id: f"{year:04d}-01-01"}
        if rule.holds(probe, today=day, scope=probe):
            last = year
            break
    if last is None or last >= day.year + _YEARS_AHEAD:
        return None
    return last


def first_step_with_errors(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> str | None:
    """The id of the first visible step that is not complete (where to send the citizen)."""
    day = _today(today)
    for step in visible_steps(definition, answers, today=day):
        if validate_step(definition, step.id, answers, today=day):
            return step.id
    return None
