"""The keyboard-wedge scan filter on a real widget tree, driven with qtbot.

Key events are built with ``QTest.sendKeyEvent`` (code + text): ``qtbot.keyClicks``
cannot type Vietnamese letters (QTest asserts on non-ASCII characters). Key
timing comes from a controllable clock so "fast" and "slow" do not depend on
the load of the test machine; one test uses the real clock and timer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.identity import IdCard
from kiosk.ui.scan_input import ScanInputFilter

EXAMPLE_1 = (
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)


class StepClock:
    """A millisecond clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


class ScanScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("name_field")
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_field)


def key_code(char: str) -> Qt.Key:
    try:
        return Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
    except ValueError:
        return Qt.Key.Key_unknown


def press_char(widget: QWidget, char: str) -> None:
    code = key_code(char)
    no_mod = Qt.KeyboardModifier.NoModifier
    QTest.sendKeyEvent(QTest.KeyAction.Press, widget, code, char, no_mod)
    QTest.sendKeyEvent(QTest.KeyAction.Release, widget, code, char, no_mod)


def press_enter(widget: QWidget) -> None:
    no_mod = Qt.KeyboardModifier.NoModifier
    QTest.sendKeyEvent(QTest.KeyAction.Press, widget, Qt.Key.Key_Return, "\r", no_mod)
    QTest.sendKeyEvent(QTest.KeyAction.Release, widget, Qt.Key.Key_Return, "\r", no_mod)


def type_text(widget: QWidget, text: str, clock: StepClock, gap_ms: float) -> None:
    for char in text:
        clock.now += gap_ms
        press_char(widget, char)


@pytest.fixture
def screen(qtbot: QtBot) -> ScanScreen:
    widget = ScanScreen()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.name_field.setFocus()
    return widget


def make_filter(screen: QWidget, clock: StepClock, **options: object) -> ScanInputFilter:
    scan_filter = ScanInputFilter(screen, clock_ms=clock, **options)  # type: ignore[arg-type]
    scan_filter.install()
    return scan_filter


