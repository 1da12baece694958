"""Dates as the documents write them, in Vietnamese (official) and English.

A module of its own, importing nothing of the kiosk: the welcome screen shows
today's date in these words and paints before the procedures engine, the
payments and the documents' labels are imported (docs/performance.md, start-up).
"""

from __future__ import annotations

from datetime import date
from typing import Final

_MONTHS_EN: Final = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def long_date(day: date, language: str) -> str:
    """``ngày 20 tháng 05 năm 2026`` / ``20 May 2026``: the date line above a signature."""
    if language == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def short_date(day: date) -> str:
    """``20/05/2026`` in both languages."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
