"""The kiosk runs the retention job when it starts, after the welcome screen has painted.

Start-up (``kiosk.app.prepare``) no longer runs it before the window exists: a retention
run over a large store must not delay what the citizen sees first. The app starts the
sync thread after the first paint (``kiosk.ui.application.start_background_sync``),
and that thread runs the job at its first check. This test starts that real thread,
with the embedded training portal, over a home holding a draft past its expiry.
"""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from kiosk.admin.retention import retention_due
from kiosk.app import prepare
from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import open_store
from kiosk.ui.application import start_background_sync
from tests.ui_shell_support import build_kiosk

CARD = "048190001111||Phạm Thị Hồng Nhung|01021990|Nữ|Tổ 9, Phường Hòa Khánh, Đà Nẵng|10082025"


def test_a_draft_past_its_expiry_is_expired_after_the_first_paint(
    qtbot: QtBot, kiosk_layout: HomeLayout, catalogue: Catalogue
) -> None:
    store = open_store(kiosk_layout, KioskConfig(key_store="file"))
    try:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
        service = CaseService(store, catalogue, KioskConfig(), clock=lambda: long_ago)
        draft = service.start_case(
            "birth", Actor.citizen("retention-test"), card=parse_id_card_qr(CARD)
        ).id
    finally:
        store.close()

    config, started = prepare(kiosk_layout)
    try:
        cases = CaseService(started, catalogue, config)
        assert cases.get(draft).status == "draft", "prepare() leaves retention for later"
        assert retention_due(started)
        kiosk = build_kiosk(qtbot, started, config)
        stop = start_background_sync(kiosk.controller, kiosk.services)
        try:
            # The run records itself as the last run once its work is done.
            qtbot.waitUntil(lambda: not retention_due(started), timeout=60_000)
            assert cases.get(draft).status == "expired"
        finally:
            stop()
    finally:
        started.close()
