"""Where a Vietnamese tone mark goes, and how a tapped tone key rewrites a word.

The on-screen keyboard has one key per tone (sắc, huyền, hỏi, ngã, nặng) and a
"no tone" key. Tapping one rewrites the *last word before the cursor*: any tone
already on it is removed and the new one is placed on the vowel the spelling
rules choose, so a citizen may tap the tone at any moment after the vowel
(``Nguyên`` + ngã -> ``Nguyễn``; ``Nguyễ`` then ``n`` stays ``Nguyễn``) and may
change their mind (a second tone replaces the first).

Placement rules, applied to the last run of vowels of the word:

1. ``qu`` and ``gi`` onsets: the ``u``/``i`` belongs to the consonant when more
   vowels follow (``quốc``, ``quỳnh``, ``giàu``, ``già``), but carries the
   mark when it is the only vowel (``gìn``, ``gì``).
2. A vowel with a hat, breve or horn (â ă ê ô ơ ư) takes the mark; in ``ươ``
   it is the ``ơ`` (``trường``, ``người``, ``cửa``, ``cứu``, ``khuê``).
3. With a final consonant the mark goes on the last vowel (``hoàng``,
   ``huỳnh``, ``toán``).
4. Three vowels and no final consonant: the middle one (``ngoài``, ``khuỷu``).
5. Two vowels and no final consonant: the first (``của``, ``mía``, ``hài``),
   except ``oa``, ``oe``, ``uy``, where :class:`ToneStyle` decides.

``ToneStyle.CLASSIC`` (``hòa``, ``khỏe``, ``thủy``) is the default: it is what
most citizens' ID cards and the statistics office's unit names carry (in the
2026 unit list "òa" outnumbers "oà" about 200 to 44), so a name typed on the
kiosk matches the card. ``ToneStyle.MODERN`` (``hoà``, ``khoẻ``, ``thuỷ``,
the 1984 orthography rules) is one argument away. Search never depends on the
choice: :func:`kiosk.identity.text.fold_vietnamese` drops every mark.

Every function accepts any text (emoji, NUL bytes, other scripts, 10,000
characters) without raising, and returns NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.identity.text import to_nfc


class Tone(StrEnum):
    """The six tones; the value is the stable key name used by the keyboard."""

    NONE = "none"
    SAC = "sac"
    HUYEN = "huyen"
    HOI = "hoi"
    NGA = "nga"
    NANG = "nang"


class ToneStyle(StrEnum):
    """Where the mark goes in ``oa``, ``oe``, ``uy`` with no final consonant."""

    CLASSIC = "classic"  # hòa, khỏe, thủy
    MODERN = "modern"  # hoà, khoẻ, thuỷ


DEFAULT_STYLE = ToneStyle.CLASSIC

TONE_MARKS: dict[Tone, str] = {
    Tone.SAC: "\u0301",
    Tone.HUYEN: "\u0300",
    Tone.HOI: "\u0309",
    Tone.NGA: "\u0303",
    Tone.NANG: "\u0323",
}
_TONE_OF_MARK: dict[str, Tone] = {mark: tone for tone, mark in TONE_MARKS.items()}
# Circumflex, breve, horn: the marks that make â ê ô ă ơ ư.
_LETTER_MODIFIERS = frozenset({"\u0302", "\u0306", "\u031b"})
_VOWEL_BASES = frozenset("aeiouy")
_SPLIT_PAIRS = frozenset({"oa", "oe", "uy"})


@dataclass(slots=True)
class _Cluster:
    """One base character with the combining marks that follow it (NFD)."""

    base: str
    marks: list[str] = field(default_factory=list)

    @property
    def lower(self) -> str:
        return self.base.lower()

    @property
    def is_vowel(self) -> bool:
        return self.lower in _VOWEL_BASES

    @property
    def has_letter_modifier(self) -> bool:
        return any(mark in _LETTER_MODIFIERS for mark in self.marks)

    def render(self) -> str:
        return self.base + "".join(self.marks)


def _is_word_character(character: str) -> bool:
    category = unicodedata.category(character)
    return category.startswith("L") or category.startswith("M")


def split_last_word(text: str) -> tuple[str, str]:
    """Split ``text`` into everything before its trailing word, and that word.

    The word is the trailing run of letters and combining marks, so digits,
    spaces and punctuation end it: ``split_last_word("Bà Nguyên")`` is
    ``("Bà ", "Nguyên")`` and ``split_last_word("số 12")`` is ``("số 12", "")``.
    """
    start = len(text)
    while start > 0 and _is_word_character(text[start - 1]):
        start -= 1
    return text[:start], text[start:]


def _clusters(word: str) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for character in unicodedata.normalize("NFD", word):
        if unicodedata.category(character).startswith("M") and clusters:
            clusters[-1].marks.append(character)
        else:
            # A mark with nothing before it keeps an empty base of its own.
            is_mark = unicodedata.category(character).startswith("M")
            clusters.append(_Cluster("", [character]) if is_mark else _Cluster(character))
    return clusters


def _nucleus(clusters: list[_Cluster]) -> tuple[list[int], bool]:
    """Indices of the vowels that may carry the tone, and whether a final consonant follows."""
    vowel_indices = [index for index, cluster in enumerate(clusters) if cluster.is_vowel]
    if not vowel_indices:
        return [], False
    end = vowel_indices[-1]
    start = end
    while start > 0 and clusters[start - 1].is_vowel:
        start -= 1
    nucleus = list(range(start, end + 1))
    has_final_consonant = end < len(clusters) - 1
    if len(nucleus) > 1 and start > 0:
        onset_last = clusters[start - 1].lower
        glide = clusters[start]
        # "qu" and "gi" spell one consonant; their u / i is not a vowel of the rhyme.
        if not glide.has_letter_modifier and (
            (onset_last == "q" and glide.lower == "u") or (onset_last == "g" and glide.lower == "i")
        ):
            nucleus = nucleus[1:]
    return nucleus, has_final_consonant


def _tone_position(clusters: list[_Cluster], style: ToneStyle) -> int | None:
    nucleus, has_final_consonant = _nucleus(clusters)
    if not nucleus:
        return None
    modified = [index for index in nucleus if clusters[index].has_letter_modifier]
    if modified:
        return modified[-1]
    if len(nucleus) == 1 or has_final_consonant:
        return nucleus[-1]
    if len(nucleus) >= 3:
        return nucleus[1]
    pair = clusters[nucleus[0]].lower + clusters[nucleus[1]].lower
    if pair in _SPLIT_PAIRS and style is ToneStyle.MODERN:
        return nucleus[1]
    return nucleus[0]


def apply_tone(text: str, tone: Tone, style: ToneStyle = DEFAULT_STYLE) -> str:
    """``text`` with the tone of its last word replaced by ``tone`` (NFC).

    ``Tone.NONE`` removes the tone. A text whose last word has no vowel (or
    that ends in a digit, space or punctuation) comes back unchanged, in NFC.
    """
    head, word = split_last_word(text)
    clusters = _clusters(word)
    position = _tone_position(clusters, style)
    if position is None:
        return to_nfc(text)
    for cluster in clusters:
        cluster.marks = [mark for mark in cluster.marks if mark not in _TONE_OF_MARK]
    if tone is not Tone.NONE:
        clusters[position].marks.append(TONE_MARKS[tone])
    return to_nfc(head + "".join(cluster.render() for cluster in clusters))


def tone_of(text: str) -> Tone:
    """The tone carried by the last word of ``text`` (``Tone.NONE`` if none)."""
    _head, word = split_last_word(text)
    found = Tone.NONE
    for character in unicodedata.normalize("NFD", word):
        found = _TONE_OF_MARK.get(character, found)
    return found


def reposition_tone(text: str, style: ToneStyle = DEFAULT_STYLE) -> str:
    """Move the last word's tone to where the rules put it now (NFC).

    Called after each letter typed: ``hòa`` + ``n`` becomes ``hoàn``, ``qú`` +
    ``y`` becomes ``quý``. A word without a tone is returned unchanged.
    """
    tone = tone_of(text)
    if tone is Tone.NONE:
        return to_nfc(text)
    return apply_tone(text, tone, style)
