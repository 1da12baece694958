"""``kiosk --self-test walk``: open the welcome screen, take one step, quit.

The packaging smoke test runs it from the frozen bundle: it proves that the
window paints, that a tap reaches the controller and that the next screen
(its module, its widgets, its lazily loaded Qt parts) can be built, all
without a person in front of the screen. Exit code 0 when the step worked;
1 with one line on stderr naming what went wrong otherwise.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QStackedWidget

#: The first navigation a citizen has: "Nộp hồ sơ" on the welcome screen.
FIRST_STEP_BUTTON = "welcome_submit_button"
#: The screen that would mean the step failed behind the scenes.
ERROR_SCREEN = "error_screen"
WELCOME_SCREEN = "welcome_screen"


def walk_one_step(window: QMainWindow) -> str | None:
    """Tap the first navigation button; ``None`` when a new screen shows, else why not."""
    stack = window.findChild(QStackedWidget, "screen_stack")
    if stack is None:
        return "no screen_stack in the main window"
    start = stack.currentWidget()
    if start is None or start.objectName() != WELCOME_SCREEN:
        name = start.objectName() if start is not None else "nothing"
        return f"the kiosk opened on {name!r}, not on the welcome screen"
    start.repaint()
    button = window.findChild(QPushButton, FIRST_STEP_BUTTON)
    if button is None or not button.isVisible() or not button.isEnabled():
        return f"{FIRST_STEP_BUTTON} is missing, hidden or disabled"
    button.click()
    QApplication.processEvents()
    reached = stack.currentWidget()
    if reached is None or reached.objectName() == WELCOME_SCREEN:
        return f"{FIRST_STEP_BUTTON} did not change the screen"
    if reached.objectName() == ERROR_SCREEN:
        return f"{FIRST_STEP_BUTTON} led to the error screen (see logs/kiosk.log)"
    reached.repaint()
    return None


def schedule_walk(app: QApplication, window: QMainWindow) -> None:
    """Once the event loop runs, walk one step and quit with 0 (done) or 1 (failed)."""

    def walk() -> None:
        problem = walk_one_step(window)
        if problem is not None:
            print(f"kiosk: self-test walk failed: {problem}", file=sys.stderr)
        app.exit(0 if problem is None else 1)

    QTimer.singleShot(0, walk)
