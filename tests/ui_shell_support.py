"""Shared helpers for the shell's UI tests (main window, controller, entry screens).

Not a test module: imported by tests/test_ui_shell*.py, test_ui_scan*.py,
test_ui_catalogue*.py, test_ui_resume*.py, test_ui_lookup*.py, test_ui_e2e*.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import overload

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeoutError
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.controller import Controller, KioskServices, Overrides
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.documents import CaptureSources
from tests.cases_support import shipped_catalogue

EXAMPLE_1 = (
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
EXAMPLE_NAME = "Nguyễn Văn An"


def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per test process (definitions are immutable)."""
    return shipped_catalogue()


@dataclass
class Kiosk:
    window: MainWindow
    controller: Controller
    services: KioskServices


def build_kiosk(
    qtbot: QtBot,
    store: Store,
    config: KioskConfig | None = None,
    *,
    idle_ms: int = 600_000,
    countdown_ms: int = 600_000,
    volunteer_idle_ms: int | None = None,
    overrides: Overrides | None = None,
    size: tuple[int, int] = (1366, 768),
    capture_sources: CaptureSources | None = None,
) -> Kiosk:
    """A shown main window with its controller over the real ``store``.

    The capture screen gets ``capture_sources`` (default: training samples only,
    no scanner or camera probed: none can run here unless a test provides one).
    """
    config = config or KioskConfig(key_store="file")
    services = KioskServices.build(config, store, catalogue())
    window = MainWindow(config)
    qtbot.addWidget(window)
    given = overrides or Overrides()
    sources = capture_sources or given.capture_sources or CaptureSources(training_samples=True)
    controller = Controller(
        window,
        services,
        idle_ms=idle_ms,
        countdown_ms=countdown_ms,
        volunteer_idle_ms=volunteer_idle_ms,
        overrides=replace(given, capture_sources=sources),
    )
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return Kiosk(window, controller, services)


class AppLook:
    """Saves and restores the application's style sheet, palette, font and properties.

    The theme toggles restyle the whole QApplication, which outlives a test.
    """

    def __init__(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        self.style_sheet = app.styleSheet()
        self.palette = QPalette(app.palette())
        self.font = QFont(app.font())
        self.properties = {
            name: app.property(name) for name in ("kiosk_high_contrast", "kiosk_large_text")
        }

    def restore(self) -> None:
        self.app.setStyleSheet(self.style_sheet)
        self.app.setPalette(self.palette)
        self.app.setFont(self.font)
        for name, value in self.properties.items():
            self.app.setProperty(name, value)


@overload
def find(window: QWidget, name: str) -> QWidget: ...
@overload
def find[W: QWidget](window: QWidget, name: str, kind: type[W]) -> W: ...
def find(window: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The widget called ``name`` (of type ``kind``); a visible one when several share the name.

    (The letter keyboard and the number pad both have ``keyboard_key_done``;
    the dock shows one of them at a time.)
    """
    found = window.findChildren(kind, name)
    assert found, f"no widget named {name!r}"
    visible = [widget for widget in found if widget.isVisible()]
    return (visible or found)[0]


def tap(qtbot: QtBot, window: QWidget, name: str) -> None:
    """Click the visible, enabled button called ``name`` (as a finger would)."""
    button = find(window, name, QAbstractButton)
    assert button.isVisible(), f"{name} is not visible"
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def finger_tap(button: QWidget) -> None:
    """Press, let the event loop run (as between a real finger's press and lift), release.

    The lift goes to the pressed widget at the same place on the screen, as Qt's implicit
    grab delivers it: if the screen moved the widget meanwhile, the lift is off it.
    """
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # a settled screen first
    QApplication.processEvents()
    centre = button.rect().center()
    on_screen = button.mapToGlobal(centre)
    QTest.mousePress(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    lifted = button.mapFromGlobal(on_screen)
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, lifted)


def _key_code(char: str) -> Qt.Key:
    try:
        return Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
    except ValueError:
        return Qt.Key.Key_unknown


def send_wedge_burst(target: QWidget, payload: str) -> None:
    """Type ``payload`` + Enter as a keyboard-wedge scanner does: a fast key burst.

    QTest.sendKeyEvent with explicit text: qtbot.keyClicks cannot type
    Vietnamese letters (QTest asserts on non-ASCII characters).
    """
    no_mod = Qt.KeyboardModifier.NoModifier
    for char in payload:
        code = _key_code(char)
        QTest.sendKeyEvent(QTest.KeyAction.Press, target, code, char, no_mod)
        QTest.sendKeyEvent(QTest.KeyAction.Release, target, code, char, no_mod)
    QTest.sendKeyEvent(QTest.KeyAction.Press, target, Qt.Key.Key_Return, "\r", no_mod)
    QTest.sendKeyEvent(QTest.KeyAction.Release, target, Qt.Key.Key_Return, "\r", no_mod)


def scan(qtbot: QtBot, window: QWidget, payload: str, done: Callable[[], bool]) -> None:
    """Send a wedge scan to the focused widget (or the window) until ``done()``.

    The scanner detector judges bursts by real time; on a loaded test machine
    one burst may be cut by a pause, so up to three bursts are sent.
    """
    for _attempt in range(3):
        target = QApplication.focusWidget() or window
        send_wedge_burst(target, payload)
        try:
            qtbot.waitUntil(done, timeout=3000)
            return
        except (AssertionError, WaitTimeoutError):  # pytest-qt's timeout is not an AssertionError
            continue
    raise AssertionError("the scan was not recognised")


def visible_texts(window: QWidget) -> list[str]:
    """The text of every visible label, button and field of ``window``."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def all_texts(window: QWidget) -> list[str]:
    """Like :func:`visible_texts` but hidden widgets too (nothing may linger anywhere)."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def screenshot_dir() -> Path | None:
    """Where the suite saves screenshots (env KIOSK_SCREENSHOT_DIR), or None."""
    folder = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path
