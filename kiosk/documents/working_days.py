"""Working days: the date a result will be ready.

A working day is Monday to Friday, minus Vietnam's public holidays (with their
compensatory and swapped days), plus the Saturdays worked in exchange for a swap.
The national calendar comes from the ``holidays`` package (country ``VN``: the
lunar dates of Tết and Hùng Kings' Day, 30/4, 1/5, 2/9 and its adjacent day, 24/11,
and the Government's announced swaps); the ward's own exceptions come from
``assets/holidays/ward-exceptions.json`` and win over it.

A dossier received after 15:00, or on a day that is not a working day, counts
from the next working day; ``days == 0`` means "the same day" (so the next working
day after 15:00). Times are the office's local wall-clock time as given.

A day outside the years the calendar covers raises :class:`CalendarRangeError`:
a receipt never promises a date counted without the holidays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from kiosk.documents.assets import ward_exceptions_file
from kiosk.documents.errors import DocumentDataError

CUTOFF = time(15, 0)
MAX_WORKING_DAYS = 365
# The first year the kiosk served; the last is the package's lunar-calendar horizon.
FIRST_YEAR = 2025
_SATURDAY = 5


class CalendarRangeError(DocumentDataError):
    """A date the holiday calendar does not cover: no working days are counted for it."""


def _out_of_range(day: date, first: date, last: date) -> CalendarRangeError:
    return CalendarRangeError(
        f"Lịch ngày nghỉ lễ của ki-ốt chỉ có từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}, "
        f"nên không tính được ngày hẹn cho ngày {day:%d/%m/%Y}. "
        "Xin báo cán bộ phường cập nhật phần mềm.",
        f"The holiday calendar covers {first} to {last} only; {day} is outside it.",
    )


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Weekdays off and weekend days worked, for the days from ``first_day`` to ``last_day``."""

    days_off: frozenset[date]
    working_weekend_days: frozenset[date] = frozenset()
    first_day: date = date.min
    last_day: date = date.max
    names: dict[date, str] = field(default_factory=dict, compare=False)

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def is_working_day(self, day: date) -> bool:
        """True when the office is open for processing on ``day``.

        Raises :class:`CalendarRangeError` for a day the calendar does not cover.
        """
        if not self.covers(day):
            raise _out_of_range(day, self.first_day, self.last_day)
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


def _dates(entries: object, path: Path) -> dict[date, str]:
    if not isinstance(entries, list):
        raise _damaged(path, "expected a list of {date: ...} objects")
    found: dict[date, str] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("date"), str):
            raise _damaged(path, "an entry has no 'date' string")
        try:
            day = date.fromisoformat(entry["date"])
        except ValueError as error:
            raise _damaged(path, f"bad date {entry['date']!r}") from error
        found[day] = str(entry.get("name_vi") or "")
    return found


def _ward_exceptions(path: Path) -> tuple[dict[date, str], dict[date, str]]:
    """(days off, working days) from the ward's file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DocumentDataError(
            "Không tìm thấy tệp lịch ngày nghỉ lễ của ki-ốt.",
            f"Cannot read holiday calendar {path}: {error}",
        ) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise _damaged(path, str(error)) from error
    if not isinstance(document, dict):
        raise _damaged(path, "not a JSON object")
    days_off = _dates(document.get("days_off", []), path)
    working = _dates(document.get("working_days", []), path)
    for day in working:
        if day.weekday() < _SATURDAY:
            raise _damaged(path, f"working day {day} is not a Saturday or Sunday")
    return days_off, working


def national_calendar(first_year: int, last_year: int) -> tuple[dict[date, str], set[date]]:
    """Vietnam's public holidays (by name) and swapped working weekend days, per year range."""
    # Imported here: the package loads every country's module (~0.2 s), needed only
    # when a receipt counts working days. A bundle needs the hook in
    # packaging/pyinstaller-hooks/hook-holidays.py (countries load by name).
    import holidays

    years = range(first_year, last_year + 1)
    national = holidays.country_holidays("VN", years=years)
    days_off = {day: str(name) for day, name in national.items()}
    working = {day for day in national.weekend_workdays if day.year in years}
    return days_off, working


def calendar_years() -> tuple[int, int]:
    """The first and last year the national calendar can be computed for."""
    import holidays

    national = holidays.country_holidays("VN")
    return max(FIRST_YEAR, national.start_year), national.end_year


@lru_cache(maxsize=4)
def load_holiday_calendar(
    path: Path | None = None, *, first_year: int | None = None, last_year: int | None = None
) -> HolidayCalendar:
    """The national calendar plus the ward's exceptions (default: the bundled file), cached.

    Covers ``first_year`` to ``last_year`` (default: :func:`calendar_years`).
    """
    source = path if path is not None else ward_exceptions_file()
    ward_off, ward_working = _ward_exceptions(source)
    default_first, default_last = calendar_years()
    first = default_first if first_year is None else first_year
    last = default_last if last_year is None else last_year
    national_off, national_working = national_calendar(first, last)
    names = {**national_off, **ward_off, **ward_working}
    days_off = (set(national_off) | set(ward_off)) - set(ward_working)
    working = (national_working | set(ward_working)) - set(ward_off)
    return HolidayCalendar(
        days_off=frozenset(days_off),
        working_weekend_days=frozenset(working),
        first_day=date(first, 1, 1),
        last_day=date(last, 12, 31),
        names=names,
    )


def add_working_days(
    start: datetime, days: int, holidays: HolidayCalendar | Iterable[date]
) -> date:
    """The date a result received at ``start`` is ready after ``days`` working days.

    ``holidays`` is a :class:`HolidayCalendar` or simply the dates off (then every
    date is covered). Examples (no holidays): Monday 10:00 + 3 -> Thursday; Monday
    16:00 + 0 -> Tuesday; Friday 16:00 + 1 -> Tuesday. Raises
    :class:`DocumentDataError` for a negative or absurd ``days``, and its subclass
    :class:`CalendarRangeError` when the count reaches a day the calendar does not
    cover.
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
