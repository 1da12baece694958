"""The bundled font covers all of Vietnamese, ships its licence, and stays small."""

from __future__ import annotations

import unicodedata

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.documents import drawable_text, font_dir, register_fonts

VOWELS = "aăâeêioôơuưy"
TONE_MARKS = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền sắc ngã hỏi nặng
CONSONANTS = "bcdđghklmnpqrstvx"


def vietnamese_letters() -> list[str]:
    """All 134 toned vowels and 17 consonants (plus f, j, w, z), in both cases."""
    letters = []
    for vowel in VOWELS:
        for mark in TONE_MARKS:
            letter = unicodedata.normalize("NFC", vowel + mark)
            assert len(letter) == 1, letter
            letters.append(letter)
    letters += list(CONSONANTS + "fjwz")
    return letters + [letter.upper() for letter in letters]


def test_letter_list_is_complete() -> None:
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 21)
    assert "ỷ" in letters and "Ỹ" in letters and "Đ" in letters


@pytest.mark.parametrize("font_name", ["regular", "bold", "italic"])
def test_every_vietnamese_letter_and_symbol_has_a_glyph(font_name: str) -> None:
    fonts = register_fonts()
    font = pdfmetrics.getFont(getattr(fonts, font_name))
    assert isinstance(font, TTFont)
    face = font.face
    wanted = vietnamese_letters() + list("₫–—…×·«»()/:,.-0123456789")
    missing = [letter for letter in wanted if ord(letter) not in face.charToGlyph]
    assert missing == []


def test_registration_is_idempotent() -> None:
    assert register_fonts() is register_fonts()


def test_licence_is_shipped_and_fonts_stay_small() -> None:
    directory = font_dir()
    licence = (directory / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Be Vietnam Pro Project Authors" in licence
    total = sum(path.stat().st_size for path in directory.iterdir() if path.is_file())
    assert total < 2 * 1024 * 1024
    assert sorted(path.name for path in directory.glob("*.ttf")) == [
        "BeVietnamPro-Bold.ttf",
        "BeVietnamPro-Italic.ttf",
        "BeVietnamPro-Regular.ttf",
    ]


@pytest.mark.parametrize(
    ("raw", "drawn"),
    [
        ("Nguye\u0302\u0303n Va\u0306n A", "Nguyễn Văn A"),  # NFD in, NFC out
        ("Lê\x00Văn", "Lê Văn"),
        ("  Trần\t\r\nAn  ", "Trần An"),
        ("Bé Na 🎉", "Bé Na ?"),
        ("\u202eabc", "abc"),
        ("中文", "??"),
    ],
)
def test_drawable_text(raw: str, drawn: str) -> None:
    assert drawable_text(raw) == drawn


def test_drawable_text_cuts_long_text_with_an_ellipsis() -> None:
    drawn = drawable_text("ơ" * 10_000, limit=50)
    assert len(drawn) == 50
    assert drawn.endswith("…")
