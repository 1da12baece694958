"""Volunteer sign-in: the active volunteers' names as big buttons, then a PIN pad.

Emits ``signed_in(SignedIn)`` on success and ``back_requested`` for the way out.
A wrong PIN shows how many tries are left; a locked account says for how many
minutes (both from :class:`kiosk.volunteers.SignInError`). The PIN lives only in
the masked field and is cleared after every try, on :meth:`reset` and when the
screen is left.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.background import TaskRunner
from kiosk.ui.staff.common import keep_normal_text_size, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    big_button,
    explain_when_disabled,
    make_touch_key,
    name_widget,
    touch_scroll_area,
)
from kiosk.volunteers import SignedIn, SignInError, VolunteerError, VolunteerService, VolunteerView
from kiosk.volunteers.pins import MAX_DIGITS

log = logging.getLogger(__name__)

_KEY_PX = 72
_PAD_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))


class PinPad(QWidget):
    """Digits ``pin_digit_0``..``9``, ``pin_backspace_button`` and ``pin_submit_button``
    typing into a masked, read-only ``pin_field`` (no on-screen keyboard pops up)."""

    submitted = Signal(str)
    disabled_tapped = Signal()  # a key tapped while the pad is off (checking, locked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "pin_pad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.field = QLineEdit()
        name_widget(self.field, "pin_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setReadOnly(True)
        self.field.setMaxLength(MAX_DIGITS)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMinimumHeight(MIN_TOUCH_PX)
        self.field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for row, digits in enumerate(_PAD_ROWS):
            for column, digit in enumerate(digits):
                grid.addWidget(self._digit(digit), row, column)
        self.backspace_button = make_touch_key("", "pin_backspace_button", "key_special")
        self.backspace_button.clicked.connect(self.field.backspace)
        self.submit_button = make_touch_key("", "pin_submit_button", "primary")
        self.submit_button.clicked.connect(self._submit)
        grid.addWidget(self._digit("0"), 3, 1)
        grid.addWidget(self.backspace_button, 3, 2)
        grid.addWidget(self.submit_button, 4, 0, 1, 3)
        # Keys of one fixed height: the pad never gives a key's height away to a
        # message (a wrong PIN squeezed it and cut «Đăng nhập» off) nor grows keys
        # to a hand's height on a tall screen.
        for key in (*self.keys.values(), self.backspace_button, self.submit_button):
            key.setFixedHeight(_KEY_PX)
            explain_when_disabled(key, self.disabled_tapped.emit)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.field)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.retranslate()

    def _digit(self, digit: str) -> QPushButton:
        key = make_touch_key(digit, f"pin_digit_{digit}", "key")
        key.clicked.connect(lambda _checked=False, d=digit: self.field.insert(d))
        self.keys[digit] = key
        return key

    def _submit(self) -> None:
        pin = self.field.text()
        self.field.clear()
        if pin:
            self.submitted.emit(pin)

    def set_enabled(self, enabled: bool) -> None:
        for key in (*self.keys.values(), self.backspace_button, self.submit_button):
            key.setEnabled(enabled)

    def clear(self) -> None:
        self.field.clear()

    def retranslate(self) -> None:
        self.backspace_button.setText(self.tr("Xoá"))
        self.submit_button.setText(self.tr("Đăng nhập"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # a USB keypad works too
        text = event.text()
        if text.isascii() and text.isdigit() and len(text) == 1:
            self.field.insert(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.field.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            super().keyPressEvent(event)


class SignInScreen(Retranslated, QWidget):
    """Choose your name (``volunteer_<id>``), type your PIN, tap ``pin_submit_button``."""

    signed_in = Signal(object)  # kiosk.volunteers.SignedIn
    back_requested = Signal()

    def __init__(
        self,
        volunteer_service: VolunteerService,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_screen")
        self.service = volunteer_service
        self.language = language
        self._volunteers: list[VolunteerView] = []
        self._chosen: VolunteerView | None = None
        self._attempt = 0  # the PIN check whose answer is still wanted
        self._error: SignInError | VolunteerError | None = None
        self.checking = TaskRunner(self)

        self.title_label = text_label("sign_in_title_label", "title")
        self.hint_label = text_label("sign_in_hint_label", "muted")
        self.empty_label = text_label("sign_in_empty_label")
        self.names = QWidget()
        self.names.setObjectName("sign_in_names")
        self.names_layout = QGridLayout(self.names)
        self.names_layout.setContentsMargins(0, 0, 8, 0)
        self.names_layout.setSpacing(12)
        self.name_buttons: dict[int, QPushButton] = {}

        # Body size, not a heading: "Mã PIN của Nguyễn Thị Lan:" as a heading took two
        # lines, and the pad below has no height to spare at 768 pixels.
        self.pin_title_label = text_label("sign_in_pin_title_label", wrap=False)
        self.pin_title_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.error_label = text_label("sign_in_error_label", "error")
        self.pad = PinPad()
        self.pad.submitted.connect(self._sign_in)
        self.pad.disabled_tapped.connect(self._explain_pad_off)
        self._pad_note = ""
        self.pin_panel = QWidget()
        self.pin_panel.setObjectName("sign_in_pin_panel")
        pin_layout = QVBoxLayout(self.pin_panel)
        pin_layout.setContentsMargins(0, 0, 0, 0)
        pin_layout.setSpacing(10)
        pin_layout.addWidget(self.pin_title_label)
        pin_layout.addWidget(self.pad, 1)
        self.pin_panel.setMinimumWidth(420)
        self.pin_panel.setMaximumWidth(520)

        self.back_button = big_button("", "sign_in_back_button", role="secondary")
        self.back_button.setFixedWidth(360)
        self.back_button.clicked.connect(self.back_requested)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.hint_label)
        left.addWidget(self.empty_label)
        left.addWidget(touch_scroll_area(self.names, "sign_in_names_scroll"), 1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addLayout(left, 3)
        body.addWidget(self.pin_panel, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addLayout(body, 1)
        # The error sits beside «Quay lại», in a row as tall as that button: under the
        # pad it took the pad's height (a wrong PIN squeezed it and cut «Đăng nhập» off).
        bottom = QHBoxLayout()
        bottom.setSpacing(32)
        bottom.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.error_label, 1)
        # Hidden, it still holds its place: «Quay lại» stays at the left edge.
        error_policy = self.error_label.sizePolicy()
        error_policy.setRetainSizeWhenHidden(True)
        self.error_label.setSizePolicy(error_policy)
        layout.addLayout(bottom)
        self.retranslate()
        self.reload()

    # -- what the controller calls ----------------------------------------------------

    def reload(self) -> None:
        """Read the active accounts again (an admin may have added one)."""
        self._volunteers = self.service.list_volunteers()
        for button in self.name_buttons.values():  # out of sight and out of findChild() now
            self.names_layout.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        self.name_buttons = {}
        for index, volunteer in enumerate(self._volunteers):
            button = big_button(volunteer.name, f"volunteer_{volunteer.id}", role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=volunteer: self.choose(v))
            self.names_layout.addWidget(button, index // 2, index % 2)
            self.name_buttons[volunteer.id] = button
        self.names_layout.setRowStretch(len(self._volunteers) // 2 + 1, 1)
        self.empty_label.setVisible(not self._volunteers)
        self._show_choice()

    def choose(self, volunteer: VolunteerView) -> None:
        self._chosen = volunteer
        self._error = None
        self._pad_note = ""
        self.pad.clear()
        self.pad.set_enabled(True)
        self._show_choice()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def reset(self) -> None:
        """Forget the chosen name, the PIN and any error."""
        self._chosen = None
        self._error = None
        self._pad_note = ""
        self.pad.clear()
        self.pad.set_enabled(True)
        self._show_choice()

    # -- inside -----------------------------------------------------------------------

    def _sign_in(self, pin: str) -> None:
        """Check the PIN on the background runner: an argon2 hash takes ~0.1 s."""
        chosen = self._chosen
        if chosen is None or self.checking.is_busy():
            return
        self.pad.set_enabled(False)
        service = self.service
        self._attempt += 1
        attempt = self._attempt
        self.checking.start(
            lambda: service.sign_in(chosen.id, pin),
            lambda signed: self._on_signed_in(signed, attempt),
            lambda error: self._on_refused(error, attempt),
        )

    def _forget_attempt(self) -> None:
        """A check still running is answered to nobody: the screen was left meanwhile
        (Quay lại, the idle reset), and a citizen may now stand at the kiosk."""
        self._attempt += 1

    def _explain_pad_off(self) -> None:
        """Say why the pad is off: the PIN is being checked, or the account is locked."""
        if self.checking.is_busy():
            self._pad_note = self.tr("Đang kiểm tra mã PIN, xin chờ một chút.")
        self._show_choice()

    def _on_signed_in(self, signed: SignedIn, attempt: int) -> None:
        if attempt != self._attempt:
            log.info("A PIN check ended after the sign-in screen was left: nobody signed in")
            self.pad.set_enabled(True)
            return
        self.reset()
        self.signed_in.emit(signed)

    def _on_refused(self, error: Exception, attempt: int) -> None:
        if attempt != self._attempt and isinstance(error, (SignInError, VolunteerError)):
            self.pad.set_enabled(True)  # a lock is said again at the next try
            return
        if isinstance(error, SignInError):
            self._error = error
            self.pad.clear()
            self.pad.set_enabled(error.locked_minutes is None)
        elif isinstance(error, VolunteerError):  # e.g. the account was removed meanwhile
            self._error = error
            self.pad.clear()
            self.pad.set_enabled(True)
        else:
            raise error  # a bug: the crash report and the error screen
        self._show_choice()

    def _show_choice(self) -> None:
        chosen = self._chosen
        for volunteer_id, button in self.name_buttons.items():
            button.setChecked(chosen is not None and chosen.id == volunteer_id)
        self.pin_panel.setVisible(chosen is not None)
        if chosen is not None:
            self.pin_title_label.setText(self.tr("Mã PIN của {name}:").format(name=chosen.name))
        if self._error is not None:
            self._pad_note = ""
            self.error_label.setText(self._error.message.get(self.language))
        else:
            self.error_label.setText(self._pad_note)
        self.error_label.setVisible(bool(self.error_label.text()))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Đăng nhập cán bộ hỗ trợ"))
        self.hint_label.setText(self.tr("Chọn tên của bạn, rồi nhập mã PIN."))
        self.empty_label.setText(
            self.tr(
                "Chưa có tài khoản cán bộ nào. Cán bộ kỹ thuật tạo tài khoản quản trị đầu tiên "
                'bằng lệnh: kiosk admin create-volunteer --name "Họ tên" --role admin'
            )
        )
        self.back_button.setText(self.tr("Quay lại"))
        self.pad.retranslate()
        self._show_choice()

    def showEvent(self, event: QShowEvent) -> None:
        keep_normal_text_size(self)
        self.pad.setFocus()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.pad.clear()
        self._forget_attempt()
        super().hideEvent(event)
