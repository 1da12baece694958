"""The calm "something went wrong" screen shown after an unexpected error.

The citizen learns that the answers are saved (every answer is autosaved the
moment it is given) and gets one big button back to the welcome screen. An
environment problem with its own plain message (a full disk, a failed save)
can be passed to :meth:`ErrorScreen.show_problem`; bugs show the default text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, centred_text


class ErrorScreen(Retranslated, QWidget):
    """Emits ``home_requested`` when the citizen taps ``error_home_button``."""

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_screen")
        self._detail: str | None = None
        self.title_label = centred_text("error_title_label", "title")
        self.body_label = centred_text("error_body_label")
        self.detail_label = centred_text("error_detail_label", "heading")
        self.home_button = big_button("", "error_home_button")
        self.home_button.setMaximumWidth(640)
        self.home_button.clicked.connect(self.home_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 48, 80, 48)
        layout.setSpacing(28)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.body_label)
        layout.addSpacing(20)
        layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def show_problem(self, detail: str | None) -> None:
        """A specific plain message (already translated), or None for the default."""
        self._detail = detail
        self.retranslate()

    def reset(self) -> None:
        self._detail = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Đã có lỗi xảy ra"))
        self.detail_label.setText(self._detail or "")
        self.detail_label.setVisible(bool(self._detail))
        self.body_label.setText(
            self.tr(
                "Các câu trả lời của quý vị đã được lưu. Xin mời quý vị quay lại màn hình "
                "chính để tiếp tục, hoặc nhờ cán bộ hỗ trợ."
            )
        )
        self.home_button.setText(self.tr("Về màn hình chính"))
