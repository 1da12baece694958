"""Load a font with every Vietnamese letter into Qt, from the kiosk's own files.

A kiosk image may have no system fonts at all, and Qt's fallback then draws
boxes for ế or ự. :func:`load_kiosk_fonts` registers the TTF/OTF files of
``assets/fonts`` (Be Vietnam Pro first, see :data:`PREFERRED_FILES`) with
``QFontDatabase`` and makes the first one's family the application font. With
no usable file there, it falls back to DejaVu Sans from the system
(:data:`FALLBACK_FILES`); to switch fonts later, change those two tuples or
pass ``font_dir``/``fallback_files``.

Registration happens once per file and process (QFontDatabase is
process-wide); calling again is cheap. Needs a QGuiApplication.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QRawFont

from kiosk.paths import asset_dir

log = logging.getLogger(__name__)

PREFERRED_FILES = (
    "BeVietnamPro-Regular.ttf",
    "BeVietnamPro-Bold.ttf",
    "BeVietnamPro-Italic.ttf",
)
FALLBACK_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
_FONT_SUFFIXES = (".ttf", ".otf")

_VOWELS_WITH_TONES = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
VIETNAMESE_LETTERS = _VOWELS_WITH_TONES + _VOWELS_WITH_TONES.upper() + "đĐ"

_registered: dict[Path, list[str]] = {}


@dataclass(frozen=True, slots=True)
class LoadedFonts:
    """The family now used by the application and where it came from."""

    family: str
    files: tuple[Path, ...]
    from_assets: bool


def font_dir() -> Path:
    return asset_dir() / "fonts"


def _candidates(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    preferred = [directory / name for name in PREFERRED_FILES if (directory / name).is_file()]
    others = sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() in _FONT_SUFFIXES and path not in preferred
    )
    return preferred + others


def _register(path: Path) -> list[str]:
    """Add ``path`` to QFontDatabase (once) and return its family names."""
    if path in _registered:
        return _registered[path]
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("font file could not be loaded: %s", path)
    _registered[path] = list(families)
    return _registered[path]


def missing_letters(font_file: Path, letters: str = VIETNAMESE_LETTERS) -> str:
    """The letters of ``letters`` that ``font_file`` cannot draw ("" when complete)."""
    raw = QRawFont(str(font_file), 12)
    if not raw.isValid():
        return letters
    return "".join(letter for letter in letters if not raw.supportsCharacter(ord(letter)))


def _load_first_complete(files: list[Path]) -> tuple[str, tuple[Path, ...]] | None:
    family = ""
    loaded: list[Path] = []
    for path in files:
        families = _register(path)
        if not families:
            continue
        if not family:
            gaps = missing_letters(path)
            if gaps:
                log.warning("font lacks Vietnamese letters (%d missing): %s", len(gaps), path)
                continue
            family = families[0]
        loaded.append(path)
    return (family, tuple(loaded)) if family else None


def load_kiosk_fonts(
    directory: Path | None = None,
    fallback_files: tuple[Path, ...] = FALLBACK_FILES,
    *,
    set_application_font: bool = True,
) -> LoadedFonts:
    """Register the kiosk's fonts and (by default) make their family the app font.

    Never raises: with no usable file at all the application keeps Qt's
    default font and the returned ``files`` is empty (logged as a warning).
    """
    result = _load_first_complete(_candidates(directory or font_dir()))
    from_assets = result is not None
    if result is None:
        result = _load_first_complete([path for path in fallback_files if path.is_file()])
    app = QGuiApplication.instance()
    if result is None:
        log.warning("no font with Vietnamese letters found; using Qt's default font")
        default_family = QGuiApplication.font().family() if app is not None else ""
        return LoadedFonts(default_family, (), False)
    family, files = result
    if set_application_font and isinstance(app, QGuiApplication):
        font = QFont(family)
        font.setPointSize(max(QGuiApplication.font().pointSize(), 20))
        QGuiApplication.setFont(font)
    return LoadedFonts(family, files, from_assets)
