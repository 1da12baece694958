"""The kiosk's one main window: full screen, no decorations, screens in a stack."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.config import KioskConfig
from kiosk.ui.welcome import WelcomeScreen


class MainWindow(QMainWindow):
    def __init__(self, config: KioskConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Công dân không viết"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screen_stack")
        self.setCentralWidget(self.stack)
        self.welcome = WelcomeScreen(config.ward.name)
        self.stack.addWidget(self.welcome)
