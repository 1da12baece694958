"""Time for the case services: UTC for storage, Vietnam's date for business days.

Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact
and needs no time-zone database on a bare Windows kiosk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.office_day import VIETNAM as VIETNAM

type Clock = Callable[[], dt.datetime]
"""Returns the current moment as an aware datetime."""


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_storage(moment: dt.datetime) -> dt.datetime:
    """Naive UTC, the form every stored timestamp has."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date at the ward office for an aware moment."""
    return moment.astimezone(VIETNAM).date()


def from_storage(stored: dt.datetime) -> dt.datetime:
    return stored.replace(tzinfo=dt.UTC)


def day_bounds_utc(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Stored (naive UTC) start and end of a calendar day at the ward office."""
    start = dt.datetime.combine(day, dt.time(), VIETNAM).astimezone(dt.UTC).replace(tzinfo=None)
    return start, start + dt.timedelta(days=1)
