"""One-tap answers beside a field: big buttons ``suggest_<key>_<n>`` (n from 0).

The wizard gives the chips (:class:`kiosk.procedures.SuggestedAnswer`, worked
out by the engine for the current answers); a tap emits ``chosen(value)`` and
the field answers with that value like any other answer. The chip equal to
the stored answer shows as chosen. With no chips the row is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.procedures import SuggestedAnswer
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import discard_widget
from kiosk.ui.widgets import MIN_TOUCH_PX, big_button, name_widget

CHIP_MIN_PX = MIN_TOUCH_PX + 6
"""Chips are lower than the page's main buttons (several stack up) but still easy to hit."""
LONG_CHIP = 24
"""Chips with a label longer than this get a whole row each, so nothing is cut."""


class SuggestionChips(QWidget):
    """A grid of chip buttons; ``describe`` adds a second line (an address in words)."""

    chosen = Signal(object)

    def __init__(
        self,
        prefix: str,
        lang: str,
        describe: Callable[[JsonValue], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name_widget(self, f"{prefix}_chips")
        self.prefix = prefix
        self.lang = lang
        self.describe = describe
        self.items: tuple[SuggestedAnswer, ...] = ()
        self.buttons: list[QPushButton] = []
        self._current: JsonValue = None
        self._allowed = True
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.hide()

    def set_items(self, items: Sequence[SuggestedAnswer]) -> None:
        """Show these chips (nothing is rebuilt when they are the same as before)."""
        chips = tuple(items)
        if chips == self.items:
            return
        self.items = chips
        for button in self.buttons:
            discard_widget(button)
        self.buttons = []
        longest = max((len(self._text(chip)) for chip in chips), default=0)
        columns = 1 if longest > LONG_CHIP or self.describe is not None else 2
        for index, chip in enumerate(chips):
            button = big_button("", f"{self.prefix}_{index}", role="choice")
            button.setMinimumHeight(CHIP_MIN_PX)
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=chip.value: self._tapped(v))
            self.grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        self.retranslate()
        self.set_current(self._current)
        self._update_visibility()

    def set_current(self, value: JsonValue) -> None:
        """Mark the chip equal to the stored answer (if any) as chosen."""
        self._current = value
        for chip, button in zip(self.items, self.buttons, strict=True):
            button.setChecked(value is not None and chip.value == value)

    def set_allowed(self, allowed: bool) -> None:
        """Hide the chips while the field does not want them (an address already chosen)."""
        self._allowed = allowed
        self._update_visibility()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        for chip, button in zip(self.items, self.buttons, strict=True):
            button.setText(self._text(chip))

    def _text(self, chip: SuggestedAnswer) -> str:
        label = chip.label.get(self.lang)
        if self.describe is None:
            return label
        detail = self.describe(chip.value)
        return f"{label}:\n{detail}" if detail else label

    def _tapped(self, value: JsonValue) -> None:
        self.set_current(self._current)  # the stored answer decides what looks chosen
        self.chosen.emit(value)

    def _update_visibility(self) -> None:
        self.setVisible(self._allowed and bool(self.items))
