"""``kiosk --self-test walk`` (what the bundle smoke test runs), checked from the sources.

The walk itself is tested on small real windows built here (a stack with a
welcome screen and a button), so each way it can fail is shown to fail; the
last test runs the real app in a subprocess, the same way the smoke test runs
the frozen one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import build_parser
from kiosk.paths import HomeLayout
from kiosk.ui.self_test import FIRST_STEP_BUTTON, walk_one_step

ROOT = Path(__file__).resolve().parents[2]


def make_window(qtbot: QtBot, *, next_screen: str | None) -> QMainWindow:
    """A main window like the kiosk's: ``screen_stack`` opening on ``welcome_screen``.

    ``next_screen``: the object name of the screen the button shows; ``None``
    leaves the button unconnected.
    """
    window = QMainWindow()
    stack = QStackedWidget()
    stack.setObjectName("screen_stack")
    welcome = QWidget()
    welcome.setObjectName("welcome_screen")
    button = QPushButton("Nộp hồ sơ", welcome)
    button.setObjectName(FIRST_STEP_BUTTON)
    QVBoxLayout(welcome).addWidget(button)
    stack.addWidget(welcome)
    if next_screen is not None:
        target = QWidget()
        target.setObjectName(next_screen)
        stack.addWidget(target)
        button.clicked.connect(lambda: stack.setCurrentWidget(target))
    window.setCentralWidget(stack)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_walk_succeeds_when_the_button_opens_another_screen(qtbot: QtBot) -> None:
    window = make_window(qtbot, next_screen="scan_screen")
    assert walk_one_step(window) is None
    stack = window.findChild(QStackedWidget, "screen_stack")
    assert stack is not None
    current = stack.currentWidget()
    assert current is not None and current.objectName() == "scan_screen"


def test_walk_fails_when_the_button_does_nothing(qtbot: QtBot) -> None:
    window = make_window(qtbot, next_screen=None)
    problem = walk_one_step(window)
    assert problem is not None and "did not change the screen" in problem


def test_walk_fails_when_the_step_ends_on_the_error_screen(qtbot: QtBot) -> None:
    window = make_window(qtbot, next_screen="error_screen")
    problem = walk_one_step(window)
    assert problem is not None and "error screen" in problem


def test_walk_fails_when_the_button_is_missing_or_disabled(qtbot: QtBot) -> None:
    window = make_window(qtbot, next_screen="scan_screen")
    button = window.findChild(QPushButton, FIRST_STEP_BUTTON)
    assert button is not None
    button.setEnabled(False)
    problem = walk_one_step(window)
    assert problem is not None and FIRST_STEP_BUTTON in problem


def test_walk_fails_when_the_kiosk_does_not_open_on_the_welcome_screen(qtbot: QtBot) -> None:
    window = make_window(qtbot, next_screen="scan_screen")
    stack = window.findChild(QStackedWidget, "screen_stack")
    assert stack is not None
    stack.setCurrentIndex(1)
    problem = walk_one_step(window)
    assert problem is not None and "not on the welcome screen" in problem


def test_walk_fails_without_a_screen_stack(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    assert walk_one_step(window) == "no screen_stack in the main window"


def test_parser_accepts_walk_and_rejects_unknown_self_tests(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert build_parser().parse_args(["--self-test", "walk"]).self_test == "walk"
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["--self-test", "dance"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_self_test_walk_from_the_sources_exits_zero_silently(kiosk_layout: HomeLayout) -> None:
    env = {
        **os.environ,
        "KIOSK_HOME": str(kiosk_layout.root),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--self-test", "walk"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=kiosk_layout.root.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    log_text = (kiosk_layout.logs / "kiosk.log").read_text(encoding="utf-8")
    assert " ERROR " not in log_text
