"""Issue 15 #2: a disabled main button looks disabled in every theme, and a tap says why.

Every button of the citizen flow (and the staff PIN pad) that can be switched off
uses the one helper, ``kiosk.ui.widgets.explain_when_disabled``. Each case below
renders the real button with ``QWidget.grab()`` enabled and disabled under the
kiosk's fonts and each theme, compares the pixels, then taps the disabled button
with a real mouse click and reads the message it brought up. (The wizard's
"Tiếp tục", the review's "Xác nhận" and the look-up's search are never disabled:
they check on tap and say what is missing; the last test checks they stay enabled.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import AccountService, Actor, CaseService
from kiosk.config import FeeAccount, KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.screens.account import AccountScreen
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.payment import PaymentScreen
from kiosk.ui.staff.sign_in import SignInScreen
from kiosk.ui.theme import apply_theme
from tests.cases_support import CARD
from tests.ui_screen_support import child, submitted_birth
from tests.ui_shell_support import find, tap
from tests.ui_staff_support import build_staff_kiosk, make_accounts, type_pin

LEFT = Qt.MouseButton.LeftButton
THEMES = [(False, False), (True, False), (False, True)]  # normal, high contrast, large text
THEME_IDS = ["normal", "high_contrast", "large_text"]


def _pixels(widget: QWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    height, stride = image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    rows = raw.reshape(height, stride)[:, : image.width() * 4]
    return rows.reshape(height, -1, 4)[..., :3].copy()  # the image's memory goes with it


def changed_share(before: np.ndarray, after: np.ndarray) -> float:
    """The share of pixels whose colour moved by more than a faint anti-aliasing step."""
    assert before.shape == after.shape
    moved = np.abs(before.astype(int) - after.astype(int)).sum(axis=2) > 60
    return float(moved.mean())


@dataclass
class Case:
    """One switched-off button: how to switch it off and on, and what a tap must say."""

    button: QPushButton
    switch_off: Callable[[], None]
    switch_on: Callable[[], None]
    message: Callable[[], QLabel]
    says: str


@pytest.fixture(params=THEMES, ids=THEME_IDS)
def theme(request: pytest.FixtureRequest, restore_app_look: QApplication) -> Iterator[None]:
    high_contrast, large_text = request.param
    family = load_kiosk_fonts().family
    apply_theme(restore_app_look, high_contrast, large_text, font_family=family)
    yield


def _account_case(qtbot: QtBot, store: Store, config: KioskConfig) -> Case:
    screen = AccountScreen(
        AccountService(store), config, "vi", actor_provider=lambda: Actor.citizen("s")
    )
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return Case(
        child(screen, QPushButton, "account_identity_next_button"),
        lambda: screen.load_card(None),
        lambda: screen.load_card(CARD),
        lambda: child(screen, QLabel, "account_identity_error"),
        "quét thẻ căn cước",
    )


def _payment_case(qtbot: QtBot, store: Store, catalogue: Catalogue) -> Case:
    config = KioskConfig(
        key_store="file",
        fees=FeeAccount(bank_bin="970436", account="0011001234567", account_name="KBNN Điện Bàn"),
    )
    service = CaseService(store, catalogue, config)
    case_id = submitted_birth(service)
    screen = PaymentScreen(service, config, "vi")
    qtbot.addWidget(screen)
    screen.load_case(case_id)
    screen.volunteer_id = 7
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return Case(
        child(screen, QPushButton, "paid_cash_button"),
        lambda: qtbot.mouseClick(child(screen, QPushButton, "paid_cash_button"), LEFT),
        lambda: screen.load_case(submitted_birth(service)),
        lambda: screen.recorded_label,
        "đã được ghi nhận",
    )


def _done_case(qtbot: QtBot, store: Store, catalogue: Catalogue) -> Case:
    config = KioskConfig(key_store="file")
    service = CaseService(store, catalogue, config)
    case_id = submitted_birth(service)
    release = threading.Event()

    def slow_printer(_pdf: bytes) -> None:  # a printer still busy with the receipt
        release.wait(30)

    screen = DoneScreen(service, config, catalogue, "vi", print_function=slow_printer)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)

    running: list[bool] = [False]

    def printing() -> None:
        release.clear()
        screen.show_result(case_id)
        running[0] = True

    def printed() -> None:
        if running[0]:
            with qtbot.waitSignal(screen.printer.finished, timeout=30_000):
                release.set()
            running[0] = False

    return Case(
        child(screen, QPushButton, "reprint_button"),
        printing,
        printed,
        lambda: screen.print_label,
        "bấm lại",
    )


def _check(qtbot: QtBot, case: Case) -> None:
    case.switch_on()
    assert case.button.isEnabled()
    enabled = _pixels(case.button)
    case.switch_off()
    assert not case.button.isEnabled()
    disabled = _pixels(case.button)
    share = changed_share(enabled, disabled)
    assert share > 0.02, f"{case.button.objectName()}: disabled looks like enabled ({share:.1%})"
    qtbot.mouseClick(case.button, LEFT)
    message = case.message()
    assert message.isVisible(), f"a tap on a disabled {case.button.objectName()} said nothing"
    assert case.says in message.text().lower()


def test_portal_account_next(
    qtbot: QtBot, theme: None, store: Store, kiosk_config: KioskConfig
) -> None:
    _check(qtbot, _account_case(qtbot, store, kiosk_config))


def test_payment_recorded(qtbot: QtBot, theme: None, store: Store, catalogue: Catalogue) -> None:
    _check(qtbot, _payment_case(qtbot, store, catalogue))


def test_done_reprint_while_printing(
    qtbot: QtBot, theme: None, store: Store, catalogue: Catalogue
) -> None:
    case = _done_case(qtbot, store, catalogue)
    case.switch_off()  # the first print: the button is enabled once it is over
    _check(qtbot, case)
    case.switch_on()  # let the blocked job end before the screen goes


def test_staff_pin_pad_locked(qtbot: QtBot, theme: None, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "volunteer_button")
    tap(qtbot, window, f"volunteer_{lan.id}")
    screen = window.findChild(SignInScreen, "sign_in_screen")
    assert screen is not None
    for name in ("pin_submit_button", "pin_digit_1"):
        button = find(window, name, QPushButton)
        enabled = _pixels(button)
        screen.pad.set_enabled(False)
        share = changed_share(enabled, _pixels(button))
        screen.pad.set_enabled(True)
        assert share > 0.02, f"{name}: disabled looks like enabled ({share:.1%})"
    for _attempt in range(5):
        type_pin(qtbot, window, "9071")
    error = find(window, "sign_in_error_label", QLabel)
    submit = find(window, "pin_submit_button", QPushButton)
    assert not submit.isEnabled() and "tạm khoá" in error.text()
    error.clear()  # a tap brings the reason back, whatever the label showed
    qtbot.mouseClick(submit, LEFT)
    assert error.isVisible() and "tạm khoá" in error.text()


def test_buttons_that_check_on_tap_are_never_switched_off() -> None:
    """Wizard next, review confirm and look-up search say what is missing when tapped."""
    from pathlib import Path

    screens = Path(__file__).parents[2] / "kiosk" / "ui" / "screens"
    for module in ("wizard.py", "review.py", "lookup.py"):
        text = (screens / module).read_text(encoding="utf-8")
        assert "setEnabled(False)" not in text and ".setEnabled(" not in text, module
