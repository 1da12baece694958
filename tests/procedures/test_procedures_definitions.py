"""Shipped definitions load; broken definitions fail with file, pointer and reason."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.procedures import (
    ASSETS_DIRECTORY,
    DefinitionError,
    FieldType,
    load_catalogue,
    load_definition,
)
from kiosk.procedures.loader import SCHEMA_FILE_NAME

SHIPPED = ("birth", "death", "marital_status", "certified_copy", "residence_ct01")
SHIPPED_FILES = {
    "birth": "birth.json",
    "death": "death.json",
    "marital_status": "marital_status.json",
    "certified_copy": "certified_copy.json",
    "residence_ct01": "residence_ct01.json",
}


def shipped_json(name: str) -> dict[str, Any]:
    data = json.loads((ASSETS_DIRECTORY / SHIPPED_FILES[name]).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write(tmp_path: Path, data: object, name: str = "broken.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    return str(caught.value)


# --- shipped definitions ------------------------------------------------------------------


def test_catalogue_has_the_five_shipped_procedures_in_tile_order() -> None:
    catalogue = load_catalogue()
    assert sorted(catalogue) == sorted(SHIPPED)
    assert [definition.id for definition in catalogue.tiles()] == list(SHIPPED)
    assert catalogue.errors == ()


@pytest.mark.parametrize("procedure_id", SHIPPED)
def test_shipped_definition_loads_and_is_well_formed(procedure_id: str) -> None:
    definition = load_definition(ASSETS_DIRECTORY / SHIPPED_FILES[procedure_id])
    assert definition.id == procedure_id
    assert definition.version >= 1
    assert definition.official_url.startswith("https://dichvucong.gov.vn/")
    # Steps stay small: the UI shows one step per page.
    for step in definition.steps:
        assert 1 <= len(step.fields) <= 6, step.id
    # Every field has both languages and a paper-form label where it is printed.
    for field in definition.fields_by_id.values():
        assert field.label.vi and field.label.en
        for option in field.options:
            assert option.label.vi and option.label.en
    for field in definition.declaration_fields():
        assert field.declaration_label, field.id
    # Document slots (the old checklist became them) and one fee per procedure.
    assert any(document.capturable for document in definition.documents)
    assert any(
        f.compute is not None and f.compute.fn == "fee" for f in definition.top_level_fields()
    )


def test_residence_has_household_members_group_with_the_ct01_columns() -> None:
    definition = load_catalogue()["residence_ct01"]
    group = definition.field("household_members")
    assert group.type is FieldType.REPEAT_GROUP
    assert (group.min, group.max) == (0, 20)
    assert [child.id for child in group.fields] == [
        "member_name",
        "member_dob",
        "member_sex",
        "member_id_number",
        "member_relationship",
    ]


def test_requester_fields_are_prefilled_from_the_card() -> None:
    catalogue = load_catalogue()
    birth = catalogue["birth"]
    assert birth.field("requester_name").prefill == "full_name"
    assert birth.field("requester_id_number").prefill == "id_number"
    assert birth.field("requester_address").prefill == "address"
    marital = catalogue["marital_status"]
    assert {f.prefill for f in marital.top_level_fields() if f.prefill} == {
        "full_name",
        "date_of_birth",
        "sex",
        "id_number",
        "address",
    }


def test_the_old_documents_checklist_is_gone_and_refused(tmp_path: Path) -> None:
    """The papers are the definition's document slots; a checklist field no longer loads."""
    for definition in load_catalogue().values():
        assert all(item.id != "documents_brought" for item in definition.top_level_fields())
    data = json.loads((ASSETS_DIRECTORY / "birth.json").read_text(encoding="utf-8"))
    data["steps"][-1]["fields"].append(
        {"id": "documents_brought", "type": "document_checklist", "label": {"vi": "a", "en": "a"}}
    )
    path = tmp_path / "checklist.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "document_checklist" in load_error(path)


# --- broken definitions --------------------------------------------------------------------


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  "version": 1\n  "title": {}\n}', encoding="utf-8")
    assert load_error(path) == (
        "broken.json: invalid JSON at line 4 column 3: Expecting ',' delimiter"
    )


def test_unknown_field_type_is_refused_with_its_pointer(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][2]["fields"][0]["type"] = "foo"
    message = load_error(write(tmp_path, data))
    assert message.startswith("broken.json: /steps/2/fields/0/type: 'foo' is not one of ['text',")


def test_missing_english_text_is_refused(tmp_path: Path) -> None:
    data = shipped_json("death")
    del data["steps"][1]["fields"][0]["label"]["en"]
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/1/fields/0/label: 'en' is a required property"
    )


def test_misspelt_key_is_refused(tmp_path: Path) -> None:
    data = shipped_json("death")
    field = data["steps"][1]["fields"][0]
    field["requried"] = field.pop("required")
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/1/fields/0: Additional properties are not allowed "
        "('requried' was unexpected)"
    )


def test_duplicate_field_id_names_both_places(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][1]["fields"][0]["id"] = "requester_name"
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/1/fields/0/id: duplicate field id 'requester_name' "
        "(first used at /steps/0/fields/0)"
    )


def test_unknown_rule_operator_is_refused_at_load(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][4]["fields"][1]["visible_when"] = {"eval": ["__import__('os').system('true')"]}
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/4/fields/1/visible_when/eval: unknown operator 'eval'"
    )


