"""Amounts in figures and in words, and the payment request shown on screen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.payments import (
    PaymentAccount,
    PaymentDataError,
    amount_in_words,
    amount_in_words_en,
    amount_in_words_vi,
    build_payment_request,
    format_vnd,
    format_vnd_in_text,
    parse_vietqr,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (4, "Bốn đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (55, "Năm mươi lăm đồng"),
        (91, "Chín mươi mốt đồng"),
        (100, "Một trăm đồng"),
        (101, "Một trăm linh một đồng"),
        (104, "Một trăm linh bốn đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (111, "Một trăm mười một đồng"),
        (115, "Một trăm mười lăm đồng"),
        (121, "Một trăm hai mươi mốt đồng"),
        (1_000, "Một nghìn đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (1_010, "Một nghìn không trăm mười đồng"),
        (1_100, "Một nghìn một trăm đồng"),
        (2_000, "Hai nghìn đồng"),
        (7_000, "Bảy nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (20_000, "Hai mươi nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (45_045, "Bốn mươi lăm nghìn không trăm bốn mươi lăm đồng"),
        (180_000, "Một trăm tám mươi nghìn đồng"),
        (200_000, "Hai trăm nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_000_500, "Một triệu năm trăm đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (10_000_001, "Mười triệu không trăm linh một đồng"),
        (
            999_999_999,
            "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
            "chín trăm chín mươi chín đồng",
        ),
        (2_000_000_000, "Hai tỷ đồng"),
        (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (5_500_000_000, "Năm tỷ năm trăm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (21_000_000_000_000, "Hai mươi mốt nghìn tỷ đồng"),
    ],
)
def test_amount_in_words_vi(amount: int, words: str) -> None:
    assert amount_in_words_vi(amount) == words


def test_southern_reading_uses_le() -> None:
    assert amount_in_words_vi(105, zero_tens="lẻ") == "Một trăm lẻ năm đồng"
    assert amount_in_words_vi(2_004, zero_tens="lẻ") == "Hai nghìn không trăm lẻ bốn đồng"


def test_words_are_nfc() -> None:
    import unicodedata

    words = amount_in_words_vi(1_234_567_891)
    assert unicodedata.normalize("NFC", words) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Zero dong"),
        (15, "Fifteen dong"),
        (21, "Twenty-one dong"),
        (105, "One hundred five dong"),
        (1_005, "One thousand five dong"),
        (180_000, "One hundred eighty thousand dong"),
        (2_000_000_000, "Two billion dong"),
        (1_000_000_000_000, "One trillion dong"),
    ],
)
def test_amount_in_words_en(amount: int, words: str) -> None:
    assert amount_in_words_en(amount) == words


@given(st.integers(min_value=0, max_value=10**15))
def test_words_never_contain_stray_spaces_or_empty_words(amount: int) -> None:
    words = amount_in_words_vi(amount)
    assert "  " not in words
    assert words.endswith(" đồng")
    assert words[0].isupper()
    # "mươi một", "mươi lăm" and "mươi bốn" never appear after a tens digit >= 2.
    assert "mươi một" not in words
    assert "mươi bốn" not in words
    assert "mươi năm" not in words
    assert "mười năm" not in words


@pytest.mark.parametrize("bad", [-1, 1.5, "100", True, None, 10**18])
def test_bad_amounts_are_refused(bad: object) -> None:
    with pytest.raises(PaymentDataError):
        amount_in_words_vi(bad)  # type: ignore[arg-type]
    with pytest.raises(PaymentDataError):
        format_vnd(bad)  # type: ignore[arg-type]


def test_format_vnd() -> None:
    assert format_vnd(180_000) == f"180.000{NBSP}₫"
    assert format_vnd(0) == f"0{NBSP}₫"
    assert format_vnd(1_234_567) == f"1.234.567{NBSP}₫"
    assert format_vnd(180_000, "en") == f"180,000{NBSP}₫"


def test_amount_in_words_dispatch() -> None:
    assert amount_in_words(15, "en") == "Fifteen dong"
    assert amount_in_words(15) == "Mười lăm đồng"


WARD_ACCOUNT = PaymentAccount(
    bank_bin="970415",
    account="113000012345",
    account_name="UBND PHUONG BA DINH",
    purpose="Lệ phí hồ sơ",
)


def test_payment_request_carries_figures_words_and_qr() -> None:
    request = build_payment_request(WARD_ACCOUNT, 20_000, "BADINH-260520-01-0007-X")
    assert request.amount_figures == f"20.000{NBSP}₫"
    assert request.amount_words == "Hai mươi nghìn đồng"
    parsed = parse_vietqr(request.qr_payload)
    assert parsed["amount"] == 20_000
    assert parsed["bill_number"] == "BADINH-260520-01-0007-X"
    assert parsed["purpose"] == "Le phi ho so"
    assert parsed["bank_bin"] == "970415"
    assert request.account_name == "UBND PHUONG BA DINH"


def test_payment_request_in_english() -> None:
    request = build_payment_request(WARD_ACCOUNT, 20_000, "REF1", language="en")
    assert request.amount_figures == f"20,000{NBSP}₫"
    assert request.amount_words == "Twenty thousand dong"


def test_payment_request_refuses_a_free_case_and_bad_configuration() -> None:
    with pytest.raises(PaymentDataError, match="lớn hơn 0"):
        build_payment_request(WARD_ACCOUNT, 0, "REF1")
    broken = PaymentAccount(bank_bin="9704", account="1", account_name="X")
    with pytest.raises(PaymentDataError, match="BIN"):
        build_payment_request(broken, 1000, "REF1")


def test_format_vnd_in_text() -> None:
    assert format_vnd_in_text(1_234_000) == "1.234.000 đồng"
    assert format_vnd_in_text(1_234_000, "en") == "1,234,000 VND"
    with pytest.raises(PaymentDataError):
        format_vnd_in_text(-1)
