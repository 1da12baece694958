"""The kiosk font: loaded from assets/fonts, complete for Vietnamese, with a fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import (
    FALLBACK_FILES,
    PREFERRED_FILES,
    VIETNAMESE_LETTERS,
    font_dir,
    load_kiosk_fonts,
    missing_letters,
)


@pytest.fixture
def restore_app_font(qapp: QApplication) -> Iterator[QApplication]:
    font = qapp.font()
    yield qapp
    qapp.setFont(font)


def test_bundled_font_is_loaded_and_complete(restore_app_font: QApplication) -> None:
    # Be Vietnam Pro ships in assets/fonts: a missing file fails here, never skips.
    assert (font_dir() / PREFERRED_FILES[0]).is_file()
    loaded = load_kiosk_fonts()
    assert loaded.from_assets
    assert loaded.family == "Be Vietnam Pro"
    assert loaded.family in QFontDatabase.families()
    assert restore_app_font.font().family() == loaded.family
    assert restore_app_font.font().pointSize() >= 20
    for path in loaded.files:
        assert missing_letters(path) == "", path.name
    assert len(VIETNAMESE_LETTERS) == 2 * 72 + 2


def test_no_assets_falls_back_to_a_system_font(
    restore_app_font: QApplication, tmp_path: Path
) -> None:
    # fonts-dejavu-core is in scripts/system-packages.txt, installed by `make test`.
    assert FALLBACK_FILES[0].is_file(), "DejaVu Sans missing: install fonts-dejavu-core"
    loaded = load_kiosk_fonts(tmp_path / "missing")
    assert not loaded.from_assets
    assert loaded.family == "DejaVu Sans"
    assert loaded.files[0] == FALLBACK_FILES[0]


def test_damaged_files_and_no_fallback_never_raise(
    restore_app_font: QApplication, tmp_path: Path
) -> None:
    (tmp_path / "BeVietnamPro-Regular.ttf").write_bytes(b"\x00garbage" * 100)
    (tmp_path / "empty.otf").write_bytes(b"")
    before = restore_app_font.font().family()
    loaded = load_kiosk_fonts(tmp_path, fallback_files=())
    assert loaded.files == ()
    assert not loaded.from_assets
    assert restore_app_font.font().family() == before


def test_missing_letters_of_a_damaged_file(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.ttf"
    damaged.write_bytes(b"not a font")
    assert missing_letters(damaged, "ế") == "ế"
