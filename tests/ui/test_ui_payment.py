"""The fee screen: amount in figures and words, a VietQR that a banking app can read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.config import FeeAccount, KioskConfig
from kiosk.identity.qr_decode import decode_qr_from_image
from kiosk.paths import asset_dir
from kiosk.payments import parse_vietqr
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.qr import QrLabel
from kiosk.ui.screens.payment import PaymentScreen
from kiosk.ui.theme import apply_theme
from tests.cases.test_cases_service import CARD, birth_answers

CITIZEN = Actor.citizen("session-ui-c")
NOTICE = ConsentNotice("Đăng ký khai sinh", "Tôi đồng ý cho UBND phường xử lý dữ liệu.", "vi")
SCREEN_SIZES = ((1366, 768), (1920, 1080))
LEFT = Qt.MouseButton.LeftButton


# -- helpers shared by the UI tests of the payment, done and account screens ------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(asset_dir() / "procedures")


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The kiosk's fonts and normal theme, as the app applies them; undone afterwards."""
    family = load_kiosk_fonts().family
    apply_theme(qapp, high_contrast=False, large_text=False, font_family=family)
    yield qapp
    qapp.setStyleSheet("")


def submitted_birth(service: CaseService) -> str:
    """A birth registration with two extract copies: 16.000 đồng."""
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answers(case.id, birth_answers(True))
    service.submit(case.id, CITIZEN, NOTICE)
    return case.id


def decode_qr(label: QrLabel) -> list[str]:
    """Read back the QR drawn on screen, as a phone camera would."""
    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    pixels = buffer.reshape(height, stride)[:, :width].copy()
    return decode_qr_from_image(pixels)


THEME_VARIANTS = (
    ("vi", False, False),
    ("vi-high-contrast", True, False),
    ("vi-large-text", False, True),
)


def screenshot(widget: QWidget, name: str) -> None:
    """Save ``widget`` at both screen sizes and in every theme into $KIOSK_SCREENSHOT_DIR.

    Does nothing when the variable is unset; leaves the normal theme applied.
    """
    folder = os.environ.get("KIOSK_SCREENSHOT_DIR")
    app = QApplication.instance()
    if not folder or not isinstance(app, QApplication):
        return
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    family = load_kiosk_fonts().family
    widget.show()
    for variant, high_contrast, large_text in THEME_VARIANTS:
        apply_theme(app, high_contrast=high_contrast, large_text=large_text, font_family=family)
        for width, height in SCREEN_SIZES:
            widget.resize(width, height)
            # Twice: scroll areas settle their scroll bars one event round later.
            QApplication.processEvents()
            QApplication.processEvents()
            widget.grab().save(str(target / f"{name}-{variant}-{width}x{height}.png"))
    apply_theme(app, high_contrast=False, large_text=False, font_family=family)
    QApplication.processEvents()


def _scrolled(child: QWidget, top: QWidget) -> bool:
    """True inside a scroll area: such content may be taller than the screen."""
    parent = child.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(widget: QWidget, width: int, height: int) -> None:
    """At this size, every visible child lies inside the screen and no text is cut off."""
    widget.resize(width, height)
    widget.show()
    QApplication.processEvents()
    QApplication.processEvents()
    assert widget.size().width() == width and widget.size().height() == height
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or _scrolled(child, widget):
            continue
        bottom_right = child.mapTo(widget, child.rect().bottomRight())
        assert widget.rect().contains(bottom_right), child.objectName()
        if isinstance(child, QLabel) and child.wordWrap() and child.text():
            assert child.heightForWidth(child.width()) <= child.height() + 1, child.objectName()
        if isinstance(child, QScrollArea) and child.objectName() != "account_consent_scroll":
            # At the normal text size nothing needs scrolling (larger text may).
            assert not child.verticalScrollBar().isVisible(), child.objectName()


def shown_texts(widget: QWidget) -> list[str]:
    return [
        child.text()
        for child in widget.findChildren(QLabel) + widget.findChildren(QPushButton)
        if child.text()
    ]


# -- the payment screen -------------------------------------------------------------------


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
    assert "KBNN Dien Ban" in screen.account_label.text()
    assert not screen.findChild(QWidget, "payment_volunteer_row").isVisibleTo(screen)
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
    row = screen.findChild(QWidget, "payment_volunteer_row")
    assert row.isVisible()
    target = screen.findChild(QPushButton, button)
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
        qtbot.mouseClick(screen.findChild(QPushButton, "payment_continue_button"), LEFT)
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
    assert screen.findChild(QPushButton, "payment_continue_button").isEnabled()


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
