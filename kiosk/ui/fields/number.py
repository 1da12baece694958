"""Whole numbers: a field for the number pad, with big - and + buttons for small ranges.

The editor is ``field_<key>`` (digits keyboard); ``field_<key>_minus`` and
``field_<key>_plus`` step the stored value by one and save it at once (for
counts such as the number of copies, where a tap beats typing).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import DIGITS, FieldWidget
from kiosk.ui.widgets import MIN_TOUCH_PX, big_button, name_widget

STEPPER_RANGE = 100
STEPPER_BUTTON_WIDTH = 200
BIG_EDITOR_PX = 80
"""Ranges at most this wide get - and + buttons."""


class NumberField(FieldWidget):
    def build_editor(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(14)
        self.editor = name_widget(QLineEdit(), f"field_{self.name_key}")
        self.editor.setMinimumHeight(MIN_TOUCH_PX)
        self.editor.setMaxLength(13)
        self.editor.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._committed = ""
        self.editor.editingFinished.connect(self.flush)
        self.watch_editor(self.editor, DIGITS)
        self.minus_button: QPushButton | None = None
        self.plus_button: QPushButton | None = None
        low, high = self.field.min, self.field.max
        if low is not None and high is not None and high - low <= STEPPER_RANGE:
            self.minus_button = big_button("", f"field_{self.name_key}_minus", role="secondary")
            self.plus_button = big_button("", f"field_{self.name_key}_plus", role="secondary")
            for button, step in ((self.minus_button, -1), (self.plus_button, 1)):
                button.setFixedWidth(STEPPER_BUTTON_WIDTH)
                button.clicked.connect(lambda _checked=False, s=step: self._step(s))
            self.editor.setMaximumWidth(200)
            self.editor.setMinimumHeight(BIG_EDITOR_PX)
            row.addWidget(self.minus_button)
            row.addWidget(self.editor)
            row.addWidget(self.plus_button)
            row.addStretch(1)
        else:
            self.editor.setMaximumWidth(320)
            row.addWidget(self.editor)
            row.addStretch(1)
        self.body.addLayout(row)

    def _step(self, step: int) -> None:
        text = self._committed if not self.pending_error else self.editor.text()
        current = int(text) if text.strip().lstrip("-").isdigit() else None
        if current is None:
            current = self.field.min if self.field.min is not None else 0
            step = 0 if step > 0 else step
        low = self.field.min if self.field.min is not None else current + step
        high = self.field.max if self.field.max is not None else current + step
        self.give(min(max(current + step, low), high))

    def flush(self) -> None:
        text = self.editor.text()
        if text != self._committed or self.pending_error:
            self.give(text)

    def show_value(self, value: JsonValue) -> None:
        text = "" if value is None else str(value)
        self._committed = text
        if self.editor.text() != text:
            self.editor.setText(text)
        if self.minus_button is not None and self.plus_button is not None:
            number = value if isinstance(value, int) else None
            self.minus_button.setEnabled(number is None or number > (self.field.min or 0))
            self.plus_button.setEnabled(
                number is None or self.field.max is None or number < self.field.max
            )

    def retranslate_editor(self) -> None:
        if self.minus_button is not None and self.plus_button is not None:
            self.minus_button.setText(self.tr("Bớt 1"))
            self.plus_button.setText(self.tr("Thêm 1"))
