"""Working days: the date a result will be ready.

A working day is Monday to Friday, minus the public holidays (and their
compensatory and swapped days) listed in ``assets/holidays/vn-public-holidays.json``,
plus the Saturdays worked in exchange for a swap. A dossier received after
15:00, or on a day that is not a working day, counts from the next working day;
``days == 0`` means "the same day" (so the next working day after 15:00).
Times are the office's local wall-clock time as given; no timezone conversion.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from kiosk.documents.assets import holidays_file
from kiosk.documents.errors import DocumentDataError

CUTOFF = time(15, 0)
MAX_WORKING_DAYS = 365
_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Days off that fall on weekdays and weekend days that are worked."""

    days_off: frozenset[date]
    working_weekend_days: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()

    def is_working_day(self, day: date) -> bool:
        """True when the office is open for processing on ``day``."""
        if day in self.working_weekend_days:
            return True
        return day.weekday() < _SATURDAY and day not in self.days_off

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate


def _damaged(path: Path, reason: str) -> DocumentDataError:
    return DocumentDataError(
        "Tệp lịch ngày nghỉ lễ bị hỏng; không tính được ngày hẹn trả kết quả.",
        f"Holiday calendar {path} is damaged: {reason}",
    )


def _dates(entries: object, path: Path) -> set[date]:
    if not isinstance(entries, list):
        raise _damaged(path, "expected a list of {date: ...} objects")
    found: set[date] = set()
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("date"), str):
            raise _damaged(path, "an entry has no 'date' string")
        try:
            found.add(date.fromisoformat(entry["date"]))
        except ValueError as error:
            raise _damaged(path, f"bad date {entry['date']!r}") from error
    return found


@lru_cache(maxsize=4)
def load_holiday_calendar(path: Path | None = None) -> HolidayCalendar:
    """Read the holiday calendar file (default: the bundled one), cached per path."""
    source = path if path is not None else holidays_file()
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise DocumentDataError(
            "Không tìm thấy tệp lịch ngày nghỉ lễ của ki-ốt.",
            f"Cannot read holiday calendar {source}: {error}",
        ) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise _damaged(source, str(error)) from error
    years = document.get("years") if isinstance(document, dict) else None
    if not isinstance(years, dict):
        raise _damaged(source, "no 'years' object")
    days_off: set[date] = set()
    working: set[date] = set()
    covered: set[int] = set()
    for year, content in years.items():
        if not isinstance(content, dict) or not str(year).isdigit():
            raise _damaged(source, f"year {year!r} is not an object keyed by a number")
        covered.add(int(year))
        days_off |= _dates(content.get("days_off", []), source)
        working |= _dates(content.get("working_weekend_days", []), source)
    return HolidayCalendar(frozenset(days_off), frozenset(working), frozenset(covered))


def add_working_days(
    start: datetime, days: int, holidays: HolidayCalendar | Iterable[date]
) -> date:
    """The date a result received at ``start`` is ready after ``days`` working days.

    ``holidays`` is a :class:`HolidayCalendar` or simply the dates off.
    Examples (no holidays): Monday 10:00 + 3 -> Thursday; Monday 16:00 + 0 ->
    Tuesday; Friday 16:00 + 1 -> Tuesday. Raises :class:`DocumentDataError`
    for a negative or absurd ``days``.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_WORKING_DAYS:
        raise DocumentDataError(
            f"Thời hạn giải quyết phải từ 0 đến {MAX_WORKING_DAYS} ngày làm việc.",
            f"days must be an integer from 0 to {MAX_WORKING_DAYS}.",
        )
    if not isinstance(start, datetime):
        raise DocumentDataError(
            "Thời điểm tiếp nhận hồ sơ không hợp lệ.", "start must be a datetime."
        )
    calendar = (
        holidays
        if isinstance(holidays, HolidayCalendar)
        else HolidayCalendar(days_off=frozenset(holidays))
    )
    day = start.date()
    if not calendar.is_working_day(day) or start.time() > CUTOFF:
        day = calendar.next_working_day(day)
    for _ in range(days):
        day = calendar.next_working_day(day)
    return day
