"""Issue 14, finding 4: the staff "Today" panel says what a restore recovered and lost."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from kiosk.store.acknowledged import LAST_PORTAL_CHECK
from kiosk.store.database import Store, set_meta_value
from kiosk.ui.staff.today import TodayPanel


def test_the_today_panel_names_what_the_portal_check_recovered_and_lost(
    qtbot: QtBot, store: Store
) -> None:
    summary = {
        "at": "2026-12-06T09:00:00",
        "cause": "restore",
        "portal_count": 30,
        "recovered": [f"20551-261206-01-{n:04d}-X" for n in range(21, 31)],
        "lost": ["20551-261206-01-0031-Y"],
    }
    with store.sessions.begin() as session:
        set_meta_value(session, LAST_PORTAL_CHECK, json.dumps(summary))
    panel = TodayPanel(store)
    qtbot.addWidget(panel)
    label = panel.health_label
    assert label.objectName() == "today_health_label" and label.isHidden()
    panel.refresh()
    qtbot.waitUntil(lambda: bool(label.text()), timeout=5000)
    assert "khôi phục được 10 hồ sơ" in label.text()
    assert "mất 1 hồ sơ" in label.text() and "20551-261206-01-0031-Y" in label.text()
    assert not label.isHidden()


def test_the_today_panel_tells_the_volunteers_about_the_printer(qtbot: QtBot, store: Store) -> None:
    """Issue 15 #13: "printer not set up" is the volunteers' news, not the citizen's alarm."""
    from kiosk.ui.printing import list_printers
    from kiosk.volunteers.printer_health import printer_health

    panel = TodayPanel(store, device_health=lambda: printer_health("", list_printers()))
    qtbot.addWidget(panel)
    label = panel.health_label
    panel.refresh()
    qtbot.waitUntil(lambda: bool(label.text()), timeout=5000)
    assert "chưa được cài đặt máy in" in label.text() and "Cài đặt" in label.text()
    assert not label.isHidden()
