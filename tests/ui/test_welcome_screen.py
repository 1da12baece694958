from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.ui.main_window import MainWindow


def test_welcome_buttons_are_named_and_emit_choices(qtbot: QtBot) -> None:
    window = MainWindow(KioskConfig())
    qtbot.addWidget(window)
    window.show()
    for key in ("submit", "account", "resume", "lookup"):
        button = window.findChild(QPushButton, f"welcome_{key}_button")
        assert button is not None
        assert button.accessibleName() == f"welcome_{key}_button"
        assert button.height() >= 60
        with qtbot.waitSignal(window.welcome.choice_made) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [key]
