"""The work queue: four lists of cases that need a person, as a paged, sortable table.

:class:`WorkQueueModel` is a :class:`~kiosk.ui.paged_model.PagedTableModel` over
:class:`kiosk.volunteers.WorkQueue`: it holds only the pages it has fetched
(``canFetchMore``/``fetchMore`` read the next page from SQL when the view scrolls
there) and :meth:`WorkQueueModel.sort` asks SQL for a new first page in the
order wanted, so 100,000 cases cost the same as 100. The citizen's name is shown
but cannot be sorted on (the database only holds it sealed).

:class:`WorkQueuePanel` adds the list chooser and ``queue_open_button``, which
emits ``case_open_requested(case_id)`` for an editable case (draft or returned);
the controller then opens the wizard with the volunteer as the assisting actor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.paged_model import PagedTableModel
from kiosk.ui.staff.common import TABLE_STYLE, local_time, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, ChoiceGroup, big_button, name_widget
from kiosk.volunteers import QUEUE_KINDS, QUEUE_TITLES, QueueKind, QueueRow, WorkQueue
from kiosk.volunteers.queue import SortKey

PAGE_SIZE = 50
EDITABLE_STATUSES = frozenset({"draft", "returned"})

# (column key, the SQL sort key or None when the column cannot be sorted)
COLUMNS: tuple[tuple[str, SortKey | None], ...] = (
    ("procedure", "procedure"),
    ("citizen", None),
    ("status", "status"),
    ("reference", "local_reference"),
    ("resume", None),
    ("kiosk", None),
    ("when", "updated_at"),
    ("message", None),
)
CASE_ID_ROLE = Qt.ItemDataRole.UserRole


class WorkQueueModel(PagedTableModel[QueueRow]):
    """One queue list, fetched a page at a time; empty until :meth:`reload`."""

    def __init__(
        self,
        work_queue: WorkQueue,
        kind: QueueKind = "drafts_today",
        language: str = "vi",
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(len(COLUMNS), page_size, parent)
        self.work_queue = work_queue
        self.kind: QueueKind = kind
        self.language = language
        self.sort_by: SortKey = "updated_at"
        self.descending = True

    def set_kind(self, kind: QueueKind) -> None:
        self.kind = kind
        self.reload()

    def count_rows(self) -> int:
        return self.work_queue.count(self.kind)

    def read_page(self, offset: int) -> list[QueueRow]:
        sort_by: SortKey = self.sort_by
        if self.kind == "stuck" and sort_by == "updated_at":
            sort_by = "waiting_since"  # the stuck list's "when" is its time in the outbox
        return self.work_queue.page(
            self.kind,
            sort_by=sort_by,
            descending=self.descending,
            limit=self.page_size,
            offset=offset,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL and start again from the first page.

        Columns that cannot be sorted (the citizen, the message) keep the order.
        """
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][1]
        if key is None:
            return
        self.sort_by = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    @staticmethod
    def sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][1] is not None

    def sort_column(self) -> int:
        for index, (_key, sort_key) in enumerate(COLUMNS):
            if sort_key == self.sort_by:
                return index
        return [key for key, _ in COLUMNS].index("when")

    # -- reading ----------------------------------------------------------------------

    def cell(self, row: QueueRow, column: int, role: int) -> Any:
        if role == CASE_ID_ROLE:
            return row.case_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(row, COLUMNS[column][0])
        return None

    def _cell(self, row: QueueRow, column: str) -> str:
        if column == "procedure":
            return row.procedure_title.get(self.language)
        if column == "citizen":
            return row.citizen_name or ""
        if column == "status":
            return self.status_text(row.status)
        if column == "reference":
            return row.local_reference or ""
        if column == "resume":
            return (row.resume_code or "") if row.status == "draft" else ""
        if column == "kiosk":
            return "" if row.kiosk_number is None else str(row.kiosk_number)
        if column == "when":
            return local_time(row.waiting_since if row.kind == "stuck" else row.updated_at)
        return (row.message or "").replace("\n", " ")[:300]

    def status_text(self, status: str) -> str:
        texts = {
            "draft": self.tr("Đang làm dở"),
            "returned": self.tr("Bị trả lại"),
            "ready": self.tr("Chờ gửi"),
            "queued": self.tr("Chờ gửi"),
            "sending": self.tr("Đang gửi"),
        }
        return texts.get(status, status)

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
            "procedure": self.tr("Thủ tục"),
            "citizen": self.tr("Công dân"),
            "status": self.tr("Trạng thái"),
            # One name per code (kiosk/code_names.py): a submitted case's reference,
            # a draft's resume code; one column once mixed both.
            "reference": self.tr("Số tham chiếu"),
            "resume": self.tr("Mã tiếp tục"),
            "kiosk": self.tr("Ki-ốt"),
            "when": self.tr("Chờ từ") if self.kind == "stuck" else self.tr("Cập nhật"),
            "message": self.tr("Ghi chú"),
        }
        return titles[COLUMNS[section][0]]

    def set_language(self, language: str) -> None:
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )


