"""Live mode swallows the keys a citizen could leave the kiosk with, sent as real key events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier

BLOCKED = [
    (Qt.Key.Key_Space, ALT),
    (Qt.Key.Key_F1, ALT),
    (Qt.Key.Key_F2, ALT),
    (Qt.Key.Key_F4, ALT),
    (Qt.Key.Key_F7, ALT),
    (Qt.Key.Key_F1, CTRL_ALT),
    (Qt.Key.Key_F2, CTRL_ALT),
    (Qt.Key.Key_F7, CTRL_ALT),
    (Qt.Key.Key_F12, CTRL_ALT),
    (Qt.Key.Key_Backspace, CTRL_ALT),
    (Qt.Key.Key_Delete, CTRL_ALT),
    (Qt.Key.Key_F3, CTRL_ALT | Qt.KeyboardModifier.ShiftModifier),
]
PASSED = [
    (Qt.Key.Key_Space, NONE),
    (Qt.Key.Key_A, NONE),
    (Qt.Key.Key_F1, NONE),
    (Qt.Key.Key_Backspace, NONE),
    (Qt.Key.Key_Delete, NONE),
]


MODIFIER_KEYS = {Qt.Key.Key_Alt.value, Qt.Key.Key_Control.value, Qt.Key.Key_Shift.value}


class KeyRecorder(QObject):
    """Notes every key press (but the modifier keys' own) that reaches the watched widget."""

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[tuple[int, int]] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.KeyPress and event.key() not in MODIFIER_KEYS:  # type: ignore[attr-defined]
            self.pressed.append((event.key(), event.modifiers().value))  # type: ignore[attr-defined]
        return False


@pytest.fixture
def live_window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    window = MainWindow(KioskConfig(key_store="file", mode="live"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.allow_close()
    window.close()


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED)
def test_live_mode_swallows(
    qtbot: QtBot, live_window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    recorder = KeyRecorder()
    live_window.welcome.installEventFilter(recorder)
    qtbot.keyClick(live_window.welcome, key, modifiers)
    assert recorder.pressed == []


@pytest.mark.parametrize(("key", "modifiers"), PASSED)
def test_ordinary_keys_still_arrive(
    qtbot: QtBot, live_window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    recorder = KeyRecorder()
    live_window.welcome.installEventFilter(recorder)
    qtbot.keyClick(live_window.welcome, key, modifiers)
    assert [pressed for pressed, _ in recorder.pressed] == [key.value]


def test_training_mode_lets_the_trainer_use_them(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(KioskConfig(key_store="file", mode="training"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    recorder = KeyRecorder()
    window.welcome.installEventFilter(recorder)
    qtbot.keyClick(window.welcome, Qt.Key.Key_Space, ALT)
    assert len(recorder.pressed) == 1
