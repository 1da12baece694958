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
