"""Backups for the IT officer: the list, "take one now", and restore.

Restoring asks first, in a confirmation panel that says the current database is
kept aside (``quarantine/``) and that the kiosk restarts; afterwards the store is
closed, so the panel emits ``restart_required(RestoreOutcome)`` and offers only
``backup_restart_button`` (``restart_requested``). Backups and restores run off
the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.backups import (
    BackupEntry,
    RestoreOutcome,
    list_backups,
    restore_backup,
    take_backup_now,
)
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.staff.common import MIN_ROW_STYLE, ConfirmationPanel, refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget

PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupsPanel(Retranslated, QWidget):
    """``backups_list``, ``backup_now_button``, ``backup_restore_button`` and the
    ``backup_confirm_panel`` with ``backup_restore_confirm_button`` /
    ``backup_restore_cancel_button``."""

    backup_taken = Signal(object)  # BackupEntry
    restart_required = Signal(object)  # RestoreOutcome
    restart_requested = Signal()

    def __init__(
        self,
        store: Store,
        config: KioskConfig,
        actor: Callable[[], Actor | None] = lambda: None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backups_panel")
        self.store = store
        self.config = config
        self.actor = actor
        self.language = language
        self.entries: list[BackupEntry] = []
        self.restored: RestoreOutcome | None = None
        self._message = ""
        self.task = TaskRunner(self)
        self.task.busy_changed.connect(lambda _busy: self._update_buttons())

        self.title_label = text_label("backups_title_label", "heading")
        self.help_label = text_label("backups_help_label", "muted")
        self.list = QListWidget()
        name_widget(self.list, "backups_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet(MIN_ROW_STYLE)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.message_label = text_label("backups_message_label")
        self.now_button = big_button("", "backup_now_button", role="secondary")
        self.now_button.clicked.connect(self.take_now)
        self.restore_button = big_button("", "backup_restore_button", role="secondary")
        self.restore_button.clicked.connect(self.ask_restore)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.now_button)
        buttons.addWidget(self.restore_button)

        self.confirm_panel = ConfirmationPanel(
            "backup_confirm_panel", "backup_restore_confirm_button", "backup_restore_cancel_button"
        )
        self.confirm_label = self.confirm_panel.label
        self.confirm_button = self.confirm_panel.confirm_button
        self.cancel_button = self.confirm_panel.cancel_button
        self.confirm_panel.confirmed.connect(self.restore_selected)
        self.confirm_panel.cancelled.connect(self._cancel)
        self.restart_button = big_button("", "backup_restart_button")
        self.restart_button.clicked.connect(self.restart_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.help_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm_panel)
        layout.addWidget(self.message_label)
        layout.addWidget(self.restart_button)
        self.restart_button.setVisible(False)
        self.retranslate()

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        if self.restored is not None:
            return  # the store is closed: nothing can be read until the restart
        self.entries = list_backups(self.store.layout)
        self._fill()

    def reset(self) -> None:
        if self.restored is None:
            self._message = ""
            self.confirm_panel.setVisible(False)
            self.retranslate()

    def set_config(self, config: KioskConfig) -> None:
        self.config = config

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def selected_entry(self) -> BackupEntry | None:
        items = self.list.selectedItems()
        if not items:
            return None
        path = Path(str(items[0].data(PATH_ROLE)))
        return next((entry for entry in self.entries if entry.path == path), None)

    def take_now(self) -> None:
        store, config, actor = self.store, self.config, self._actor()
        if self.task.start(
            lambda: take_backup_now(store, config, actor), self._taken, self._failed
        ):
            self._say(self.tr("Đang sao lưu…"))

    def ask_restore(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.confirm_panel.ask(
            self.tr(
                "Khôi phục bản sao lưu lúc {when}? Dữ liệu hiện tại được cất sang thư mục "
                "quarantine (không bị xoá); mọi thay đổi sau thời điểm đó sẽ không còn trong "
                "ki-ốt. Ki-ốt sẽ khởi động lại."
            ).format(when=entry.taken_at.strftime("%d/%m/%Y %H:%M"))
        )
        self._update_buttons()

    def restore_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.confirm_panel.setVisible(False)
        store, actor = self.store, self._actor()
        if self.task.start(
            lambda: restore_backup(store, entry.path, actor), self._restored, self._failed
        ):
            self._say(self.tr("Đang khôi phục…"))

    # -- inside -----------------------------------------------------------------------

    def _actor(self) -> Actor:
        return self.actor() or Actor.system()

    def _taken(self, entry: object) -> None:
        self._say(self.tr("Đã sao lưu xong."))
        self.refresh()
        self.backup_taken.emit(entry)

    def _restored(self, outcome: object) -> None:
        assert isinstance(outcome, RestoreOutcome)
        self.restored = outcome
        kept = outcome.kept_aside.name if outcome.kept_aside else "—"
        self._say(
            self.tr(
                "Đã khôi phục từ {backup}. Dữ liệu cũ được cất tại quarantine/{kept}. "
                "Hãy khởi động lại ki-ốt ngay."
            ).format(backup=outcome.restored_from.name, kept=kept)
        )
        self.list.clear()
        self.restart_button.setVisible(True)
        self._update_buttons()
        self.restart_required.emit(outcome)

    def _failed(self, error: object) -> None:
        self._say(refusal_text(error, self.language) or self.tr("Không thực hiện được."))

    def _cancel(self) -> None:
        self._update_buttons()

    def _say(self, text: str) -> None:
        self._message = text
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _reason_text(self, reason: str) -> str:
        reasons = {
            "daily": self.tr("hằng ngày"),
            "manual": self.tr("sao lưu tay"),
            "pre-migration": self.tr("trước khi nâng cấp"),
            "premigration": self.tr("trước khi nâng cấp"),
        }
        return reasons.get(reason, reason)

    def _fill(self) -> None:
        self.list.clear()
        for entry in self.entries:
            size_mb = entry.size_bytes / 1_000_000
            item = QListWidgetItem(
                f"{entry.taken_at.strftime('%d/%m/%Y %H:%M')} · "
                f"{self._reason_text(entry.reason)} · {size_mb:.1f} MB"
            )
            item.setData(PATH_ROLE, str(entry.path))
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.task.is_busy()
        restored = self.restored is not None
        self.now_button.setEnabled(not busy and not restored)
        self.restore_button.setEnabled(
            not busy
            and not restored
            and self.selected_entry() is not None
            and not self.confirm_panel.isVisibleTo(self)
        )

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Sao lưu dữ liệu"))
        self.help_label.setText(
            self.tr(
                "Ki-ốt tự sao lưu mỗi ngày và trước mỗi lần nâng cấp. Bản sao lưu được mã hoá "
                "bằng khoá của máy này."
            )
        )
        self.now_button.setText(self.tr("Sao lưu ngay"))
        self.restore_button.setText(self.tr("Khôi phục bản đã chọn"))
        self.confirm_button.setText(self.tr("Khôi phục"))
        self.cancel_button.setText(self.tr("Không khôi phục"))
        self.restart_button.setText(self.tr("Khởi động lại ki-ốt"))
        self._say(self._message)
        self._fill()
