"""The "Cán bộ: <name>" strip shown above the citizen's screens while a volunteer helps.

It carries the switches a volunteer may flip for the citizen's session: larger
text, the other language, read-aloud; and the way back to the staff tools. The
strip only emits what was tapped; :class:`kiosk.ui.staff.desk.StaffDesk` acts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.staff.common import text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, name_widget, set_role

_LANGUAGE_TARGET_LABEL = {"vi": "English", "en": "Tiếng Việt"}


class VolunteerBadge(Retranslated, QWidget):
    """``volunteer_badge_label``, ``badge_large_text_button``, ``badge_language_button``,
    ``badge_read_aloud_button``, ``badge_staff_home_button``."""

    large_text_toggled = Signal(bool)
    language_toggled = Signal()
    read_aloud_toggled = Signal(bool)
    staff_home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "volunteer_badge")
        self._name = ""
        self._language = "vi"
        self.label = text_label("volunteer_badge_label", wrap=False)
        self.large_text_button = self._button("badge_large_text_button", checkable=True)
        self.large_text_button.toggled.connect(self.large_text_toggled)
        self.language_button = self._button("badge_language_button")
        self.language_button.clicked.connect(self.language_toggled)
        self.read_aloud_button = self._button("badge_read_aloud_button", checkable=True)
        self.read_aloud_button.toggled.connect(self.read_aloud_toggled)
        self.staff_home_button = self._button("badge_staff_home_button")
        self.staff_home_button.clicked.connect(self.staff_home_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 4)
        layout.setSpacing(12)
        layout.addWidget(self.label, 1)
        for button in (
            self.large_text_button,
            self.language_button,
            self.read_aloud_button,
            self.staff_home_button,
        ):
            layout.addWidget(button)
        # Its full height whatever the screen below asks for: the text must not be cut.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setVisible(False)
        self.retranslate()

    def _button(self, name: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton()
        name_widget(button, name)
        set_role(button, "choice")
        button.setCheckable(checkable)
        button.setMinimumHeight(MIN_TOUCH_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def set_volunteer(self, name: str | None) -> None:
        self._name = name or ""
        self.retranslate()

    def set_state(
        self, *, large_text: bool, language: str, read_aloud: bool, read_aloud_usable: bool
    ) -> None:
        """Reflect the session's settings without emitting the toggled signals."""
        self._language = language
        for button, value in (
            (self.large_text_button, large_text),
            (self.read_aloud_button, read_aloud),
        ):
            blocked = button.blockSignals(True)
            button.setChecked(value)
            button.blockSignals(blocked)
        self.read_aloud_button.setEnabled(read_aloud_usable)
        # Without a speech engine there is nothing to offer: no greyed-out "Đọc to".
        self.read_aloud_button.setVisible(read_aloud_usable)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Cán bộ: {name}").format(name=self._name))
        self.large_text_button.setText(self.tr("Chữ to"))
        self.language_button.setText(_LANGUAGE_TARGET_LABEL.get(self._language, "English"))
        if self.read_aloud_button.isEnabled():
            self.read_aloud_button.setText(self.tr("Đọc to"))
        else:
            self.read_aloud_button.setText(self.tr("Không có giọng đọc"))
        self.staff_home_button.setText(self.tr("Công cụ cán bộ"))
