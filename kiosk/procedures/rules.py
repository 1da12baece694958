"""A small, safe rule language for visibility, constraints, fees and documents.

Rules are JSON data in the procedure definitions, evaluated by a pure
interpreter: nothing is ever passed to ``eval``/``exec``, an unknown operator
is refused when the definition loads (:class:`~kiosk.procedures.errors.RuleError`),
and evaluation is total: it returns a value for any answers, never raises.

The syntax is a subset of JSON-logic. A rule is a literal (string, number,
bool, null), a list of rules, or an object with exactly one operator key whose
value is the list of arguments (a single argument may be given bare)::

    {"==": [{"var": "father_known"}, true]}
    {"<=": [{"days_since": {"var": "child_dob"}}, 60]}
    {"and": [{"!": {"empty": {"var": "mother_name"}}}, {"var": "mother_known"}]}

Operators:

``var``
    ``{"var": "path"}`` or ``{"var": ["path", default]}``. The path is a field
    id, optionally followed by dotted keys or list indexes
    (``"address.province_code"``, ``"household_members.0.member_name"``).
    Inside a repeat group the member's own fields are looked up first.
``==`` ``!=``
    Strict equality (``true`` is not ``1``).
``<`` ``<=`` ``>`` ``>=``
    Two numbers or two strings (ISO dates compare correctly as strings);
    three arguments test "between". Anything else is false.
``and`` ``or`` ``!`` ``!!``
    Boolean logic on JSON-logic truthiness (``null``, ``false``, ``0``, ``""``
    and ``[]`` are false).
``if``
    ``[cond, then, cond2, then2, ..., else]``.
``in``
    ``[needle, list]`` membership, or substring when the second is a string.
``missing``
    ``["a", "b"]``: the list of those paths whose answer is empty.
``empty``
    True for ``null``, ``""``, ``[]`` and ``{}``.
``len``
    Length of a string or list (0 for anything else).
``+`` ``-``
    Sum, or difference/negation, of numbers (``null`` if any is not a number).
``today``
    The evaluation date as an ISO string.
``days_since`` ``age_years`` ``year``
    Whole days from an ISO date to today, full years of age today, the year
    of an ISO date (``null`` when the argument is not a date).
``days_between``
    ``[from, to]``: whole days from one ISO date to another.
``sex_of_id``
    ``"male"`` or ``"female"`` from a 12-digit personal identification number
    (its century/sex digit, Circular 59/2021/TT-BCA: even male, odd female),
    ``null`` for anything else: lets a definition refuse "I am the mother" from
    a man's card.
``count``
    ``[list, key, value]``: how many members of a repeat group have ``value``
    under ``key`` (e.g. how many household members are the household head).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kiosk.procedures.base import JsonValue
from kiosk.procedures.errors import RuleError

MAX_DEPTH = 32
"""Deepest nesting a rule may have: keeps evaluation cheap and recursion bounded."""

# operator -> (minimum arguments, maximum arguments or None for unbounded)
_ARITY: dict[str, tuple[int, int | None]] = {
    "var": (1, 2),
    "==": (2, 2),
    "!=": (2, 2),
    "<": (2, 3),
    "<=": (2, 3),
    ">": (2, 2),
    ">=": (2, 2),
    "and": (1, None),
    "or": (1, None),
    "!": (1, 1),
    "!!": (1, 1),
    "if": (3, None),
    "in": (2, 2),
    "missing": (1, None),
    "empty": (1, 1),
    "len": (1, 1),
    "+": (1, None),
    "-": (1, 2),
    "today": (0, 0),
    "days_since": (1, 1),
    "age_years": (1, 1),
    "year": (1, 1),
    "days_between": (2, 2),
    "sex_of_id": (1, 1),
    "count": (3, 3),
}

OPERATORS: frozenset[str] = frozenset(_ARITY)
"""Every operator the interpreter knows."""


@dataclass(frozen=True, slots=True)
class _Context:
    answers: Mapping[str, JsonValue]
    scope: Mapping[str, JsonValue] | None
    today: dt.date


class Rule:
    """A validated rule expression.

    Construct with ``Rule(expression)``: it raises :class:`RuleError` if the
    expression uses an unknown operator, a wrong number of arguments or nests
    deeper than :data:`MAX_DEPTH`. Rules are immutable and compare by value.
    """

    __slots__ = ("_expression", "_key", "_variables")

    def __init__(self, expression: JsonValue) -> None:
        variables: set[str] = set()
        _check(expression, "", 0, variables)
        self._expression = expression
        self._variables = frozenset(variables)
        self._key = json.dumps(expression, sort_keys=True, ensure_ascii=False)

    @property
    def expression(self) -> JsonValue:
        """The JSON expression (do not mutate it)."""
        return self._expression

    @property
    def variables(self) -> frozenset[str]:
        """Every ``var``/``missing`` path the rule reads, e.g. ``{"child_dob"}``."""
        return self._variables

    def evaluate(
        self,
        answers: Mapping[str, JsonValue],
        *,
        today: dt.date,
        scope: Mapping[str, JsonValue] | None = None,
    ) -> JsonValue:
        """The rule's value for these answers; ``scope`` is a repeat-group member."""
        return _evaluate(self._expression, _Context(answers, scope, today))

    def holds(
        self,
        answers: Mapping[str, JsonValue],
        *,
        today: dt.date,
        scope: Mapping[str, JsonValue] | None = None,
    ) -> bool:
        """Whether the rule's value is truthy (JSON-logic truthiness)."""
        return truthy(self.evaluate(answers, today=today, scope=scope))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"Rule({self._key})"


