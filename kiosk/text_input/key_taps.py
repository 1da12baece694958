"""The on-screen keyboard's keys a person taps to type a word, in order.

The kiosk's keyboard has base letters, the shape keys' results (ă â ê ô ơ ư đ) as
letters of their own, a page of digits, and tone keys tapped after the word's letters
(the tone lands on the right vowel, see :mod:`kiosk.text_input.vietnamese`). The
benchmark's simulated citizen and the X-click walk (``scripts/walk``, run by the system
Python with the standard library only) both type this way; one plan keeps them from
drifting apart from each other and from the keyboard.
"""

from __future__ import annotations

import unicodedata

TONE_KEYS = {
    "\u0301": "sac",
    "\u0300": "huyen",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
SHAPE_MARKS = frozenset({"\u0306", "\u0302", "\u031b"})  # breve, circumflex, horn


def key_taps(word: str) -> list[str]:
    """The key names (``keyboard_key_<name>``) that type ``word``, shift and tones included.

    A digit is typed on the digits page and the letters page comes back after it; a tone
    is tapped after the last letter of its word (or before punctuation ending it).
    """
    taps: list[str] = []
    tone: str | None = None
    for char in word:
        if char.isdigit():
            taps += ["page_digits", char, "page_letters"]
            continue
        if not char.isalpha():
            if tone is not None:  # the mark belongs to the word before the comma
                taps.append(f"tone_{tone}")
                tone = None
            taps.append(char)
            continue
        parts = unicodedata.normalize("NFD", char.lower())
        letter = parts[0] + "".join(mark for mark in parts[1:] if mark in SHAPE_MARKS)
        tone = next((TONE_KEYS[mark] for mark in parts[1:] if mark in TONE_KEYS), tone)
        if char != char.lower():
            taps.append("shift")
        taps.append(unicodedata.normalize("NFC", letter))
    if tone is not None:
        taps.append(f"tone_{tone}")
    return taps
