"""Shared helpers for the end-to-end UI tests: type on the on-screen keyboard, tap in view.

Not a test module: imported by tests/ui/test_ui_e2e_birth.py and test_ui_e2e_chip_birth.py.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow
from tests.ui_shell_support import find, tap

_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONES = {
    "\u0301": "sac",
    "\u0300": "huyen",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
_MODIFIED = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}


class KeyboardTyping:
    """Types text on the kiosk's on-screen keyboard and counts the taps."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.taps = 0
        self.characters = 0

    def key(self, name: str) -> None:
        tap(self.qtbot, self.window, f"keyboard_key_{name}")
        self.taps += 1

    def _letter(self, char: str) -> str | None:
        """Tap the key(s) for one letter; return the tone it carries, if any."""
        tone = None
        base = ""
        modifier = None
        for part in unicodedata.normalize("NFD", char):
            if part in _TONES:
                tone = _TONES[part]
            elif part in _MODIFIERS:
                modifier = _MODIFIERS[part]
            else:
                base = part
        if char.lower() == "đ":
            base, modifier = "đ", None
        if char != char.lower():
            self.key("shift")
        letter = base.lower()
        if modifier is not None:
            letter = _MODIFIED[(letter, modifier)]
        self.key(letter)
        return tone

    def word(self, word: str) -> None:
        tone = None
        for char in word:
            if char.isdigit():
                self.key("page_digits")
                self.key(char)
                self.key("page_letters")
            elif char in ",.-":
                if tone is not None:  # the mark goes on the word, before the comma
                    self.key(f"tone_{tone}")
                    tone = None
                self.key(char)
            else:
                tone = self._letter(char) or tone
        if tone is not None:
            self.key(f"tone_{tone}")

    def text(self, text: str) -> None:
        for index, word in enumerate(text.split(" ")):
            if index:
                self.key("space")
            self.word(word)

    def into(self, name: str, text: str) -> None:
        """Tap the field, type ``text`` on the keyboard, tap "Xong"."""
        editor = find(self.window, name, QLineEdit)
        self.qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: self.window.keyboard_dock.isVisible(), timeout=2000)
        editor.clear()
        self.characters += len(text)
        if editor.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly:
            for digit in text:
                self.key(digit)
        else:
            self.text(text)
        assert editor.text() == text, (editor.text(), text)
        tap(self.qtbot, self.window, "keyboard_key_done")


def tap_in_view(qtbot: QtBot, window: QWidget, name: str) -> None:
    """Scroll the wizard page to a button (as a finger would), then tap it."""
    button = find(window, name, QPushButton)
    find(window, "wizard_scroll", QScrollArea).ensureWidgetVisible(button, 0, 40)
    tap(qtbot, window, name)


def pick_date(qtbot: QtBot, window: QWidget, key: str, day: dt.date) -> None:
    tap(qtbot, window, f"date_{key}_day")
    tap(qtbot, window, f"date_{key}_day_{day.day}")
    tap(qtbot, window, f"date_{key}_month_{day.month}")
    tap(qtbot, window, f"date_{key}_year_{day.year}")
