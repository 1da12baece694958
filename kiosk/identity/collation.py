"""Vietnamese alphabetical order without ICU.

Code-point order puts "Đà Nẵng" after "Yên Bái". Dictionary order is
a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, letters compared
first, then tone marks (none, huyền, hỏi, ngã, sắc, nặng), then case. Runs
of digits compare as numbers, so "Phường 2" comes before "Phường 10".
"""

from __future__ import annotations

import unicodedata

from kiosk.identity.text import to_nfc

# Marks that make a different letter (ă â ê ô ơ ư) versus tone marks.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# huyền, hỏi, ngã, sắc, nặng

_DIGIT_RUN = 0
_LETTER = 1

type SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]


def vietnamese_sort_key(text: str) -> SortKey:
    """A key for ``sorted`` that puts Vietnamese words in dictionary order.

    Only equal strings get equal keys: the NFC text itself is the last
    tie-breaker, so sorting is stable and deterministic.
    """
    nfc = to_nfc(text)
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    digits = ""
    for cluster in _clusters(unicodedata.normalize("NFD", nfc)):
        base, marks = cluster[0], cluster[1:]
        if base.isascii() and base.isdigit():
            digits += base
            continue
        if digits:
            letters.append((_DIGIT_RUN, int(digits)))
            digits = ""
        folded = base.casefold()
        # Between d and e; đ does not decompose under NFD.
        letter_variant = 1 if folded == "đ" else 0
        rank_char = "d" if folded == "đ" else folded[:1] or base
        tone = 0
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter_variant = _LETTER_MARKS[mark]
            else:
                tone = max(tone, _TONE_MARKS.get(mark, 0))
        letters.append((_LETTER, ord(rank_char) * 4 + letter_variant))
        tones.append(tone)
        cases.append(0 if base == folded else 1)
    if digits:
        letters.append((_DIGIT_RUN, int(digits)))
    return (tuple(letters), tuple(tones), tuple(cases), nfc)


def _clusters(decomposed: str) -> list[str]:
    """Split NFD text into base characters each followed by its combining marks."""
    clusters: list[str] = []
    for ch in decomposed:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters
