"""Copies between answers (fill_from), hidden fields, one-tap suggestions and per-ward lists."""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import unicodedata
from pathlib import Path
from random import Random
from typing import Any

import pytest

from kiosk.identity import parse_id_card_qr
from kiosk.procedures import (
    ASSETS_DIRECTORY,
    DefinitionError,
    LocalText,
    copy_value,
    fill_updates,
    filled_fields,
    initial_answers,
    load_catalogue,
    load_definition,
    load_local_lists,
    place_name,
    suggested_answers,
    validate_all,
    visible_answers,
)
from kiosk.procedures.base import JsonValue
from kiosk.procedures.rules import is_empty
from kiosk.procedures.suggestions import LocalListError, parse_local_lists

TODAY = dt.date(2026, 6, 1)
CATALOGUE = load_catalogue()
BIRTH = CATALOGUE["birth"]
CARD = parse_id_card_qr(
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
CARD_ADDRESS: dict[str, JsonValue] = {
    "province_code": 48,
    "ward_code": 20551,
    "street": "Tổ 3",
    "card_text": "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
}
PARENT_COPIES = ("name", "birth_year", "address")


def start() -> dict[str, JsonValue]:
    return initial_answers(BIRTH, CARD)


def answer(answers: dict[str, JsonValue], field_id: str, value: JsonValue) -> dict[str, JsonValue]:
    """What the wizard does: store one answer, then the copies it sets off."""
    before = dict(answers)
    after = dict(answers)
    if value is None:
        after.pop(field_id, None)
    else:
        after[field_id] = value
    for key, copied in fill_updates(BIRTH, before, after, today=TODAY).items():
        if copied is None:
            after.pop(key, None)
        else:
            after[key] = copied
    return after


# --- fill_from ---------------------------------------------------------------------------------


def test_the_card_gives_only_the_birth_year_and_it_stays_hidden() -> None:
    answers = start()
    assert answers["requester_birth_year"] == 1990
    assert "1990-03-15" not in json.dumps(answers)
    assert "requester_birth_year" not in visible_answers(BIRTH, answers, today=TODAY)
    assert "requester_birth_year" not in [f.id for f in BIRTH.declaration_fields()]


@pytest.mark.parametrize("parent", ["mother", "father"])
def test_a_parent_filing_fills_their_own_block(parent: str) -> None:
    answers = answer(start(), "requester_relationship", parent)
    assert answers[f"{parent}_name"] == "Nguyễn Văn An"
    assert answers[f"{parent}_birth_year"] == 1990
    assert answers[f"{parent}_address"] == CARD_ADDRESS
    other = "father" if parent == "mother" else "mother"
    assert not any(f"{other}_{item}" in answers for item in PARENT_COPIES)
    expected = {f"{parent}_{item}" for item in PARENT_COPIES}
    if parent == "father":
        assert answers["father_known"] is True
        expected.add("father_known")
    assert filled_fields(BIRTH, answers, today=TODAY) == expected


def test_changing_the_relationship_moves_the_copies_and_keeps_edits() -> None:
    answers = answer(start(), "requester_relationship", "mother")
    answers = answer(answers, "mother_name", "Nguyễn Thị An")  # the citizen's own edit
    answers = answer(answers, "requester_relationship", "father")
    assert answers["mother_name"] == "Nguyễn Thị An"
    assert "mother_birth_year" not in answers and "mother_address" not in answers
    assert answers["father_name"] == "Nguyễn Văn An"
    assert "mother_name" not in filled_fields(BIRTH, answers, today=TODAY)
    answers = answer(answers, "requester_relationship", "grandparent")
    assert not any(f"father_{item}" in answers for item in PARENT_COPIES)
    assert "father_known" not in answers
    assert filled_fields(BIRTH, answers, today=TODAY) == frozenset()


def test_an_untouched_copy_follows_its_source() -> None:
    answers = answer(start(), "requester_relationship", "father")
    answers = answer(answers, "requester_name", "Nguyễn Văn Ân")
    assert answers["father_name"] == "Nguyễn Văn Ân"
    assert fill_updates(BIRTH, answers, answers, today=TODAY) == {}


def every_copy_worked_out(
    before: dict[str, JsonValue], after: dict[str, JsonValue]
) -> dict[str, JsonValue]:
    """The rules of fill_from applied without the shortcuts fill_updates takes: both copies
    of every copying field, whatever changed."""
    updates: dict[str, JsonValue] = {}
    for item in BIRTH.top_level_fields():
        if item.fill_from is None:
            continue
        old_copy = copy_value(item, before, today=TODAY)
        new_copy = copy_value(item, after, today=TODAY)
        current = after.get(item.id)
        untouched = is_empty(current) or (old_copy is not None and current == old_copy)
        if untouched and current != new_copy and not (new_copy is None and is_empty(current)):
            updates[item.id] = new_copy
    return updates


def copy_inputs_pool() -> dict[str, list[JsonValue]]:
    """Values to draw answers from for the birth's copies: the filer's and both parents'
    name, year of birth and address (each the filer's or another), and who the filer is."""
    pool: dict[str, list[JsonValue]] = {"requester_relationship": ["father", "mother", "other"]}
    for source in ("name", "birth_year", "address"):
        pool[f"requester_{source}"] = [start()[f"requester_{source}"]]
    pool["requester_name"].append("Trần Thị Bình")
    pool["requester_birth_year"].append(1985)
    for parent in ("father", "mother"):
        for source in ("name", "birth_year", "address"):
            pool[f"{parent}_{source}"] = [*pool[f"requester_{source}"]]
        pool[f"{parent}_name"].append("Lê Văn Cường")
    pool["father_known"] = [True, False]
    return pool


def test_the_shortcuts_of_fill_updates_change_no_result() -> None:
    """fill_updates skips copies whose inputs and target did not change (it runs on every
    tap): over random changes from states that are not all what the rules would leave
    (an empty target beside an available copy, a stale copy, an edited one), it must
    return exactly what working out every copy returns."""
    pool = copy_inputs_pool()
    keys = sorted(pool)
    random = Random(19)
    decided: set[tuple[str, bool]] = set()
    for _ in range(3000):
        before = {key: random.choice(pool[key]) for key in keys if random.random() < 0.6}
        after = dict(before)
        for key in random.sample(keys, random.choice((0, 1, 1, 2))):
            if random.random() < 0.2:
                after.pop(key, None)
            else:  # the same value again in a new object sometimes: unchanged all the same
                after[key] = copy.deepcopy(random.choice(pool[key]))
        expected = every_copy_worked_out(before, after)
        assert fill_updates(BIRTH, before, after, today=TODAY) == expected, (before, after)
        decided |= {(key, value is None) for key, value in expected.items()}
    # The states cover what the shortcuts decide: copies made (or moved) and cleared.
    for key in ("father_name", "mother_birth_year", "father_known", "mother_address"):
        assert {(key, False), (key, True)} <= decided


def settle(answers: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """``answers`` as one pass of the copy rules leaves them (what every save stores)."""
    settled = dict(answers)
    for key, copied in fill_updates(BIRTH, answers, answers, today=TODAY).items():
        if copied is None:
            settled.pop(key, None)
        else:
            settled[key] = copied
    return settled


def test_the_shortcuts_for_settled_answers_change_no_result() -> None:
    """The autosave tells fill_updates which answers it set (``changed``) and that the
    answers before were settled by the same rules on the same day (``settled``), so
    copies untouched by the tap are not worked out at all. From settled states, over
    random changes (with ``changed`` sometimes naming more than changed), the result
    must be what working out every copy gives."""
    pool = copy_inputs_pool()
    pool["child_birth_place"] = ["Bệnh viện A", "Bệnh viện B"]
    keys = sorted(pool)
    random = Random(23)
    worked_out = 0
    for _ in range(3000):
        before = settle({key: random.choice(pool[key]) for key in keys if random.random() < 0.6})
        after = dict(before)
        touched = set(random.sample(keys, random.choice((1, 1, 2))))
        for key in touched:
            if random.random() < 0.2:
                after.pop(key, None)
            else:
                after[key] = copy.deepcopy(random.choice(pool[key]))
        if random.random() < 0.3:
            touched.add(random.choice(keys))  # more than changed: harmless
        expected = every_copy_worked_out(before, after)
        got = fill_updates(BIRTH, before, after, today=TODAY, changed=touched, settled=True)
        assert got == expected, (before, after, touched)
        worked_out += bool(expected)
    assert worked_out > 300  # the changes did set copies off, not only unrelated answers


def test_settled_is_a_promise_the_caller_keeps() -> None:
    """``settled`` is only true of what the rules left: on answers they would still
    change (an empty target beside an available copy), the shortcut skips that copy.
    The service passes it only for the answers it saved itself the same day."""
    answers = start()
    answers["requester_relationship"] = "father"
    unsettled = {key: value for key, value in answers.items() if key != "father_name"}
    after = {**unsettled, "child_birth_place": "Bệnh viện A"}
    assert "father_name" in fill_updates(BIRTH, unsettled, after, today=TODAY)
    shortcut = fill_updates(
        BIRTH, unsettled, after, today=TODAY, changed={"child_birth_place"}, settled=True
    )
    assert "father_name" not in shortcut


def test_a_partial_card_address_is_not_copied() -> None:
    answers = start()
    answers["requester_address"] = {
        "province_code": 48,
        "ward_code": None,
        "street": "",
        "card_text": "Xóm 1, Xã Cũ, Quảng Nam",
    }
    answers = answer(answers, "requester_relationship", "mother")
    assert "mother_address" not in answers
    assert copy_value(BIRTH.field("mother_address"), answers, today=TODAY) is None
    assert answers["mother_name"] == "Nguyễn Văn An"


def test_without_a_card_nothing_but_what_is_known_is_copied() -> None:
    answers = initial_answers(BIRTH)
    answers = answer(answers, "requester_relationship", "father")
    assert answers["father_known"] is True
    assert "father_name" not in answers and "father_birth_year" not in answers


def test_a_complete_case_with_copies_validates() -> None:
    answers = answer(start(), "requester_relationship", "father")
    answers |= {
        "child_name": "Nguyễn Thị Bình",
        "child_dob": "2026-05-20",
        "child_sex": "female",
        "child_birth_place": "Bệnh viện Đà Nẵng",
        "child_home_town": "Phường Điện Bàn, Thành phố Đà Nẵng",
        "mother_name": "Lê Thị Cúc",
        "mother_birth_year": 1995,
        "mother_address": CARD_ADDRESS,
    }
    assert validate_all(BIRTH, answers, today=TODAY) == {}


# --- suggestions -------------------------------------------------------------------------------


def test_address_suggestions_copy_other_answers_without_repeats() -> None:
    answers = answer(start(), "requester_relationship", "grandparent")
    chips = suggested_answers(BIRTH.field("father_address"), answers, today=TODAY)
    assert [(c.label.vi, c.value) for c in chips] == [("Giống nơi cư trú của bạn", CARD_ADDRESS)]
    answers["mother_address"] = {"province_code": 48, "ward_code": 20551, "street": "Tổ 5"}
    chips = suggested_answers(BIRTH.field("father_address"), answers, today=TODAY)
    assert [c.label.en for c in chips] == ["Same as where you live", "Same as the mother's address"]
    answers["mother_known"] = False
    assert len(suggested_answers(BIRTH.field("father_address"), answers, today=TODAY)) == 1


def test_the_filer_s_own_block_offers_no_same_as_yours_chip() -> None:
    answers = answer(start(), "requester_relationship", "mother")
    assert suggested_answers(BIRTH.field("mother_address"), answers, today=TODAY) == ()


def test_list_suggestions_come_from_the_ward_s_lists_and_bad_items_are_dropped() -> None:
    field = BIRTH.field("child_birth_place")
    lists = {"birth_places": ("Bệnh viện A", "Bệnh viện A", "x" * 500, "Trạm Y tế B")}
    chips = suggested_answers(field, {}, local_lists=lists, today=TODAY)
    assert [c.value for c in chips] == ["Bệnh viện A", "Trạm Y tế B"]
    assert chips[0].label == LocalText("Bệnh viện A", "Bệnh viện A")
    assert suggested_answers(field, {}, today=TODAY) == ()


def test_shipped_local_lists_of_the_default_ward_load_as_nfc() -> None:
    lists = load_local_lists("20551")
    assert lists["birth_places"]
    assert all(unicodedata.is_normalized("NFC", item) for item in lists["birth_places"])
    assert load_local_lists(20551) == lists


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid UTF-8 JSON"),
        (b"\xff\xfe", "not valid UTF-8 JSON"),
        (json.dumps({"lists": []}).encode(), "'lists' object"),
        (json.dumps({"lists": {"Bad Name": []}}).encode(), "lower-case identifier"),
        (json.dumps({"lists": {"birth_places": ["ok", 5]}}).encode(), "item 1"),
        (json.dumps({"lists": {"birth_places": ["a\x00b"]}}).encode(), "item 0"),
        (json.dumps({"lists": {"birth_places": ["a"] * 31}}).encode(), "at most 30"),
        (json.dumps({"ward_code": "20552", "lists": {}}).encode(), "does not match"),
        (b"[" * 50_000 + b"]" * 50_000, "not valid UTF-8 JSON"),
        (b"[" * 150_000 + b"]" * 150_000, "larger than"),
    ],
)
def test_a_damaged_local_list_is_ignored_and_logged_without_its_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes, reason: str
) -> None:
    (tmp_path / "20551.json").write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="kiosk.procedures.suggestions"):
        assert load_local_lists("20551", tmp_path) == {}
    assert reason in caplog.text and "20551.json" in caplog.text


