"""Fees and VietQR: amounts in figures and words, EMVCo payloads for NAPAS 247.

Qt-free and offline: nothing here talks to a bank.
"""

from kiosk.payments.errors import PaymentDataError
from kiosk.payments.money import (
    amount_in_words,
    amount_in_words_en,
    amount_in_words_vi,
    format_vnd,
    format_vnd_in_text,
)
from kiosk.payments.request import PaymentAccount, PaymentRequest, build_payment_request
from kiosk.payments.vietqr import (
    VietQRData,
    crc16_ccitt_false,
    parse_vietqr,
    to_plain_ascii,
    vietqr_payload,
)

__all__ = [
    "PaymentAccount",
    "PaymentDataError",
    "PaymentRequest",
    "VietQRData",
    "amount_in_words",
    "amount_in_words_en",
    "amount_in_words_vi",
    "build_payment_request",
    "crc16_ccitt_false",
    "format_vnd",
    "format_vnd_in_text",
    "parse_vietqr",
    "to_plain_ascii",
    "vietqr_payload",
]
