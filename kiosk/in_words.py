"""Numbers, amounts and dates written out in words, the one place the kiosk does it.

Official papers repeat a figure in words so that a misread digit is caught: the
fee on a receipt ("Một trăm tám mươi nghìn đồng") and the date of birth on a
civil-status declaration ("Ngày mồng năm tháng tư năm hai nghìn không trăm hai
mươi").

Vietnamese follows the northern written standard of official documents:
"nghìn" (not "ngàn"), "tỷ", "linh" for a zero tens digit ("lẻ" on request),
"mốt" for a final 1 after a tens digit of 2 or more, "lăm" for a final 5 after
any tens digit, "tư" for a final 4 after a tens digit of 2 or more, and "không
trăm" for a zero hundreds digit inside a larger number (1.005 = "một nghìn
không trăm linh năm"). Groups that are all zero are skipped (1.000.000 = "một
triệu"). Days 1-10 of a date take the customary "mồng" and the fourth month is
"tháng tư".
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

# Words for numbers up to (but not including) a billion billion.
MAX_NUMBER_IN_WORDS = 10**18 - 1

ZeroTens = Literal["linh", "lẻ"]

_DIGITS_VI = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_NAMES_VI = ("", "nghìn", "triệu")
_MONTHS_VI = (
    "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"
)  # fmt: skip
_BILLION = 10**9


def _checked(number: int) -> int:
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("number must be an int")
    if not 0 <= number <= MAX_NUMBER_IN_WORDS:
        raise ValueError(f"number out of range 0..{MAX_NUMBER_IN_WORDS}")
    return number


def _three_digits_vi(number: int, *, full: bool, zero_tens: ZeroTens) -> list[str]:
    """Words for 0 < number < 1000; ``full`` reads a zero hundreds digit ("không trăm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS_VI[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(zero_tens)
            words.append(_DIGITS_VI[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS_VI[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens >= 2 else "một")
    elif units == 4:
        words.append("tư" if tens >= 2 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS_VI[units])
    return words


def _below_billion_vi(number: int, *, leading: bool, zero_tens: ZeroTens) -> list[str]:
    """Words for 0 < number < 10**9; ``leading`` when nothing bigger was read before."""
    groups = [(number // 10**6) % 1000, (number // 1000) % 1000, number % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if group == 0:
            continue
        scale = _GROUP_NAMES_VI[2 - index]
        words += _three_digits_vi(group, full=bool(words) or not leading, zero_tens=zero_tens)
        if scale:
            words.append(scale)
    return words


def _words_vi(number: int, *, leading: bool, zero_tens: ZeroTens) -> list[str]:
    if number >= _BILLION:
        billions, rest = divmod(number, _BILLION)
        words = [*_words_vi(billions, leading=leading, zero_tens=zero_tens), "tỷ"]
        if rest:
            words += _below_billion_vi(rest, leading=False, zero_tens=zero_tens)
        return words
    return _below_billion_vi(number, leading=leading, zero_tens=zero_tens)


def number_in_words_vi(number: int, *, zero_tens: ZeroTens = "linh") -> str:
    """``number_in_words_vi(105) == "một trăm linh năm"`` (lower case, NFC).

    Raises ``ValueError`` outside ``0..MAX_NUMBER_IN_WORDS`` and ``TypeError``
    for anything but an ``int``.
    """
    checked = _checked(number)
    if zero_tens not in ("linh", "lẻ"):
        raise ValueError("zero_tens must be 'linh' or 'lẻ'")
    if checked == 0:
        return _DIGITS_VI[0]
    return " ".join(_words_vi(checked, leading=True, zero_tens=zero_tens))


_ONES_EN = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
)
_TENS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES_EN = ("", "thousand", "million", "billion", "trillion", "quadrillion")


def _three_digits_en(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words: list[str] = []
    if hundreds:
        words += [_ONES_EN[hundreds], "hundred"]
    if rest >= 20:
        tens, units = divmod(rest, 10)
        words.append(_TENS_EN[tens] + (f"-{_ONES_EN[units]}" if units else ""))
    elif rest:
        words.append(_ONES_EN[rest])
    return words


def number_in_words_en(number: int) -> str:
    """``number_in_words_en(180000) == "one hundred eighty thousand"`` (no "and")."""
    remaining = _checked(number)
    if remaining == 0:
        return _ONES_EN[0]
    words: list[str] = []
    scale_index = 0
    while remaining:
        remaining, group = divmod(remaining, 1000)
        if group:
            scale = _SCALES_EN[scale_index]
            words = _three_digits_en(group) + ([scale] if scale else []) + words
        scale_index += 1
    return " ".join(words)


def date_in_words_vi(day: dt.date) -> str:
    """The date as written on a civil-status form, e.g. "Ngày mười lăm tháng ba năm ..."."""
    day_words = number_in_words_vi(day.day)
    if day.day <= 10:
        day_words = f"mồng {day_words}"
    month_words = _MONTHS_VI[day.month - 1]
    return f"Ngày {day_words} tháng {month_words} năm {number_in_words_vi(day.year)}"


def capitalised(sentence: str) -> str:
    """First letter upper case, the rest untouched (``str.capitalize`` lowers the rest)."""
    return sentence[:1].upper() + sentence[1:]
