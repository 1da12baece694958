"""The welcome (attract) screen: the ward, today's date, the four big choices.

Also the citizen's display settings (language, larger text, high contrast),
a discreet volunteer button, the sync state and the app version in the
corners. The screen only emits what was tapped; the controller decides what
happens (switching language, restyling, navigating).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import __version__
from kiosk.documents.dates import long_date
from kiosk.office_day import office_today
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, name_widget, set_role

# Each toggle names the language it switches *to*, in that language.
_LANGUAGE_TARGET_LABEL = {"vi": "English", "en": "Tiếng Việt"}


class WelcomeScreen(Retranslated, QWidget):
    """Four large choices; each emits ``choice_made`` with a stable English key.

    ``language_toggled`` asks for the other language, ``large_text_toggled``
    and ``high_contrast_toggled`` carry the wanted state, ``volunteer_requested``
    is the discreet volunteer button.
    """

    choice_made = Signal(str)
    language_toggled = Signal()
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)
    volunteer_requested = Signal()

    CHOICES = ("submit", "account", "resume", "lookup")

    def __init__(
        self,
        ward_name: str,
        parent: QWidget | None = None,
        *,
        version: str = __version__,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_screen")
        self._fixed_today = today
        self._language = "vi"
        self._sync_state: tuple[bool, int, str] | None = None

        self.sync_status_label = QLabel()
        name_widget(self.sync_status_label, "sync_status_label")
        set_role(self.sync_status_label, "muted")
        self.ward_label = QLabel(ward_name)
        self.ward_label.setObjectName("welcome_ward_label")
        set_role(self.ward_label, "title")
        self.ward_label.setWordWrap(True)
        self.date_label = QLabel()
        self.date_label.setObjectName("welcome_date_label")
        self.greeting_label = QLabel()
        self.greeting_label.setObjectName("welcome_greeting_label")
        set_role(self.greeting_label, "heading")
        self.greeting_label.setWordWrap(True)
        self.greeting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.language_toggle = self._small_button("language_toggle")
        self.language_toggle.clicked.connect(self.language_toggled)
        self.large_text_toggle = self._small_button("large_text_toggle", checkable=True)
        self.large_text_toggle.toggled.connect(self.large_text_toggled)
        self.high_contrast_toggle = self._small_button("high_contrast_toggle", checkable=True)
        self.high_contrast_toggle.toggled.connect(self.high_contrast_toggled)

        header_text = QVBoxLayout()
        header_text.setSpacing(4)
        header_text.addWidget(self.ward_label)
        header_text.addWidget(self.date_label)
        header = QHBoxLayout()
        header.addLayout(header_text, 1)
        header.addWidget(self.sync_status_label, 0, Qt.AlignmentFlag.AlignTop)

        grid = QGridLayout()
        grid.setSpacing(24)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(self.CHOICES):
            button = QPushButton()
            name_widget(button, f"welcome_{key}_button")
            if key == "submit":
                set_role(button, "primary")
            button.setMinimumHeight(120)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _checked=False, k=key: self.choice_made.emit(k))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[key] = button

        self.version_label = QLabel(f"v{version}")
        self.version_label.setObjectName("welcome_version_label")
        set_role(self.version_label, "muted")
        self.volunteer_button = self._small_button("volunteer_button")
        self.volunteer_button.clicked.connect(self.volunteer_requested)
        # The citizen's settings bottom left, the discreet corner bottom right.
        footer = QHBoxLayout()
        footer.setSpacing(12)
        for toggle in (self.language_toggle, self.large_text_toggle, self.high_contrast_toggle):
            footer.addWidget(toggle)
        footer.addStretch(1)
        footer.addWidget(self.version_label)
        footer.addSpacing(16)
        footer.addWidget(self.volunteer_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.greeting_label)
        layout.addLayout(grid, 1)
        layout.addLayout(footer)
        self.retranslate()

    def _small_button(self, name: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton()
        name_widget(button, name)
        set_role(button, "choice")
        button.setCheckable(checkable)
        button.setMinimumHeight(MIN_TOUCH_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # -- state set by the controller --------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show which language the toggle leads to (and refresh the date)."""
        self._language = language
        self.retranslate()

    def set_display_options(self, *, large_text: bool, high_contrast: bool) -> None:
        """Reflect the current settings without emitting the toggled signals."""
        for toggle, value in (
            (self.large_text_toggle, large_text),
            (self.high_contrast_toggle, high_contrast),
        ):
            blocked = toggle.blockSignals(True)
            toggle.setChecked(value)
            toggle.blockSignals(blocked)
        self._fit_toggles()

    def set_assisted(self, assisted: bool) -> None:
        """While a volunteer's badge is up, its «Chữ to» and language buttons serve:
        the welcome screen's own copies go (the citizen saw both twice)."""
        self.language_toggle.setVisible(not assisted)
        self.large_text_toggle.setVisible(not assisted)

    def _fit_toggles(self) -> None:
        """Room for the bold text a checked toggle shows (the theme bolds it)."""
        for toggle in (self.large_text_toggle, self.high_contrast_toggle):
            bold = QFont(toggle.font())
            bold.setBold(True)
            toggle.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(toggle.text()) + 56)

    def set_sync_state(self, online: bool, waiting: int, last_success: str = "") -> None:
        """What the SyncWorker last reported; shown in the bottom-left corner."""
        self._sync_state = (online, waiting, last_success)
        self._show_sync_state()

    def reset(self) -> None:
        """Nothing citizen-specific lives here; refresh the date for the next person."""
        self.retranslate()

    # -- texts ------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._fixed_today or office_today()

    def _weekday(self, day: dt.date) -> str:
        names = (
            self.tr("Thứ Hai"),
            self.tr("Thứ Ba"),
            self.tr("Thứ Tư"),
            self.tr("Thứ Năm"),
            self.tr("Thứ Sáu"),
            self.tr("Thứ Bảy"),
            self.tr("Chủ Nhật"),
        )
        return names[day.weekday()]

    def _show_sync_state(self) -> None:
        if self._sync_state is None:
            self.sync_status_label.setText("")
            return
        online, waiting, _last_success = self._sync_state
        state = self.tr("Đã kết nối") if online else self.tr("Mất kết nối, vẫn nhận hồ sơ")
        if waiting:
            state += " · " + self.tr("{count} hồ sơ chờ gửi").format(count=waiting)
        elif online:
            state += " · " + self.tr("đã gửi hết hồ sơ")
        self.sync_status_label.setText(("● " if online else "○ ") + state)
        # Laid out now, not at the next event round: the state comes from the sync thread
        # while the GUI thread may be busy building the screens after the first paint,
        # and a repaint meanwhile showed the new text in the old (empty) label's width.
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def retranslate(self) -> None:
        today = self._today()
        self.date_label.setText(f"{self._weekday(today)}, {long_date(today, self._language)}")
        self.greeting_label.setText(self.tr("Xin chào! Quý vị cần làm gì hôm nay?"))
        self.buttons["submit"].setText(self.tr("Nộp hồ sơ"))
        self.buttons["account"].setText(self.tr("Tạo tài khoản dịch vụ công"))
        self.buttons["resume"].setText(self.tr("Tiếp tục hồ sơ đang làm"))
        self.buttons["lookup"].setText(self.tr("Tra cứu hồ sơ"))
        self.language_toggle.setText(_LANGUAGE_TARGET_LABEL.get(self._language, "English"))
        self.large_text_toggle.setText(self.tr("Chữ to"))
        self.high_contrast_toggle.setText(self.tr("Tương phản cao"))
        self.volunteer_button.setText(self.tr("Cán bộ hỗ trợ"))
        self._show_sync_state()
        self._fit_toggles()

    def showEvent(self, event: QShowEvent) -> None:
        # The kiosk runs for days: the date must be today's whenever it is seen.
        self.retranslate()
        super().showEvent(event)
