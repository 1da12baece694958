"""The portal-account flow by taps, against the real training portal on 127.0.0.1.

The one-time code is read where a citizen's SMS would be: the training
portal's ``GET /training/otp`` endpoint.
"""

from __future__ import annotations

import socket

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import AccountService, Actor
from kiosk.cases.account_notice import VNEID_URL, account_consent_notice
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, Consent, OutboxEntry
from kiosk.ui.screens.account import AccountScreen
from kiosk.ui.screens.otp import OtpScreen
from kiosk.ui.sync_worker import SyncWorker, connector_for
from sync.scheduler import SyncIntervals
from sync.training_portal.server import TrainingPortal
from tests.cases_support import CARD
from tests.ui_screen_support import (
    assert_fits,
    child,
    decode_qr,
    screenshot,
    shown_texts,
)

LEFT = Qt.MouseButton.LeftButton
CITIZEN = Actor.citizen("session-account")
QUIET = SyncIntervals(check_seconds=3600, offline_probe_seconds=3600, idle_seconds=3600)


class FakeClock:
    """Monotonic seconds that move only when the test says so (the 60 s resend wait)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def accounts(store: Store) -> AccountService:
    return AccountService(store)


def start_worker(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    config: KioskConfig,
    layout: HomeLayout,
    url: str,
) -> SyncWorker:
    worker = SyncWorker(store, catalogue, connector_for(config, layout, url), intervals=QUIET)
    with qtbot.waitSignal(worker.state_changed, timeout=15_000):
        worker.start()
    return worker


def page_button(screen: QWidget, page: str, name: str) -> QPushButton:
    button = child(screen, QWidget, f"account_{page}_page").findChild(QPushButton, name)
    assert button is not None, name
    return button


def tap_digits(qtbot: QtBot, pad_owner: QWidget, digits: str) -> None:
    """Tap the number pad keys shown on one page (each page has its own pad)."""
    for digit in digits:
        key = pad_owner.findChild(QPushButton, f"keyboard_key_{digit}")
        assert key is not None and key.isVisible()
        qtbot.mouseClick(key, LEFT)


def fill_until_consent(
    qtbot: QtBot, screen: AccountScreen, phone: str, *, shoot: bool = False
) -> None:
    qtbot.mouseClick(page_button(screen, "identity", "account_identity_next_button"), LEFT)
    assert screen.page == "phone"
    tap_digits(qtbot, child(screen, QWidget, "account_phone_page"), phone)
    assert screen.phone_input.text() == phone
    if shoot:
        screenshot(screen, "account-phone")
        assert_fits(screen, 1366, 768)
    qtbot.mouseClick(page_button(screen, "phone", "account_phone_next_button"), LEFT)
    assert screen.page == "email"
    if shoot:
        screenshot(screen, "account-email")
        assert_fits(screen, 1366, 768)
    qtbot.mouseClick(page_button(screen, "email", "account_email_skip_button"), LEFT)
    assert screen.page == "consent"


def make_screen(
    qtbot: QtBot,
    accounts: AccountService,
    config: KioskConfig,
    worker: SyncWorker | None,
    otp: OtpScreen | None = None,
) -> AccountScreen:
    screen = AccountScreen(
        accounts, config, "vi", sync_worker=worker, actor_provider=lambda: CITIZEN, otp_screen=otp
    )
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.load_card(CARD)
    return screen


def test_online_account_with_the_code_from_the_portal(
    qtbot: QtBot,
    themed: QApplication,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    accounts: AccountService,
    portal: TrainingPortal,
) -> None:
    worker = start_worker(qtbot, store, catalogue, kiosk_config, kiosk_layout, portal.url)
    clock = FakeClock()
    otp = OtpScreen(lang="vi", actor_provider=lambda: CITIZEN, clock=clock, tick_ms=20)
    screen = make_screen(qtbot, accounts, kiosk_config, worker, otp)
    assert "Nguyễn Văn An" in screen.identity_name.text()
    assert (
        "049 ••• ••• 234" in screen.identity_details.text()
        and "049090001234" not in shown_texts(screen)
    )
    screenshot(screen, "account")
    assert_fits(screen, 1366, 768)
    fill_until_consent(qtbot, screen, "0912345678", shoot=True)
    notice = account_consent_notice(kiosk_config, "vi")
    assert screen.consent_text.text() == notice.text and "mật khẩu" in notice.text
    screenshot(screen, "account-consent")
    qtbot.mouseClick(page_button(screen, "consent", "account_consent_confirm_button"), LEFT)
    qtbot.waitUntil(lambda: screen.page == "otp", timeout=15_000)
    request = accounts.get(screen.request_id or "")
    assert request.status == "pending_otp" and request.portal_request_id
    assert "0912 345 678" in otp.hint_label.text()

    # Resend waits 60 s (injected clock), then the portal's own rate limit answers plainly.
    assert not otp.resend_button.isEnabled()
    clock.now += 60
    qtbot.waitUntil(otp.resend_button.isEnabled, timeout=5_000)
    with qtbot.waitSignal(worker.account_failed, timeout=15_000):
        qtbot.mouseClick(child(otp, QPushButton, "otp_resend_button"), LEFT)
    qtbot.waitUntil(lambda: "giây" in otp.message_label.text(), timeout=5_000)

    sms = requests.get(
        f"{portal.url}/training/otp",
        params={"account_request_id": request.portal_request_id},
        timeout=10,
    ).json()
    code = str(sms["code"])
    tap_digits(qtbot, otp, code)
    assert [child(otp, QLineEdit, f"otp_digit_{i}").text() for i in range(6)] == list(code)
    screenshot(screen, "otp")
    submit = child(otp, QPushButton, "otp_submit_button")
    assert submit.isEnabled()
    qtbot.mouseClick(submit, LEFT)
    qtbot.waitUntil(lambda: screen.page == "result", timeout=15_000)
    assert screen.outcome == "confirmed"
    assert accounts.get(request.id).status == "confirmed"
    assert decode_qr(screen.vneid_qr) == [VNEID_URL]
    screenshot(screen, "account-confirmed")
    # Never a password field anywhere in the flow.
    assert not [
        edit
        for edit in screen.findChildren(QLineEdit)
        if edit.echoMode() != QLineEdit.EchoMode.Normal
    ]
    with qtbot.waitSignal(screen.finished, timeout=2000):
        qtbot.mouseClick(page_button(screen, "result", "account_finish_button"), LEFT)
    screen.reset()
    assert not any("Nguyễn" in text or "0912" in text for text in shown_texts(screen))
    assert screen.phone_input.text() == "" and otp.code == ""
    assert worker.stop(10_000)


def test_a_wrong_code_is_explained_and_cleared(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    accounts: AccountService,
    portal: TrainingPortal,
) -> None:
    worker = start_worker(qtbot, store, catalogue, kiosk_config, kiosk_layout, portal.url)
    screen = make_screen(qtbot, accounts, kiosk_config, worker)
    fill_until_consent(qtbot, screen, "0987654321")
    qtbot.mouseClick(page_button(screen, "consent", "account_consent_confirm_button"), LEFT)
    qtbot.waitUntil(lambda: screen.page == "otp", timeout=15_000)
    tap_digits(qtbot, screen.otp, "000000")
    with qtbot.waitSignal(worker.account_failed, timeout=15_000):
        qtbot.mouseClick(screen.otp.submit_button, LEFT)
    qtbot.waitUntil(lambda: bool(screen.otp.message_label.text()), timeout=5_000)
    assert screen.page == "otp" and screen.otp.code == ""
    assert not screen.otp.submit_button.isEnabled()
    # Issue 15 #13: typing the next code clears the old "wrong code" message.
    tap_digits(qtbot, screen.otp, "1")
    assert not screen.otp.message_label.isVisible()
    # "Later": the request stays at the portal; the citizen is told what to do.
    qtbot.mouseClick(child(screen.otp, QPushButton, "otp_skip_button"), LEFT)
    assert screen.page == "result" and screen.outcome == "code_later"
    assert worker.stop(10_000)


def test_offline_without_a_worker_says_the_sms_will_come(
    qtbot: QtBot,
    store: Store,
    kiosk_config: KioskConfig,
    accounts: AccountService,
) -> None:
    screen = make_screen(qtbot, accounts, kiosk_config, None)
    fill_until_consent(qtbot, screen, "0912345678")
    qtbot.mouseClick(page_button(screen, "consent", "account_consent_confirm_button"), LEFT)
    assert screen.page == "result" and screen.outcome == "queued"
    assert "quý vị sẽ nhận tin nhắn SMS" in screen.result_body.text()
    assert screen.vneid_qr.payload == VNEID_URL
    with store.sessions() as session:
        entry = session.query(OutboxEntry).filter_by(account_request_id=screen.request_id).one()
        assert entry.state == "queued"
        consent = session.query(Consent).filter_by(account_request_id=screen.request_id).one()
        assert consent.notice_text == screen.consent_text.text()
    screenshot(screen, "account-offline")


def test_offline_portal_says_the_sms_will_come(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    accounts: AccountService,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    worker = start_worker(qtbot, store, catalogue, kiosk_config, kiosk_layout, dead)
    screen = make_screen(qtbot, accounts, kiosk_config, worker)
    fill_until_consent(qtbot, screen, "0912345678")
    qtbot.mouseClick(page_button(screen, "consent", "account_consent_confirm_button"), LEFT)
    qtbot.waitUntil(lambda: screen.page == "result", timeout=15_000)
    assert screen.outcome == "queued"
    assert accounts.get(screen.request_id or "").status == "queued"
    assert worker.stop(10_000)


@pytest.mark.parametrize("phone", ["12345", "0012345678901", "02363821234"])
def test_a_wrong_phone_number_stays_on_its_page(
    qtbot: QtBot, kiosk_config: KioskConfig, accounts: AccountService, phone: str
) -> None:
    screen = make_screen(qtbot, accounts, kiosk_config, None)
    qtbot.mouseClick(page_button(screen, "identity", "account_identity_next_button"), LEFT)
    tap_digits(qtbot, child(screen, QWidget, "account_phone_page"), phone)
    qtbot.mouseClick(page_button(screen, "phone", "account_phone_next_button"), LEFT)
    assert screen.page == "phone"
    assert screen.phone_error.isVisible() and "điện thoại" in screen.phone_error.text().lower()


def test_a_wrong_email_is_refused_and_a_good_one_kept(
    qtbot: QtBot, store: Store, kiosk_config: KioskConfig, accounts: AccountService
) -> None:
    screen = make_screen(qtbot, accounts, kiosk_config, None)
    qtbot.mouseClick(page_button(screen, "identity", "account_identity_next_button"), LEFT)
    tap_digits(qtbot, child(screen, QWidget, "account_phone_page"), "0912345678")
    qtbot.mouseClick(page_button(screen, "phone", "account_phone_next_button"), LEFT)
    screen.email_input.setText("khong-co-a-còng")
    qtbot.mouseClick(page_button(screen, "email", "account_email_next_button"), LEFT)
    assert screen.page == "email" and screen.email_error.isVisible()
    screen.email_input.setText("an.nguyen@example.vn")
    qtbot.mouseClick(page_button(screen, "email", "account_email_next_button"), LEFT)
    assert screen.page == "consent"
    qtbot.mouseClick(page_button(screen, "consent", "account_consent_confirm_button"), LEFT)
    assert screen.outcome == "queued"
    with store.sessions() as session:
        request = session.get(AccountRequest, screen.request_id)
        assert request is not None and request.email == "an.nguyen@example.vn"


def test_without_a_card_the_flow_cannot_start(
    qtbot: QtBot, kiosk_config: KioskConfig, accounts: AccountService
) -> None:
    screen = make_screen(qtbot, accounts, kiosk_config, None)
    screen.load_card(None)
    assert not page_button(screen, "identity", "account_identity_next_button").isEnabled()
    with qtbot.waitSignal(screen.back_requested, timeout=2000):
        qtbot.mouseClick(page_button(screen, "identity", "account_back_button"), LEFT)


def test_every_button_is_named_and_big(
    qtbot: QtBot,
    themed: QApplication,
    kiosk_config: KioskConfig,
    accounts: AccountService,
) -> None:
    screen = make_screen(qtbot, accounts, kiosk_config, None)
    for name in ("identity", "phone", "email", "consent", "otp", "result"):
        screen.pages.setCurrentWidget(
            screen.findChild(QWidget, f"account_{name}_page") or screen.otp
        )
        QApplication.processEvents()
        page = screen.pages.currentWidget()
        assert page is not None
        for button in page.findChildren(QPushButton):
            assert button.objectName() and button.accessibleName() == button.objectName()
            if button.isVisible():
                assert button.height() >= 60, button.objectName()
        assert_fits(screen, 1366, 768)