# --- load-time checks -----------------------------------------------------------------


def _check(expression: JsonValue, pointer: str, depth: int, variables: set[str]) -> None:
    if depth > MAX_DEPTH:
        raise RuleError(pointer, f"rule nests deeper than {MAX_DEPTH} levels")
    if expression is None or isinstance(expression, bool | int | float | str):
        if isinstance(expression, float) and expression != expression:  # NaN
            raise RuleError(pointer, "NaN is not a valid literal")
        return
    if isinstance(expression, list):
        for index, item in enumerate(expression):
            _check(item, f"{pointer}/{index}", depth + 1, variables)
        return
    if len(expression) != 1:
        raise RuleError(pointer, f"a rule object needs exactly one operator, got {len(expression)}")
    ((operator, raw_args),) = expression.items()
    op_pointer = f"{pointer}/{_escape(operator)}"
    if operator not in _ARITY:
        raise RuleError(op_pointer, f"unknown operator {operator!r}")
    args = _as_args(raw_args)
    low, high = _ARITY[operator]
    if len(args) < low or (high is not None and len(args) > high):
        expected = f"{low}" if low == high else f"{low} to {high or 'any'}"
        raise RuleError(op_pointer, f"{operator!r} takes {expected} arguments, got {len(args)}")
    if operator == "if" and len(args) % 2 == 0:
        raise RuleError(op_pointer, "'if' takes an odd number of arguments")
    if operator in ("var", "missing"):
        paths = args if operator == "missing" else args[:1]
        for index, path in enumerate(paths):
            if not isinstance(path, str) or not path:
                raise RuleError(f"{op_pointer}/{index}", f"{operator!r} needs a non-empty path")
            variables.add(path)
        if operator == "var" and len(args) == 2:
            _check(args[1], f"{op_pointer}/1", depth + 1, variables)
        return
    for index, arg in enumerate(args):
        _check(arg, f"{op_pointer}/{index}", depth + 1, variables)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _as_args(raw: JsonValue) -> list[JsonValue]:
    return raw if isinstance(raw, list) else [raw]


# --- evaluation ------------------------------------------------------------------------


def truthy(value: JsonValue) -> bool:
    """JSON-logic truthiness: ``null``, ``false``, ``0``, ``""``, ``[]``, ``{}`` are false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return bool(value)


def is_empty(value: object) -> bool:
    """True for an unanswered value: ``None``, ``""`` (or blanks), ``[]``, ``{}``."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    return False


def lookup(
    path: str, answers: Mapping[str, JsonValue], scope: Mapping[str, JsonValue] | None = None
) -> JsonValue:
    """The value at a dotted ``path``: member scope first, then the answers; None if absent."""
    head, *rest = path.split(".")
    current: JsonValue
    if scope is not None and head in scope:
        current = scope[head]
    elif head in answers:
        current = answers[head]
    else:
        return None
    for key in rest:
        if isinstance(current, dict):
            current = current.get(key)
        elif isinstance(current, list) and key.isdigit() and int(key) < len(current):
            current = current[int(key)]
        else:
            return None
    return current


def _evaluate(expression: JsonValue, context: _Context) -> JsonValue:
    if isinstance(expression, list):
        return [_evaluate(item, context) for item in expression]
    if not isinstance(expression, dict):
        return expression
    ((operator, raw_args),) = expression.items()
    args = _as_args(raw_args)
    if operator == "var":
        path = str(args[0])
        value = lookup(path, context.answers, context.scope)
        if value is None and len(args) == 2:
            return _evaluate(args[1], context)
        return value
    if operator == "missing":
        return [
            str(path)
            for path in args
            if is_empty(lookup(str(path), context.answers, context.scope))
        ]
    if operator == "and":
        return all(truthy(_evaluate(arg, context)) for arg in args)
    if operator == "or":
        return any(truthy(_evaluate(arg, context)) for arg in args)
    if operator == "if":
        for index in range(0, len(args) - 1, 2):
            if truthy(_evaluate(args[index], context)):
                return _evaluate(args[index + 1], context)
        return _evaluate(args[-1], context)
    values = [_evaluate(arg, context) for arg in args]
    return _EAGER[operator](values, context.today)


