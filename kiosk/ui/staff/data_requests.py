"""Data subject requests (Law 91/2025): find a citizen by ID number, export, delete.

Thin over :mod:`kiosk.admin.data_requests`, which audits every look-up, export and
deletion. The export (JSON and PDF) is written into a folder under the kiosk
home's ``exports/`` whose name the IT officer may change (letters, digits, ``.``,
``-``, ``_`` only, so it can never leave ``exports/``). Deleting always asks first,
in ``data_request_confirm_panel``; when cases or account requests have not reached
the portal yet, the panel lists them and says they will be lost, and only then is
the deletion confirmed for them. The citizen shown is forgotten on :meth:`reset`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.admin.data_requests import (
    CitizenMatch,
    DeletionReport,
    UnsyncedDataError,
    UnsyncedItem,
    delete_citizen,
    find_citizen,
    unsynced_items,
)
from kiosk.admin.export_files import ExportedFiles, write_export
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.keyboard import KeyboardKind, set_keyboard_kind
from kiosk.ui.staff.common import ConfirmationPanel, refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, touch_scroll_area


class DataRequestsPanel(Retranslated, QWidget):
    """``data_request_id_number`` + ``data_request_find_button``; then
    ``data_request_folder`` + ``data_request_export_button`` and
    ``data_request_delete_button`` (-> ``data_request_confirm_panel`` with
    ``data_request_confirm_delete_button`` / ``data_request_cancel_delete_button``)."""

    exported = Signal(object)  # ExportedFiles
    deleted = Signal(object)  # DeletionReport

    def __init__(
        self,
        store: Store,
        layout: HomeLayout,
        config: KioskConfig,
        catalogue: Catalogue | None = None,
        actor: Callable[[], Actor | None] = lambda: None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("data_requests_panel")
        self.store = store
        self.home = layout
        self.config = config
        self.catalogue = catalogue
        self.actor = actor
        self.language = language
        self.match: CitizenMatch | None = None
        self.pending: tuple[UnsyncedItem, ...] = ()
        self.task = TaskRunner(self)
        self.task.busy_changed.connect(lambda _busy: self._update())

        self.title_label = text_label("data_request_title_label", "heading")
        self.help_label = text_label("data_request_help_label", "muted")
        self.id_label = text_label("data_request_id_number_label")
        self.id_field = QLineEdit()
        name_widget(self.id_field, "data_request_id_number")
        self.id_field.setMaxLength(20)
        set_keyboard_kind(self.id_field, KeyboardKind.DIGITS)
        self.id_field.returnPressed.connect(self.look_up)
        self.find_button = big_button("", "data_request_find_button")
        self.find_button.setMaximumWidth(260)
        self.find_button.clicked.connect(self.look_up)
        self.result_label = text_label("data_request_result_label")
        self.folder_label = text_label("data_request_folder_label")
        self.folder_field = QLineEdit()
        name_widget(self.folder_field, "data_request_folder")
        self.folder_field.setMaxLength(64)
        set_keyboard_kind(self.folder_field, KeyboardKind.LETTERS)
        self.export_button = big_button("", "data_request_export_button", role="secondary")
        self.export_button.clicked.connect(self.export)
        self.delete_button = big_button("", "data_request_delete_button", role="secondary")
        self.delete_button.clicked.connect(self.ask_delete)

        self.confirm_panel = ConfirmationPanel(
            "data_request_confirm_panel",
            "data_request_confirm_delete_button",
            "data_request_cancel_delete_button",
            label_role="error",
        )
        self.confirm_label = self.confirm_panel.label
        self.confirm_button = self.confirm_panel.confirm_button
        self.cancel_button = self.confirm_panel.cancel_button
        self.confirm_panel.confirmed.connect(self.delete_confirmed)
        self.confirm_panel.cancelled.connect(self._cancel_delete)
        self.message_label = text_label("data_request_message_label")

        find_row = QHBoxLayout()
        find_row.setSpacing(16)
        find_row.addWidget(self.id_label)
        find_row.addWidget(self.id_field, 1)
        find_row.addWidget(self.find_button)
        self.actions_box = QWidget()
        self.actions_box.setObjectName("data_request_actions")
        actions = QVBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(10)
        form = QFormLayout()
        form.addRow(self.folder_label, self.folder_field)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.delete_button)
        actions.addWidget(self.result_label)
        actions.addLayout(form)
        actions.addLayout(buttons)
        content = QWidget()
        content.setObjectName("data_request_content")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 12, 0)
        inner.setSpacing(12)
        inner.addWidget(self.help_label)
        inner.addLayout(find_row)
        inner.addWidget(self.actions_box)
        inner.addWidget(self.confirm_panel)
        inner.addWidget(self.message_label)
        inner.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(self.title_label)
        self.scroll_box = touch_scroll_area(content, "data_request_scroll")
        outer.addWidget(self.scroll_box, 1)
        self.retranslate()
        self.reset()

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        """Nothing to read until an ID number is given."""

    def reset(self) -> None:
        """Forget the citizen: ID number, name, pending items, messages."""
        self.match = None
        self.pending = ()
        self.id_field.clear()
        self.folder_field.clear()
        self.result_label.clear()
        self.confirm_label.clear()
        self._say("")
        self._update()

    def set_config(self, config: KioskConfig) -> None:
        self.config = config

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def look_up(self) -> None:
        """Look the ID number up (audited as ``subject_lookup``)."""
        self.match = None
        self.pending = ()
        self.confirm_panel.setVisible(False)
        try:
            self.match = find_citizen(self.store, self.id_field.text(), self._actor())
        except Exception as error:
            self._say(refusal_text(error, self.language) or self.tr("Không tìm được."))
            self._update()
            return
        if self.match is None:
            self._say(self.tr("Ki-ốt không lưu dữ liệu nào của số định danh này."))
        else:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            self.folder_field.setText(f"cong-dan-{self.match.citizen_id}-{stamp}")
            self._say("")
        self._show_match()
        self._update()

    def export(self) -> None:
        """Write the JSON and the PDF into the chosen folder (off the GUI thread)."""
        match = self.match
        if match is None:
            return
        store, home, actor = self.store, self.home, self._actor()
        folder, catalogue = self.folder_field.text(), self.catalogue
        agency = self.config.ward.agency_name

        def work() -> ExportedFiles:
            return write_export(store, home, match.citizen_id, folder, actor, catalogue, agency)

        if self.task.start(work, self._exported, self._failed):
            self._say(self.tr("Đang xuất dữ liệu…"))

    def ask_delete(self) -> None:
        """Show what deleting means, listing anything not yet sent to the portal."""
        if self.match is None:
            return
        self.pending = unsynced_items(self.store, self.match.citizen_id, self.catalogue)
        self._show_confirmation()

    def delete_confirmed(self) -> None:
        match = self.match
        if match is None:
            return
        store, actor, catalogue = self.store, self._actor(), self.catalogue
        confirm_unsynced = bool(self.pending)
        kept = self.config.retention.backups_kept

        def work() -> DeletionReport:
            return delete_citizen(
                store,
                match.citizen_id,
                actor,
                confirm_unsynced=confirm_unsynced,
                catalogue=catalogue,
                backups_kept=kept,
            )

        self.confirm_panel.setVisible(False)
        if self.task.start(work, self._deleted, self._delete_failed):
            self._say(self.tr("Đang xoá…"))

    # -- answers ----------------------------------------------------------------------

    def _actor(self) -> Actor:
        return self.actor() or Actor.system()

    def _exported(self, files: object) -> None:
        assert isinstance(files, ExportedFiles)
        self._say(
            self.tr("Đã xuất dữ liệu vào thư mục {folder} (tệp JSON và PDF).").format(
                folder=str(files.folder)
            )
        )
        self.exported.emit(files)

    def _deleted(self, report: object) -> None:
        assert isinstance(report, DeletionReport)
        self.match = None
        self.pending = ()
        self.id_field.clear()
        self.folder_field.clear()
        self.result_label.clear()
        self._say(
            self.tr("Đã xoá dữ liệu cá nhân của công dân.") + " " + report.note.get(self.language)
        )
        self._update()
        self.deleted.emit(report)

    def _delete_failed(self, error: object) -> None:
        if isinstance(error, UnsyncedDataError):  # something new arrived meanwhile
            self.pending = error.items
            self._show_confirmation()
            return
        self._failed(error)

    def _failed(self, error: object) -> None:
        self._say(refusal_text(error, self.language) or self.tr("Không thực hiện được."))

    def _cancel_delete(self) -> None:
        self.pending = ()
        self.confirm_panel.setVisible(False)
        self._say(self.tr("Chưa xoá gì."))
        self._update()

    # -- showing ----------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _show_match(self) -> None:
        match = self.match
        if match is None:
            self.result_label.clear()
            return
        self.result_label.setText(
            self.tr("{name}, sinh {born}: {cases} hồ sơ, {requests} yêu cầu tạo tài khoản.").format(
                name=match.full_name,
                born=match.date_of_birth or "—",
                cases=match.case_count,
                requests=match.account_request_count,
            )
        )

    def _show_confirmation(self) -> None:
        if self.match is None:
            return
        text = self.tr(
            "Xoá toàn bộ dữ liệu cá nhân của {name} khỏi ki-ốt? Việc này không hoàn tác được."
        ).format(name=self.match.full_name)
        if self.pending:
            text += "\n" + UnsyncedDataError(self.pending).message.get(self.language)
            self.confirm_button.setText(self.tr("Xoá, kể cả hồ sơ chưa gửi"))
        else:
            self.confirm_button.setText(self.tr("Xoá dữ liệu"))
        self.confirm_panel.ask(text)
        self._update()
        # Once the panel is laid out: the buttons may be below the fold.
        QTimer.singleShot(0, self._scroll_to_confirmation)

    def _scroll_to_confirmation(self) -> None:
        if self.confirm_panel.isVisible():
            self.scroll_box.ensureWidgetVisible(self.confirm_button)

    def _update(self) -> None:
        busy = self.task.is_busy()
        found = self.match is not None
        confirming = self.confirm_panel.isVisibleTo(self)
        self.actions_box.setVisible(found)
        self.find_button.setEnabled(not busy)
        self.export_button.setEnabled(found and not busy and not confirming)
        self.delete_button.setEnabled(found and not busy and not confirming)
        if not found:
            self.confirm_panel.setVisible(False)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Yêu cầu của chủ thể dữ liệu"))
        self.help_label.setText(
            self.tr(
                "Theo Luật Bảo vệ dữ liệu cá nhân (Luật 91/2025): tìm công dân theo số định "
                "danh, xuất toàn bộ dữ liệu ki-ốt đang giữ, hoặc xoá. Mọi thao tác đều được "
                "ghi nhật ký."
            )
        )
        self.id_label.setText(self.tr("Số định danh"))
        self.find_button.setText(self.tr("Tìm"))
        self.folder_label.setText(self.tr("Thư mục xuất"))
        self.export_button.setText(self.tr("Xuất JSON và PDF"))
        self.delete_button.setText(self.tr("Xoá dữ liệu…"))
        self.cancel_button.setText(self.tr("Không xoá"))
        self._show_match()
        if self.confirm_panel.isVisibleTo(self):
            self._show_confirmation()
