"""kiosk/in_words: numbers and dates in Vietnamese words, as papers print them."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.in_words import (
    MAX_NUMBER_IN_WORDS,
    date_in_words_vi,
    number_in_words_en,
    number_in_words_vi,
)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(1990, 3, 15), "Ngày mười lăm tháng ba năm một nghìn chín trăm chín mươi"),
        (dt.date(2024, 4, 1), "Ngày mồng một tháng tư năm hai nghìn không trăm hai mươi tư"),
        (dt.date(2008, 2, 29), "Ngày hai mươi chín tháng hai năm hai nghìn không trăm linh tám"),
        (
            dt.date(2021, 12, 21),
            "Ngày hai mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi mốt",
        ),
        (dt.date(2010, 10, 10), "Ngày mồng mười tháng mười năm hai nghìn không trăm mười"),
        (
            dt.date(2025, 11, 25),
            "Ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi lăm",
        ),
    ],
)
def test_date_in_words(day: dt.date, words: str) -> None:
    assert date_in_words_vi(day) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (14, "mười bốn"),
        (105, "một trăm linh năm"),
        (115, "một trăm mười lăm"),
        (1_001, "một nghìn không trăm linh một"),
        (200_000, "hai trăm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
    ],
)
def test_number_in_words(number: int, words: str) -> None:
    assert number_in_words_vi(number) == words


def test_number_in_words_refuses_out_of_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        number_in_words_vi(-1)
    with pytest.raises(ValueError, match="out of range"):
        number_in_words_vi(MAX_NUMBER_IN_WORDS + 1)
    with pytest.raises(TypeError):
        number_in_words_vi(True)


def test_large_numbers_read_thousands_of_billions() -> None:
    assert number_in_words_vi(1_000_000_000_000) == "một nghìn tỷ"
    assert number_in_words_vi(2_000_000_001) == "hai tỷ không trăm linh một"
    assert number_in_words_vi(105, zero_tens="lẻ") == "một trăm lẻ năm"


def test_english_numbers() -> None:
    assert number_in_words_en(0) == "zero"
    assert number_in_words_en(180_021) == "one hundred eighty thousand twenty-one"
