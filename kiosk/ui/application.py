"""Create the QApplication and the main window; the only place that starts Qt's loop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.ui import qt_messages
from kiosk.ui.main_window import MainWindow


def run_application(
    config: KioskConfig, store: Store, *, self_test: str | None, windowed: bool
) -> int:
    qt_messages.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cdkv-kiosk")
    window = MainWindow(config)
    if windowed or self_test:
        window.resize(1366, 768)
        window.show()
    else:
        # Without a window manager (a bare kiosk session, Xvfb) full screen is only a
        # hint: cover the screen ourselves as well.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    if self_test == "startup":
        # One full paint, then quit: what the packaging smoke test and bench time.
        window.repaint()
        QTimer.singleShot(0, app.quit)
    return app.exec()
