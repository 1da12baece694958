"""Issue 15 #13: the search placeholder was cut off in large text; its clear "×" was tiny."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QStyle, QStyleOptionFrame
from pytestqt.qtbot import QtBot

from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.screens.catalogue import CatalogueScreen
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets import MIN_TOUCH_PX
from tests.ui_shell_support import catalogue


def _text_room(field: QLineEdit) -> int:
    """The width QLineEdit paints its text and placeholder in (frame and padding off)."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    rect = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return rect.width() - margins.left() - margins.right() - 4  # Qt's own 2 px each side


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large_text"])
def test_the_placeholder_is_whole_and_the_clear_button_touch_sized(
    qtbot: QtBot,
    restore_app_look: QApplication,
    large_text: bool,
    size: tuple[int, int],
) -> None:
    family = load_kiosk_fonts().family
    apply_theme(restore_app_look, False, large_text, font_family=family)
    screen = CatalogueScreen(catalogue(), "vi")
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    qtbot.waitExposed(screen)
    field = screen.findChild(QLineEdit, "procedure_search")
    assert field is not None
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert needed <= _text_room(field), f"placeholder cut: {needed} px in {_text_room(field)}"

    clear = screen.findChild(QPushButton, "procedure_search_clear_button")
    assert clear is not None and clear.accessibleName() == "procedure_search_clear_button"
    assert not clear.isVisible()  # nothing to clear yet
    field.setText("khai sinh")
    assert clear.isVisible()
    assert clear.width() >= MIN_TOUCH_PX and clear.height() >= MIN_TOUCH_PX
    assert not field.isClearButtonEnabled()  # Qt's own 16-pixel "×" is gone
    assert clear.text() == "Xoá hết"  # not «Xoá», the keyboard's backspace below it
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert field.text() == "" and not clear.isVisible()
    assert len(screen.visible_tiles()) == len(screen.tiles)
