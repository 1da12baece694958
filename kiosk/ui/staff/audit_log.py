"""The audit log viewer: a paged table model, filters, and CSV export to ``exports/``.

:class:`AuditLogModel` reads :func:`kiosk.admin.audit_log.query` a page at a time
(``canFetchMore``/``fetchMore``) and counts with SQL; sorting the time column
flips newest/oldest first in SQL. Filters: what happened (``audit_action_filter``),
the period (``audit_period_<key>_button``), who (``audit_actor_filter``: an actor
id such as a volunteer's number) and a case id (``audit_case_filter``). The export
writes every matching event, off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin import audit_log
from kiosk.admin.audit_log import AuditFilter, AuditRow
from kiosk.admin.personal_files import exports_dir
from kiosk.cases.clock import VIETNAM
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.keyboard import KeyboardKind, set_keyboard_kind
from kiosk.ui.paged_model import PagedTableModel
from kiosk.ui.staff.common import TABLE_STYLE, refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, ChoiceGroup, big_button, name_widget

PAGE_SIZE = 100
COLUMNS = ("at", "actor", "action", "case", "details")
PERIODS = ("today", "week", "month", "all")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def period_start(period: str, now: dt.datetime) -> dt.datetime | None:
    """The start of ``period`` in the ward office's calendar (None: all time)."""
    today = dt.datetime.combine(now.astimezone(VIETNAM).date(), dt.time(), VIETNAM)
    days = {"today": 0, "week": 6, "month": 29}.get(period)
    return None if days is None else today - dt.timedelta(days=days)


