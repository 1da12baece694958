"""Personal identification numbers, phone numbers and Vietnamese sort order."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vietnam_provinces.legacy import Province as LegacyProvince

from kiosk.identity import (
    IdNumberError,
    PhoneNumberError,
    fold_vietnamese,
    normalize_mobile_phone,
    normalize_phone,
    validate_id_number,
)
from kiosk.identity.collation import vietnamese_sort_key
from kiosk.identity.id_number import (
    PROVINCE_CODES_2016,
    century_sex_digit,
    id_number_matches,
    province_of_birth_registration,
)
from kiosk.identity.text import strip_diacritics

# --- ID numbers --------------------------------------------------------------


def test_province_table_is_the_63_pre_2025_provinces() -> None:
    legacy_codes = {f"0{int(p.code):02d}" for p in LegacyProvince.iter_all()}
    assert len(PROVINCE_CODES_2016) == 63
    assert set(PROVINCE_CODES_2016) == legacy_codes
    assert PROVINCE_CODES_2016["001"] == "Hà Nội"
    assert PROVINCE_CODES_2016["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES_2016["096"] == "Cà Mau"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("049090001234", "049090001234"),
        (" 049090001234\r\n", "049090001234"),
        ("049 090 001 234", "049090001234"),
        ("049.090.001.234", "049090001234"),
    ],
)
def test_valid_id_numbers(text: str, expected: str) -> None:
    assert validate_id_number(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "id_number_format"),
        ("04909000123", "id_number_format"),
        ("0490900012345", "id_number_format"),
        ("04909000123a", "id_number_format"),
        ("０４９０９０００１２３４", "id_number_format"),  # full-width digits
        ("049090001234" * 100, "id_number_format"),
        ("000090001234", "id_number_province"),
        ("097090001234", "id_number_province"),
    ],
)
def test_invalid_id_numbers(text: str, reason: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        validate_id_number(text)
    assert caught.value.reason == reason
    assert "số định danh" in str(caught.value).casefold()


@pytest.mark.parametrize(
    ("year", "sex", "digit"),
    [(1900, "Nam", 0), (1999, "Nữ", 1), (2000, "Nam", 2), (2099, "Nữ", 3), (2100, "Nam", 4),
     (2250, "Nữ", 7), (2399, "Nam", 8), (2399, "Nữ", 9)],
)  # fmt: skip
def test_century_sex_digit(year: int, sex: str, digit: int) -> None:
    assert century_sex_digit(year, sex) == digit  # type: ignore[arg-type]


def test_century_digit_outside_the_scheme() -> None:
    with pytest.raises(IdNumberError):
        century_sex_digit(1899, "Nam")


def test_id_number_matches_and_province_name() -> None:
    assert id_number_matches("049195005678", datetime.date(1995, 2, 2), "Nữ")
    assert not id_number_matches("049195005678", datetime.date(1996, 2, 2), "Nữ")
    assert province_of_birth_registration("049195005678") == "Quảng Nam"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_validate_id_number_only_raises_its_error(text: str) -> None:
    try:
        result = validate_id_number(text)
    except IdNumberError:
        return
    assert len(result) == 12 and result.isascii() and result.isdigit()


# --- phone numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0912345678", "+84912345678"),
        ("091 234 5678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("(+84) 912-345-678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0886123456", "+84886123456"),
        ("0326123456", "+84326123456"),
        ("０９１２３４５６７８", "+84912345678"),  # full-width from an on-screen keyboard
        ("0236 3821 234", "+842363821234"),  # Đà Nẵng landline
        ("028 3822 1234", "+842838221234"),  # Hồ Chí Minh landline
    ],
)
def test_phone_numbers_become_e164(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


def test_only_mobiles_pass_the_mobile_check() -> None:
    assert normalize_mobile_phone("0326 123 456") == "+84326123456"
    assert normalize_mobile_phone("+84 912 345 678") == "+84912345678"
    for landline in ("0236 3821 234", "028 3822 1234"):
        with pytest.raises(PhoneNumberError) as refused:
            normalize_mobile_phone(landline)
        assert refused.value.reason == "phone_not_mobile"
        assert "di động" in str(refused.value)
    with pytest.raises(PhoneNumberError) as foreign:
        normalize_mobile_phone("+1 650 253 0000")
    assert foreign.value.reason == "phone_foreign"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "phone_empty"),
        ("   ", "phone_empty"),
        ("0123456789", "phone_invalid"),  # old 11-digit-era prefix, now unused
        ("091234567", "phone_invalid"),
        ("09123456789", "phone_invalid"),
        ("+1 650 253 0000", "phone_foreign"),
        ("1800 1234", "phone_not_personal"),
        ("09x2345678", "phone_characters"),
        ("0912345678\x00", "phone_characters"),
        ("0912😀345678", "phone_characters"),
        ("0" * 10_000, "phone_characters"),
        ("+", "phone_invalid"),
    ],
)
def test_bad_phone_numbers_get_a_vietnamese_message(text: str, reason: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        normalize_phone(text)
    assert isinstance(caught.value, ValueError)
    assert caught.value.reason == reason
    assert text.strip() == "" or text[:6] not in str(caught.value)
    assert "số" in str(caught.value).casefold() or "điện thoại" in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_normalize_phone_only_raises_value_error(text: str) -> None:
    try:
        result = normalize_phone(text)
    except PhoneNumberError:
        return
    assert result.startswith("+84") and result[1:].isdigit()


# --- folding and ordering ----------------------------------------------------


def test_fold_is_re_exported() -> None:
    assert fold_vietnamese("Nguyễn Văn Đức") == "nguyen van duc"


def test_strip_diacritics_keeps_case_and_unknown_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Lệ  phí Đăng ký 😀")
    assert strip_diacritics(decomposed) == "Le phi Dang ky 😀"
    assert fold_vietnamese(decomposed) == "le phi dang ky 😀"


def test_vietnamese_order_beats_code_point_order() -> None:
    names = ["Yên Bái", "Đà Nẵng", "Dĩ An", "Ea Kar", "An Giang", "Ân Thi", "Ăn Thi", "Bạc Liêu"]
    assert sorted(names) != sorted(names, key=vietnamese_sort_key)  # code points put Đ last
    assert sorted(names, key=vietnamese_sort_key) == [
        "An Giang", "Ăn Thi", "Ân Thi", "Bạc Liêu", "Dĩ An", "Đà Nẵng", "Ea Kar", "Yên Bái",
    ]  # fmt: skip


def test_tones_order_after_letters_and_numbers_numerically() -> None:
    tones = ["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"]
    assert sorted(tones, key=vietnamese_sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    wards = ["Phường 10", "Phường 2", "Phường 1"]
    assert sorted(wards, key=vietnamese_sort_key) == ["Phường 1", "Phường 2", "Phường 10"]
    vowels = ["Ư", "Ơ", "U", "Ô", "O", "Ê", "E"]
    assert sorted(vowels, key=vietnamese_sort_key) == ["E", "Ê", "O", "Ô", "Ơ", "U", "Ư"]


def test_sort_key_is_equal_only_for_equal_text_and_ignores_normal_form() -> None:
    assert vietnamese_sort_key("Hòa") != vietnamese_sort_key("Hoà")
    assert vietnamese_sort_key("Bình") == vietnamese_sort_key("Bi\u0300nh")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=8))
def test_sort_key_never_fails_and_orders_totally(texts: list[str]) -> None:
    ordered = sorted(texts, key=vietnamese_sort_key)
    assert sorted(ordered, key=vietnamese_sort_key) == ordered
