"""Single and multiple choice questions as big buttons (never radio buttons or dropdowns).

Buttons are named ``choice_<key>_<option value>``. A single choice saves on
the tap itself; a multiple choice saves the whole set of checked options
after every tap.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton

from kiosk.procedures import FieldType
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import FieldWidget
from kiosk.ui.widgets import big_button

_LONG_LABEL = 24
"""Options with a label longer than this get a whole row each, so nothing is cut."""


class ChoiceField(FieldWidget):
    """One button per option; exclusive for ``single_choice``."""

    def build_editor(self) -> None:
        self.buttons: dict[str, QPushButton] = {}
        self.multiple = self.field.type is FieldType.MULTIPLE_CHOICE
        self._group = QButtonGroup(self)
        self._group.setExclusive(not self.multiple)
        longest = max(
            (max(len(o.label.vi), len(o.label.en)) for o in self.field.options), default=0
        )
        columns = 1 if longest > _LONG_LABEL else min(2, max(1, len(self.field.options)))
        grid = QGridLayout()
        grid.setSpacing(14)
        for index, option in enumerate(self.field.options):
            button = big_button("", f"choice_{self.name_key}_{option.value}", role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=option.value: self._tapped(v))
            self._group.addButton(button)
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[option.value] = button
        self.body.addLayout(grid)

    def _tapped(self, value: str) -> None:
        if self.multiple:
            self.give([key for key, button in self.buttons.items() if button.isChecked()])
        else:
            self.give(value)

    def show_value(self, value: JsonValue) -> None:
        chosen = set(value) if isinstance(value, list) else {value}
        self._group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key in chosen)
        self._group.setExclusive(not self.multiple)

    def retranslate_editor(self) -> None:
        for option in self.field.options:
            self.buttons[option.value].setText(option.label.get(self.lang))
