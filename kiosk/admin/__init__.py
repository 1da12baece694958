"""The IT officer's services: settings, enrolment, backups, data subject requests, audit log.

No Qt here: the admin screens are thin views over these functions. Every function
that changes something takes the acting :class:`kiosk.cases.audit.Actor` (the
signed-in admin's ``SignedIn.actor``) and records an audit event.
"""

from kiosk.admin.errors import (
    AdminError,
    BackupError,
    DataRequestError,
    EnrolmentError,
    SettingsError,
)

__all__ = [
    "AdminError",
    "BackupError",
    "DataRequestError",
    "EnrolmentError",
    "SettingsError",
]
