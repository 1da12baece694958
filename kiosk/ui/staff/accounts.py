"""Staff accounts, for the IT officer: create, deactivate or reactivate, reset a PIN.

Thin over :class:`kiosk.volunteers.VolunteerService`, which audits every change
and refuses what may not be done (only an admin manages accounts; the last
active admin cannot be deactivated). The PIN typed here is cleared after every
attempt and never shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases.audit import Actor
from kiosk.ui.keyboard import KeyboardKind, set_keyboard_kind
from kiosk.ui.staff.common import MIN_ROW_STYLE, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, ChoiceGroup, big_button, name_widget
from kiosk.volunteers import VolunteerError, VolunteerService, VolunteerView
from kiosk.volunteers.pins import MAX_DIGITS

ID_ROLE = Qt.ItemDataRole.UserRole


class AccountsPanel(Retranslated, QWidget):
    """``accounts_list``; ``account_name``, ``account_branch``, ``account_pin``,
    ``account_role_<role>_button``, ``account_create_button``;
    ``account_active_button`` and ``account_reset_pin_button`` for the selected one."""

    changed = Signal()

    def __init__(
        self,
        volunteer_service: VolunteerService,
        actor: Callable[[], Actor | None] = lambda: None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accounts_panel")
        self.service = volunteer_service
        self.actor = actor
        self.language = language
        self.accounts: list[VolunteerView] = []

        self.title_label = text_label("accounts_title_label", "heading")
        self.list = QListWidget()
        name_widget(self.list, "accounts_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet(MIN_ROW_STYLE)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.active_button = big_button("", "account_active_button", role="secondary")
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_pin_button = big_button("", "account_reset_pin_button", role="secondary")
        self.reset_pin_button.clicked.connect(self.reset_pin)

        self.name_label = text_label("account_name_label")
        self.branch_label = text_label("account_branch_label")
        self.pin_label = text_label("account_pin_label")
        self.name_field = self._field("account_name", 120, KeyboardKind.LETTERS)
        self.branch_field = self._field("account_branch", 200, KeyboardKind.LETTERS)
        self.pin_field = self._field("account_pin", MAX_DIGITS, KeyboardKind.DIGITS)
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles = ChoiceGroup("account_role", [("volunteer", ""), ("admin", "")], columns=1)
        for button in self.roles.buttons.values():
            button.setMinimumHeight(MIN_TOUCH_PX)
        self.roles.set_value("volunteer")
        self.create_button = big_button("", "account_create_button")
        self.create_button.clicked.connect(self.create_account)
        self.message_label = text_label("accounts_message_label")

        form = QFormLayout()
        form.setSpacing(8)
        form.addRow(self.name_label, self.name_field)
        form.addRow(self.branch_label, self.branch_field)
        form.addRow(self.pin_label, self.pin_field)
        form.addRow(self.roles)
        form.addRow(self.create_button)
        selected = QHBoxLayout()
        selected.setSpacing(12)
        selected.addWidget(self.active_button)
        selected.addWidget(self.reset_pin_button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(selected)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 1)
        body.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.message_label)
        self.retranslate()

    def _field(self, name: str, limit: int, kind: KeyboardKind) -> QLineEdit:
        field = QLineEdit()
        name_widget(field, name)
        field.setMaxLength(limit)
        set_keyboard_kind(field, kind)
        return field

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        self.accounts = self.service.list_volunteers(include_inactive=True)
        self._fill()

    def reset(self) -> None:
        self.name_field.clear()
        self.branch_field.clear()
        self.pin_field.clear()
        self.roles.set_value("volunteer")
        self._say("")

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def selected(self) -> VolunteerView | None:
        items = self.list.selectedItems()
        if not items:
            return None
        wanted = items[0].data(ID_ROLE)
        return next((view for view in self.accounts if view.id == wanted), None)

    def create_account(self) -> None:
        pin = self.pin_field.text()
        self.pin_field.clear()
        try:
            created = self.service.create_volunteer(
                self.name_field.text(),
                self.branch_field.text(),
                pin,
                self._actor(),
                role=self.roles.value() or "volunteer",
            )
        except VolunteerError as refused:
            self._say(refused.message.get(self.language))
            return
        self.name_field.clear()
        self.branch_field.clear()
        self.refresh()
        self._say(self.tr("Đã tạo tài khoản cho {name}.").format(name=created.name))
        self.changed.emit()

    def toggle_active(self) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            self.service.set_active(view.id, not view.active, self._actor())
        except VolunteerError as refused:
            self._say(refused.message.get(self.language))
            return
        self.refresh()
        self._say(self.tr("Đã cập nhật tài khoản."))
        self.changed.emit()

    def reset_pin(self) -> None:
        """Give the selected account the PIN typed in ``account_pin`` (lifts a lock)."""
        view = self.selected()
        pin = self.pin_field.text()
        self.pin_field.clear()
        if view is None:
            return
        try:
            self.service.change_pin(view.id, pin, self._actor())
        except VolunteerError as refused:
            self._say(refused.message.get(self.language))
            return
        self.refresh()
        self._say(self.tr("Đã đặt mã PIN mới cho {name}.").format(name=view.name))

    # -- inside -----------------------------------------------------------------------

    def _actor(self) -> Actor:
        return self.actor() or Actor("volunteer", None)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _fill(self) -> None:
        wanted = self.selected()
        self.list.clear()
        for view in self.accounts:
            role = self.tr("quản trị") if view.role == "admin" else self.tr("tình nguyện viên")
            state = "" if view.active else " · " + self.tr("đã ngừng")
            if view.active and view.locked_until is not None:
                state = " · " + self.tr("đang tạm khoá")
            item = QListWidgetItem(f"{view.name} · {role}{state}")
            item.setData(ID_ROLE, view.id)
            self.list.addItem(item)
            if wanted is not None and wanted.id == view.id:
                item.setSelected(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self.selected()
        self.active_button.setEnabled(view is not None)
        self.reset_pin_button.setEnabled(view is not None)
        if view is not None and not view.active:
            self.active_button.setText(self.tr("Mở lại"))
        else:
            self.active_button.setText(self.tr("Ngừng"))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Tài khoản cán bộ"))
        self.name_label.setText(self.tr("Họ và tên"))
        self.branch_label.setText(self.tr("Chi đoàn"))
        self.pin_label.setText(self.tr("Mã PIN"))
        self.roles.buttons["volunteer"].setText(self.tr("Tình nguyện viên"))
        self.roles.buttons["admin"].setText(self.tr("Quản trị"))
        self.create_button.setText(self.tr("Tạo tài khoản"))
        self.reset_pin_button.setText(self.tr("Đặt PIN mới"))
        self._update_buttons()
        self._fill()
