"""A value the kiosk works out (the date in words, the fee): shown, never edited."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.cases.presentation import display_value
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import FieldWidget
from kiosk.ui.widgets import name_widget


class ComputedField(FieldWidget):
    """A read-only label ``field_<key>``; the wizard updates it after every answer."""

    def build_editor(self) -> None:
        self.value_label = name_widget(QLabel(), f"field_{self.name_key}")
        self.value_label.setWordWrap(True)
        bold = self.value_label.font()
        bold.setBold(True)
        self.value_label.setFont(bold)
        self._value: JsonValue = None
        self.body.addWidget(self.value_label)

    def show_value(self, value: JsonValue) -> None:
        self._value = value
        self.retranslate_editor()

    def retranslate_editor(self) -> None:
        text = display_value(self.field, self._value, self.lang)
        self.value_label.setText(text or self.tr("(sẽ tự điền khi có đủ thông tin)"))
