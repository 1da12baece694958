"""A yes/no question: two big buttons, ``yes_<key>`` and ``no_<key>``, saved on the tap."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout

from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import FieldWidget
from kiosk.ui.widgets import big_button


class YesNoField(FieldWidget):
    """Stores ``True`` or ``False``; neither button is checked until answered."""

    def build_editor(self) -> None:
        self.yes_button = big_button("", f"yes_{self.name_key}", role="choice")
        self.no_button = big_button("", f"no_{self.name_key}", role="choice")
        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(14)
        for button, answer in ((self.yes_button, True), (self.no_button, False)):
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, a=answer: self.give(a))
            self._group.addButton(button)
            row.addWidget(button)
        self.body.addLayout(row)

    def show_value(self, value: JsonValue) -> None:
        self._group.setExclusive(False)
        self.yes_button.setChecked(value is True)
        self.no_button.setChecked(value is False)
        self._group.setExclusive(True)

    def retranslate_editor(self) -> None:
        self.yes_button.setText(self.tr("Có"))
        self.no_button.setText(self.tr("Không"))
