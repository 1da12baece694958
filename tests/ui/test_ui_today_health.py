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
