"""Vietnamese text normalisation shared by every module that stores or searches text.

NFC is the one form we store and send; the folded key exists because NFC does
not unify tone-mark placement ("Hoà" vs "Hòa") nor make "đ" decompose.
"""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RUN = re.compile(r"\s+")


def to_nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the only form the kiosk stores."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """NFC, trimmed, with every run of whitespace turned into one space."""
    return _WHITESPACE_RUN.sub(" ", to_nfc(text)).strip()


def strip_diacritics(text: str) -> str:
    """No tone or vowel marks, đ/Đ as d/D, spaces collapsed, case kept.

    ``strip_diacritics("Lệ phí Đăng ký") == "Le phi Dang ky"``. Characters that
    have no plain-ASCII form (emoji, CJK) stay, so that a caller needing ASCII can
    refuse them with a clear message.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _WHITESPACE_RUN.sub(" ", stripped).strip()


def fold_vietnamese(text: str) -> str:
    """Search key: no diacritics, đ/Đ folded to d, casefolded, spaces collapsed.

    ``fold_vietnamese("Nguyễn Văn Đức") == "nguyen van duc"``.
    """
    return _WHITESPACE_RUN.sub(" ", strip_diacritics(text).casefold()).strip()


# Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned
# characters: invisible or unstorable, and a way to make a name display as another.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def has_unsafe_characters(text: str) -> bool:
    """True when ``text`` holds a character no stored or searched text may hold.

    Lone surrogates cannot even be encoded as UTF-8 (the database would refuse
    them with an exception); bidi controls and zero-width characters make text
    look like something else on screen and on paper.
    """
    return any(unicodedata.category(ch) in _UNSAFE_CATEGORIES for ch in text)


def has_letter(text: str) -> bool:
    """True when ``text`` holds at least one letter (a name of emoji only has none)."""
    return any(unicodedata.category(ch).startswith("L") for ch in text)


def is_lookup_key(value: object, limit: int = 64) -> bool:
    """True when ``value`` can be an id, code or reference the kiosk looks up.

    Anything else (not text, too long, or holding characters no key has, such as
    lone surrogates the database could not even encode) can match nothing, so a
    look-up answers "not found" at once instead of failing in the database.
    """
    return isinstance(value, str) and len(value) <= limit and not has_unsafe_characters(value)
