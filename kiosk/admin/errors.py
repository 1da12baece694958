"""Refusals of the IT officer's services; each carries a plain message for the screen."""

from __future__ import annotations

from kiosk.procedures.base import LocalText


class AdminError(Exception):
    """A request the admin services refuse; ``message`` is shown to the IT officer."""

    def __init__(self, message: LocalText) -> None:
        self.message = message
        super().__init__(message.vi)


class SettingsError(AdminError):
    """A setting refused; ``key`` is its dotted name (``"ward.code"``) for the form."""

    def __init__(self, key: str, message: LocalText) -> None:
        self.key = key
        super().__init__(message)


class EnrolmentError(AdminError):
    """Enrolment failed; nothing was stored."""


class BackupError(AdminError):
    """A backup could not be taken or restored; the database is unchanged."""


class DataRequestError(AdminError):
    """A data subject request could not be carried out as asked."""
