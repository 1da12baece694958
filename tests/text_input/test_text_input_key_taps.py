"""The key plan the walk and the benchmark type with, replayed through the keyboard's rules.

Each tap is applied as the on-screen keyboard applies it (a letter appended, shift for
the next letter, a tone key through :func:`kiosk.text_input.apply_tone`): what comes
out must be the word the plan was made for.
"""

from __future__ import annotations

import pytest

from kiosk.text_input import Tone, apply_tone
from kiosk.text_input.key_taps import key_taps


def replay(taps: list[str]) -> str:
    text = ""
    shifted = False
    for tap in taps:
        if tap in ("page_digits", "page_letters"):
            continue
        if tap == "shift":
            shifted = True
        elif tap.startswith("tone_"):
            text = apply_tone(text, Tone(tap.removeprefix("tone_")))
        else:
            text += tap.upper() if shifted else tap
            shifted = False
    return text


@pytest.mark.parametrize(
    "word",
    ["Nguyễn", "Phường", "Hòa", "Khánh,", "Quỳnh", "Đà", "Tổ", "9", "ngõ", "12A", "người", "ĐẶNG"],
)
def test_the_taps_type_the_word(word: str) -> None:
    assert replay(key_taps(word)) == word


def test_a_tone_is_tapped_after_its_word_and_before_the_comma() -> None:
    assert key_taps("Nẵng,") == ["shift", "n", "ă", "n", "g", "tone_nga", ","]
    assert key_taps("Nguyễn") == ["shift", "n", "g", "u", "y", "ê", "n", "tone_nga"]


def test_digits_come_from_the_digits_page_and_the_letters_come_back() -> None:
    assert key_taps("7a") == ["page_digits", "7", "page_letters", "a"]
