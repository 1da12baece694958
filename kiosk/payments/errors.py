"""The one error family of :mod:`kiosk.payments`.

Payment data comes from configuration (bank, account, purpose) and from a case
(amount, reference); a bad value is a configuration or data problem that the
kiosk shows in plain Vietnamese, so the error carries both languages.
"""

from __future__ import annotations


class PaymentDataError(ValueError):
    """Invalid input for a payment QR or an amount.

    ``str(error)`` and ``error.message_vi`` are the Vietnamese message shown to a
    person; ``error.message_en`` is the same in English for logs and developers.
    Neither ever contains personal data.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en
