"""The rule interpreter: a JSON-logic subset, pure and total, never eval."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.procedures import Rule, RuleError
from kiosk.procedures.base import JsonValue

TODAY = dt.date(2026, 3, 1)


def run(expression: Any, answers: dict[str, JsonValue] | None = None, **kw: Any) -> JsonValue:
    return Rule(expression).evaluate(answers or {}, today=TODAY, **kw)


@pytest.mark.parametrize(
    ("expression", "answers", "expected"),
    [
        ({"==": [{"var": "x"}, 1]}, {"x": 1}, True),
        ({"==": [{"var": "x"}, 1]}, {"x": True}, False),  # strict: true is not 1
        ({"!=": [{"var": "x"}, "a"]}, {"x": "b"}, True),
        ({"<": [{"var": "x"}, 3]}, {"x": 2}, True),
        ({"<": [1, {"var": "x"}, 3]}, {"x": 3}, False),
        ({"<=": [1, {"var": "x"}, 3]}, {"x": 3}, True),
        ({">": [{"var": "x"}, 3]}, {"x": 4}, True),
        ({">=": [{"var": "x"}, 3]}, {"x": 2}, False),
        ({"<": [{"var": "x"}, 3]}, {"x": "2"}, False),  # string vs number: false, no error
        ({"<": [{"var": "x"}, 3]}, {}, False),  # missing: false
        ({"<": ["2026-01-01", {"var": "d"}]}, {"d": "2026-02-01"}, True),  # ISO dates
        ({"and": [True, {"var": "x"}]}, {"x": 0}, False),
        ({"or": [False, {"var": "x"}]}, {"x": [1]}, True),
        ({"!": {"var": "x"}}, {"x": ""}, True),
        ({"!!": [{"var": "x"}]}, {"x": "a"}, True),
        ({"in": [{"var": "x"}, ["a", "b"]]}, {"x": "b"}, True),
        ({"in": ["guy", {"var": "x"}]}, {"x": "Nguyễn"}, True),
        ({"in": [{"var": "x"}, 5]}, {"x": 5}, False),
        ({"missing": ["a", "b", "c"]}, {"a": 1, "b": "  "}, ["b", "c"]),
        ({"empty": {"var": "x"}}, {"x": []}, True),
        ({"empty": {"var": "x"}}, {"x": False}, False),
        ({"len": {"var": "x"}}, {"x": [1, 2, 3]}, 3),
        ({"len": {"var": "x"}}, {"x": 7}, 0),
        ({"+": [1, 2, {"var": "x"}]}, {"x": 3}, 6),
        ({"+": [1, {"var": "x"}]}, {"x": "3"}, None),
        ({"-": [{"var": "x"}]}, {"x": 3}, -3),
        ({"-": [10, {"var": "x"}]}, {"x": 3}, 7),
        ({"if": [{"var": "x"}, "yes", "no"]}, {"x": True}, "yes"),
        ({"if": [False, 1, {"var": "x"}, 2, 3]}, {"x": True}, 2),
        ({"if": [False, 1, False, 2, 3]}, {}, 3),
        ({"today": []}, {}, "2026-03-01"),
        ({"days_since": {"var": "d"}}, {"d": "2026-01-01"}, 59),
        ({"days_since": {"var": "d"}}, {"d": "not a date"}, None),
        ({"days_since": {"var": "d"}}, {"d": "2026-02-30"}, None),
        ({"age_years": {"var": "d"}}, {"d": "2008-02-29"}, 18),
        ({"age_years": {"var": "d"}}, {"d": "2008-03-02"}, 17),
        ({"year": {"var": "d"}}, {"d": "1990-03-15"}, 1990),
        (
            {"days_between": [{"var": "a"}, {"var": "b"}]},
            {"a": "2026-03-01", "b": "2026-03-11"},
            10,
        ),
        ({"var": "address.province_code"}, {"address": {"province_code": 48}}, 48),
        ({"var": "members.1.name"}, {"members": [{"name": "A"}, {"name": "B"}]}, "B"),
        ({"var": "members.5.name"}, {"members": [{"name": "A"}]}, None),
        ({"var": ["x", "fallback"]}, {}, "fallback"),
        (True, {}, True),
        ([1, {"var": "x"}], {"x": 2}, [1, 2]),
    ],
)
def test_operators(expression: Any, answers: dict[str, JsonValue], expected: JsonValue) -> None:
    assert run(expression, answers) == expected


def test_member_scope_is_read_before_the_answers() -> None:
    rule = Rule({"==": [{"var": "sex"}, "female"]})
    assert rule.holds({"sex": "male"}, today=TODAY, scope={"sex": "female"})
    assert not rule.holds({"sex": "male"}, today=TODAY, scope={})


def test_variables_lists_every_path_read() -> None:
    rule = Rule({"and": [{"var": "a.b"}, {"missing": ["c"]}, {"var": ["d", {"var": "e"}]}]})
    assert rule.variables == {"a.b", "c", "d", "e"}


def test_rules_compare_and_hash_by_value() -> None:
    assert Rule({"var": "x"}) == Rule({"var": "x"})
    assert len({Rule({"var": "x"}), Rule({"var": "x"}), Rule({"var": "y"})}) == 2


@pytest.mark.parametrize(
    ("expression", "pointer", "reason"),
    [
        ({"eval": ["1+1"]}, "/eval", "unknown operator 'eval'"),
        ({"__import__": "os"}, "/__import__", "unknown operator '__import__'"),
        ({"and": [{"exec": []}]}, "/and/0/exec", "unknown operator 'exec'"),
        ({"==": [1]}, "/==", "'==' takes 2 arguments, got 1"),
        ({"today": [1]}, "/today", "'today' takes 0 arguments, got 1"),
        ({"if": [1, 2, 3, 4]}, "/if", "'if' takes an odd number of arguments"),
        ({"var": ""}, "/var/0", "'var' needs a non-empty path"),
        ({"var": 3}, "/var/0", "'var' needs a non-empty path"),
        ({"a": 1, "b": 2}, "", "a rule object needs exactly one operator, got 2"),
        ({}, "", "a rule object needs exactly one operator, got 0"),
        ({"a/b": 1}, "/a~1b", "unknown operator 'a/b'"),
    ],
)
def test_malformed_rules_are_refused(expression: Any, pointer: str, reason: str) -> None:
    with pytest.raises(RuleError) as caught:
        Rule(expression)
    assert (caught.value.pointer, caught.value.reason) == (pointer, reason)


def test_nesting_is_bounded() -> None:
    expression: Any = True
    for _ in range(33):
        expression = {"!": expression}
    with pytest.raises(RuleError, match="deeper than 32"):
        Rule(expression)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(answers=st.dictionaries(st.sampled_from(["x", "d", "m"]), json_values))
def test_evaluation_is_total_for_any_answers(answers: dict[str, JsonValue]) -> None:
    """Whatever was stored, evaluating a valid rule returns a value and never raises."""
    expressions: list[JsonValue] = [
        {"<": [{"var": "x"}, 3, {"var": "d"}]},
        {"in": [{"var": "x"}, {"var": "m"}]},
        {"+": [{"var": "x"}, {"len": {"var": "m"}}]},
        {"-": [{"var": "x"}, {"var": "d"}]},
        {"days_between": [{"var": "d"}, {"var": "x"}]},
        {"age_years": {"var": "d"}},
        {"var": "m.0.x"},
        {"missing": ["x", "m.a"]},
    ]
    for expression in expressions:
        Rule(expression).evaluate(answers, today=TODAY)


@pytest.mark.parametrize(
    ("id_number", "sex"),
    [
        ("049090001234", "male"),  # C = 0: a man born in the 1900s
        ("048195001234", "female"),
        ("001203001234", "male"),
        ("001305001234", "female"),
        ("04909000123", None),
        ("04909000123x", None),
        (None, None),
    ],
)
def test_sex_of_id(id_number: str | None, sex: str | None) -> None:
    assert run({"sex_of_id": {"var": "n"}}, {"n": id_number}) == sex


def test_count_members_with_a_value() -> None:
    members: list[JsonValue] = [{"r": "head"}, {"r": "child"}, {"r": "head"}, "junk"]
    assert run({"count": [{"var": "m"}, "r", "head"]}, {"m": members}) == 2
    assert run({"count": [{"var": "m"}, "r", "head"]}, {"m": None}) == 0
    with pytest.raises(RuleError):
        Rule({"count": [{"var": "m"}, "r"]})


def test_latest_year_follows_each_date_constraint() -> None:
    from kiosk.paths import asset_dir
    from kiosk.procedures import latest_year, load_catalogue

    catalogue = load_catalogue(asset_dir() / "procedures")
    today = dt.date(2026, 12, 6)
    assert latest_year(catalogue["birth"].field("child_dob"), today=today) == 2026
    spouse = catalogue["marital_status"].field("intended_spouse_dob")
    assert latest_year(spouse, today=today) == 2008
    assert latest_year(catalogue["birth"].field("requester_phone"), today=today) is None
