"""Dates and times picked by tapping, never typed.

A date shows three big buttons (``date_<key>_day``, ``_month``, ``_year``);
tapping one opens a grid below it (``date_<key>_day_<n>`` ...; years twenty
at a time with ``date_<key>_year_earlier`` / ``_later``). After a pick the
next missing part opens by itself; once day, month and year are all chosen
the date is given as ``"YYYY-MM-DD"`` (an impossible date such as 30/02 is
refused by the form engine and its message shown). A time works the same
way with ``time_<key>_hour`` and ``time_<key>_minute``.
"""

from __future__ import annotations

import calendar
import re

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.office_day import office_today
from kiosk.procedures import latest_year
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import FieldWidget, discard_widget
from kiosk.ui.fields.picker import NumberGrid
from kiosk.ui.widgets import big_button, name_widget

YEARS_PER_PAGE = 20
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HH_MM = re.compile(r"(\d{2}):(\d{2})")


class _PartsField(FieldWidget):
    """Shared machinery: part buttons, one open grid at a time, auto-advance."""

    PARTS: tuple[str, ...] = ()
    PREFIX = ""

    def build_editor(self) -> None:
        self.values: dict[str, int | None] = dict.fromkeys(self.PARTS)
        self.part_buttons: dict[str, QPushButton] = {}
        self.open_part: str | None = None
        row = QHBoxLayout()
        row.setSpacing(14)
        for part in self.PARTS:
            button = big_button("", f"{self.PREFIX}_{self.name_key}_{part}", role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, p=part: self.open(p))
            row.addWidget(button)
            self.part_buttons[part] = button
        self.body.addLayout(row)
        self.panel = QWidget()
        name_widget(self.panel, f"{self.PREFIX}_{self.name_key}_panel")
        self.panel_layout = QVBoxLayout(self.panel)
        self.panel_layout.setContentsMargins(0, 0, 0, 0)
        self.panel.hide()
        self.body.addWidget(self.panel)

    # -- parts -------------------------------------------------------------------

    def open(self, part: str | None) -> None:
        """Show the grid for ``part`` (None closes the panel)."""
        self.open_part = part
        while self.panel_layout.count():
            item = self.panel_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard_widget(widget)
        for name, button in self.part_buttons.items():
            button.setChecked(name == part)
        if part is None:
            self.panel.hide()
            return
        grid = self.grid_for(part)
        self.panel_layout.addWidget(grid)
        # A widget added to a visible parent is shown only later (queued) unless told now.
        grid.show()
        self.panel.show()
        self.reveal(self.panel)

    def grid_for(self, part: str) -> QWidget:
        raise NotImplementedError

    def _picked(self, part: str, number: int) -> None:
        self.values[part] = number
        self.retranslate_editor()
        missing = [name for name in self.PARTS if self.values[name] is None]
        following = [name for name in missing if self.PARTS.index(name) > self.PARTS.index(part)]
        self.open(following[0] if following else missing[0] if missing else None)
        if not missing:
            self.give(self.compose())

    def compose(self) -> str:
        raise NotImplementedError

    def reset_view(self, value: JsonValue) -> None:
        if self.open_part is not None:
            self.open(None)
        super().reset_view(value)

    def reject(self, message: str) -> None:
        super().reject(message)
        self.open(self.PARTS[0])


