"""The welcome (attract) screen: the ward's name, today's date and the big choices."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _name(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(name)
    return widget


class WelcomeScreen(QWidget):
    """Four large choices; each emits ``choice_made`` with a stable English key."""

    choice_made = Signal(str)

    CHOICES = ("submit", "account", "resume", "lookup")

    def __init__(self, ward_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_screen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        self.ward_label = QLabel(ward_name)
        self.ward_label.setObjectName("welcome_ward_label")
        self.ward_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ward_label.setStyleSheet("font-size: 34pt; font-weight: bold;")
        self.date_label = QLabel()
        self.date_label.setObjectName("welcome_date_label")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.date_label.setStyleSheet("font-size: 22pt;")
        layout.addWidget(self.ward_label)
        layout.addWidget(self.date_label)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(self.CHOICES):
            button = QPushButton()
            _name(button, f"welcome_{key}_button")
            button.setMinimumHeight(140)
            button.setStyleSheet("font-size: 24pt;")
            button.clicked.connect(lambda _checked=False, k=key: self.choice_made.emit(k))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[key] = button
        layout.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        today = dt.date.today()
        self.date_label.setText(
            self.tr("Hôm nay: ngày {day} tháng {month} năm {year}").format(
                day=today.day, month=today.month, year=today.year
            )
        )
        self.buttons["submit"].setText(self.tr("Nộp hồ sơ"))
        self.buttons["account"].setText(self.tr("Tạo tài khoản dịch vụ công"))
        self.buttons["resume"].setText(self.tr("Tiếp tục hồ sơ đang làm"))
        self.buttons["lookup"].setText(self.tr("Tra cứu hồ sơ"))
