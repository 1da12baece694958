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
from collections.abc import Set

from kiosk.office_day import office_today
from kiosk.procedures.answers import normalise_answer
from kiosk.procedures.base import Answers, JsonValue
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import Field, ProcedureDefinition
from kiosk.procedures.rules import Rule, is_empty


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else office_today()


def copy_value(field: Field, answers: Answers, *, today: dt.date | None = None) -> JsonValue:
    """The normalised value ``field`` copies from ``answers``; None when the rule is off or
    nothing usable is there."""
    return _copy_value(field, answers, _today(today), {})


def _copy_value(field: Field, answers: Answers, day: dt.date, held: dict[Rule, bool]) -> JsonValue:
    """:func:`copy_value`, with ``held`` remembering each ``when`` for these answers.

    Several copies often share one condition (every field of the father's block
    asks "is the filer the father?"), so one pass over the copies asks it once.
    """
    fill = field.fill_from
    if fill is None:
        return None
    holds = held.get(fill.when)
    if holds is None:
        holds = held[fill.when] = fill.when.holds(answers, today=day)
    if not holds:
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
    changed: Set[str] | None = None,
    settled: bool = False,
) -> dict[str, JsonValue]:
    """The answers to store after a change from ``before`` to ``after`` (None: clear it).

    Only fields whose value must change are returned; an empty dict means
    nothing to do. The caller saves them like any answer. ``changed``, when
    given, holds every answer that may differ between ``before`` and ``after``
    (more is harmless): the caller that knows which answers it set spares the
    comparison of every copy's inputs. ``settled`` says that ``before`` is what
    this function left on the same day: every empty copy target then has no copy
    to take (an available copy would have filled it), so a copy whose inputs and
    target did not change is not worked out at all.

    Runs after every tap (the autosave), so a copy whose inputs did not change
    is worked out once instead of twice (its old and new values are the same),
    and not at all when its target holds an answer that did not change either
    (nothing can then happen to it: see the rules in the module's docstring).
    """
    day = _today(today)
    updates: dict[str, JsonValue] = {}
    held_after: dict[Rule, bool] = {}
    held_before: dict[Rule, bool] = {}
    for item in _filled_fields(definition):
        fill = item.fill_from
        if fill is None:  # never: copying_fields holds only fields with one
            continue
        current = after.get(item.id)
        if changed is None:
            inputs_same = all(_same(before.get(key), after.get(key)) for key in fill.inputs)
            target_same = _same(before.get(item.id), current)
        else:
            inputs_same = changed.isdisjoint(fill.inputs)
            target_same = item.id not in changed
        if inputs_same and target_same and (settled or not is_empty(current)):
            continue
        new_copy = _copy_value(item, after, day, held_after)
        old_copy = new_copy if inputs_same else _copy_value(item, before, day, held_before)
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
