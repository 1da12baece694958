"""Dossier codes (Circular 01/2018/TT-VPCP, Art. 19) and appointment dates.

``AGENCY-YYMMDD-XXXX``: the receiving agency's identifier, the receipt date in
the office's calendar and that day's sequence number (at least four digits).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

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


def appointment_date(received: date, processing_days: int) -> date:
    """The return date: ``processing_days`` working days after receipt.

    The kiosk's own rule (kiosk/documents/working_days.py), so the portal's date
    and the kiosk's receipt agree: weekends and the public holidays of the
    bundled calendar are skipped, a dossier received after 15:00 (``received`` a
    datetime in the office's wall-clock time) counts from the next working day,
    and zero days means the same day.
    """
    from kiosk.documents.working_days import add_working_days, load_holiday_calendar

    if processing_days < 0:
        raise ValueError("processing_days must not be negative")
    start = received if isinstance(received, datetime) else datetime.combine(received, time())
    return add_working_days(start, processing_days, load_holiday_calendar())