def test_fast_burst_is_a_scan_and_never_reaches_the_field(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    with qtbot.waitSignal(scan_filter.card_scanned, timeout=2000) as blocker:
        type_text(screen.name_field, EXAMPLE_1, clock, gap_ms=3)
        clock.now += 3
        press_enter(screen.name_field)
    card = blocker.args[0]
    assert isinstance(card, IdCard)
    assert card.id_number == "049090001234"
    assert card.full_name == "Nguyễn Văn An"
    assert screen.name_field.text() == ""


def test_raw_payload_signal_comes_with_the_card(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    with qtbot.waitSignals([scan_filter.payload_scanned, scan_filter.card_scanned], timeout=2000):
        type_text(screen.name_field, EXAMPLE_1, clock, gap_ms=3)
        press_enter(screen.name_field)


def test_scanner_shift_presses_do_not_break_the_burst(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock, parser=None)
    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(scan_filter.payload_scanned, timeout=2000) as blocker:
        for char in "HS-2026-ABC":
            clock.now += 2
            if char.isupper():
                QTest.sendKeyEvent(
                    QTest.KeyAction.Press, screen.name_field, Qt.Key.Key_Shift, "", shift
                )
            press_char(screen.name_field, char)
        press_enter(screen.name_field)
    assert blocker.args == ["HS-2026-ABC"]
    assert screen.name_field.text() == ""


def test_scan_reaches_a_screen_without_focus(qtbot: QtBot) -> None:
    clock = StepClock()
    window = QWidget()
    page = QWidget(window)  # the scan page inside the kiosk's main window
    page.setObjectName("scan_page_without_fields")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    scan_filter = make_filter(page, clock)
    assert QApplication.focusWidget() is None
    with qtbot.waitSignal(scan_filter.card_scanned, timeout=2000) as blocker:
        # With no focus widget, Qt delivers key presses to the top-level window.
        type_text(window, EXAMPLE_1, clock, gap_ms=2)
        press_enter(window)
    assert blocker.args[0].id_number == "049090001234"


def test_slow_typing_of_the_same_text_is_typing(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    with (
        qtbot.assertNotEmitted(scan_filter.payload_scanned, wait=50),
        qtbot.assertNotEmitted(scan_filter.scan_failed),
        qtbot.waitSignal(screen.name_field.returnPressed, timeout=2000),
    ):
        type_text(screen.name_field, EXAMPLE_1, clock, gap_ms=150)
        clock.now += 150
        press_enter(screen.name_field)
    # Every key arrived, in order, in the field the person was typing into.
    assert screen.name_field.text() == EXAMPLE_1


def test_real_clock_human_keys_arrive_after_the_hold(qtbot: QtBot, screen: ScanScreen) -> None:
    scan_filter = ScanInputFilter(screen, max_gap_ms=30)
    scan_filter.install()
    for expected in ("a", "ab", "abc"):
        press_char(screen.name_field, expected[-1])

        # The key is held back, then handed over by the filter's own timer.
        def handed_over(wanted: str = expected) -> bool:
            return screen.name_field.text() == wanted

        qtbot.waitUntil(handed_over, timeout=2000)


def test_damaged_card_gives_a_vietnamese_failure(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    damaged = EXAMPLE_1.replace("15031990", "31021990")
    with (
        qtbot.assertNotEmitted(scan_filter.card_scanned),
        qtbot.waitSignal(scan_filter.scan_failed, timeout=2000) as blocker,
    ):
        type_text(screen.name_field, damaged, clock, gap_ms=2)
        press_enter(screen.name_field)
    assert "Ngày sinh" in blocker.args[0]
    assert screen.name_field.text() == ""


def test_burst_without_enter_asks_for_a_new_scan(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    with qtbot.waitSignal(scan_filter.scan_failed, timeout=2000) as blocker:
        type_text(screen.name_field, EXAMPLE_1[:30], clock, gap_ms=2)
        clock.now += 500  # the scanner went quiet; the filter's timer notices
    assert "quét lại" in blocker.args[0]
    assert screen.name_field.text() == ""


def test_receipt_screen_uses_raw_payloads_without_parsing(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock, parser=None)
    with (
        qtbot.assertNotEmitted(scan_filter.card_scanned),
        qtbot.assertNotEmitted(scan_filter.scan_failed),
        qtbot.waitSignal(scan_filter.payload_scanned, timeout=2000) as blocker,
    ):
        # Plain ASCII, so qtbot's own key helpers can type it.
        qtbot.keyClicks(screen.name_field, "HS-2026-000123")
        qtbot.keyClick(screen.name_field, Qt.Key.Key_Return)
    assert blocker.args == ["HS-2026-000123"]


def test_widgets_outside_the_scope_and_after_uninstall_are_untouched(qtbot: QtBot) -> None:
    clock = StepClock()
    scan_screen, other_screen = ScanScreen(), ScanScreen()
    for widget in (scan_screen, other_screen):
        qtbot.addWidget(widget)
        widget.show()
    scan_filter = make_filter(scan_screen, clock)
    type_text(other_screen.name_field, "12345678901", clock, gap_ms=1)
    assert other_screen.name_field.text() == "12345678901"

    scan_filter.uninstall()
    type_text(scan_screen.name_field, "12345678901", clock, gap_ms=1)
    assert scan_screen.name_field.text() == "12345678901"


def test_uninstall_hands_back_held_keys(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    scan_filter = make_filter(screen, clock)
    press_char(screen.name_field, "x")
    assert screen.name_field.text() == ""  # held for a moment
    scan_filter.uninstall()
    assert screen.name_field.text() == "x"


def test_editing_keys_pass_straight_through(qtbot: QtBot, screen: ScanScreen) -> None:
    clock = StepClock()
    make_filter(screen, clock)
    type_text(screen.name_field, "ab", clock, gap_ms=200)
    clock.now += 200
    QTest.sendKeyEvent(
        QTest.KeyAction.Press,
        screen.name_field,
        Qt.Key.Key_Backspace,
        "",
        Qt.KeyboardModifier.NoModifier,
    )
    assert screen.name_field.text() == "a"
