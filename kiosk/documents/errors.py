"""The one error family of :mod:`kiosk.documents`."""

from __future__ import annotations


class DocumentDataError(ValueError):
    """A case snapshot, a setting or a data file cannot be turned into a document.

    ``str(error)`` and ``error.message_vi`` are plain Vietnamese for the screen;
    ``error.message_en`` is for developers. No personal data in either.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en
