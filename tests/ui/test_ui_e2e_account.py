"""The portal-account flow through the kiosk window, by taps, with the training portal.

Welcome -> scan the card -> "is this you?" -> identity -> phone on the number
pad -> no email -> consent -> the sync worker pushes the request to a real
training portal on 127.0.0.1 -> the one-time code (read from the training
portal's ``/training/otp`` endpoint, standing in for the citizen's SMS) typed
on the code page -> confirmed -> Finish back to the welcome screen.
"""

from __future__ import annotations

import requests
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.number_pad import NumberPad
from kiosk.ui.sync_worker import SyncWorker, connector_for
from sync.connection import training_codes
from sync.scheduler import SyncIntervals
from sync.training_portal.server import TrainingPortal
from tests.ui_shell_support import EXAMPLE_1, EXAMPLE_NAME, all_texts, build_kiosk, find, scan, tap

QUIET = SyncIntervals(check_seconds=3600, offline_probe_seconds=3600, idle_seconds=3600)


def visible_panels(window: QWidget, kind: type[QWidget]) -> int:
    """How many keyboards (or number pads) of ``kind`` the citizen sees at once."""
    return sum(1 for panel in window.findChildren(kind) if panel.isVisible())


def tap_on_page(qtbot: QtBot, window: QWidget, page: str, name: str) -> None:
    tap(qtbot, find(window, f"account_{page}_page"), name)


def test_portal_account_from_welcome_with_the_one_time_code(
    qtbot: QtBot, store: Store, portal: TrainingPortal
) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    config = kiosk.services.config
    worker = SyncWorker(
        store,
        kiosk.services.catalogue,
        connector_for(config, store.layout, portal.url),
        intervals=QUIET,
    )
    controller.attach_sync_worker(worker)
    # What kiosk/ui/application does when it starts the embedded training portal.
    controller.attach_training_codes(training_codes(portal, kiosk.services.account_service))
    with qtbot.waitSignal(worker.state_changed, timeout=15_000):
        worker.start()
    try:
        tap(qtbot, window, "welcome_account_button")
        assert not find(window, "scan_manual_button").isVisible()
        scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
        tap(qtbot, window, "scan_confirm_button")
        assert controller.current_screen_name() == "account"
        account = controller.screen("account")
        assert EXAMPLE_NAME in account.identity_name.text()  # type: ignore[attr-defined]

        tap_on_page(qtbot, window, "identity", "account_identity_next_button")
        phone_page = find(window, "account_phone_page")
        assert visible_panels(window, NumberPad) == 1  # issue 15 #3: one pad, not two
        assert visible_panels(window, OnScreenKeyboard) == 0
        for digit in "0912345678":
            tap(qtbot, phone_page, f"keyboard_key_{digit}")
        tap_on_page(qtbot, window, "phone", "account_phone_next_button")
        assert visible_panels(window, OnScreenKeyboard) == 1
        assert visible_panels(window, NumberPad) == 0
        tap_on_page(qtbot, window, "email", "account_email_skip_button")
        tap_on_page(qtbot, window, "consent", "account_consent_confirm_button")
        qtbot.waitUntil(lambda: account.page == "otp", timeout=15_000)  # type: ignore[attr-defined]

        request = kiosk.services.account_service.get(account.request_id or "")  # type: ignore[attr-defined]
        sms = requests.get(
            f"{portal.url}/training/otp",
            params={"account_request_id": request.portal_request_id},
            timeout=10,
        ).json()
        otp = account.otp  # type: ignore[attr-defined]
        assert visible_panels(window, NumberPad) <= 1
        # Issue 15 #8: in training mode the code is on screen, marked as training.
        shown = find(window, "otp_training_code_label")
        assert shown.isVisible()
        assert "TẬP HUẤN" in shown.text() and str(sms["code"]) in shown.text()  # type: ignore[attr-defined]
        for digit in str(sms["code"]):
            tap(qtbot, otp, f"keyboard_key_{digit}")
        tap(qtbot, otp, "otp_submit_button")
        qtbot.waitUntil(lambda: account.page == "result", timeout=15_000)  # type: ignore[attr-defined]
        assert kiosk.services.account_service.get(request.id).status == "confirmed"
        said = find(window, "account_result_body").text()  # type: ignore[attr-defined]
        assert "đã có tài khoản" in said and "0912" in said and "dichvucong.gov.vn" in said

        tap_on_page(qtbot, window, "result", "account_finish_button")
        assert controller.current_screen_name() == "welcome"
        assert controller.session.card is None
        assert not any(EXAMPLE_NAME in text or "0912" in text for text in all_texts(window))
    finally:
        assert worker.stop(10_000)
