"""Working days: the national calendar (the holidays package) and the ward's own exceptions."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.documents import (
    CalendarRangeError,
    DocumentDataError,
    HolidayCalendar,
    add_working_days,
    load_holiday_calendar,
    ward_exceptions_file,
)
from kiosk.documents.working_days import FIRST_YEAR, calendar_years

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


@pytest.mark.parametrize(
    ("start", "days", "ready"),
    [
        # The defect this replaces: from 2028 on every holiday was silently a weekday.
        # New Year's Day 2028 is a Saturday: Monday 3/1 is the compensatory day.
        (datetime(2027, 12, 31, 10), 1, date(2028, 1, 4)),
        # Tết Mậu Thân 2028: 24/1 to 29/1 off (Monday to Saturday).
        (datetime(2028, 1, 21, 10), 1, date(2028, 1, 31)),
        # 30/4/2028 is a Sunday: compensated on Tuesday 2/5 after Labour Day on Monday.
        (datetime(2028, 4, 28, 10), 1, date(2028, 5, 3)),
        # 2/9/2028 is a Saturday, 1/9 the adjacent day, Monday 4/9 the compensatory day.
        (datetime(2028, 8, 31, 10), 1, date(2028, 9, 5)),
        # Far ahead too: mùng một Tết Canh Thân is Sunday 12/2/2040; 10/2 to 16/2 off.
        (datetime(2040, 2, 9, 10), 1, date(2040, 2, 17)),
    ],
)
def test_holidays_after_2027_count(start: datetime, days: int, ready: date) -> None:
    assert add_working_days(start, days, load_holiday_calendar()) == ready


def test_the_national_calendar_names_the_statutory_days() -> None:
    calendar = load_holiday_calendar()
    for year in (2025, 2026, 2027, 2028, 2035):
        names = " ".join(name for day, name in calendar.names.items() if day.year == year)
        for holiday in ("Tết Dương lịch", "Tết Nguyên Đán", "Giỗ Tổ Hùng Vương", "Quốc khánh"):
            assert holiday in names, (year, holiday)
        assert date(year, 4, 30) in calendar.days_off or date(year, 4, 30).weekday() >= 5
        assert date(year, 5, 1) in calendar.days_off or date(year, 5, 1).weekday() >= 5
    assert date(2025, 1, 29) in calendar.days_off  # Mùng một Tết Ất Tỵ
    assert date(2027, 2, 8) in calendar.days_off  # Mùng ba Tết Đinh Mùi
    # The Government's swaps: the Saturday worked, the weekday off in exchange.
    assert {date(2025, 4, 26), date(2026, 8, 22)} <= calendar.working_weekend_days
    assert {date(2025, 5, 2), date(2026, 8, 31)} <= calendar.days_off


def test_the_calendar_covers_from_the_first_year_to_the_packages_horizon() -> None:
    first, last = calendar_years()
    calendar = load_holiday_calendar()
    assert (first, last) == (FIRST_YEAR, 2100)
    assert (calendar.first_day, calendar.last_day) == (date(first, 1, 1), date(last, 12, 31))
    assert calendar.is_working_day(date(last, 12, 29))  # a Wednesday, inside
    with pytest.raises(CalendarRangeError, match="không tính được ngày hẹn"):
        calendar.is_working_day(date(last + 1, 1, 2))
    with pytest.raises(CalendarRangeError, match="31/12/2024"):
        calendar.is_working_day(date(first - 1, 12, 31))


def test_counting_past_the_covered_range_is_an_error_not_a_weekday() -> None:
    only_2026 = load_holiday_calendar(first_year=2026, last_year=2026)
    assert add_working_days(datetime(2026, 12, 30, 10), 1, only_2026) == date(2026, 12, 31)
    with pytest.raises(CalendarRangeError) as refused:
        add_working_days(datetime(2026, 12, 31, 10), 1, only_2026)
    assert "01/01/2027" in refused.value.message_vi
    assert isinstance(refused.value, DocumentDataError)  # what the receipt printer handles
    with pytest.raises(CalendarRangeError):
        add_working_days(datetime(2025, 12, 31, 10), 0, only_2026)


def test_the_wards_exceptions_win_over_the_national_calendar(tmp_path: Path) -> None:
    path = tmp_path / "ward.json"
    path.write_text(
        json.dumps(
            {
                "days_off": [{"date": "2026-06-09", "name_vi": "Lễ hội làng"}],
                "working_days": [
                    {"date": "2026-06-13", "name_vi": "Làm bù thứ Bảy"},
                    {"date": "2026-04-26", "name_vi": "Chủ nhật trực"},
                ],
            }
        ),
        encoding="utf-8",
    )
    calendar = load_holiday_calendar(path, first_year=2026, last_year=2026)
    assert not calendar.is_working_day(date(2026, 6, 9))
    assert calendar.is_working_day(date(2026, 6, 13))
    assert calendar.is_working_day(date(2026, 4, 26))  # Hùng Kings' Sunday, worked here
    assert calendar.names[date(2026, 6, 9)] == "Lễ hội làng"
    # Monday 8/6 10:00 + 1: Tuesday is the ward's day off -> Wednesday.
    assert add_working_days(at(MONDAY, 10), 1, calendar) == date(2026, 6, 10)


def test_the_shipped_exceptions_file_is_valid_and_empty() -> None:
    document = json.loads(ward_exceptions_file().read_text(encoding="utf-8"))
    assert document["days_off"] == [] and document["working_days"] == []
    assert "holidays" in document["description"]


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
        '{"days_off": {}}',
        '{"days_off": [{"date": "2026-13-01"}]}',
        '{"days_off": [{"when": "2026-01-01"}]}',
        '{"working_days": [{"date": "2026-06-10"}]}',
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
