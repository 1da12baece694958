"""Start-up work waits for the welcome screen's first paint, and still happens.

The sync thread (with the retention run at its first check) starts from
:func:`kiosk.ui.first_paint.after_first_paint`; without a sync thread the
retention run gets a thread of its own (:func:`start_retention_thread`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.application import start_retention_thread
from kiosk.ui.first_paint import after_first_paint
from tests.cases_support import CARD


def test_the_callback_runs_once_after_the_first_paint(qtbot: QtBot, qapp: QApplication) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(200, 100)
    calls: list[bool] = []
    after_first_paint(widget, lambda: calls.append(widget.isVisible()))
    qapp.processEvents()
    assert calls == [], "nothing painted yet: the callback must wait"
    widget.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    widget.repaint()
    widget.update()
    qtbot.waitExposed(widget)
    qapp.processEvents()
    assert calls == [True], "once, not at every paint"


def test_the_retention_thread_expires_an_old_draft_off_the_gui_thread(
    qtbot: QtBot, store: Store, catalogue: Catalogue, kiosk_config: KioskConfig
) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    service = CaseService(store, catalogue, kiosk_config, clock=lambda: long_ago)
    draft = service.start_case("birth", Actor.citizen("s1"), card=CARD).id
    thread = start_retention_thread(store, kiosk_config)
    assert thread.name == "retention" and thread.daemon
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=30_000)
    case = service.get(draft)
    assert case.status == "expired" and case.answers == {}
