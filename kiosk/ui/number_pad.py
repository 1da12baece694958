"""A large telephone-style number pad for numeric fields (phone, ID number, amounts).

Laid out like a phone (1 2 3 on top) because that is the layout elderly
citizens know. Digits go into the attached field through the field's own API,
so a QLineEdit's validator and max length still apply. The pad keeps no text
of its own: :meth:`NumberPad.clear` only forgets which field it serves.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import EditorTarget, TextEditor, make_touch_key, name_widget, set_role

NUMBER_PAD_MAX_WIDTH = 640
_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))


class NumberPad(Retranslated, QWidget):
    """Keys ``keyboard_key_0`` .. ``keyboard_key_9``, ``keyboard_key_backspace``,
    ``keyboard_key_done``; emits ``done_pressed`` when the citizen taps "Xong"."""

    done_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "number_pad")
        set_role(self, "keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._editor: TextEditor | None = None
        self.keys: dict[str, QPushButton] = {}
        pad = QWidget()
        pad.setMaximumWidth(NUMBER_PAD_MAX_WIDTH)
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for row, digits in enumerate(_ROWS):
            for column, digit in enumerate(digits):
                grid.addWidget(self._digit_key(digit), row, column)
        self.keys["backspace"] = self._special_key("keyboard_key_backspace", self._backspace)
        self.keys["done"] = self._special_key("keyboard_key_done", self.done_pressed.emit)
        set_role(self.keys["done"], "primary")
        grid.addWidget(self.keys["backspace"], 3, 0)
        grid.addWidget(self._digit_key("0"), 3, 1)
        grid.addWidget(self.keys["done"], 3, 2)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.addStretch(1)
        outer.addWidget(pad, 3)
        outer.addStretch(1)
        self.retranslate()

    def _digit_key(self, digit: str) -> QPushButton:
        key = make_touch_key(digit, f"keyboard_key_{digit}", "key")
        key.clicked.connect(lambda _checked=False, d=digit: self._type(d))
        self.keys[digit] = key
        return key

    def _special_key(self, name: str, action: Callable[[], None]) -> QPushButton:
        key = make_touch_key("", name, "key_special")
        key.clicked.connect(lambda _checked=False: action())
        return key

    def retranslate(self) -> None:
        self.keys["backspace"].setText(self.tr("Xoá"))
        self.keys["done"].setText(self.tr("Xong"))

    # -- target ----------------------------------------------------------

    def attach(self, editor: TextEditor | None) -> None:
        """Type into ``editor`` from now on (None: type nowhere)."""
        self._editor = editor

    def editor(self) -> TextEditor | None:
        editor = self._editor
        if editor is not None and not shiboken6.isValid(editor):
            self._editor = None
            return None
        return editor

    def clear(self) -> None:
        """Forget the field (idle reset); the pad holds no typed text."""
        self._editor = None

    def _type(self, digit: str) -> None:
        editor = self.editor()
        if editor is not None:
            EditorTarget(editor).insert(digit)

    def _backspace(self) -> None:
        editor = self.editor()
        if editor is not None:
            EditorTarget(editor).backspace()
