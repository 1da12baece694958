"""Volunteers: accounts with PIN sign-in, the work queue and the "Today" counts.

No Qt here: the volunteer screens are thin views over these services.
"""

from kiosk.volunteers.accounts import (
    LOCK_DURATION,
    MAX_FAILED_ATTEMPTS,
    SignedIn,
    VolunteerService,
    VolunteerView,
)
from kiosk.volunteers.assist import assist_case
from kiosk.volunteers.errors import (
    InvalidPin,
    InvalidVolunteer,
    LastAdmin,
    NotPermitted,
    SignInError,
    VolunteerError,
    VolunteerNotFound,
)
from kiosk.volunteers.queue import QUEUE_KINDS, QUEUE_TITLES, QueueKind, QueueRow, WorkQueue
from kiosk.volunteers.today import TodaySummary, today_summary

__all__ = [
    "LOCK_DURATION",
    "MAX_FAILED_ATTEMPTS",
    "QUEUE_KINDS",
    "QUEUE_TITLES",
    "InvalidPin",
    "InvalidVolunteer",
    "LastAdmin",
    "NotPermitted",
    "QueueKind",
    "QueueRow",
    "SignInError",
    "SignedIn",
    "TodaySummary",
    "VolunteerError",
    "VolunteerNotFound",
    "VolunteerService",
    "VolunteerView",
    "WorkQueue",
    "assist_case",
    "today_summary",
]