class DateField(_PartsField):
    PARTS = ("day", "month", "year")
    PREFIX = "date"

    def build_editor(self) -> None:
        super().build_editor()
        self.year_page_start: int | None = None

    @property
    def last_year(self) -> int | None:
        """No later year is offered (the definition's constraint; see latest_year)."""
        return latest_year(self.field)

    def reset_view(self, value: JsonValue) -> None:
        self.year_page_start = None
        super().reset_view(value)

    def grid_for(self, part: str) -> QWidget:
        prefix = f"date_{self.name_key}_{part}"
        chosen = self.values[part]
        if part == "day":
            grid = NumberGrid(prefix, range(1, 32), 8, chosen=chosen, enabled=self._day_possible)
        elif part == "month":
            grid = NumberGrid(prefix, range(1, 13), 6, chosen=chosen)
        else:
            return self._year_page(prefix, chosen)
        grid.picked.connect(lambda number, p=part: self._picked(p, number))
        return grid

    def _day_possible(self, day: int) -> bool:
        month, year = self.values["month"], self.values["year"]
        if month is None:
            return True
        return day <= calendar.monthrange(year if year is not None else 2000, month)[1]

    def _year_page(self, prefix: str, chosen: int | None) -> QWidget:
        last = self.last_year
        if self.year_page_start is None:
            anchor = chosen if chosen is not None else office_today().year
            offset = 3 if chosen is None else YEARS_PER_PAGE // 2
            self.year_page_start = anchor - YEARS_PER_PAGE + 1 + offset
            if last is not None and chosen is None:
                self.year_page_start = min(self.year_page_start, last - YEARS_PER_PAGE + 1)
        start = self.year_page_start
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        end = start + YEARS_PER_PAGE
        if last is not None:
            end = max(start + 1, min(end, last + 1))
        grid = NumberGrid(prefix, range(start, end), 5, chosen=chosen)
        grid.picked.connect(lambda number: self._picked("year", number))
        pager = QHBoxLayout()
        earlier = big_button(self.tr("Những năm trước"), f"{prefix}_earlier", role="secondary")
        later = big_button(self.tr("Những năm sau"), f"{prefix}_later", role="secondary")
        earlier.clicked.connect(lambda: self._turn_years(-YEARS_PER_PAGE))
        later.clicked.connect(lambda: self._turn_years(YEARS_PER_PAGE))
        later.setEnabled(last is None or start + YEARS_PER_PAGE <= last)
        pager.addWidget(earlier)
        pager.addWidget(later)
        layout.addWidget(grid)
        layout.addLayout(pager)
        return page

    def _turn_years(self, by: int) -> None:
        self.year_page_start = (self.year_page_start or office_today().year) + by
        self.open("year")

    def compose(self) -> str:
        return f"{self.values['year']:04d}-{self.values['month']:02d}-{self.values['day']:02d}"

    def show_value(self, value: JsonValue) -> None:
        match = _ISO.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            year, month, day = (int(part) for part in match.groups())
            self.values = {"day": day, "month": month, "year": year}
            self.year_page_start = None
        elif value is None:
            self.values = dict.fromkeys(self.PARTS)
        self.retranslate_editor()

    def retranslate_editor(self) -> None:
        day, month, year = self.values["day"], self.values["month"], self.values["year"]
        self.part_buttons["day"].setText(
            self.tr("Ngày {day}").format(day=f"{day:02d}" if day else "__")
        )
        self.part_buttons["month"].setText(
            self.tr("Tháng {month}").format(month=f"{month:02d}" if month else "__")
        )
        self.part_buttons["year"].setText(
            self.tr("Năm {year}").format(year=year if year else "____")
        )


class TimeField(_PartsField):
    PARTS = ("hour", "minute")
    PREFIX = "time"

    def grid_for(self, part: str) -> QWidget:
        prefix = f"time_{self.name_key}_{part}"
        chosen = self.values[part]
        if part == "hour":
            grid = NumberGrid(prefix, range(24), 8, chosen=chosen, label=lambda n: f"{n:02d}")
        else:
            grid = NumberGrid(prefix, range(60), 10, chosen=chosen, label=lambda n: f"{n:02d}")
        grid.picked.connect(lambda number, p=part: self._picked(p, number))
        return grid

    def compose(self) -> str:
        return f"{self.values['hour']:02d}:{self.values['minute']:02d}"

    def show_value(self, value: JsonValue) -> None:
        match = _HH_MM.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            self.values = {"hour": int(match.group(1)), "minute": int(match.group(2))}
        elif value is None:
            self.values = dict.fromkeys(self.PARTS)
        self.retranslate_editor()

    def retranslate_editor(self) -> None:
        hour, minute = self.values["hour"], self.values["minute"]
        self.part_buttons["hour"].setText(
            self.tr("{hour} giờ").format(hour=f"{hour:02d}" if hour is not None else "__")
        )
        self.part_buttons["minute"].setText(
            self.tr("{minute} phút").format(minute=f"{minute:02d}" if minute is not None else "__")
        )
