"""Amounts of Vietnamese dong in figures and in words.

A fee is shown twice on the payment screen and the receipt, as on any
Vietnamese invoice: in figures ("180.000 ₫") and in words ("Một trăm tám mươi
nghìn đồng"), so that a misread digit is caught.

Figures: babel's decimal grouping for the locale (``.`` in Vietnamese, ``,`` in
English) followed by a no-break space and the dong sign ``₫``. We do not use
babel's currency pattern because it puts the sign first in English
("₫180,000") and may change with CLDR releases; this form is stable and never
wraps between the number and the sign.

Words follow the northern written standard used on official documents:
"nghìn" (not "ngàn"), "tỷ", "linh" for a zero tens digit (``lẻ`` on request),
"mốt" for a final 1 after a tens digit of 2 or more, "lăm" for a final 5 after
any tens digit, "tư" for a final 4 after a tens digit of 2 or more, and "không
trăm" for a zero hundreds digit inside a larger number (1.005 = "một nghìn
không trăm linh năm"). Groups that are all zero are skipped (1.000.000 = "một
triệu").
"""

from __future__ import annotations

from typing import Literal

from babel.numbers import format_decimal

from kiosk.payments.errors import PaymentDataError

NO_BREAK_SPACE = "\u00a0"
DONG_SIGN = "₫"
# Words for amounts up to (but not including) a billion billion dong.
MAX_AMOUNT_IN_WORDS = 10**18 - 1

_DIGITS_VI = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_NAMES_VI = ("", "nghìn", "triệu")
_BILLION = 10**9


def _checked_amount(amount: object, *, allow_zero: bool = True) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise PaymentDataError(
            "Số tiền phải là một số nguyên đồng.", "Amount must be a whole number of dong."
        )
    if amount < 0 or (amount == 0 and not allow_zero):
        raise PaymentDataError("Số tiền không được âm.", "Amount must not be negative.")
    if amount > MAX_AMOUNT_IN_WORDS:
        raise PaymentDataError(
            "Số tiền quá lớn để viết thành chữ.", "Amount is too large to write in words."
        )
    return amount


def format_vnd(amount: int, locale: str = "vi") -> str:
    """``format_vnd(180000) == "180.000\u00a0₫"``; ``format_vnd(180000, "en") == "180,000\u00a0₫"``.

    The separator before ``₫`` is a no-break space (U+00A0).
    """
    checked = _checked_amount(amount)
    return f"{format_decimal(checked, locale=locale)}{NO_BREAK_SPACE}{DONG_SIGN}"


def _three_digits_vi(number: int, *, full: bool, zero_tens: str) -> list[str]:
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


def _below_billion_vi(number: int, *, leading: bool, zero_tens: str) -> list[str]:
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


def _number_words_vi(number: int, *, leading: bool, zero_tens: str) -> list[str]:
    if number >= _BILLION:
        billions, rest = divmod(number, _BILLION)
        words = [*_number_words_vi(billions, leading=leading, zero_tens=zero_tens), "tỷ"]
        if rest:
            words += _below_billion_vi(rest, leading=False, zero_tens=zero_tens)
        return words
    return _below_billion_vi(number, leading=leading, zero_tens=zero_tens)


def amount_in_words_vi(amount: int, *, zero_tens: Literal["linh", "lẻ"] = "linh") -> str:
    """``amount_in_words_vi(180000) == "Một trăm tám mươi nghìn đồng"``.

    Capitalised, ending in "đồng", no trailing "chẵn". ``zero_tens="lẻ"`` gives
    the southern reading (105 = "một trăm lẻ năm").
    """
    checked = _checked_amount(amount)
    if zero_tens not in ("linh", "lẻ"):
        raise PaymentDataError(
            "Chỉ dùng 'linh' hoặc 'lẻ' cho hàng chục bằng không.",
            "zero_tens must be 'linh' or 'lẻ'.",
        )
    words = (
        ["không"] if checked == 0 else _number_words_vi(checked, leading=True, zero_tens=zero_tens)
    )
    sentence = " ".join([*words, "đồng"])
    return sentence[0].upper() + sentence[1:]


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


def amount_in_words_en(amount: int) -> str:
    """``amount_in_words_en(180000) == "One hundred eighty thousand dong"`` (no "and")."""
    checked = _checked_amount(amount)
    if checked == 0:
        return "Zero dong"
    words: list[str] = []
    scale_index = 0
    remaining = checked
    while remaining:
        remaining, group = divmod(remaining, 1000)
        if group:
            scale = _SCALES_EN[scale_index]
            words = _three_digits_en(group) + ([scale] if scale else []) + words
        scale_index += 1
    sentence = " ".join([*words, "dong"])
    return sentence[0].upper() + sentence[1:]


def amount_in_words(amount: int, language: str = "vi") -> str:
    """Amount in words in ``language`` ("vi" or "en"; anything else gives Vietnamese)."""
    return amount_in_words_en(amount) if language == "en" else amount_in_words_vi(amount)