def test_rule_reading_an_unknown_field_is_refused(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][4]["fields"][1]["visible_when"] = {"==": [{"var": "fathr_known"}, True]}
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/4/fields/1/visible_when: rule reads 'fathr_known', "
        "which is not a field visible here"
    )


def test_rule_with_wrong_arity_is_refused(tmp_path: Path) -> None:
    data = shipped_json("marital_status")
    data["steps"][2]["fields"][1]["visible_when"] = {"==": [{"var": "marital_status"}]}
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/2/fields/1/visible_when/==: '==' takes 2 arguments, got 1"
    )


def test_prefill_on_an_incompatible_field_is_refused(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][0]["fields"][0]["prefill"] = "date_of_birth"
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/0/fields/0/prefill: prefill 'date_of_birth' needs a field of type date"
    )


def test_unknown_computation_is_refused(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][1]["fields"][2]["compute"]["fn"] = "run_shell"
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/1/fields/2/compute/fn: 'run_shell' is not one of "
        "['date_in_words', 'age', 'fee']"
    )


def test_fee_by_choice_must_cover_every_option(tmp_path: Path) -> None:
    data = shipped_json("residence_ct01")
    del data["fee"]["cases"]["temporary"]
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /fee/cases: no case for option 'temporary' of 'request_type'"
    )


def test_fixed_fee_without_amount_is_refused(tmp_path: Path) -> None:
    data = shipped_json("marital_status")
    del data["fee"]["amount"]
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /fee: 'amount' is a required property"
    )


def test_invalid_default_is_refused(tmp_path: Path) -> None:
    data = shipped_json("birth")
    data["steps"][5]["fields"][0]["default"] = 99
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/5/fields/0/default: default is not a valid answer: "
        "The largest number allowed is 20."
    )


def test_duplicate_json_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    assert load_error(path) == "broken.json: invalid JSON: duplicate key 'id'"


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"id": "\xff"}')
    assert load_error(path) == "broken.json: not UTF-8 text (byte 8 cannot be decoded)"


def test_nan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": NaN}', encoding="utf-8")
    assert load_error(path) == "broken.json: invalid JSON: NaN is not allowed in a definition"


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, [1, 2])) == ("broken.json: [1, 2] is not of type 'object'")


def test_min_greater_than_max_is_refused(tmp_path: Path) -> None:
    data = shipped_json("residence_ct01")
    data["steps"][4]["fields"][0]["min"] = 30
    assert load_error(write(tmp_path, data)) == (
        "broken.json: /steps/4/fields/0/min: min 30 is greater than max 20"
    )


def test_deeply_nested_rule_is_refused(tmp_path: Path) -> None:
    rule: Any = {"var": "father_known"}
    for _ in range(40):
        rule = {"!": rule}
    data = shipped_json("birth")
    data["steps"][4]["fields"][1]["visible_when"] = rule
    message = load_error(write(tmp_path, data))
    assert message.startswith("broken.json: /steps/4/fields/1/visible_when/!/0/!/0/")
    assert message.endswith("rule nests deeper than 32 levels")


# --- catalogue -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khai sinh", ["birth"]),
        ("KHAI SINH", ["birth"]),
        ("dang ky khai tu", ["death"]),
        ("đăng ký tạm trú", ["residence_ct01"]),
        ("hon nhan", ["marital_status"]),
        ("certified copy", ["certified_copy"]),
        ("xyz", []),
        ("   ", list(SHIPPED)),
    ],
)
def test_catalogue_search_uses_the_folded_key(query: str, expected: list[str]) -> None:
    assert [definition.id for definition in load_catalogue().search(query)] == expected


def copy_assets(tmp_path: Path) -> Path:
    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / SCHEMA_FILE_NAME).write_bytes((ASSETS_DIRECTORY / SCHEMA_FILE_NAME).read_bytes())
    for name in SHIPPED_FILES.values():
        (folder / name).write_bytes((ASSETS_DIRECTORY / name).read_bytes())
    return folder


def test_catalogue_keeps_every_version_and_serves_the_latest(tmp_path: Path) -> None:
    folder = copy_assets(tmp_path)
    newer = copy.deepcopy(shipped_json("birth"))
    newer["version"] = 2
    newer["title"]["vi"] = "Đăng ký khai sinh (mới)"
    write(folder, newer, "birth_v2.json")
    catalogue = load_catalogue(folder)
    assert catalogue["birth"].version == 2
    assert catalogue.versions("birth") == (1, 2)
    assert catalogue.version("birth", 1).title.vi == "Đăng ký khai sinh"
    assert len(catalogue) == 5


def test_same_id_and_version_twice_is_refused(tmp_path: Path) -> None:
    folder = copy_assets(tmp_path)
    write(folder, shipped_json("death"), "zz_death_copy.json")
    with pytest.raises(DefinitionError) as caught:
        load_catalogue(folder)
    assert str(caught.value) == (
        "zz_death_copy.json: /version: procedure 'death' version 1 is also defined in death.json"
    )


def test_non_strict_catalogue_skips_broken_files_and_reports_them(tmp_path: Path) -> None:
    folder = copy_assets(tmp_path)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    catalogue = load_catalogue(folder, strict=False)
    assert sorted(catalogue) == sorted(SHIPPED)
    assert [error.source for error in catalogue.errors] == ["broken.json"]
    with pytest.raises(DefinitionError):
        load_catalogue(folder)
