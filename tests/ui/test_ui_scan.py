"""The scan screen: wedge scans, "is this you?", friendly errors, no-card fallback, privacy."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig, PortalSettings
from kiosk.identity import IdCard, mask_id_number
from kiosk.store.database import Store
from kiosk.store.models import Case, Citizen
from kiosk.ui.screens.scan import ScanScreen
from tests.ui_shell_support import (
    EXAMPLE_1,
    EXAMPLE_NAME,
    all_texts,
    build_kiosk,
    find,
    scan,
    send_wedge_burst,
    tap,
)


@pytest.fixture
def screen(qtbot: QtBot) -> ScanScreen:
    widget = ScanScreen(camera_check=False)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_mask_keeps_only_the_ends() -> None:
    assert mask_id_number("049090001234") == "049 ••• ••• 234"
    assert mask_id_number("12345") == "•••••"


def test_scan_shows_the_card_and_confirm_hands_it_out(qtbot: QtBot, screen: ScanScreen) -> None:
    scan(qtbot, screen, EXAMPLE_1, lambda: screen.confirm_button.isVisible())
    assert find(screen, "scan_name_value", QLabel).text() == EXAMPLE_NAME
    assert find(screen, "scan_birth_value", QLabel).text() == "15/03/1990"
    assert find(screen, "scan_id_number_value", QLabel).text() == "049 ••• ••• 234"
    assert not any("049090001234" in text for text in all_texts(screen))
    with qtbot.waitSignal(screen.card_confirmed) as blocker:
        tap(qtbot, screen, "scan_confirm_button")
    card = blocker.args[0]
    assert isinstance(card, IdCard)
    assert card.id_number == "049090001234"
    assert screen.pending_card is None
    assert not any(EXAMPLE_NAME in text for text in all_texts(screen))


def test_retry_forgets_the_card(qtbot: QtBot, screen: ScanScreen) -> None:
    scan(qtbot, screen, EXAMPLE_1, lambda: screen.confirm_button.isVisible())
    with qtbot.assertNotEmitted(screen.card_confirmed):
        tap(qtbot, screen, "scan_retry_button")
    assert screen.pending_card is None
    assert screen.pages.currentWidget() is screen.waiting_page
    assert not any(EXAMPLE_NAME in text for text in all_texts(screen))


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (EXAMPLE_1.replace("15031990", "31021990"), "ngày sinh"),
        ("HS-2026-ABCDEFG", "QR"),
        ("😀" * 20, "QR"),
        ("a|b|c|d|e|f|g|h", "QR"),
    ],
)
def test_unusable_scans_get_a_big_vietnamese_message(
    qtbot: QtBot, screen: ScanScreen, payload: str, words: str
) -> None:
    scan(qtbot, screen, payload, lambda: screen.error_label.isVisible())
    message = screen.error_label.text()
    assert message and words.lower() in message.lower()
    assert screen.pending_card is None
    assert screen.pages.currentWidget() is screen.waiting_page
    # The next good scan clears the message.
    scan(qtbot, screen, EXAMPLE_1, lambda: screen.confirm_button.isVisible())
    assert not screen.error_label.isVisible()


def test_keys_are_not_watched_once_the_screen_is_hidden(qtbot: QtBot, screen: ScanScreen) -> None:
    screen.hide()
    with qtbot.assertNotEmitted(screen.scan_filter.card_scanned, wait=200):
        send_wedge_burst(screen, EXAMPLE_1)
    assert screen.pending_card is None


def test_camera_button_hidden_without_a_camera(qtbot: QtBot) -> None:
    from kiosk.ui.camera_scanner import camera_available

    widget = ScanScreen()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.camera_button.isVisible() == camera_available()


def test_camera_payload_goes_through_the_same_checks(qtbot: QtBot, screen: ScanScreen) -> None:
    screen.on_camera_payload("not a card")
    assert screen.error_label.isVisible()
    screen.on_camera_payload(EXAMPLE_1)
    assert screen.pending_card is not None


def test_no_card_button_continues_without_a_card(qtbot: QtBot, screen: ScanScreen) -> None:
    with qtbot.waitSignal(screen.manual_requested):
        tap(qtbot, screen, "scan_manual_button")
    screen.set_manual_allowed(False)
    assert not find(screen, "scan_manual_button", QPushButton).isVisible()


def test_nothing_is_stored_before_a_case_starts(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    tap(qtbot, window, "scan_confirm_button")
    assert controller.current_screen_name() == "catalogue"
    assert isinstance(controller.session.card, IdCard)
    with store.sessions() as session:
        assert session.query(Citizen).count() == 0
        assert session.query(Case).count() == 0


def test_training_mode_offers_sample_cards_that_fill_the_scan(qtbot: QtBot, store: Store) -> None:
    """Issue 15 #11: practise the scan without a scanner; the same path as a real scan."""
    kiosk = build_kiosk(qtbot, store)  # the default configuration is training mode
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "welcome_submit_button")
    caption = find(window, "scan_samples_caption")
    assert caption.isVisible() and "TẬP HUẤN" in caption.text()  # type: ignore[attr-defined]
    button = find(window, "scan_sample_card_woman", QPushButton)
    assert button.text() == "Lê Thị Mai\n(nữ, 1992)"
    tap(qtbot, window, "scan_sample_card_woman")
    assert controller.scan.confirm_button.isVisible()
    tap(qtbot, window, "scan_confirm_button")
    card = controller.session.card
    assert isinstance(card, IdCard) and card.full_name == "Lê Thị Mai" and card.sex == "Nữ"
    assert controller.current_screen_name() == "catalogue"


def test_live_mode_has_no_sample_cards(qtbot: QtBot, store: Store) -> None:
    live = KioskConfig(key_store="file", mode="live", portal=PortalSettings(url="https://p.vn"))
    kiosk = build_kiosk(qtbot, store, live)
    tap(qtbot, kiosk.window, "welcome_submit_button")
    assert kiosk.window.findChild(QPushButton, "scan_sample_card_woman") is None
    assert not kiosk.controller.scan.samples_box.isVisible()
