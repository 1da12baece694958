"""The documents' fonts (Be Vietnam Pro, SIL OFL 1.1) and text made safe to draw.

A kiosk may have no system fonts, and reportlab's built-in Helvetica has no
Vietnamese letters, so every document uses the TTF files shipped in
``assets/fonts``. Registration is done once per process (thread-safe);
calling :func:`register_fonts` again is free.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kiosk.documents.assets import font_dir
from kiosk.documents.errors import DocumentDataError

FAMILY = "BeVietnamPro"
_FILES = {
    f"{FAMILY}": "BeVietnamPro-Regular.ttf",
    f"{FAMILY}-Bold": "BeVietnamPro-Bold.ttf",
    f"{FAMILY}-Italic": "BeVietnamPro-Italic.ttf",
}
REPLACEMENT_CHARACTER = "?"
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class FontSet:
    """Registered reportlab font names and the characters all of them can draw."""

    regular: str
    bold: str
    italic: str
    characters: frozenset[int]


_lock = threading.Lock()
_registered: FontSet | None = None


def register_fonts() -> FontSet:
    """Register the fonts with reportlab (first call only) and return their names.

    Raises :class:`DocumentDataError` when a font file is missing or damaged.
    """
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        characters: frozenset[int] | None = None
        for name, filename in _FILES.items():
            path = font_dir() / filename
            try:
                font = TTFont(name, str(path))
            except (OSError, TTFError) as error:
                raise DocumentDataError(
                    "Thiếu hoặc hỏng tệp phông chữ của ki-ốt; không thể in giấy tờ.",
                    f"Font file {path} is missing or damaged: {error}",
                ) from error
            pdfmetrics.registerFont(font)
            cmap = frozenset(font.face.charToGlyph)
            characters = cmap if characters is None else characters & cmap
        regular, bold, italic = _FILES
        # <b> and <i> in Paragraph markup resolve through this mapping; there is
        # no bold-italic file, bold stands in for it.
        addMapping(FAMILY, 0, 0, regular)
        addMapping(FAMILY, 1, 0, bold)
        addMapping(FAMILY, 0, 1, italic)
        addMapping(FAMILY, 1, 1, bold)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, italic)
        addMapping(regular, 1, 1, bold)
        assert characters is not None
        _registered = FontSet(regular, bold, italic, characters)
        return _registered


def drawable_text(text: str, limit: int = 1000) -> str:
    """``text`` as it will be drawn: NFC, control characters turned into spaces,
    characters the fonts lack replaced by ``?`` (never a box), cut to ``limit``
    characters with an ellipsis.

    Damaged input (NUL bytes, emoji, huge strings) therefore always renders.
    """
    fonts = register_fonts()
    normalised = unicodedata.normalize("NFC", text)
    cleaned: list[str] = []
    for character in normalised:
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp"):
            cleaned.append(" ")
        elif ord(character) in fonts.characters:
            cleaned.append(character)
        elif unicodedata.combining(character):
            # A stray combining mark with no precomposed form: drop it rather
            # than print a question mark in the middle of a name.
            continue
        else:
            cleaned.append(REPLACEMENT_CHARACTER)
    result = " ".join("".join(cleaned).split())
    if len(result) > limit:
        result = result[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return result
