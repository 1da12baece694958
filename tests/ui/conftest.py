"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.theme import apply_theme


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The kiosk's fonts and normal theme, as the app applies them; undone afterwards."""
    family = load_kiosk_fonts().family
    apply_theme(qapp, high_contrast=False, large_text=False, font_family=family)
    yield qapp
    qapp.setStyleSheet("")
