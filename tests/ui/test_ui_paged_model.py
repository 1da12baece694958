"""The one paged table model (kiosk/ui/paged_model.py), checked with Qt's model tester.

The work queue's and the audit log's models are checked over real SQL in
tests/ui/test_ui_staff_queue.py and tests/ui/test_ui_staff_admin.py; here the
paging itself, over a list that changes under it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from kiosk.ui.paged_model import PagedTableModel


class Numbers(PagedTableModel[int]):
    """Rows 0..n-1, two columns: the number and its square."""

    def __init__(self, rows: int, page_size: int) -> None:
        super().__init__(2, page_size)
        self.rows = list(range(rows))
        self.pages_read: list[int] = []

    def count_rows(self) -> int:
        return len(self.rows)

    def read_page(self, offset: int) -> list[int]:
        self.pages_read.append(offset)
        return self.rows[offset : offset + self.page_size]

    def cell(self, row: int, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(row if column == 0 else row * row)


def test_pages_are_read_only_when_asked(qtmodeltester: ModelTester) -> None:
    model = Numbers(rows=25, page_size=10)
    assert model.rowCount() == 0 and model.total() == 0
    model.reload()
    assert (model.loaded(), model.total(), model.pages_read) == (10, 25, [0])
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert (model.loaded(), model.pages_read) == (25, [0, 10, 20])
    assert not model.canFetchMore()
    assert model.data(model.index(24, 1)) == "576"
    qtmodeltester.check(model, force_py=True)


def test_the_guard_in_data_and_a_list_that_shrank(qtmodeltester: ModelTester) -> None:
    model = Numbers(rows=25, page_size=10)
    model.reload()
    assert model.data(model.index(10, 0)) is None  # not loaded yet
    assert model.data(QModelIndex()) is None
    assert model.row_at(-1) is None and model.row_at(10) is None
    del model.rows[12:]  # rows deleted since the count
    model.fetchMore()
    model.fetchMore()
    assert (model.loaded(), model.total()) == (12, 12)
    assert not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)


def test_an_empty_model_passes_the_tester(qtmodeltester: ModelTester) -> None:
    model = Numbers(rows=3, page_size=10)
    model.reload()
    model.clear()
    assert model.rowCount() == 0 and model.total() == 0
    qtmodeltester.check(model, force_py=True)