class WorkQueuePanel(Retranslated, QWidget):
    """The four lists (``queue_kind_<kind>_button``), the table and ``queue_open_button``."""

    case_open_requested = Signal(str)

    def __init__(
        self, work_queue: WorkQueue, language: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queue_panel")
        self.work_queue = work_queue
        self.language = language
        self._counts: dict[QueueKind, int] = {}
        self.model = WorkQueueModel(work_queue, language=language, parent=self)
        self.kinds = ChoiceGroup("queue_kind", [(kind, "") for kind in QUEUE_KINDS], columns=2)
        for button in self.kinds.buttons.values():
            button.setMinimumHeight(MIN_TOUCH_PX)
        self.kinds.set_value(self.model.kind)
        self.kinds.choice_changed.connect(self._choose_kind)

        self.table = QTableView()
        name_widget(self.table, "queue_table")
        self.table.setModel(self.model)
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(MIN_TOUCH_PX)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumHeight(MIN_TOUCH_PX)
        for column, width in enumerate((210, 190, 120, 210, 70, 165)):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sortable)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._open())

        self.status_label = text_label("queue_status_label", "muted")
        self.open_button = big_button("", "queue_open_button")
        self.open_button.clicked.connect(self._open)
        self.refresh_button = big_button("", "queue_refresh_button", role="secondary")
        self.refresh_button.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        bottom.addWidget(self.status_label, 2)
        bottom.addWidget(self.refresh_button, 1)
        bottom.addWidget(self.open_button, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.list_title = text_label("queue_list_title_label", "heading", wrap=False)
        layout.addWidget(self.kinds)
        layout.addWidget(self.list_title)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.retranslate()

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        """Counts for the list buttons and the current list's first page."""
        self._counts = self.work_queue.counts()
        self.model.reload()
        self.retranslate()

    def reset(self) -> None:
        """Forget every row: the lists show citizens' names."""
        self.model.clear()
        self._counts = {}
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.model.set_language(language)
        self.retranslate()

    def selected_row(self) -> QueueRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- inside -----------------------------------------------------------------------

    def _choose_kind(self, kind: str) -> None:
        if kind in QUEUE_KINDS:
            self.model.set_kind(kind)
            self.retranslate()

    def _keep_indicator_on_sortable(self, column: int, _order: Qt.SortOrder) -> None:
        if not self.model.sortable(column):
            header = self.table.horizontalHeader()
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder
            )
            blocked = header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), order)
            header.blockSignals(blocked)

    def _open(self) -> None:
        row = self.selected_row()
        if row is not None and row.status in EDITABLE_STATUSES:
            self.case_open_requested.emit(row.case_id)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None and row.status in EDITABLE_STATUSES)
        if row is not None and row.status not in EDITABLE_STATUSES:
            self.status_label.setText(
                self.tr("Hồ sơ này đang chờ gửi lên Cổng: kiểm tra kết nối mạng của ki-ốt.")
            )
        elif row is not None and row.message:
            self.status_label.setText(
                self.tr("Ghi chú: {message}").format(message=row.message[:300])
            )
        else:
            self.status_label.setText(
                self.tr("{shown} / {total} hồ sơ").format(
                    shown=self.model.loaded(), total=self.model.total()
                )
            )

    def retranslate(self) -> None:
        short = {
            "drafts_today": self.tr("Làm dở hôm nay"),
            "returned": self.tr("Bị trả lại"),
            "stuck": self.tr("Chờ gửi quá 1 ngày"),
            "flagged": self.tr("Thủ tục đã thay đổi"),
            "awaiting_document": self.tr("Chờ mang giấy tờ"),
        }
        for kind in QUEUE_KINDS:
            button = self.kinds.buttons[kind]
            count = self._counts.get(kind)
            button.setText(short[kind] if count is None else f"{short[kind]} ({count})")
        self.list_title.setText(QUEUE_TITLES[self.model.kind].get(self.language))
        self.open_button.setText(self.tr("Mở hồ sơ"))
        self.refresh_button.setText(self.tr("Làm mới"))
        self._update_buttons()
