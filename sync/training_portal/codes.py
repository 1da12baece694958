"""Dossier codes (Circular 01/2018/TT-VPCP, Art. 19) and appointment dates.

``AGENCY-YYMMDD-XXXX``: the receiving agency's identifier, the receipt date in
the office's calendar and that day's sequence number (at least four digits).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

AGENCY_CODE_PATTERN = re.compile(r"[0-9A-Z]{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}")
DOSSIER_CODE_PATTERN = re.compile(
    r"(?P<agency>[0-9A-Z]{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{6})-(?P<sequence>\d{4,})"
)
DEFAULT_AGENCY_CODE = "000.00.21.H42"


def check_agency_code(agency_code: str) -> str:
    """Return ``agency_code`` if it has the circular's shape, else raise ValueError."""
    if not AGENCY_CODE_PATTERN.fullmatch(agency_code):
        raise ValueError(
            f"agency code {agency_code!r} does not match {AGENCY_CODE_PATTERN.pattern}"
        )
    return agency_code


def format_dossier_code(agency_code: str, received_on: date, sequence: int) -> str:
    """``000.00.21.H42-260115-0007`` for the seventh dossier of 15 January 2026."""
    if sequence < 1:
        raise ValueError("the day's sequence starts at 1")
    return f"{agency_code}-{received_on:%y%m%d}-{sequence:04d}"


def appointment_date(received_on: date, processing_days: int) -> date:
    """The return date: ``processing_days`` working days after receipt.

    The training portal's own simple rule: Saturdays and Sundays are skipped, public
    holidays are not known. Zero days means the same day, or the next Monday when
    received at a weekend.
    """
    if processing_days < 0:
        raise ValueError("processing_days must not be negative")
    day = received_on
    while day.weekday() >= 5:
        day += timedelta(days=1)
    remaining = processing_days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day