class AuditLogModel(PagedTableModel[AuditRow]):
    """Audit events matching :attr:`where`, a page at a time; empty until :meth:`reload`."""

    def __init__(
        self, store: Store, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(len(COLUMNS), page_size, parent)
        self.store = store
        self.where = AuditFilter()
        self.newest_first = True

    def reload(self, where: AuditFilter | None = None) -> None:
        if where is not None:
            self.where = where
        super().reload()

    def count_rows(self) -> int:
        return audit_log.count(self.store, self.where)

    def read_page(self, offset: int) -> list[AuditRow]:
        return audit_log.query(
            self.store,
            self.where,
            limit=self.page_size,
            offset=offset,
            newest_first=self.newest_first,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Only the time column sorts (newest or oldest first), in SQL."""
        if column != 0:
            return
        self.newest_first = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        name = COLUMNS[column]
        if name == "at":
            return row.at_local.strftime("%d/%m/%Y %H:%M:%S")
        if name == "actor":
            return f"{row.actor_kind} {row.actor_id or ''}".strip()
        if name == "action":
            return row.action
        if name == "case":
            return row.case_id or ""
        return json.dumps(row.details, ensure_ascii=False, sort_keys=True)[:500]

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        titles = {
            "at": self.tr("Thời điểm"),
            "actor": self.tr("Người thực hiện"),
            "action": self.tr("Việc"),
            "case": self.tr("Hồ sơ"),
            "details": self.tr("Chi tiết"),
        }
        return titles[COLUMNS[section]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class AuditLogPanel(Retranslated, QWidget):
    """Filters, ``audit_table`` and ``audit_export_button`` (CSV into ``exports/``)."""

    exported = Signal(object)  # Path of the CSV

    def __init__(
        self,
        store: Store,
        layout: HomeLayout,
        language: str = "vi",
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audit_log_panel")
        self.store = store
        self.home = layout
        self.language = language
        self.clock = clock
        self.period = "week"
        self.model = AuditLogModel(store, parent=self)
        self.task = TaskRunner(self)

        self.title_label = text_label("audit_title_label", "heading")
        self.action_filter = QComboBox()
        name_widget(self.action_filter, "audit_action_filter")
        self.action_filter.setMinimumHeight(MIN_TOUCH_PX)
        self.action_filter.activated.connect(lambda _index: self.apply_filters())
        self.actor_filter = self._filter_field("audit_actor_filter")
        self.case_filter = self._filter_field("audit_case_filter")
        self.periods = ChoiceGroup("audit_period", [(key, "") for key in PERIODS], columns=4)
        for button in self.periods.buttons.values():
            button.setMinimumHeight(MIN_TOUCH_PX)
        self.periods.set_value(self.period)
        self.periods.choice_changed.connect(self._choose_period)
        self.filter_button = big_button("", "audit_filter_button", role="secondary")
        self.filter_button.setMinimumHeight(MIN_TOUCH_PX)
        self.filter_button.clicked.connect(self.apply_filters)

        self.table = QTableView()
        name_widget(self.table, "audit_table")
        self.table.setModel(self.model)
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((210, 200, 250, 160)):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)

        self.status_label = text_label("audit_status_label", "muted")
        self.export_button = big_button("", "audit_export_button", role="secondary")
        self.export_button.setMaximumWidth(320)
        self.export_button.clicked.connect(self.export_csv)
        self.task.busy_changed.connect(lambda busy: self.export_button.setEnabled(not busy))

        filters = QGridLayout()
        filters.setHorizontalSpacing(12)
        filters.setVerticalSpacing(8)
        filters.addWidget(self.action_filter, 0, 0, 1, 2)
        filters.addWidget(self.periods, 0, 2, 1, 2)
        filters.addWidget(self.actor_filter, 1, 0)
        filters.addWidget(self.case_filter, 1, 1, 1, 2)
        filters.addWidget(self.filter_button, 1, 3)
        filters.setColumnStretch(2, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(self.title_label)
        outer.addLayout(filters)
        outer.addWidget(self.table, 1)
        outer.addLayout(bottom)
        self.retranslate()

    def _filter_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        name_widget(field, name)
        field.setMaxLength(64)
        set_keyboard_kind(field, KeyboardKind.LETTERS)
        field.returnPressed.connect(self.apply_filters)
        return field

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        self._fill_actions()
        self.apply_filters()

    def reset(self) -> None:
        self.model.clear()
        self.actor_filter.clear()
        self.case_filter.clear()
        self.action_filter.setCurrentIndex(0)
        self.status_label.clear()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def current_filter(self) -> AuditFilter:
        action = self.action_filter.currentData()
        return AuditFilter(
            actions=[str(action)] if action else None,
            actor_id=self.actor_filter.text().strip() or None,
            case_id=self.case_filter.text().strip() or None,
            since=period_start(self.period, self.clock()),
        )

    def apply_filters(self) -> None:
        self.model.reload(self.current_filter())
        self._show_count()

    def export_csv(self) -> None:
        store, home, where = self.store, self.home, self.current_filter()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")

        def work() -> tuple[Path, int]:
            path = exports_dir(home) / f"nhat-ky-{stamp}.csv"
            return path, audit_log.export_csv_file(store, path, where)

        if self.task.start(work, self._exported, self._failed):
            self.status_label.setText(self.tr("Đang xuất…"))

    # -- inside -----------------------------------------------------------------------

    def _fill_actions(self) -> None:
        current = self.action_filter.currentData()
        self.action_filter.clear()
        self.action_filter.addItem(self.tr("Mọi việc"), "")
        for action in audit_log.known_actions(self.store):
            self.action_filter.addItem(action, action)
        index = self.action_filter.findData(current) if current else 0
        self.action_filter.setCurrentIndex(max(0, index))

    def _choose_period(self, period: str) -> None:
        self.period = period
        self.apply_filters()

    def _header_clicked(self, column: int) -> None:
        if column != 0:
            return
        order = (
            Qt.SortOrder.AscendingOrder
            if self.model.newest_first
            else (Qt.SortOrder.DescendingOrder)
        )
        self.model.sort(0, order)
        self.table.horizontalHeader().setSortIndicator(0, order)
        self._show_count()

    def _show_count(self) -> None:
        self.status_label.setText(self.tr("{total} sự kiện").format(total=self.model.total()))

    def _exported(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        path, written = outcome
        self.status_label.setText(
            self.tr("Đã xuất {count} sự kiện vào {path}").format(count=written, path=str(path))
        )
        self.exported.emit(path)

    def _failed(self, error: object) -> None:
        self.status_label.setText(
            refusal_text(error, self.language) or self.tr("Không xuất được tệp CSV.")
        )

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Nhật ký hoạt động"))
        labels = {
            "today": self.tr("Hôm nay"),
            "week": self.tr("7 ngày"),
            "month": self.tr("30 ngày"),
            "all": self.tr("Tất cả"),
        }
        for key, button in self.periods.buttons.items():
            button.setText(labels[key])
        self.actor_filter.setPlaceholderText(self.tr("Người thực hiện (mã số)"))
        self.case_filter.setPlaceholderText(self.tr("Mã nội bộ của hồ sơ (case id)"))
        self.filter_button.setText(self.tr("Lọc"))
        self.export_button.setText(self.tr("Xuất CSV"))
        if self.action_filter.count():
            self.action_filter.setItemText(0, self.tr("Mọi việc"))
        self.model.retranslate()
