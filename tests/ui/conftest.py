"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import AppLook


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[QApplication]:
    """apply_theme and the toggles restyle the whole application; put it back afterwards."""
    look = AppLook()
    yield qapp
    look.restore()


@pytest.fixture
def kiosk_fonts(restore_app_look: QApplication) -> QApplication:
    """The kiosk's fonts, as the app loads them (and the screenshots show); undone afterwards."""
    load_kiosk_fonts()
    return restore_app_look


@pytest.fixture
def themed(restore_app_look: QApplication) -> QApplication:
    """The kiosk's fonts and normal theme, as the app applies them; undone afterwards."""
    family = load_kiosk_fonts().family
    apply_theme(restore_app_look, high_contrast=False, large_text=False, font_family=family)
    return restore_app_look
