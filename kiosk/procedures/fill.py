"""Copy one answer into another while a rule holds, so nobody types the same thing twice.

A field opts in with ``fill_from``::

    "fill_from": {
        "when": {"==": [{"var": "requester_relationship"}, "father"]},
        "value": {"var": "requester_name"}
    }

When the person filing says they are the child's father, the father's name is
theirs: it is filled in (shown as already answered) and stays editable.

The copy is stateless: an answer that equals what the rule gives is a copy
the citizen has not touched. After every answer, :func:`fill_updates`
compares the copies before and after it:

* an empty target takes the copy while the rule holds;
* a target still holding the old copy follows a changed source, and is
  cleared when the rule stops holding (tapping "mother" by mistake, then
  "father", leaves nothing of the father in the mother's fields);
* a target the citizen changed is never touched again.

The loader refuses a ``fill_from`` that reads another filled field, so one
pass is enough. Values are normalised like any answer; a source value the
target cannot take (a partial address from an old card) is not copied.
"""

from __future__ import annotations

import datetime as dt

from kiosk.procedures.answers import normalise_answer
from kiosk.procedures.base import Answers, JsonValue
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import Field, ProcedureDefinition
from kiosk.procedures.rules import is_empty


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else dt.date.today()


def copy_value(field: Field, answers: Answers, *, today: dt.date | None = None) -> JsonValue:
    """The normalised value ``field`` copies from ``answers``; None when the rule is off or
    nothing usable is there."""
    fill = field.fill_from
    if fill is None:
        return None
    day = _today(today)
    if not fill.when.holds(answers, today=day):
        return None
    raw = fill.value.evaluate(answers, today=day)
    if is_empty(raw):
        return None
    try:
        return normalise_answer(field, raw)
    except AnswerError:
        return None


def _filled_fields(definition: ProcedureDefinition) -> tuple[Field, ...]:
    return definition.copying_fields


def _same(before: JsonValue, after: JsonValue) -> bool:
    """Whether an answer is unchanged (rules tell ``true`` from ``1``: so does this)."""
    return before is after or (type(before) is type(after) and before == after)


def fill_updates(
    definition: ProcedureDefinition,
    before: Answers,
    after: Answers,
    *,
    today: dt.date | None = None,
) -> dict[str, JsonValue]:
    """The answers to store after a change from ``before`` to ``after`` (None: clear it).

    Only fields whose value must change are returned; an empty dict means
    nothing to do. The caller saves them like any answer.

    Runs after every tap (the autosave), so a copy whose inputs did not change
    is worked out once instead of twice (its old and new values are the same),
    and not at all when its target holds an answer that did not change either
    (nothing can then happen to it: see the rules in the module's docstring).
    """
    day = _today(today)
    updates: dict[str, JsonValue] = {}
    for item in _filled_fields(definition):
        fill = item.fill_from
        if fill is None:  # never: copying_fields holds only fields with one
            continue
        current = after.get(item.id)
        inputs_same = all(_same(before.get(key), after.get(key)) for key in fill.inputs)
        if inputs_same and not is_empty(current) and _same(before.get(item.id), current):
            continue
        new_copy = copy_value(item, after, today=day)
        old_copy = new_copy if inputs_same else copy_value(item, before, today=day)
        untouched = is_empty(current) or (old_copy is not None and current == old_copy)
        if not untouched or current == new_copy:
            continue
        if new_copy is None and is_empty(current):
            continue
        updates[item.id] = new_copy
    return updates


def filled_fields(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> frozenset[str]:
    """Ids of the fields whose answer is, right now, an untouched copy (to mark on screen)."""
    day = _today(today)
    return frozenset(
        item.id
        for item in _filled_fields(definition)
        if not is_empty(answers.get(item.id))
        and answers.get(item.id) == copy_value(item, answers, today=day)
    )
