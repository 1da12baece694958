"""The ID-card QR parser: the domain file's examples, every refusal, and fuzzing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.identity import IdCard, IdCardError, parse_id_card_qr
from kiosk.identity.id_card import id_card_qr_text

TODAY = datetime.date(2026, 5, 1)

EXAMPLE_1 = (
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
EXAMPLE_2 = (
    "049195005678||Trần Thị Bình|02021995|Nữ|"
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng|10082025"
)
EXAMPLE_3 = "048208000042||Lê Minh Khang|29022008|Nam|Phường Hải Châu, Thành phố Đà Nẵng|01072024"


def parse(payload: str | bytes) -> IdCard:
    return parse_id_card_qr(payload, today=TODAY)


def refusal(payload: str | bytes) -> IdCardError:
    with pytest.raises(IdCardError) as caught:
        parse(payload)
    return caught.value


def replace_field(payload: str, index: int, value: str) -> str:
    fields = payload.split("|")
    fields[index] = value
    return "|".join(fields)


# --- the three examples ------------------------------------------------------


def test_example_1_with_old_id_and_pre_2025_address() -> None:
    card = parse(EXAMPLE_1)
    assert card == IdCard(
        id_number="049090001234",
        old_id_number="205123456",
        full_name="Nguyễn Văn An",
        date_of_birth=datetime.date(1990, 3, 15),
        sex="Nam",
        address="Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
        issue_date=datetime.date(2021, 4, 20),
        extra_fields=(),
    )


def test_example_2_empty_old_id_female() -> None:
    card = parse(EXAMPLE_2)
    assert card.id_number == "049195005678"
    assert card.old_id_number is None
    assert card.full_name == "Trần Thị Bình"
    assert card.date_of_birth == datetime.date(1995, 2, 2)
    assert card.sex == "Nữ"
    assert card.address == "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng"
    assert card.issue_date == datetime.date(2025, 8, 10)


@pytest.mark.parametrize("example", [EXAMPLE_1, EXAMPLE_2])
def test_qr_text_of_the_parsed_fields_is_the_example_again(example: str) -> None:
    card = parse(example)
    text = id_card_qr_text(
        card.id_number,
        card.old_id_number,
        card.full_name,
        card.date_of_birth,
        card.sex,
        card.address,
        card.issue_date,
    )
    assert text == example


def test_example_3_born_2008_on_a_leap_day() -> None:
    card = parse(EXAMPLE_3)
    assert card.id_number == "048208000042"
    assert card.date_of_birth == datetime.date(2008, 2, 29)
    assert card.sex == "Nam"
    assert card.issue_date == datetime.date(2024, 7, 1)


def test_card_is_immutable_and_its_repr_hides_personal_data() -> None:
    card = parse(EXAMPLE_1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.full_name = "X"  # type: ignore[misc]
    shown = repr(card)
    assert "Nguyễn" not in shown and "001234" not in shown and "Quảng Nam" not in shown


# --- what must be accepted ---------------------------------------------------


@pytest.mark.parametrize("suffix", ["\r\n", "\n", "\r", "   ", " \r\n ", "\t\r\n"])
def test_scanner_suffixes_are_ignored(suffix: str) -> None:
    assert parse(EXAMPLE_1 + suffix) == parse(EXAMPLE_1)


def test_utf8_bytes_and_a_byte_order_mark() -> None:
    assert parse(EXAMPLE_2.encode("utf-8")) == parse(EXAMPLE_2)
    assert parse(b"\xef\xbb\xbf" + EXAMPLE_2.encode("utf-8") + b"\r\n") == parse(EXAMPLE_2)


def test_nfd_input_comes_out_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", EXAMPLE_2)
    assert decomposed != EXAMPLE_2
    card = parse(decomposed)
    assert card.full_name == "Trần Thị Bình"
    assert unicodedata.is_normalized("NFC", card.address)
    assert card.sex == "Nữ"


def test_name_whitespace_is_collapsed() -> None:
    card = parse(replace_field(EXAMPLE_1, 2, "  Nguyễn   Văn\u00a0An "))
    assert card.full_name == "Nguyễn Văn An"


def test_ethnic_minority_name_punctuation() -> None:
    assert parse(replace_field(EXAMPLE_2, 2, "H'Hen Niê")).full_name == "H'Hen Niê"


def test_2024_card_with_extra_fields_keeps_them() -> None:
    card = parse(EXAMPLE_3 + "|Nơi cư trú: Phường Hải Châu||Lê Văn Cha")
    assert card.id_number == "048208000042"
    assert card.extra_fields == ("Nơi cư trú: Phường Hải Châu", "", "Lê Văn Cha")


def test_empty_issue_date_is_none() -> None:
    assert parse(replace_field(EXAMPLE_1, 6, "")).issue_date is None


def test_twelve_digit_previous_number_is_kept() -> None:
    assert parse(replace_field(EXAMPLE_3, 1, "048208000041")).old_id_number == "048208000041"


def test_sex_in_capitals() -> None:
    assert parse(replace_field(EXAMPLE_2, 4, "NỮ")).sex == "Nữ"


def test_born_today_is_accepted() -> None:
    payload = replace_field(replace_field(EXAMPLE_3, 3, "01052026"), 6, "")
    payload = replace_field(payload, 0, "048226000042")
    assert parse(payload).date_of_birth == TODAY


# --- what must be refused ----------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("049090001234|205123456|Nguyễn Văn An|15031990|Nam|Quảng Nam", "too_few_fields"),
        ("", "empty"),
        ("\r\n", "empty"),
        ("hello world", "too_few_fields"),
        (replace_field(EXAMPLE_1, 0, "04909000123"), "id_number_format"),
        (replace_field(EXAMPLE_1, 0, "0490900012345"), "id_number_format"),
        (replace_field(EXAMPLE_1, 0, "04909000123A"), "id_number_format"),
        (replace_field(EXAMPLE_1, 0, "049 090 001 234"), "id_number_format"),
        (replace_field(EXAMPLE_1, 0, "٠٤٩٠٩٠٠٠١٢٣٤"), "id_number_format"),
        (replace_field(EXAMPLE_1, 0, "003090001234"), "id_number_province"),
        (replace_field(EXAMPLE_1, 0, "100090001234"), "id_number_province"),
        (replace_field(EXAMPLE_1, 1, "20512345"), "old_id_number_format"),
        (replace_field(EXAMPLE_1, 2, ""), "name_missing"),
        (replace_field(EXAMPLE_1, 2, "Nguyễn Văn 4n"), "name_invalid"),
        (replace_field(EXAMPLE_1, 2, "Nguyễn 😀 An"), "name_invalid"),
        (replace_field(EXAMPLE_1, 2, "- ."), "name_invalid"),
        (replace_field(EXAMPLE_1, 3, "31021990"), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 3, "15131990"), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 3, "00031990"), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 3, "29021990"), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 3, "1990-03-15"), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 3, ""), "date_of_birth_invalid"),
        (replace_field(EXAMPLE_1, 4, "Male"), "sex_invalid"),
        (replace_field(EXAMPLE_1, 4, "Nu"), "sex_invalid"),
        (replace_field(EXAMPLE_1, 4, ""), "sex_invalid"),
        (replace_field(EXAMPLE_1, 5, "  "), "address_missing"),
        (replace_field(EXAMPLE_1, 6, "30022021"), "issue_date_invalid"),
        (replace_field(EXAMPLE_1, 6, "01011980"), "issue_date_before_birth"),
        (replace_field(EXAMPLE_1, 6, "02052026"), "issue_date_in_future"),
        (
            "049090001234|205123456|Nguyễn\x00 Văn An|15031990|Nam|Quảng Nam|20042021",
            "control_characters",
        ),
        (
            "049090001234|205123456|Nguyễn\u202eVăn An|15031990|Nam|Quảng Nam|20042021",
            "control_characters",
        ),
        (
            "049090001234|205123456|Nguyễn\tVăn|15031990|Nam|Quảng Nam|20042021",
            "control_characters",
        ),
        ("049090001234|205123456|Nguyễn\ud800|15031990|Nam|Quảng Nam|20042021", "not_utf8"),
        (EXAMPLE_1 + "|" + "x" * 1000, "too_large"),
        (EXAMPLE_1 + "|" + "ễ" * 300, "too_large"),
        ("ễ" * 10_000, "too_large"),
        (b"\xff\xfe" + EXAMPLE_1.encode("utf-8"), "not_utf8"),
        (EXAMPLE_1.encode("utf-16"), "not_utf8"),
        (b"x" * 10_000, "too_large"),
    ],
)
def test_refusals_carry_a_reason_and_a_vietnamese_sentence(
    payload: str | bytes, reason: str
) -> None:
    error = refusal(payload)
    assert error.reason == reason
    assert isinstance(error, ValueError)
    message = str(error)
    assert message.endswith(".") and message.count(".") == 1
    assert any(ch in message for ch in "ạảãáàăâđêôơư")  # Vietnamese, not English


@pytest.mark.parametrize(
    ("id_number", "birth", "sex"),
    [
        ("049190001234", "15031990", "Nam"),  # C=1 means female
        ("049290001234", "15031990", "Nam"),  # C=2 means born in the 2000s
        ("049091001234", "15031990", "Nam"),  # YY=91 but born 1990
        ("049195005678", "02021995", "Nam"),  # female digit with sex Nam
        ("048008000042", "29022008", "Nam"),  # 1900s digit for a 2008 birth
        ("049090001234", "15031890", "Nam"),  # 1890: no century digit exists
    ],
)
def test_id_digits_must_agree_with_birth_and_sex(id_number: str, birth: str, sex: str) -> None:
    payload = "|".join([id_number, "", "Nguyễn Văn An", birth, sex, "Quảng Nam", ""])
    assert refusal(payload).reason == "id_number_mismatch"


def test_birth_in_the_future_is_refused() -> None:
    payload = "|".join(["049226001234", "", "Nguyễn Văn An", "02052026", "Nam", "Quảng Nam", ""])
    assert refusal(payload).reason == "date_of_birth_in_future"


def test_default_today_is_the_real_date() -> None:
    # Without ``today`` the parser uses the clock: a date far ahead is refused.
    payload = "|".join(["049299001234", "", "Nguyễn Văn An", "01012099", "Nam", "Quảng Nam", ""])
    with pytest.raises(IdCardError) as caught:
        parse_id_card_qr(payload)
    assert caught.value.reason == "date_of_birth_in_future"


def test_error_messages_and_reasons_carry_no_personal_data() -> None:
    bad = replace_field(EXAMPLE_1, 4, "Khác")
    error = refusal(bad)
    for secret in ("049090001234", "Nguyễn", "Vĩnh Điện", "Khác"):
        assert secret not in str(error) and secret not in error.reason and secret not in repr(error)


# --- fuzzing -----------------------------------------------------------------

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text())
def test_random_text_only_raises_id_card_error(payload: str) -> None:
    try:
        card = parse(payload)
    except IdCardError as error:
        assert error.reason and str(error)
    else:
        assert len(card.id_number) == 12


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_only_raise_id_card_error(payload: bytes) -> None:
    with pytest.raises(IdCardError):
        parse(payload)


@FUZZ
@given(st.lists(st.text(max_size=30), min_size=0, max_size=12))
def test_random_fields_only_raise_id_card_error(fields: list[str]) -> None:
    with contextlib.suppress(IdCardError):
        parse("|".join(fields))


@FUZZ
@given(index=st.integers(min_value=0, max_value=6), junk=st.text(max_size=40))
def test_one_damaged_field_in_a_valid_card(index: int, junk: str) -> None:
    try:
        card = parse(replace_field(EXAMPLE_1, index, junk))
    except IdCardError:
        return
    assert card.id_number.isdigit() and len(card.id_number) == 12
