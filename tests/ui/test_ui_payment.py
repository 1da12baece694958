"""The fee screen: amount in figures and words, a VietQR that a banking app can read."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import CaseService
from kiosk.config import FeeAccount, KioskConfig
from kiosk.payments import parse_vietqr
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.screens.payment import PaymentScreen
from tests.ui_screen_support import (
    assert_fits,
    child,
    decode_qr,
    screenshot,
    shown_texts,
    submitted_birth,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def config() -> KioskConfig:
    return KioskConfig(
        key_store="file",
        fees=FeeAccount(bank_bin="970436", account="0011001234567", account_name="KBNN Điện Bàn"),
    )


@pytest.fixture
def service(store: Store, catalogue: Catalogue, config: KioskConfig) -> CaseService:
    return CaseService(store, catalogue, config)


def test_amount_in_figures_and_words_and_a_readable_vietqr(
    qtbot: QtBot, themed: QApplication, service: CaseService, config: KioskConfig
) -> None:
    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference
    screen = PaymentScreen(service, config, "vi")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    assert screen.amount_label.text() == "16.000\u00a0₫"
    assert screen.words_label.text() == "(Mười sáu nghìn đồng)"
    (payload,) = decode_qr(screen.qr_label)
    assert payload == screen.qr_label.payload
    data = parse_vietqr(payload)
    assert data["amount"] == 16_000
    assert data["bank_bin"] == "970436" and data["account"] == "0011001234567"
    assert data["bill_number"] == reference
    assert (data["purpose"] or "").startswith("LE PHI ")
    assert screen.qr_label.width() >= 300  # big enough to scan from arm's length
    assert "KBNN Điện Bàn" in screen.account_label.text()  # diacritics kept on screen
    assert not child(screen, QWidget, "payment_volunteer_row").isVisibleTo(screen)
    screenshot(screen, "payment")


def test_english_amount_in_words(qtbot: QtBot, service: CaseService, config: KioskConfig) -> None:
    case_id = submitted_birth(service)
    screen = PaymentScreen(service, config, "en")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    assert screen.amount_label.text() == "16,000\u00a0₫"
    assert screen.words_label.text() == "(Sixteen thousand dong)"
    screen.set_language("vi")
    assert screen.words_label.text() == "(Mười sáu nghìn đồng)"


@pytest.mark.parametrize(
    ("button", "method"), [("paid_cash_button", "cash"), ("paid_transfer_button", "transfer")]
)
def test_a_volunteer_records_the_payment(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    config: KioskConfig,
    button: str,
    method: str,
) -> None:
    case_id = submitted_birth(service)
    screen = PaymentScreen(service, config, "vi")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    screen.volunteer_id = 7
    screen.show()
    row = child(screen, QWidget, "payment_volunteer_row")
    assert row.isVisible()
    target = child(screen, QPushButton, button)
    assert target.height() >= 60
    qtbot.mouseClick(target, LEFT)
    assert service.get(case_id).payment_method == method
    assert not target.isEnabled()
    assert screen.recorded_label.isVisible() and screen.recorded_label.text()
    if method == "cash":
        screenshot(screen, "payment-volunteer")
        assert_fits(screen, 1366, 768)


def test_continue_emits_finished_and_reset_clears(
    qtbot: QtBot, service: CaseService, config: KioskConfig
) -> None:
    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference or ""
    screen = PaymentScreen(service, config, "vi")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    with qtbot.waitSignal(screen.finished, timeout=2000):
        qtbot.mouseClick(child(screen, QPushButton, "payment_continue_button"), LEFT)
    screen.reset()
    assert screen.qr_label.payload == "" and screen.qr_label.pixmap().isNull()
    assert not any("16.000" in text or reference in text for text in shown_texts(screen))


def test_a_misconfigured_account_is_explained_not_crashed(
    qtbot: QtBot, service: CaseService, config: KioskConfig
) -> None:
    case_id = submitted_birth(service)
    broken = replace(config, fees=FeeAccount(bank_bin="97", account="0011"))
    screen = PaymentScreen(service, broken, "vi")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    assert "Mã ngân hàng" in screen.problem_label.text()
    assert not screen.qr_label.isVisibleTo(screen)
    assert child(screen, QPushButton, "payment_continue_button").isEnabled()


def test_every_button_is_named_and_big(
    qtbot: QtBot, themed: QApplication, service: CaseService, config: KioskConfig
) -> None:
    screen = PaymentScreen(service, config, "vi")
    qtbot.addWidget(screen)
    screen.load_case(submitted_birth(service))
    screen.volunteer_id = 3
    screen.resize(1366, 768)
    screen.show()
    for button in screen.findChildren(QPushButton):
        assert button.objectName() and button.accessibleName() == button.objectName()
        assert button.height() >= 60
