"""Schedules that survive a clock set forward or back.

A "last run" stored as a wall-clock time is compared with the wall clock of
the next start. When the clock jumped forward and came back, the last run
lies in the future and ``now - last < interval`` held for months: daily
backups stopped (issue 14). A last run dated ahead of the clock is treated as
unknown, so the job runs now and records the present time again.
"""

from __future__ import annotations

import datetime as dt

TOLERANCE = dt.timedelta(minutes=5)
"""Clock corrections this small (NTP) are not jumps."""


def is_due(last: dt.datetime | None, now: dt.datetime, interval: dt.timedelta) -> bool:
    if last is None:
        return True
    if last - now > TOLERANCE:  # the clock went back, or ``last`` came from a jump ahead
        return True
    return now - last >= interval
