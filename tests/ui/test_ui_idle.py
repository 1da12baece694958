"""Idle watcher, "are you still there?" overlay and their controller, with short real timers."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Timeouts
from kiosk.ui.idle import IdleController, IdleOverlay, IdleWatcher

IDLE_MS = 200
COUNTDOWN_MS = 300


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.resize(1366, 768)
        self.field = QLineEdit("Nguyễn Văn An")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    shown = Window()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_warning_after_idle_time(window: Window, qtbot: QtBot) -> None:
    watcher = IdleWatcher(IDLE_MS, window)
    started = time.monotonic()
    with qtbot.waitSignal(watcher.warning_due, timeout=3000):
        watcher.start()
    assert time.monotonic() - started >= IDLE_MS / 1000 * 0.9
    watcher.stop()


def test_a_touch_restarts_the_wait(window: Window, qtbot: QtBot) -> None:
    watcher = IdleWatcher(300, window)
    touched_at: list[float] = []

    def touch() -> None:
        touched_at.append(time.monotonic())
        qtbot.mouseClick(window.field, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))

    with qtbot.waitSignal(watcher.warning_due, timeout=3000):
        watcher.start()
        QTimer.singleShot(150, touch)
    warned_at = time.monotonic()
    assert touched_at, "the touch never happened"
    # Coarse timers may fire up to 5% early; the wait began again at the touch.
    assert warned_at - touched_at[0] >= 0.3 * 0.9
    watcher.stop()


def test_stopped_watcher_stays_quiet(window: Window, qtbot: QtBot) -> None:
    watcher = IdleWatcher(IDLE_MS, window)
    watcher.start()
    watcher.stop()
    assert not watcher.is_watching()
    with qtbot.assertNotEmitted(watcher.warning_due, wait=IDLE_MS + 200):
        pass


def test_input_after_the_warning_does_not_restart(window: Window, qtbot: QtBot) -> None:
    watcher = IdleWatcher(IDLE_MS, window)
    with qtbot.waitSignal(watcher.warning_due, timeout=3000):
        watcher.start()
    qtbot.mouseClick(window.field, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(watcher.warning_due, wait=IDLE_MS + 200):
        pass
    with qtbot.waitSignal(watcher.warning_due, timeout=3000):
        watcher.reset()
    watcher.stop()


def test_overlay_counts_down_then_expires(window: Window, qtbot: QtBot) -> None:
    overlay = IdleOverlay(window, COUNTDOWN_MS)
    with qtbot.waitSignal(overlay.session_expired, timeout=3000):
        overlay.start_countdown()
        assert overlay.isVisible()
        assert overlay.geometry() == window.rect()
        assert overlay.countdown_label.text() == "1 giây"
        assert overlay.title_label.text() == "Quý vị còn ở đây không?"
    assert not overlay.isVisible()
    assert not overlay.is_counting()


def test_continue_button_keeps_the_session(window: Window, qtbot: QtBot) -> None:
    overlay = IdleOverlay(window, COUNTDOWN_MS)
    overlay.start_countdown()
    button = window.findChild(QPushButton, "idle_continue_button")
    assert button is not None
    assert button.accessibleName() == "idle_continue_button"
    assert button.height() >= 60
    with qtbot.waitSignal(overlay.continued, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    with qtbot.assertNotEmitted(overlay.session_expired, wait=COUNTDOWN_MS + 200):
        pass


def test_end_button_ends_at_once(window: Window, qtbot: QtBot) -> None:
    overlay = IdleOverlay(window, 60_000)
    overlay.start_countdown()
    assert overlay.seconds_left() == 60
    with qtbot.waitSignal(overlay.session_expired, timeout=1000):
        qtbot.mouseClick(overlay.end_button, Qt.MouseButton.LeftButton)


def test_overlay_follows_window_size(window: Window, qtbot: QtBot) -> None:
    overlay = IdleOverlay(window, COUNTDOWN_MS)
    overlay.start_countdown()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: overlay.size() == window.size(), timeout=1000)
    overlay.cancel()
    assert not overlay.isVisible()


def test_controller_warns_then_expires(window: Window, qtbot: QtBot) -> None:
    controller = IdleController(window, idle_ms=IDLE_MS, countdown_ms=COUNTDOWN_MS)
    with qtbot.waitSignal(controller.watcher.warning_due, timeout=3000):
        controller.start_session()
    assert controller.overlay.isVisible()
    with qtbot.waitSignal(controller.session_expired, timeout=3000):
        pass
    assert not controller.watcher.is_watching()
    assert not controller.overlay.isVisible()


def test_controller_continue_restarts_the_idle_wait(window: Window, qtbot: QtBot) -> None:
    controller = IdleController(window, idle_ms=IDLE_MS, countdown_ms=COUNTDOWN_MS)
    with qtbot.waitSignal(controller.watcher.warning_due, timeout=3000):
        controller.start_session()
    with qtbot.assertNotEmitted(controller.session_expired):
        qtbot.mouseClick(controller.overlay.continue_button, Qt.MouseButton.LeftButton)
    # A second full idle period passes, then the warning comes again.
    with qtbot.waitSignal(controller.watcher.warning_due, timeout=3000):
        pass
    controller.end_session()
    assert not controller.overlay.isVisible()
    with qtbot.assertNotEmitted(controller.session_expired, wait=COUNTDOWN_MS + 200):
        pass


def test_times_come_from_the_configuration(window: Window) -> None:
    controller = IdleController.from_timeouts(window, Timeouts())
    assert controller.watcher.idle_ms == 90_000
    assert controller.overlay.countdown_ms == 20_000
    assert controller.overlay.seconds_left() == 20