def _strict_equal(left: JsonValue, right: JsonValue) -> bool:
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    return left == right


def _is_number(value: JsonValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _less(left: JsonValue, right: JsonValue, *, or_equal: bool) -> bool:
    if _is_number(left) and _is_number(right):
        assert isinstance(left, int | float) and isinstance(right, int | float)
        return left <= right if or_equal else left < right
    if isinstance(left, str) and isinstance(right, str):
        return left <= right if or_equal else left < right
    return False


def _chain(values: Sequence[JsonValue], *, or_equal: bool, reverse: bool) -> bool:
    ordered = list(reversed(values)) if reverse else list(values)
    return all(
        _less(ordered[i], ordered[i + 1], or_equal=or_equal) for i in range(len(ordered) - 1)
    )


def as_date(value: JsonValue) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` string as a date, or None for anything else."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def age_in_years(born: dt.date, today: dt.date) -> int:
    """Full years between ``born`` and ``today`` (a 29 February birthday counts on 1 March)."""
    years = today.year - born.year
    if (today.month, today.day) < (born.month, born.day):
        years -= 1
    return years


def _membership(needle: JsonValue, haystack: JsonValue) -> bool:
    if isinstance(haystack, list):
        return any(_strict_equal(needle, item) for item in haystack)
    if isinstance(haystack, str) and isinstance(needle, str):
        return needle in haystack
    return False


def _length(value: JsonValue) -> int:
    return len(value) if isinstance(value, str | list | dict) else 0


def _plus(values: list[JsonValue]) -> JsonValue:
    if not all(_is_number(value) for value in values):
        return None
    total: int | float = 0
    for value in values:
        assert isinstance(value, int | float)
        total += value
    return total


def _minus(values: list[JsonValue]) -> JsonValue:
    if not all(_is_number(value) for value in values):
        return None
    numbers = [value for value in values if isinstance(value, int | float)]
    return -numbers[0] if len(numbers) == 1 else numbers[0] - numbers[1]


def _days_since(value: JsonValue, today: dt.date) -> JsonValue:
    day = as_date(value)
    return None if day is None else (today - day).days


def _age_years(value: JsonValue, today: dt.date) -> JsonValue:
    day = as_date(value)
    return None if day is None else age_in_years(day, today)


def _year(value: JsonValue) -> JsonValue:
    day = as_date(value)
    return None if day is None else day.year


def _days_between(start: JsonValue, end: JsonValue) -> JsonValue:
    first, last = as_date(start), as_date(end)
    return None if first is None or last is None else (last - first).days


def _sex_of_id(value: JsonValue) -> JsonValue:
    if not isinstance(value, str) or len(value) != 12 or not value.isascii() or not value.isdigit():
        return None
    return "male" if int(value[3]) % 2 == 0 else "female"


def _count(members: JsonValue, key: JsonValue, wanted: JsonValue) -> int:
    if not isinstance(members, list) or not isinstance(key, str):
        return 0
    return sum(
        1
        for member in members
        if isinstance(member, dict) and _strict_equal(member.get(key), wanted)
    )


_EAGER: dict[str, Callable[[list[JsonValue], dt.date], JsonValue]] = {
    "==": lambda v, _: _strict_equal(v[0], v[1]),
    "!=": lambda v, _: not _strict_equal(v[0], v[1]),
    "<": lambda v, _: _chain(v, or_equal=False, reverse=False),
    "<=": lambda v, _: _chain(v, or_equal=True, reverse=False),
    ">": lambda v, _: _chain(v, or_equal=False, reverse=True),
    ">=": lambda v, _: _chain(v, or_equal=True, reverse=True),
    "!": lambda v, _: not truthy(v[0]),
    "!!": lambda v, _: truthy(v[0]),
    "in": lambda v, _: _membership(v[0], v[1]),
    "empty": lambda v, _: is_empty(v[0]),
    "len": lambda v, _: _length(v[0]),
    "+": lambda v, _: _plus(v),
    "-": lambda v, _: _minus(v),
    "today": lambda _, today: today.isoformat(),
    "days_since": lambda v, today: _days_since(v[0], today),
    "age_years": lambda v, today: _age_years(v[0], today),
    "year": lambda v, _: _year(v[0]),
    "days_between": lambda v, _: _days_between(v[0], v[1]),
    "sex_of_id": lambda v, _: _sex_of_id(v[0]),
    "count": lambda v, _: _count(v[0], v[1], v[2]),
}

assert set(_EAGER) | {"var", "missing", "and", "or", "if"} == OPERATORS
