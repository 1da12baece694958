"""Prefill from ID cards, visibility, step validation, repeat groups and address units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kiosk.procedures import (
    Field,
    JsonValue,
    applicable_documents,
    first_step_with_errors,
    initial_answers,
    is_step_visible,
    load_catalogue,
    missing_documents,
    prefill_from_card,
    units,
    validate_all,
    validate_step,
    visible_answers,
    visible_fields,
    visible_steps,
)

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 3, 1)


@dataclass(frozen=True)
class Card:
    """Stands in for kiosk.identity.IdCard (same attributes), built in the test."""

    id_number: str
    full_name: str
    date_of_birth: dt.date
    sex: str
    address: str


# The three synthetic cards of the domain notes (not real people).
AN = Card(
    "049090001234",
    "Nguyễn Văn An",
    dt.date(1990, 3, 15),
    "Nam",
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
)
BINH = Card(
    "049195005678",
    "Trần Thị Bình",
    dt.date(1995, 2, 2),
    "Nữ",
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng",
)
KHANG = Card(
    "048208000042",
    "Lê Minh Khang",
    dt.date(2008, 2, 29),
    "Nam",
    "Phường Hải Châu, Thành phố Đà Nẵng",
)


# --- prefill -------------------------------------------------------------------------------


def test_pre_2025_address_is_mapped_to_todays_units_and_keeps_the_card_text() -> None:
    values = prefill_from_card(CATALOGUE["marital_status"], AN)
    assert values == {
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1990-03-15",
        "sex": "male",
        "id_number": "049090001234",
        "address": {
            "province_code": 48,  # Quảng Nam merged into Thành phố Đà Nẵng
            "ward_code": 20551,  # Vĩnh Điện merged into Phường Điện Bàn
            "street": "Tổ 3",
            "card_text": "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
        },
    }


def test_current_address_and_female_card() -> None:
    values = prefill_from_card(CATALOGUE["marital_status"], BINH)
    assert values["sex"] == "female"
    assert values["address"] == {
        "province_code": 48,
        "ward_code": 20551,
        "street": "Khối phố 1",
        "card_text": "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng",
    }


def test_address_without_street_and_leap_day_birth() -> None:
    values = prefill_from_card(CATALOGUE["marital_status"], KHANG)
    assert values["date_of_birth"] == "2008-02-29"
    assert values["address"] == {
        "province_code": 48,
        "ward_code": 20242,
        "street": "",
        "card_text": "Phường Hải Châu, Thành phố Đà Nẵng",
    }


def test_only_fields_with_a_prefill_source_are_filled() -> None:
    values = prefill_from_card(CATALOGUE["birth"], BINH)
    assert set(values) == {
        "requester_name",
        "requester_id_number",
        "requester_address",
        "requester_birth_year",  # hidden: only the year, for a parent's year of birth
    }
    assert values["requester_birth_year"] == BINH.date_of_birth.year


def test_unmappable_address_keeps_the_text_for_the_citizen_to_complete() -> None:
    card = Card(AN.id_number, AN.full_name, AN.date_of_birth, "Nam", "Thôn 2, Xã Không Có, Tỉnh Mơ")
    values = prefill_from_card(CATALOGUE["birth"], card)
    assert values["requester_address"] == {
        "province_code": None,
        "ward_code": None,
        "street": "Thôn 2",
        "card_text": "Thôn 2, Xã Không Có, Tỉnh Mơ",
    }
    errors = validate_step(CATALOGUE["birth"], "requester", values, today=TODAY)
    assert errors["requester_address"].vi == "Xin chọn tỉnh/thành phố."


def test_damaged_card_values_are_left_out_not_raised() -> None:
    card = Card("12345", "😀", dt.date(1990, 1, 1), "?", "\x00")
    assert prefill_from_card(CATALOGUE["marital_status"], card) == {"date_of_birth": "1990-01-01"}


def test_initial_answers_are_defaults_plus_card() -> None:
    answers = initial_answers(CATALOGUE["birth"], BINH)
    assert answers["child_nationality"] == "Việt Nam"
    assert answers["mother_known"] is True
    assert answers["has_birth_certificate"] is True
    assert answers["extract_copies"] == 1
    assert answers["requester_name"] == "Trần Thị Bình"
    assert "father_known" not in answers  # must be chosen, never pre-ticked


# --- visibility ----------------------------------------------------------------------------


def ids(fields: tuple[Field, ...]) -> list[str]:
    return [field.id for field in fields]


def test_father_block_is_shown_only_when_father_is_known() -> None:
    definition = CATALOGUE["birth"]
    hidden = visible_fields(definition, "father", {"father_known": False}, today=TODAY)
    assert ids(hidden) == ["father_known"]
    shown = visible_fields(definition, "father", {"father_known": True}, today=TODAY)
    assert ids(shown) == [
        "father_known",
        "father_name",
        "father_birth_year",
        "father_ethnicity",
        "father_nationality",
        "father_address",
    ]


def test_intended_spouse_step_only_for_marriage() -> None:
    definition = CATALOGUE["marital_status"]
    step = definition.step("intended_spouse")
    assert not is_step_visible(step, {"purpose": "other"}, today=TODAY)
    assert is_step_visible(step, {"purpose": "marriage"}, today=TODAY)
    assert visible_fields(definition, step, {"purpose": "other"}, today=TODAY) == ()
    assert "intended_spouse" not in [
        s.id for s in visible_steps(definition, {"purpose": "other"}, today=TODAY)
    ]


def test_death_residence_and_birth_date_only_without_id_number() -> None:
    definition = CATALOGUE["death"]
    with_id = {"deceased_has_id": True}
    without_id = {"deceased_has_id": False}
    assert "deceased_dob" not in ids(visible_fields(definition, "deceased", with_id, today=TODAY))
    assert "deceased_id_number" in ids(visible_fields(definition, "deceased", with_id, today=TODAY))
    assert "deceased_dob" in ids(visible_fields(definition, "deceased", without_id, today=TODAY))
    assert "deceased_address" in ids(
        visible_fields(definition, "deceased_more", without_id, today=TODAY)
    )
    assert "deceased_address" not in ids(
        visible_fields(definition, "deceased_more", with_id, today=TODAY)
    )


def test_guardian_consent_only_for_minors() -> None:
    definition = CATALOGUE["residence_ct01"]
    adult = initial_answers(definition, AN)
    minor = initial_answers(definition, KHANG)
    assert "guardian_consent" not in ids(visible_fields(definition, "consents", adult, today=TODAY))
    # Khang turns 18 on 1 March 2026 (born 29 February 2008).
    day_before = dt.date(2026, 2, 28)
    assert "guardian_consent" in ids(
        visible_fields(definition, "consents", minor, today=day_before)
    )
    assert "guardian_consent" not in ids(visible_fields(definition, "consents", minor, today=TODAY))


def test_visible_answers_drop_hidden_fields() -> None:
    definition = CATALOGUE["birth"]
    answers: dict[str, JsonValue] = {"father_known": False, "father_name": "Nguyễn Văn Ba"}
    assert visible_answers(definition, answers, today=TODAY) == {"father_known": False}


def test_documents_depend_on_the_answers() -> None:
    """The certificate and the witness statement are "one of" alternatives: both apply."""
    definition = CATALOGUE["birth"]
    with_certificate: dict[str, JsonValue] = {
        "has_birth_certificate": True,
        "requester_relationship": "mother",
    }
    by_proxy: dict[str, JsonValue] = {
        "has_birth_certificate": False,
        "requester_relationship": "other",
    }
    assert [d.id for d in applicable_documents(definition, with_certificate, today=TODAY)] == [
        "birth_certificate",
        "birth_witness_statement",
        "requester_id_card",
    ]
    assert [d.id for d in applicable_documents(definition, by_proxy, today=TODAY)] == [
        "birth_certificate",
        "birth_witness_statement",
        "requester_id_card",
        "power_of_attorney",
    ]


# --- validation ----------------------------------------------------------------------------


def complete_birth_answers() -> dict[str, JsonValue]:
    answers = initial_answers(CATALOGUE["birth"], BINH)
    answers.update(
        {
            "requester_relationship": "mother",
            "child_name": "nguyễn minh châu",
            "child_dob": "2026-02-10",
            "child_sex": "female",
            "child_birth_place": "Bệnh viện Phụ sản - Nhi Đà Nẵng",
            "child_home_town": "Xã Điện Bàn Tây, Thành phố Đà Nẵng",
            "mother_name": "Trần Thị Bình",
            "mother_birth_year": 1995,
            "mother_address": {"province_code": 48, "ward_code": 20551, "street": "Khối phố 1"},
            "father_known": False,
        }
    )
    return answers


def test_a_complete_birth_case_validates() -> None:
    definition = CATALOGUE["birth"]
    answers = complete_birth_answers()
    assert validate_all(definition, answers, today=TODAY) == {}
    assert first_step_with_errors(definition, answers, today=TODAY) is None


def test_required_fields_and_constraints_give_messages() -> None:
    definition = CATALOGUE["birth"]
    answers = complete_birth_answers()
    answers["child_dob"] = "2026-03-02"  # tomorrow
    del answers["child_name"]
    errors = validate_step(definition, "child", answers, today=TODAY)
    assert errors["child_name"].vi == "Xin điền mục này."
    assert errors["child_dob"].vi == "Ngày sinh không thể sau ngày hôm nay."
    assert first_step_with_errors(definition, answers, today=TODAY) == "child"


def test_hidden_fields_are_not_required() -> None:
    definition = CATALOGUE["birth"]
    answers = complete_birth_answers()
    answers["father_known"] = True
    errors = validate_step(definition, "father", answers, today=TODAY)
    assert set(errors) == {"father_name", "father_birth_year", "father_address"}


def test_parent_birth_year_constraint() -> None:
    answers = complete_birth_answers()
    answers["mother_birth_year"] = 2020
    errors = validate_step(CATALOGUE["birth"], "mother", answers, today=TODAY)
    assert errors["mother_birth_year"].vi.startswith("Năm sinh của mẹ chưa đúng")


def test_damaged_stored_answers_get_messages_not_exceptions() -> None:
    answers = complete_birth_answers()
    answers["child_name"] = "\x00"
    answers["child_dob"] = ["garbage"]
    answers["child_sex"] = "unknown"
    answers["extract_copies"] = "many"
    errors = validate_all(CATALOGUE["birth"], answers, today=TODAY)
    assert {"child_name", "child_dob", "child_sex", "extract_copies"} <= set(errors)


def test_missing_documents_are_named() -> None:
    answers = complete_birth_answers()
    assert validate_step(CATALOGUE["birth"], "finish", answers, today=TODAY) == {}
    missing = missing_documents(CATALOGUE["birth"], answers, {"requester_id_card"}, today=TODAY)
    assert [name.vi for name in missing] == [
        "Giấy chứng sinh (do bệnh viện, trạm y tế cấp) hoặc Văn bản của "
        "người làm chứng xác nhận việc sinh, hoặc giấy cam đoan về việc sinh"
    ]


def test_marriage_certificate_is_one_copy_only() -> None:
    definition = CATALOGUE["marital_status"]
    answers: dict[str, JsonValue] = {"purpose": "marriage", "copies": 2}
    errors = validate_step(definition, "finish", answers, today=TODAY)
    assert errors["copies"].vi == "Giấy xác nhận để đăng ký kết hôn chỉ được cấp 1 bản."
    answers["purpose"] = "other"
    assert "copies" not in validate_step(definition, "finish", answers, today=TODAY)


# --- repeat groups -------------------------------------------------------------------------


def member(name: str = "Nguyễn Văn Bình") -> dict[str, JsonValue]:
    return {
        "member_name": name,
        "member_dob": "2015-06-01",
        "member_sex": "male",
        "member_relationship": "child",
    }


@pytest.mark.parametrize("count", [0, 1, 20])
def test_household_members_within_bounds_are_valid(count: int) -> None:
    answers: dict[str, JsonValue] = {"household_members": [member() for _ in range(count)]}
    assert validate_step(CATALOGUE["residence_ct01"], "members", answers, today=TODAY) == {}


def test_more_than_twenty_members_is_refused() -> None:
    answers: dict[str, JsonValue] = {"household_members": [member() for _ in range(21)]}
    errors = validate_step(CATALOGUE["residence_ct01"], "members", answers, today=TODAY)
    assert errors == {"household_members": errors["household_members"]}
    assert errors["household_members"].vi == "Chỉ nhập tối đa 20 người/mục."


def test_member_errors_are_keyed_by_index_and_child() -> None:
    incomplete = member()
    del incomplete["member_name"]
    incomplete["member_dob"] = "2030-01-01"
    answers: dict[str, JsonValue] = {"household_members": [member(), incomplete]}
    errors = validate_step(CATALOGUE["residence_ct01"], "members", answers, today=TODAY)
    assert set(errors) == {"household_members.1.member_name", "household_members.1.member_dob"}


def test_certified_copy_needs_at_least_one_document() -> None:
    definition = CATALOGUE["certified_copy"]
    errors = validate_step(definition, "papers", {}, today=TODAY)
    assert errors["documents_to_copy"].vi == "Cần ít nhất 1 người/mục."


# --- units adapter -------------------------------------------------------------------------


def test_units_are_the_two_level_list() -> None:
    provinces = units.list_provinces()
    assert len(provinces) == 34
    assert sum(len(units.list_wards(province.code)) for province in provinces) == 3321
    assert units.get_province(48) is not None and units.get_province(49) is None
    ward = units.get_ward(20551)
    assert ward is not None and ward.province_code == 48
    assert not units.list_wards(999)


def test_unit_search_is_diacritic_folded() -> None:
    names = [unit.name for unit in units.search_units("dien ban", province_code=48)]
    assert "Phường Điện Bàn" in names
    assert units.search_units("   ") == []


@pytest.mark.parametrize(
    ("printed", "province", "ward", "confidence"),
    [
        ("Số 1, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội", 1, 4, "exact"),
        ("Quảng Nam", 48, None, "province_only"),
        ("Tổ 1, Phường Hải Châu, TP. Đà Nẵng", 48, 20242, "exact"),
    ],
)
def test_map_legacy_address(printed: str, province: int, ward: int | None, confidence: str) -> None:
    match = units.map_legacy_address(printed)
    assert match is not None
    assert (match.province.code, match.ward.code if match.ward else None) == (province, ward)
    assert match.confidence == confidence


@pytest.mark.parametrize("printed", ["", "garbage", ",,,", "Xã A, Tỉnh Không Có"])
def test_unknown_addresses_map_to_none(printed: str) -> None:
    assert units.map_legacy_address(printed) is None
