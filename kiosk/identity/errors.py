"""The one error family of the identity package.

Every refusal carries two texts: ``str(error)`` is a single plain Vietnamese
sentence that may be shown to the citizen as is, and ``reason`` is a short
English code for logs and tests. Neither ever contains the rejected input,
so an error can be logged without leaking personal data.
"""

from __future__ import annotations


class IdentityInputError(ValueError):
    """Input that the identity package refuses; subclasses say which kind."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __repr__(self) -> str:
        return f"{type(self).__name__}(reason={self.reason!r})"


class IdCardError(IdentityInputError):
    """The QR payload of a citizen identity card cannot be accepted."""


class IdNumberError(IdentityInputError):
    """A 12-digit personal identification number is malformed."""


class PhoneNumberError(IdentityInputError):
    """A phone number is not a reachable Vietnamese mobile or landline number."""


class QrDecodeError(IdentityInputError):
    """A QR code was seen but its content is not usable text."""
