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


def test_the_sync_state_is_laid_out_as_it_is_set(qtbot: QtBot) -> None:
    """The state arrives from the sync thread while the GUI thread may be busy building
    the screens after the first paint: the label must not be painted in the width of
    its empty text meanwhile (a walk's first screenshot showed half a dot)."""
    window = MainWindow(KioskConfig())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    label = window.welcome.sync_status_label
    assert label.text() == ""
    window.welcome.set_sync_state(True, 0)  # no event processed after this
    assert label.text().startswith("●")
    assert label.width() >= label.sizeHint().width()
