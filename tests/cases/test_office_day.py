"""The ward office's day (kiosk/office_day.py), whatever time zone the machine keeps.

A Debian image on UTC (or a kiosk set to any other zone) must still count the
day as the ward does: a child born today in Vietnam is not "born in the future"
between midnight and 07:00, and a child born tomorrow is refused all day. The
behaviour is checked in child processes with the machine's zone set behind and
ahead of Vietnam's; between them, every hour of the day has one where the
machine's date is not Vietnam's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.office_day import VIETNAM, office_today

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import datetime as dt
from kiosk.office_day import office_today
from kiosk.procedures import load_catalogue, validate_all
from tests.cases_support import birth_answers

birth = load_catalogue()["birth"]
answers = birth_answers(True)
for offset in (0, 1):
    answers["child_dob"] = (office_today() + dt.timedelta(days=offset)).isoformat()
    refused = "child_dob" in validate_all(birth, answers)
    print(offset, "refused" if refused else "accepted")
"""


def test_the_office_day_turns_at_midnight_in_vietnam() -> None:
    before = dt.datetime(2026, 12, 6, 16, 59, 59, tzinfo=dt.UTC)
    assert office_today(before) == dt.date(2026, 12, 6)
    assert office_today(before + dt.timedelta(seconds=1)) == dt.date(2026, 12, 7)
    assert office_today(dt.datetime(2026, 12, 7, 0, 30, tzinfo=VIETNAM)) == dt.date(2026, 12, 7)
    now = dt.datetime.now(dt.UTC)
    assert office_today() in {office_today(now), office_today(now + dt.timedelta(seconds=5))}


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14", "UTC"])
def test_a_birth_date_is_judged_by_the_wards_day_in_any_time_zone(zone: str) -> None:
    environment = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["0 accepted", "1 refused"], result.stdout


def test_no_other_today_is_read_from_the_machine() -> None:
    """``date.today()`` (and ``datetime.now().date()``) is the machine's zone's day:
    only kiosk/office_day.py says what today is."""
    pattern = re.compile(r"date\.today\(\)|now\(\)\.date\(\)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("kiosk", "sync")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and path != ROOT / "kiosk" / "office_day.py"
    ]
    assert offenders == []
