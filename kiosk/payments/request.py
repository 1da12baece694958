"""Everything the payment screen shows for one fee, built without Qt.

The receiving bank, account and purpose are the ward's configuration; the
amount comes from the procedure's fee rule and the bill number is the case's
local reference, so the ward can match a transfer to a case.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.payments.money import amount_in_words, format_vnd
from kiosk.payments.vietqr import vietqr_payload


@dataclass(frozen=True, slots=True)
class PaymentAccount:
    """The ward's receiving account (configuration, never hard-coded)."""

    bank_bin: str
    account: str
    account_name: str
    purpose: str = "LE PHI"
    to_card: bool = False


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    """A fee ready to display: figures, words and the VietQR text to encode."""

    amount: int
    amount_figures: str
    amount_words: str
    qr_payload: str
    bill_number: str
    account_name: str


def build_payment_request(
    account: PaymentAccount, amount: int, local_reference: str, language: str = "vi"
) -> PaymentRequest:
    """Payment request for ``amount`` dong referencing ``local_reference``.

    Raises :class:`~kiosk.payments.errors.PaymentDataError` when the account
    configuration, the amount (must be positive: free procedures have no
    payment screen) or the reference cannot go into a VietQR.
    """
    payload = vietqr_payload(
        bank_bin=account.bank_bin,
        account=account.account,
        amount=amount,
        bill_number=local_reference,
        purpose=account.purpose,
        to_card=account.to_card,
    )
    locale = "en" if language == "en" else "vi"
    return PaymentRequest(
        amount=amount,
        amount_figures=format_vnd(amount, locale),
        amount_words=amount_in_words(amount, language),
        qr_payload=payload,
        bill_number=local_reference,
        account_name=account.account_name,
    )
