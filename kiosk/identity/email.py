"""E-mail addresses a citizen gives for the portal account: shape checks, no look-ups.

The portal sends its own messages; the kiosk only keeps what cannot be an
address out of the database (control and bidi characters, spaces, lone
surrogates, megabytes of text). Letters outside ASCII are allowed (internationalised
addresses exist); the address is kept as typed, NFC and trimmed.
"""

from __future__ import annotations

from kiosk.identity.errors import EmailAddressError
from kiosk.identity.text import has_unsafe_characters, to_nfc

MAX_EMAIL_CHARS = 254
MAX_LOCAL_PART_CHARS = 64
_MESSAGE = "Địa chỉ thư điện tử chưa đúng (ví dụ: ten@example.vn)."
_TOO_LONG = f"Địa chỉ thư điện tử dài quá {MAX_EMAIL_CHARS} ký tự."


def validate_email(text: object) -> str:
    """The address to store, or :class:`EmailAddressError` (a ``ValueError``, Vietnamese text)."""
    if not isinstance(text, str):
        raise EmailAddressError(_MESSAGE, "email_type")
    if len(text) > 4 * MAX_EMAIL_CHARS:
        raise EmailAddressError(_TOO_LONG, "email_too_long")
    if has_unsafe_characters(text):
        raise EmailAddressError(_MESSAGE, "email_characters")
    address = to_nfc(text.strip())
    if len(address) > MAX_EMAIL_CHARS:
        raise EmailAddressError(_TOO_LONG, "email_too_long")
    local, at, domain = address.rpartition("@")
    labels = domain.split(".")
    if (
        not at
        or not local
        or "@" in local
        or len(local) > MAX_LOCAL_PART_CHARS
        or any(ch.isspace() for ch in address)
        or len(labels) < 2
        or any(not label or label.startswith("-") or label.endswith("-") for label in labels)
        or not all(ch.isalnum() or ch == "-" for label in labels for ch in label)
    ):
        raise EmailAddressError(_MESSAGE, "email_shape")
    return address
