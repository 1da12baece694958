"""Working days and the public-holiday calendar shipped in assets/holidays."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.documents import (
    DocumentDataError,
    HolidayCalendar,
    add_working_days,
    holidays_file,
    load_holiday_calendar,
)

NO_HOLIDAYS = HolidayCalendar(days_off=frozenset())
MONDAY = date(2026, 6, 8)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.mark.parametrize(
    ("start", "days", "ready"),
    [
        (at(MONDAY, 10), 3, date(2026, 6, 11)),  # Monday morning + 3 -> Thursday
        (at(MONDAY, 10), 0, MONDAY),  # same day
        (at(MONDAY, 15, 0), 0, MONDAY),  # 15:00 sharp still counts today
        (at(MONDAY, 15, 1), 0, date(2026, 6, 9)),  # after 15:00 -> next working day
        (at(MONDAY, 16), 3, date(2026, 6, 12)),  # counts from Tuesday
        (at(MONDAY + timedelta(days=4), 16), 0, date(2026, 6, 15)),  # Friday late -> Monday
        (at(MONDAY + timedelta(days=4), 16), 1, date(2026, 6, 16)),  # Friday late + 1 -> Tuesday
        (at(MONDAY + timedelta(days=5), 9), 0, date(2026, 6, 15)),  # Saturday -> Monday
        (at(MONDAY + timedelta(days=6), 9), 2, date(2026, 6, 17)),  # Sunday + 2 -> Wednesday
        (at(MONDAY, 10), 7, date(2026, 6, 17)),  # a week and two days
    ],
)
def test_working_day_rules_without_holidays(start: datetime, days: int, ready: date) -> None:
    assert add_working_days(start, days, NO_HOLIDAYS) == ready


def test_a_plain_set_of_dates_works_as_holidays() -> None:
    assert add_working_days(at(MONDAY, 10), 1, {date(2026, 6, 9)}) == date(2026, 6, 10)


@pytest.mark.parametrize(
    ("start", "days", "ready"),
    [
        # Tết 2026: Monday 16 to Friday 20 February off.
        (datetime(2026, 2, 13, 10), 1, date(2026, 2, 23)),
        (datetime(2026, 2, 17, 9), 0, date(2026, 2, 23)),
        # Hùng Kings 2026 falls on Sunday 26/4: Monday 27/4 is the compensatory day.
        (datetime(2026, 4, 24, 10), 1, date(2026, 4, 28)),
        # 30/4 and 1/5/2026 (Thursday, Friday).
        (datetime(2026, 4, 29, 10), 1, date(2026, 5, 4)),
        # 2025: Friday 2/5 off in exchange for working Saturday 26/4.
        (datetime(2025, 4, 29, 10), 1, date(2025, 5, 5)),
        (datetime(2025, 4, 25, 16), 0, date(2025, 4, 26)),
        # 2026 National Day: 31/8 (swapped with Saturday 22/8), 1/9 and 2/9 off.
        (datetime(2026, 8, 28, 10), 1, date(2026, 9, 3)),
        (datetime(2026, 8, 21, 10), 1, date(2026, 8, 22)),
        # Ngày Văn hóa Việt Nam, 24/11 from 2026.
        (datetime(2026, 11, 23, 10), 1, date(2026, 11, 25)),
        # New Year's Day 2027 is a Friday.
        (datetime(2026, 12, 31, 10), 1, date(2027, 1, 4)),
    ],
)
def test_bundled_calendar(start: datetime, days: int, ready: date) -> None:
    assert add_working_days(start, days, load_holiday_calendar()) == ready


def test_bundled_file_covers_2025_to_2027_with_tet_and_hung_kings() -> None:
    document = json.loads(holidays_file().read_text(encoding="utf-8"))
    assert document["sources"]
    assert set(document["years"]) >= {"2025", "2026", "2027"}
    for year, content in document["years"].items():
        names = " ".join(entry["name_vi"] for entry in content["days_off"])
        assert "Tết Nguyên Đán" in names
        assert "Giỗ Tổ Hùng Vương" in names
        assert "Quốc khánh" in names
        for entry in content["days_off"] + content["working_weekend_days"]:
            assert entry["date"].startswith(year)
        for entry in content["working_weekend_days"]:
            assert date.fromisoformat(entry["date"]).weekday() >= 5
    calendar = load_holiday_calendar()
    assert calendar.covered_years >= {2025, 2026, 2027}
    assert date(2025, 1, 29) in calendar.days_off  # Mùng một Tết Ất Tỵ
    assert date(2027, 2, 8) in calendar.days_off  # Mùng ba Tết Đinh Mùi


@given(
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 1)),
    days=st.integers(min_value=0, max_value=30),
)
def test_result_day_is_a_working_day_exactly_days_after(start: datetime, days: int) -> None:
    calendar = load_holiday_calendar()
    ready = add_working_days(start, days, calendar)
    assert calendar.is_working_day(ready)
    # The first counting day: today if open and before the cut-off, else the next open day.
    first = start.date()
    if not (calendar.is_working_day(first) and start.time() <= time(15, 0)):
        first += timedelta(days=1)
        while not calendar.is_working_day(first):
            first += timedelta(days=1)
    assert ready >= first
    later_working_days = sum(
        calendar.is_working_day(first + timedelta(days=offset))
        for offset in range(1, (ready - first).days + 1)
    )
    assert later_working_days == days


@pytest.mark.parametrize("bad", [-1, 366, 1.5, True, "3"])
def test_bad_day_counts_are_refused(bad: object) -> None:
    with pytest.raises(DocumentDataError, match="ngày làm việc"):
        add_working_days(at(MONDAY, 10), bad, NO_HOLIDAYS)  # type: ignore[arg-type]


def test_start_must_be_a_datetime() -> None:
    with pytest.raises(DocumentDataError):
        add_working_days(MONDAY, 1, NO_HOLIDAYS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"years": []}',
        '{"years": {"2026": {"days_off": [{"date": "2026-13-01"}]}}}',
        '{"years": {"2026": {"days_off": [{"when": "2026-01-01"}]}}}',
        '{"years": {"abc": {}}}',
        "\udcff",
    ],
)
def test_damaged_calendar_file_gives_a_vietnamese_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "holidays.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(DocumentDataError, match="lịch ngày nghỉ lễ"):
        load_holiday_calendar(path)


def test_missing_calendar_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentDataError, match="Không tìm thấy"):
        load_holiday_calendar(tmp_path / "absent.json")
