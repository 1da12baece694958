"""Amounts of Vietnamese dong in figures and in words.

A fee is shown twice on the payment screen and the receipt, as on any
Vietnamese invoice: in figures ("180.000 ₫") and in words ("Một trăm tám mươi
nghìn đồng"), so that a misread digit is caught. The words come from
:mod:`kiosk.in_words`.

Figures: babel's decimal grouping for the locale (``.`` in Vietnamese, ``,`` in
English). On the payment screen and papers, a no-break space and the dong sign
``₫`` follow (:func:`format_vnd`); inside a sentence, the word "đồng" or "VND"
(:func:`format_vnd_in_text`: "8.000 đồng mỗi bản"). We do not use babel's currency
pattern because it puts the sign first in English ("₫180,000") and may change
with CLDR releases; this form is stable and never wraps between the number and
the sign.
"""

from __future__ import annotations

from typing import Literal

from babel.numbers import format_decimal

from kiosk.in_words import (
    MAX_NUMBER_IN_WORDS,
    capitalised,
    number_in_words_en,
    number_in_words_vi,
)
from kiosk.payments.errors import PaymentDataError

NO_BREAK_SPACE = "\u00a0"
DONG_SIGN = "₫"
MAX_AMOUNT_IN_WORDS = MAX_NUMBER_IN_WORDS


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


def format_vnd_in_text(amount: int, lang: str = "vi") -> str:
    """For a sentence: ``7000`` -> ``"7.000 đồng"`` (vi) or ``"7,000 VND"`` (en)."""
    checked = _checked_amount(amount)
    if lang == "en":
        return f"{format_decimal(checked, locale='en')} VND"
    return f"{format_decimal(checked, locale='vi')} đồng"


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
    return capitalised(f"{number_in_words_vi(checked, zero_tens=zero_tens)} đồng")


def amount_in_words_en(amount: int) -> str:
    """``amount_in_words_en(180000) == "One hundred eighty thousand dong"`` (no "and")."""
    return capitalised(f"{number_in_words_en(_checked_amount(amount))} dong")


def amount_in_words(amount: int, language: str = "vi") -> str:
    """Amount in words in ``language`` ("vi" or "en"; anything else gives Vietnamese)."""
    return amount_in_words_en(amount) if language == "en" else amount_in_words_vi(amount)
