"""Answer normalisation: bad input gets a Vietnamese message or is stored exactly."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.procedures import (
    AnswerError,
    Field,
    FieldType,
    LocalText,
    Option,
    load_catalogue,
    normalise_answer,
)
from kiosk.procedures.base import JsonValue

LABEL = LocalText("Mục", "Item")


def make(field_type: FieldType, **extra: Any) -> Field:
    return Field(id="item", type=field_type, label=LABEL, **extra)


TEXT = make(FieldType.TEXT)
NAME = make(FieldType.PERSON_NAME)
DATE = make(FieldType.DATE)
TIME = make(FieldType.TIME)
NUMBER = make(FieldType.NUMBER, min=0, max=20)
CHOICE = make(
    FieldType.SINGLE_CHOICE,
    options=(Option("male", LocalText("Nam", "Male")), Option("female", LocalText("Nữ", "Female"))),
)
MULTI = make(
    FieldType.MULTIPLE_CHOICE,
    options=tuple(Option(v, LocalText(v, v)) for v in ("a", "b", "c")),
    max=2,
)
YES_NO = make(FieldType.YES_NO)
ID_NUMBER = make(FieldType.ID_NUMBER)
PHONE = make(FieldType.PHONE)
EMAIL = make(FieldType.EMAIL)
ADDRESS = make(FieldType.ADDRESS)
GROUP = make(
    FieldType.REPEAT_GROUP,
    max=2,
    fields=(
        Field(id="member_name", type=FieldType.PERSON_NAME, label=LABEL, required=True),
        Field(id="member_dob", type=FieldType.DATE, label=LABEL),
    ),
)
COMPUTED = make(FieldType.COMPUTED)

ALL_FIELDS = (
    TEXT, NAME, DATE, TIME, NUMBER, CHOICE, MULTI, YES_NO, ID_NUMBER, PHONE, EMAIL, ADDRESS,
    GROUP, COMPUTED,
)  # fmt: skip


def refused(field: Field, raw: object) -> LocalText:
    with pytest.raises(AnswerError) as caught:
        normalise_answer(field, raw)
    assert caught.value.message.vi and caught.value.message.en
    return caught.value.message


# --- text and names ------------------------------------------------------------------------


def test_text_is_nfc_trimmed_and_spaces_collapsed() -> None:
    decomposed = unicodedata.normalize("NFD", "  Bệnh viện\tPhụ sản  ")
    assert normalise_answer(TEXT, decomposed) == "Bệnh viện Phụ sản"


def test_sql_looking_text_is_stored_exactly() -> None:
    sql = "Robert'); DROP TABLE cases;-- 1=1 OR 'a'='a'"
    assert normalise_answer(TEXT, sql) == sql


@pytest.mark.parametrize("field", [TEXT, NAME])
def test_ten_thousand_characters_are_refused_with_the_limit(field: Field) -> None:
    message = refused(field, "a" * 10_000)
    assert message.vi.startswith("Quá dài: tối đa")


def test_text_at_its_limit_is_kept() -> None:
    assert normalise_answer(make(FieldType.TEXT, max_length=5), "abcde") == "abcde"
    refused(make(FieldType.TEXT, max_length=5), "abcdef")


def test_huge_input_is_refused_before_any_work() -> None:
    assert refused(TEXT, "x" * 5_000_000).vi.startswith("Quá dài")


@pytest.mark.parametrize(
    "raw",
    [
        "Nguyễn\x00Văn",  # NUL
        "abc\x07",  # bell
        "Bình 😀",  # emoji
        "tim ❤️",  # heart + variation selector
        "👍🏽",  # thumbs up with skin tone
        "a\u202eb",  # right-to-left override
        "a\u200bb",  # zero-width space
        "\ue000",  # private use
        "#\ufe0f\u20e3",  # keycap
    ],
)
@pytest.mark.parametrize("field", [TEXT, NAME])
def test_control_characters_and_emoji_are_refused(field: Field, raw: str) -> None:
    message = refused(field, raw)
    assert "ký tự" in message.vi or "chữ cái" in message.vi


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("TRẦN THỊ BÌNH", "Trần Thị Bình"),
        (unicodedata.normalize("NFD", "Lê Minh Khang"), "Lê Minh Khang"),
        ("  đỗ   đức  ", "Đỗ Đức"),
        ("h’hen niê", "H'Hen Niê"),
        ("Jean-pierre", "Jean-Pierre"),
    ],
)
def test_person_names_are_normalised(raw: str, stored: str) -> None:
    value = normalise_answer(NAME, raw)
    assert value == stored
    assert isinstance(value, str) and unicodedata.is_normalized("NFC", value)


@pytest.mark.parametrize(
    "raw", ["Robert'); DROP TABLE", "An 2", "<script>", "Bình!", "'-", "a@b", "x" * 101]
)
def test_person_names_refuse_non_letters(raw: str) -> None:
    refused(NAME, raw)


@pytest.mark.parametrize("raw", [None, "", "   ", "\n\t"])
@pytest.mark.parametrize("field", [TEXT, NAME, DATE, TIME, ID_NUMBER, PHONE, EMAIL, NUMBER])
def test_blank_answers_normalise_to_none(field: Field, raw: object) -> None:
    assert normalise_answer(field, raw) is None


# --- typed answers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [dt.date(1990, 3, 15), dt.datetime(1990, 3, 15, 8, 0), "1990-03-15", "15/03/1990", "15031990"],
)
def test_dates_are_stored_as_iso(raw: object) -> None:
    assert normalise_answer(DATE, raw) == "1990-03-15"


@pytest.mark.parametrize(
    "raw", ["2026-02-30", "31/04/2020", "1800-01-01", "tomorrow", 20260101, "2026-1-1x", [2026]]
)
def test_bad_dates_are_refused(raw: object) -> None:
    assert refused(DATE, raw).vi.startswith("Ngày không hợp lệ")


@pytest.mark.parametrize(
    ("raw", "stored"), [("14:30", "14:30"), ("7h05", "07:05"), (dt.time(9, 0), "09:00")]
)
def test_times(raw: object, stored: str) -> None:
    assert normalise_answer(TIME, raw) == stored


@pytest.mark.parametrize("raw", ["24:00", "12:60", "noon"])
def test_bad_times_are_refused(raw: str) -> None:
    refused(TIME, raw)


@pytest.mark.parametrize(("raw", "stored"), [(3, 3), ("3", 3), (" 20 ", 20), (2.0, 2), (0, 0)])
def test_numbers(raw: object, stored: int) -> None:
    assert normalise_answer(NUMBER, raw) == stored


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        (21, "Số lớn nhất là 20"),
        (-1, "Số nhỏ nhất là 0"),
        (True, "Xin nhập một số nguyên"),
        (2.5, "Xin nhập một số nguyên"),
        ("3 bản", "Xin nhập một số nguyên"),
        ("9" * 5000, "Xin nhập một số nguyên"),
        (10**30, "Số lớn nhất là 20"),
        (float("nan"), "Xin nhập một số nguyên"),
        (float("inf"), "Xin nhập một số nguyên"),
        ({"n": 1}, "Xin nhập một số nguyên"),
    ],
)
def test_bad_numbers_are_refused(raw: object, start: str) -> None:
    assert refused(NUMBER, raw).vi.startswith(start)


def test_choices() -> None:
    assert normalise_answer(CHOICE, "female") == "female"
    refused(CHOICE, "Nữ")
    refused(CHOICE, 1)
    assert normalise_answer(MULTI, ["c", "a", "a"]) == ["a", "c"]
    assert normalise_answer(MULTI, []) is None
    refused(MULTI, ["a", "b", "c"])
    refused(MULTI, "a")
    refused(MULTI, ["z"])


@pytest.mark.parametrize(
    ("raw", "stored"), [(True, True), (False, False), ("có", True), ("Không", False), ("yes", True)]
)
def test_yes_no(raw: object, stored: bool) -> None:
    assert normalise_answer(YES_NO, raw) is stored


@pytest.mark.parametrize("raw", ["maybe", 1, 0, [], "x" * 100])
def test_bad_yes_no_is_refused(raw: object) -> None:
    refused(YES_NO, raw)


def test_id_numbers() -> None:
    assert normalise_answer(ID_NUMBER, " 049 090 001 234 ") == "049090001234"
    assert normalise_answer(ID_NUMBER, "049.090.001.234") == "049090001234"
    for bad in (
        "49090001234",
        "1490900012345",
        "04909000123x",
        "０４９０９０００１２３４",
        49090001234,
    ):
        refused(ID_NUMBER, bad)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0905 123 456", "+84905123456"),
        ("+84 905123456", "+84905123456"),
        ("0236 3822 123", "+842363822123"),
    ],
)
def test_phones_are_stored_as_e164(raw: str, stored: str) -> None:
    assert normalise_answer(PHONE, raw) == stored


@pytest.mark.parametrize("raw", ["0905", "not a phone", "0905 123 456 789 000", "+1 ☎", 905123456])
def test_bad_phones_are_refused(raw: object) -> None:
    assert refused(PHONE, raw).vi.startswith("Số điện thoại không đúng")


def test_emails() -> None:
    assert normalise_answer(EMAIL, " An.Nguyen@Gmail.COM ") == "An.Nguyen@gmail.com"
    for bad in ("an@", "an@gmail", "a b@gmail.com", "an..b@gmail.com", "ân@gmail.com", "a" * 300):
        refused(EMAIL, bad)


# --- addresses -----------------------------------------------------------------------------


def test_address_is_checked_against_the_two_level_units() -> None:
    value = normalise_answer(
        ADDRESS, {"province_code": 48, "ward_code": "20551", "street": " Tổ  3 "}
    )
    assert value == {"province_code": 48, "ward_code": 20551, "street": "Tổ 3"}


def test_address_keeps_the_card_text() -> None:
    raw = {"province_code": 48, "ward_code": 20551, "street": "", "card_text": "Tổ 3, Quảng Nam"}
    value = normalise_answer(ADDRESS, raw)
    assert isinstance(value, dict) and value["card_text"] == "Tổ 3, Quảng Nam"


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        ({"province_code": 99, "ward_code": 20551}, "Xin chọn tỉnh"),
        ({"province_code": 48}, "Xin chọn phường"),
        ({"province_code": 48, "ward_code": 999999}, "Xin chọn phường"),
        ({"province_code": 1, "ward_code": 20551}, "Phường/xã đã chọn không thuộc"),
        ({"province_code": 48, "ward_code": 20551, "zip": "x"}, "Câu trả lời không đúng dạng"),
        ({"province_code": True, "ward_code": 20551}, "Câu trả lời không đúng dạng"),
        ({"province_code": 48, "ward_code": 20551, "street": "\x00"}, "Có ký tự"),
        ("Tổ 3, Phường Hải Châu", "Câu trả lời không đúng dạng"),
        ({"card_text": "Tổ 3", "province_code": None, "ward_code": None}, "Xin chọn tỉnh"),
    ],
)
def test_bad_addresses_are_refused(raw: object, start: str) -> None:
    assert refused(ADDRESS, raw).vi.startswith(start)


# --- groups and computed -------------------------------------------------------------------


def test_repeat_group_members_are_normalised_and_empty_ones_dropped() -> None:
    value = normalise_answer(
        GROUP, [{"member_name": "lê thị hoa", "member_dob": "01/02/2010"}, {"member_name": " "}]
    )
    assert value == [{"member_name": "Lê Thị Hoa", "member_dob": "2010-02-01"}]


def test_repeat_group_errors_name_the_member() -> None:
    message = refused(GROUP, [{"member_name": "An"}, {"member_name": "😀"}])
    assert message.vi.startswith("Mục thứ 2: Có ký tự")
    assert message.en.startswith("Entry 2: Contains characters")


def test_repeat_group_refuses_more_than_max_and_unknown_keys() -> None:
    assert refused(GROUP, [{"member_name": "A"}] * 3).vi == "Chỉ nhập tối đa 2 người/mục."
    refused(GROUP, [{"member_name": "A", "password": "x"}])
    refused(GROUP, ["A"])
    refused(GROUP, {"member_name": "A"})


def test_computed_fields_accept_no_input() -> None:
    assert normalise_answer(COMPUTED, None) is None
    assert refused(COMPUTED, "15000").vi.startswith("Mục này do máy tự tính")


# --- property tests -----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(raw=st.text())
def test_any_text_is_either_stored_normalised_or_refused(raw: str) -> None:
    for field in (TEXT, NAME, DATE, TIME, NUMBER, YES_NO, ID_NUMBER, PHONE, EMAIL, CHOICE):
        try:
            value = normalise_answer(field, raw)
        except AnswerError as error:
            assert error.message.vi
            continue
        if isinstance(value, str):
            assert unicodedata.is_normalized("NFC", value)
            assert "\x00" not in value
            assert value == value.strip()


json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates().map(lambda day: day),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=15), children, max_size=4)
    ),
    max_leaves=12,
)


SHIPPED_FIELDS = tuple(
    field for definition in load_catalogue().values() for field in definition.fields_by_id.values()
)


@settings(max_examples=150, deadline=None)
@given(raw=json_like)
def test_any_input_to_any_shipped_field_is_accepted_or_refused(raw: object) -> None:
    """Every field of every shipped definition: a value, None, or AnswerError; nothing else."""
    for field in SHIPPED_FIELDS:
        try:
            value: JsonValue = normalise_answer(field, raw)
        except AnswerError:
            continue
        # What is accepted is valid again (normalisation is idempotent).
        assert normalise_answer(field, value) == value


@settings(max_examples=100, deadline=None)
@given(raw=st.lists(st.fixed_dictionaries({"member_name": st.text(max_size=20)}), max_size=4))
def test_any_members_are_accepted_or_refused(raw: list[dict[str, str]]) -> None:
    try:
        value = normalise_answer(GROUP, raw)
    except AnswerError as error:
        assert error.message.vi.startswith(("Mục thứ", "Chỉ nhập tối đa 2"))
        assert len(raw) > 2 or error.message.vi.startswith("Mục thứ")
    else:
        assert value is None or (isinstance(value, list) and len(value) <= 2)


def test_all_field_types_are_covered() -> None:
    assert {field.type for field in ALL_FIELDS} == set(FieldType)
