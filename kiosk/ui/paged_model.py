"""One table model for lists read from SQL a page at a time: :class:`PagedTableModel`.

The work queue and the audit log can hold thousands of rows; a view asks for
more only as it scrolls (``canFetchMore``/``fetchMore``), so the kiosk reads one
page at a time and never decrypts rows nobody looks at. A subclass says how to
count and read its rows (:meth:`count_rows`, :meth:`read_page`), how many
columns it has and what a cell shows (:meth:`cell`); the paging, the row
guard in ``data()`` and the flat-table rules Qt's model tester checks live here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 50


class PagedTableModel[Row](QAbstractTableModel):
    """A flat table of ``Row`` read a page at a time; empty until :meth:`reload`."""

    def __init__(
        self, column_count: int, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._column_count = column_count
        self._rows: list[Row] = []
        self._total = 0

    # -- what a subclass says ------------------------------------------------------------

    def count_rows(self) -> int:
        """How many rows the list has now (one SQL count)."""
        raise NotImplementedError

    def read_page(self, offset: int) -> list[Row]:
        """Up to ``page_size`` rows from ``offset``, in the current order."""
        raise NotImplementedError

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What ``role`` shows for ``row`` in ``column`` (None: nothing)."""
        raise NotImplementedError

    # -- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Count the list and read its first page in the current order."""
        self.beginResetModel()
        self._total = self.count_rows()
        self._rows = self.read_page(0) if self._total else []
        self._total = max(self._total, len(self._rows))
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (any personal data in them goes with them)."""
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def loaded(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt's model API ---------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if parent.isValid() or len(self._rows) >= self._total:
            return
        more = self.read_page(len(self._rows))
        if not more:  # the list shrank since it was counted
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        if len(more) < self.page_size:
            self._total = len(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else self._column_count

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self._column_count:
            return None
        return self.cell(row, index.column(), role)
