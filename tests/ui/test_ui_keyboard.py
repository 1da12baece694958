"""The on-screen keyboard, number pad and dock, driven by real taps through qtbot."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.text_input import ToneStyle
from kiosk.ui.keyboard import (
    KeyboardDock,
    KeyboardKind,
    OnScreenKeyboard,
    Shift,
    keyboard_kind_for,
    set_keyboard_kind,
)
from kiosk.ui.number_pad import NumberPad
from kiosk.ui.theme import apply_theme


class Screen(QWidget):
    """A 1366x768 kiosk page: a name field, a note field, and the dock at the bottom."""

    def __init__(self) -> None:
        super().__init__()
        self.resize(1366, 768)
        self.name_field = QLineEdit()
        self.note_field = QPlainTextEdit()
        self.phone_field = QLineEdit()
        set_keyboard_kind(self.phone_field, KeyboardKind.DIGITS)
        self.dock = KeyboardDock()
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_field)
        layout.addWidget(self.note_field)
        layout.addWidget(self.phone_field)
        layout.addStretch(1)
        layout.addWidget(self.dock)


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    page = Screen()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.dock.request(page.name_field)
    return page


def tap(qtbot: QtBot, panel: QWidget, *names: str) -> None:
    for name in names:
        key = panel.findChild(QPushButton, f"keyboard_key_{name}")
        assert key is not None, f"no key keyboard_key_{name}"
        assert key.isVisible(), f"keyboard_key_{name} is hidden"
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_tapping_nguyen_gives_exact_nfc_text(screen: Screen, qtbot: QtBot) -> None:
    keyboard = screen.dock.keyboard
    tap(qtbot, keyboard, "shift", "n", "g", "u", "y", "ê", "n", "tone_nga")
    assert screen.name_field.text() == "Nguyễn"
    assert unicodedata.is_normalized("NFC", screen.name_field.text())


def test_tone_may_come_before_the_final_consonant(screen: Screen, qtbot: QtBot) -> None:
    tap(qtbot, screen.dock.keyboard, "shift", "n", "g", "u", "y", "ê", "tone_nga", "n")
    assert screen.name_field.text() == "Nguyễn"


def test_full_name_with_spaces(screen: Screen, qtbot: QtBot) -> None:
    keyboard = screen.dock.keyboard
    tap(qtbot, keyboard, "shift", "t", "r", "ư", "ơ", "n", "g", "tone_huyen", "space")
    tap(qtbot, keyboard, "shift", "t", "h", "i", "tone_nang", "space")
    tap(qtbot, keyboard, "shift", "h", "o", "a", "tone_huyen")
    assert screen.name_field.text() == "Trường Thị Hòa"


def test_modern_tone_style_is_a_keyboard_option(qtbot: QtBot) -> None:
    field = QLineEdit()
    keyboard = OnScreenKeyboard(tone_style=ToneStyle.MODERN)
    qtbot.addWidget(field)
    qtbot.addWidget(keyboard)
    keyboard.show()
    keyboard.attach(field)
    tap(qtbot, keyboard, "h", "o", "a", "tone_huyen")
    assert field.text() == "hoà"


def test_tone_replaces_tone_and_none_removes_it(screen: Screen, qtbot: QtBot) -> None:
    keyboard = screen.dock.keyboard
    field = screen.name_field
    tap(qtbot, keyboard, "h", "o", "a", "tone_huyen")
    assert field.text() == "hòa"
    tap(qtbot, keyboard, "tone_sac")
    assert field.text() == "hóa"
    tap(qtbot, keyboard, "tone_none")
    assert field.text() == "hoa"
    tap(qtbot, keyboard, "tone_huyen", "n")
    assert field.text() == "hoàn"


def test_tone_key_rewrites_the_word_at_the_cursor_only(screen: Screen, qtbot: QtBot) -> None:
    field = screen.name_field
    field.setText("Nguyên Văn An")
    field.setCursorPosition(len("Nguyên"))
    tap(qtbot, screen.dock.keyboard, "tone_nga")
    assert field.text() == "Nguyễn Văn An"
    assert field.cursorPosition() == len("Nguyễn")


def test_emoji_before_the_cursor_does_not_shift_the_rewrite(screen: Screen, qtbot: QtBot) -> None:
    field = screen.name_field
    field.setText("🙂 hoa")
    field.end(False)
    tap(qtbot, screen.dock.keyboard, "tone_huyen")
    assert field.text() == "🙂 hòa"


def test_tone_after_a_digit_or_space_does_nothing(screen: Screen, qtbot: QtBot) -> None:
    field = screen.name_field
    field.setText("số 12 ")
    field.end(False)
    tap(qtbot, screen.dock.keyboard, "tone_sac", "tone_none")
    assert field.text() == "số 12 "


def test_backspace(screen: Screen, qtbot: QtBot) -> None:
    tap(qtbot, screen.dock.keyboard, "shift", "đ", "ư", "c", "tone_sac")
    assert screen.name_field.text() == "Đức"
    tap(qtbot, screen.dock.keyboard, "backspace")
    assert screen.name_field.text() == "Đứ"
    tap(qtbot, screen.dock.keyboard, "backspace", "backspace", "backspace")
    assert screen.name_field.text() == ""


def shift_of(keyboard: OnScreenKeyboard) -> Shift:
    """Read afresh each time (an attribute test would let mypy assume it cannot change)."""
    return keyboard.shift


def test_shift_once_then_caps_then_off(screen: Screen, qtbot: QtBot) -> None:
    keyboard = screen.dock.keyboard
    tap(qtbot, keyboard, "shift")
    assert shift_of(keyboard) is Shift.ONCE
    assert keyboard.keys["ơ"].text() == "Ơ"
    tap(qtbot, keyboard, "a", "a")
    assert shift_of(keyboard) is Shift.OFF
    assert keyboard.keys["ơ"].text() == "ơ"
    tap(qtbot, keyboard, "shift", "shift", "b", "ă")
    assert shift_of(keyboard) is Shift.CAPS
    tap(qtbot, keyboard, "shift", "c")
    assert shift_of(keyboard) is Shift.OFF
    assert screen.name_field.text() == "AaBĂc"


def test_digits_page_and_back(screen: Screen, qtbot: QtBot) -> None:
    keyboard = screen.dock.keyboard
    tap(qtbot, keyboard, "page_digits", "1", "2", "/", "3", "&")
    assert keyboard.page() is KeyboardKind.DIGITS
    assert not keyboard.keys["page_digits"].isVisible()
    tap(qtbot, keyboard, "page_letters", "a")
    assert keyboard.page() is KeyboardKind.LETTERS
    assert screen.name_field.text() == "12/3&a"


def test_plain_text_edit_second_line(screen: Screen, qtbot: QtBot) -> None:
    note = screen.note_field
    note.setPlainText("Dòng một\nviêt")
    note.moveCursor(note.textCursor().MoveOperation.End)
    screen.dock.request(note)
    tap(qtbot, screen.dock.keyboard, "tone_nang", "space", "n", "a", "m", "tone_huyen")
    assert note.toPlainText() == "Dòng một\nviệt nàm"
    tap(qtbot, screen.dock.keyboard, "backspace")
    assert note.toPlainText() == "Dòng một\nviệt nà"


def test_validator_still_applies_to_keyboard_text(qtbot: QtBot) -> None:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(QRegularExpression("[a-z]*")))
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(field)
    qtbot.addWidget(keyboard)
    keyboard.show()
    keyboard.attach(field)
    tap(qtbot, keyboard, "h", "o", "a", "tone_huyen", "ê", "space")
    # The validator refuses the tone, "ê" and the space: the field keeps "hoa".
    assert field.text() == "hoa"
    tap(qtbot, keyboard, "n")
    assert field.text() == "hoan"


def test_keys_are_named_unique_and_big_at_1366x768(
    restore_app_look: QApplication, qtbot: QtBot
) -> None:
    for high_contrast in (False, True):
        for large_text in (False, True):
            apply_theme(restore_app_look, high_contrast, large_text)
            page = Screen()
            qtbot.addWidget(page)
            page.show()
            qtbot.waitExposed(page)
            keyboard = page.dock.keyboard
            for kind in (KeyboardKind.LETTERS, KeyboardKind.DIGITS):
                page.dock.request(page.name_field)
                if kind is KeyboardKind.DIGITS:
                    tap(qtbot, keyboard, "page_digits")
                for _shift_state in Shift:
                    for key in keyboard.findChildren(QPushButton):
                        if not key.isVisible():
                            continue
                        assert key.width() >= 60 and key.height() >= 60, key.objectName()
                        label_width = key.fontMetrics().horizontalAdvance(key.text())
                        assert label_width < key.width() - 8, f"clipped: {key.objectName()}"
                    if kind is KeyboardKind.LETTERS:
                        tap(qtbot, keyboard, "shift")
            page.close()
    names = [key.objectName() for key in keyboard.findChildren(QPushButton)]
    assert len(names) == len(set(names))
    for key in keyboard.findChildren(QPushButton):
        assert key.objectName().startswith("keyboard_key_")
        assert key.accessibleName() == key.objectName()
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
    expected = {f"keyboard_key_{c}" for c in "abcdefghijklmnopqrstuvwxyzăâđêôơư0123456789"}
    expected |= {
        f"keyboard_key_{special}"
        for special in (
            "space",
            "backspace",
            "shift",
            "done",
            "tone_sac",
            "tone_huyen",
            "tone_hoi",
            "tone_nga",
            "tone_nang",
            "tone_none",
            "page_digits",
            "page_letters",
        )
    }
    assert expected <= set(names)


def test_tone_keys_show_their_mark(screen: Screen) -> None:
    keys = screen.dock.keyboard.keys
    for name, mark in (("sac", "á"), ("huyen", "à"), ("hoi", "ả"), ("nga", "ã"), ("nang", "ạ")):
        assert mark in keys[f"tone_{name}"].text()


def test_number_pad_respects_the_validator(qtbot: QtBot) -> None:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}")))
    pad = NumberPad()
    qtbot.addWidget(field)
    qtbot.addWidget(pad)
    pad.resize(1366, 360)
    pad.show()
    pad.attach(field)
    tap(qtbot, pad, *"0123456789012", "backspace", "9")
    assert field.text() == "012345678909"
    with qtbot.waitSignal(pad.done_pressed, timeout=1000):
        tap(qtbot, pad, "done")
    for key in pad.findChildren(QPushButton):
        assert key.accessibleName() == key.objectName()
        assert key.width() >= 60 and key.height() >= 60


def test_dock_picks_the_panel_each_field_asks_for(screen: Screen, qtbot: QtBot) -> None:
    dock = screen.dock
    with qtbot.waitSignal(dock.keyboard_requested) as asked:
        dock.request(screen.phone_field)
    assert asked.args == ["digits"]
    assert dock.current_panel() is KeyboardKind.DIGITS
    tap(qtbot, dock.number_pad, "0", "9", "1")
    assert screen.phone_field.text() == "091"
    assert screen.name_field.text() == ""

    with qtbot.waitSignal(dock.keyboard_requested) as asked:
        dock.request(screen.name_field)
    assert asked.args == ["letters"]
    assert dock.current_panel() is KeyboardKind.LETTERS

    screen.name_field.setReadOnly(True)
    with qtbot.waitSignal(dock.keyboard_requested) as asked:
        dock.request(screen.name_field)
    assert asked.args == ["none"]
    assert not dock.isVisible()


def test_kind_from_qt_hints(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    assert keyboard_kind_for(field) is KeyboardKind.LETTERS
    field.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
    assert keyboard_kind_for(field) is KeyboardKind.DIGITS
    set_keyboard_kind(field, KeyboardKind.NONE)
    assert keyboard_kind_for(field) is KeyboardKind.NONE
    assert keyboard_kind_for(QPushButton()) is KeyboardKind.NONE


def test_done_hides_the_dock(screen: Screen, qtbot: QtBot) -> None:
    with qtbot.waitSignal(screen.dock.dismissed, timeout=1000):
        tap(qtbot, screen.dock.keyboard, "done")
    assert not screen.dock.isVisible()


def test_dock_follows_focus(screen: Screen, qtbot: QtBot) -> None:
    dock = screen.dock
    dock.dismiss()
    dock.follow_focus()
    screen.activateWindow()
    qtbot.waitUntil(lambda: screen.isActiveWindow(), timeout=2000)
    with qtbot.waitSignal(dock.keyboard_requested, timeout=1000) as asked:
        screen.phone_field.setFocus()
    assert asked.args == ["digits"]
    with qtbot.waitSignal(dock.keyboard_requested, timeout=1000) as asked:
        screen.name_field.setFocus()
    assert asked.args == ["letters"]
    tap(qtbot, dock.keyboard, "ô")
    assert screen.name_field.text() == "ô"
    assert screen.name_field.hasFocus(), "a key tap must not steal focus from the field"
    dock.follow_focus(False)


def test_clear_forgets_field_shift_and_page(screen: Screen, qtbot: QtBot) -> None:
    dock = screen.dock
    keyboard = dock.keyboard
    tap(qtbot, keyboard, "shift", "shift", "page_digits")
    dock.clear()
    assert not dock.isVisible()
    assert keyboard.shift is Shift.OFF
    assert keyboard.page() is KeyboardKind.LETTERS
    assert keyboard.keys["a"].text() == "a"
    assert dock.number_pad.editor() is None
    # With nothing attached and nothing focused, a tap types nowhere.
    screen.name_field.clearFocus()
    dock.show()
    tap(qtbot, keyboard, "a", "tone_sac", "backspace")
    assert QApplication.focusWidget() is None
    assert screen.name_field.text() == screen.phone_field.text() == ""
    assert screen.note_field.toPlainText() == ""


def test_field_deleted_while_attached(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.show()
    field = QLineEdit()
    keyboard.attach(field)
    field.deleteLater()
    qtbot.waitUntil(lambda: keyboard.editor() is None, timeout=1000)
    tap(qtbot, keyboard, "a", "tone_sac", "backspace", "space")


def test_keys_grow_on_a_1080p_window(qtbot: QtBot) -> None:
    page = Screen()
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    qtbot.waitExposed(page)
    page.dock.request(page.name_field)
    key = page.dock.keyboard.keys["q"]
    qtbot.waitUntil(lambda: key.height() >= 75, timeout=2000)
    page.resize(1366, 768)
    qtbot.waitUntil(lambda: 60 <= key.height() < 75, timeout=2000)
