"""The banner that says the ward's server is out of reach, over whatever screen shows.

Only a kiosk on a ward's shared database (``[database] url``) can lose its
database while the citizen is answering: a cable, a server restart. The
citizen must not lose the page they are on, so this is a strip at the top of
the window, not a screen: it never takes the focus or blocks a tap. The
controller shows it when a save fails with ``StoreUnavailable("unreachable")``
and hides it when a save (or its own probe) succeeds again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import name_widget


class WardServerBanner(Retranslated, QLabel):
    """Hidden until :meth:`show_lost`; named ``ward_server_banner``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "ward_server_banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Fixed colours, as the training ribbon: the same in every theme
        # (white on dark red, 8.6:1).
        self.setStyleSheet(
            "background-color: #8B1A1A; color: #FFFFFF; font-size: 15pt; font-weight: bold;"
            " padding: 6px;"
        )
        self.hide()
        self.retranslate()

    def show_lost(self) -> None:
        self.show()

    def show_back(self) -> None:
        self.hide()

    def retranslate(self) -> None:
        self.setText(
            self.tr(
                "Mất kết nối tới máy chủ của phường. Câu trả lời vẫn ở trên màn hình; "
                "máy đang thử kết nối lại…"
            )
        )