def test_missing_or_malformed_ward_codes_have_no_lists(tmp_path: Path) -> None:
    assert load_local_lists("20551", tmp_path) == {}
    assert load_local_lists("../etc", tmp_path) == {}
    assert load_local_lists("", tmp_path) == {}


def test_parse_local_lists_normalises_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Trạm Y tế")
    assert parse_local_lists({"lists": {"places": [f"  {decomposed}  "]}}) == {
        "places": ("Trạm Y tế",)
    }
    with pytest.raises(LocalListError):
        parse_local_lists(["not", "an", "object"])


def test_place_name_writes_ward_and_province() -> None:
    assert place_name(20551) == "Phường Điện Bàn, Thành phố Đà Nẵng"
    assert place_name(99999) is None


# --- the loader's checks -----------------------------------------------------------------------


def birth_json() -> dict[str, Any]:
    data = json.loads((ASSETS_DIRECTORY / "birth.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def field_json(data: dict[str, Any], field_id: str) -> dict[str, Any]:
    for step in data["steps"]:
        for item in step["fields"]:
            if item["id"] == field_id:
                assert isinstance(item, dict)
                return item
    raise KeyError(field_id)


def load_error(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    return str(caught.value)


REL_FATHER = {"==": [{"var": "requester_relationship"}, "father"]}


@pytest.mark.parametrize(
    ("field_id", "change", "expected"),
    [
        (
            "father_name",
            {"fill_from": {"when": REL_FATHER, "value": {"var": "father_name"}}},
            "fill_from cannot read the field itself",
        ),
        (
            "child_name",
            {"fill_from": {"when": REL_FATHER, "value": {"var": "father_name"}}},
            "fill_from reads 'father_name', which is itself filled from another answer",
        ),
        (
            "father_name",
            {"fill_from": {"when": REL_FATHER, "value": {"var": "nobody"}}},
            "rule reads 'nobody', which is not a field visible here",
        ),
        (
            "father_known",
            {"fill_from": {"when": REL_FATHER, "value": "maybe"}},
            "not a valid answer",
        ),
        (
            "fee_amount",
            {"fill_from": {"when": REL_FATHER, "value": 1}},
            "'fill_from' is only allowed on",
        ),
        ("requester_birth_year", {"required": True}, "a hidden field cannot have 'required'"),
        ("child_sex", {"suggestions": ["Nam"]}, "'suggestions' is only allowed on"),
        ("child_name", {"suggestions": ["Bình 😀"]}, "/suggestions/0: not a valid answer"),
        (
            "child_home_town",
            {"suggestions": [{"value": {"var": "requester_name"}}]},
            "a suggestion copied from another answer needs a label",
        ),
        ("child_dob", {"place_picker": True}, "'place_picker' is only allowed on"),
        (
            "child_name",
            {"prefill": "birth_year"},
            "prefill 'birth_year' needs a field of type number",
        ),
    ],
)
def test_definition_mistakes_in_the_new_properties_are_refused(
    tmp_path: Path, field_id: str, change: dict[str, Any], expected: str
) -> None:
    data = birth_json()
    field_json(data, field_id).update(copy.deepcopy(change))
    assert expected in load_error(tmp_path, data)


def test_a_hidden_field_cannot_be_printed(tmp_path: Path) -> None:
    data = birth_json()
    data["declaration_order"].append("requester_birth_year")
    assert "'requester_birth_year' is hidden and never printed" in load_error(tmp_path, data)


def test_new_properties_are_refused_in_a_repeat_group(tmp_path: Path) -> None:
    data = json.loads((ASSETS_DIRECTORY / "residence_ct01.json").read_text(encoding="utf-8"))
    group = next(
        item for step in data["steps"] for item in step["fields"] if item["type"] == "repeat_group"
    )
    group["fields"][0]["suggestions"] = ["Nguyễn Văn A"]
    assert "suggestions is not allowed in a repeat group" in load_error(tmp_path, data)


def test_schema_refuses_a_malformed_suggestion(tmp_path: Path) -> None:
    data = birth_json()
    field_json(data, "child_home_town")["suggestions"] = [{"list": "Bad Name"}]
    assert "/suggestions/0" in load_error(tmp_path, data)
