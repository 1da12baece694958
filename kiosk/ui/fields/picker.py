"""A grid of big number buttons, the tap-only way to pick a day, month, year, hour or minute."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.ui.widgets import MIN_TOUCH_PX, make_touch_key, name_widget


class NumberGrid(QWidget):
    """Buttons ``<prefix>_<number>`` laid out in ``columns``; ``picked(number)`` on a tap.

    ``enabled`` (optional) greys out numbers that cannot be chosen (31 in April).
    """

    picked = Signal(int)

    def __init__(
        self,
        prefix: str,
        numbers: Sequence[int],
        columns: int,
        *,
        label: Callable[[int], str] = str,
        chosen: int | None = None,
        enabled: Callable[[int], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name_widget(self, f"{prefix}_grid")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.buttons: dict[int, QPushButton] = {}
        for index, number in enumerate(numbers):
            button = make_touch_key(label(number), f"{prefix}_{number}", "choice")
            button.setCheckable(True)
            button.setChecked(number == chosen)
            button.setMinimumHeight(MIN_TOUCH_PX)
            if enabled is not None:
                button.setEnabled(enabled(number))
            button.clicked.connect(lambda _checked=False, n=number: self.picked.emit(n))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[number] = button
