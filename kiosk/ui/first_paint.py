"""Run something once a widget has painted for the first time.

Start-up work the welcome screen does not need (the sync thread, the training
portal, the retention run) waits for the first paint: it would otherwise
compete with the window for the one interpreter lock while the citizen looks at
a blank screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self.setObjectName("first_paint_watch")
        self._callback = callback
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired:
            self._fired = True
            watched.removeEventFilter(self)
            # After the paint has been delivered, from the event loop: never inside it.
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` on the GUI thread once ``widget`` has received its first paint."""
    widget.installEventFilter(_FirstPaint(widget, callback))
