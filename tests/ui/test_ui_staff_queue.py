"""The work queue's table model: a well-behaved Qt model, paged and sorted in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.cases import Actor, CaseService
from kiosk.cases.clock import day_bounds_utc, local_date, system_clock
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.store.models import Case
from kiosk.ui.staff.queue import COLUMNS, WorkQueueModel, WorkQueuePanel
from kiosk.volunteers import QueueRow, WorkQueue
from tests.ui_shell_support import catalogue

PROCEDURES = ("birth", "death", "marital_status", "residence_ct01")


class CountingQueue(WorkQueue):
    """The real queue, remembering each page asked for (to see the SQL calls)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store, catalogue())
        self.pages: list[dict[str, Any]] = []

    def page(self, kind: Any, **options: Any) -> list[QueueRow]:
        self.pages.append({"kind": kind, **options})
        return super().page(kind, **options)


def make_drafts(store: Store, count: int) -> list[str]:
    service = CaseService(store, catalogue(), KioskConfig())
    ids = [
        service.start_case(PROCEDURES[index % len(PROCEDURES)], Actor.citizen(f"s{index}")).id
        for index in range(count)
    ]
    # Spread the drafts over the ward office's today (UTC+7) so that "updated" orders
    # them: from its first second, not "now minus N minutes", which just after the
    # office's midnight (17:00 UTC, when CI once ran it) fell on the day before.
    start, _end = day_bounds_utc(local_date(system_clock()))
    with store.sessions.begin() as session:
        for index, case_id in enumerate(ids):
            session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(updated_at=start + dt.timedelta(seconds=index))
            )
    return ids


def test_the_queue_model_passes_the_model_tester(qtmodeltester: ModelTester, store: Store) -> None:
    make_drafts(store, 23)
    model = WorkQueueModel(CountingQueue(store), page_size=10)
    model.reload()
    assert model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 23 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_pages_are_fetched_only_as_the_view_needs_them(store: Store) -> None:
    ids = make_drafts(store, 25)
    queue = CountingQueue(store)
    model = WorkQueueModel(queue, page_size=10)
    model.reload()
    assert [(p["offset"], p["limit"]) for p in queue.pages] == [(0, 10)]
    assert model.total() == 25 and model.loaded() == 10
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [p["offset"] for p in queue.pages] == [0, 10, 20]
    # Newest change first by default, every draft exactly once.
    shown = [model.data(model.index(row, 0), Qt.ItemDataRole.UserRole) for row in range(25)]
    assert shown == list(reversed(ids))


def test_sorting_by_a_column_asks_sql_for_a_new_first_page(store: Store) -> None:
    make_drafts(store, 12)
    queue = CountingQueue(store)
    model = WorkQueueModel(queue, page_size=5)
    model.reload()
    procedure_column = [key for key, _ in COLUMNS].index("procedure")
    queue.pages.clear()
    model.sort(procedure_column, Qt.SortOrder.AscendingOrder)
    assert queue.pages == [
        {
            "kind": "drafts_today",
            "sort_by": "procedure",
            "descending": False,
            "limit": 5,
            "offset": 0,
        }
    ]
    titles = [model.data(model.index(row, procedure_column)) for row in range(model.rowCount())]
    assert titles[0] == "Đăng ký khai sinh"  # Vietnamese dictionary order, first page
    # The citizen's name is sealed in the database: that column keeps the order.
    queue.pages.clear()
    model.sort([key for key, _ in COLUMNS].index("citizen"), Qt.SortOrder.AscendingOrder)
    assert queue.pages == []


def test_clicking_a_header_sorts_through_the_model(qtbot: QtBot, store: Store) -> None:
    make_drafts(store, 6)
    queue = CountingQueue(store)
    panel = WorkQueuePanel(queue)
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.refresh()
    queue.pages.clear()
    status_column = [key for key, _ in COLUMNS].index("status")
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(status_column) + 10, 10),
    )
    assert queue.pages and queue.pages[-1]["sort_by"] == "status"
    assert queue.pages[-1]["offset"] == 0
    # The open button needs a selected, editable case.
    assert not panel.open_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.open_button.isEnabled()
    with qtbot.waitSignal(panel.case_open_requested) as opened:
        panel.open_button.click()
    assert opened.args == [panel.model.row_at(0).case_id]  # type: ignore[union-attr]
    panel.reset()
    assert panel.model.rowCount() == 0
