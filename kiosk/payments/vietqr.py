"""VietQR (NAPAS 247 transfer QR) payloads in EMVCo merchant-presented mode.

The payload is plain ASCII text that any Vietnamese banking app reads; the
kiosk only builds it and never talks to a bank. Field lengths follow the
EMVCo limits that banking apps enforce: bill number and purpose at most 25
characters, amount at most 13 digits.
"""

from __future__ import annotations

import binascii
import re
from typing import TypedDict

from kiosk.identity.text import strip_diacritics
from kiosk.payments.errors import PaymentDataError
from kiosk.payments.tlv import tlv_join, tlv_split

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_ACCOUNT_LENGTH = 19
MAX_BILL_NUMBER_LENGTH = 25
MAX_PURPOSE_LENGTH = 25
MAX_AMOUNT_DIGITS = 13

_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")
# Printable ASCII, space included: what EMVCo calls "ans".
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")


class VietQRData(TypedDict):
    """What :func:`parse_vietqr` reads back from a payload."""

    dynamic: bool
    bank_bin: str
    account: str
    service: str
    to_card: bool
    currency: str
    amount: int | None
    country: str
    bill_number: str | None
    purpose: str | None


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (EMVCo tag 63): polynomial 0x1021, initial 0xFFFF, no reflection.

    ``crc16_ccitt_false(b"123456789") == 0x29B1``; the standard library's CRC-CCITT
    (``binascii.crc_hqx``) started from 0xFFFF is exactly this.
    """
    return binascii.crc_hqx(data, 0xFFFF)


def to_plain_ascii(text: str) -> str:
    """Vietnamese text without diacritics, spaces collapsed, case kept (EMVCo "ans" fields).

    ``to_plain_ascii("Lệ phí Đăng ký") == "Le phi Dang ky"``. Characters that
    have no plain-ASCII form (emoji, CJK, control characters) stay in the result
    so that the caller's validation can reject them with a clear message.
    """
    return strip_diacritics(text)


def _require_str(value: object, field_vi: str, field_en: str) -> str:
    if not isinstance(value, str):
        raise PaymentDataError(f"{field_vi} phải là chuỗi ký tự.", f"{field_en} must be a string.")
    return value


def _checked_bin(bank_bin: object) -> str:
    text = _require_str(bank_bin, "Mã ngân hàng (BIN)", "Bank BIN")
    if not _BIN.fullmatch(text):
        raise PaymentDataError(
            "Mã ngân hàng (BIN) phải gồm đúng 6 chữ số, ví dụ 970436.",
            "Bank BIN must be exactly 6 digits, e.g. 970436.",
        )
    return text


def _checked_account(account: object) -> str:
    text = _require_str(account, "Số tài khoản", "Account number")
    if not _ACCOUNT.fullmatch(text):
        raise PaymentDataError(
            "Số tài khoản hoặc số thẻ chỉ gồm chữ và số không dấu, từ 1 đến 19 ký tự.",
            "Account or card number must be 1 to 19 ASCII letters or digits.",
        )
    return text


def _checked_amount(amount: object) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise PaymentDataError(
            "Số tiền phải là một số nguyên đồng.", "Amount must be a whole number of dong."
        )
    if amount <= 0:
        raise PaymentDataError("Số tiền phải lớn hơn 0 đồng.", "Amount must be positive.")
    if len(str(amount)) > MAX_AMOUNT_DIGITS:
        raise PaymentDataError(
            "Số tiền quá lớn cho mã QR thanh toán.",
            f"Amount has more than {MAX_AMOUNT_DIGITS} digits.",
        )
    return amount


def _checked_text(value: object, limit: int, field_vi: str, field_en: str) -> str:
    text = to_plain_ascii(_require_str(value, field_vi, field_en))
    if not _PRINTABLE_ASCII.fullmatch(text):
        raise PaymentDataError(
            f"{field_vi} chỉ được dùng chữ cái tiếng Việt, chữ số và dấu câu thông thường.",
            f"{field_en} contains characters that have no plain-ASCII form.",
        )
    if len(text) > limit:
        raise PaymentDataError(
            f"{field_vi} dài quá {limit} ký tự (hiện có {len(text)}).",
            f"{field_en} is longer than {limit} characters ({len(text)}).",
        )
    return text


def vietqr_payload(
    bank_bin: str,
    account: str,
    amount: int | None = None,
    bill_number: str | None = None,
    purpose: str | None = None,
    *,
    to_card: bool = False,
) -> str:
    """Build the VietQR text for a transfer to ``account`` at the bank ``bank_bin``.

    Point of initiation is ``12`` (dynamic) when ``amount`` is given, else ``11``.
    Tag 62 appears only when a bill number or purpose is given (empty strings
    count as not given). ``purpose`` and ``bill_number`` may carry Vietnamese
    diacritics; they are written without them. ``to_card`` selects QRIBFTTC
    (``account`` is then a card number). Raises :class:`PaymentDataError`, a
    :class:`ValueError`, on any invalid input.
    """
    checked_bin = _checked_bin(bank_bin)
    checked_account = _checked_account(account)
    checked_amount = None if amount is None else _checked_amount(amount)
    checked_bill = (
        None
        if bill_number is None
        else _checked_text(bill_number, MAX_BILL_NUMBER_LENGTH, "Số hóa đơn", "Bill number")
    )
    checked_purpose = (
        None
        if purpose is None
        else _checked_text(purpose, MAX_PURPOSE_LENGTH, "Nội dung chuyển khoản", "Purpose")
    )

    beneficiary = tlv_join([("00", checked_bin), ("01", checked_account)])
    merchant_account = tlv_join(
        [
            ("00", NAPAS_GUID),
            ("01", beneficiary),
            ("02", SERVICE_TO_CARD if to_card else SERVICE_TO_ACCOUNT),
        ]
    )
    fields: list[tuple[str, str]] = [
        ("00", "01"),
        ("01", "11" if checked_amount is None else "12"),
        ("38", merchant_account),
        ("53", CURRENCY_VND),
    ]
    if checked_amount is not None:
        fields.append(("54", str(checked_amount)))
    fields.append(("58", COUNTRY_VN))
    additional: list[tuple[str, str]] = []
    if checked_bill:
        additional.append(("01", checked_bill))
    if checked_purpose:
        additional.append(("08", checked_purpose))
    if additional:
        fields.append(("62", tlv_join(additional)))

    body = tlv_join(fields) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def _bad_payload(reason_en: str) -> PaymentDataError:
    return PaymentDataError("Mã QR này không phải mã VietQR hợp lệ.", reason_en)


def parse_vietqr(payload: str) -> VietQRData:
    """Read a VietQR payload back; checks the CRC and the NAPAS account fields.

    Raises :class:`PaymentDataError` for anything that is not a well-formed
    VietQR transfer payload. Used by tests and by the kiosk to show what a QR
    will pay before it is displayed.
    """
    if not isinstance(payload, str) or not payload.isascii():
        raise _bad_payload("Payload must be ASCII text.")
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise _bad_payload("Payload does not end with a CRC field (6304XXXX).")
    expected_crc = f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    if payload[-4:].upper() != expected_crc:
        raise _bad_payload(f"CRC mismatch: payload has {payload[-4:]}, computed {expected_crc}.")

    top = dict(tlv_split(payload[:-8]))
    if top.get("00") != "01":
        raise _bad_payload("Payload format indicator (tag 00) is not 01.")
    initiation = top.get("01")
    if initiation not in ("11", "12"):
        raise _bad_payload("Point of initiation (tag 01) is neither 11 nor 12.")
    merchant = dict(tlv_split(top.get("38", "")))
    if merchant.get("00") != NAPAS_GUID:
        raise _bad_payload("Tag 38 does not carry the NAPAS GUID.")
    beneficiary = dict(tlv_split(merchant.get("01", "")))
    service = merchant.get("02", "")
    if service not in (SERVICE_TO_ACCOUNT, SERVICE_TO_CARD):
        raise _bad_payload(f"Unknown service code {service!r}.")
    bank_bin = beneficiary.get("00", "")
    account = beneficiary.get("01", "")
    if not _BIN.fullmatch(bank_bin) or not _ACCOUNT.fullmatch(account):
        raise _bad_payload("Beneficiary BIN or account is malformed.")

    amount_text = top.get("54")
    amount: int | None = None
    if amount_text is not None:
        if not amount_text.isdigit():
            raise _bad_payload("Amount (tag 54) is not a whole number of dong.")
        amount = int(amount_text)
    additional = dict(tlv_split(top.get("62", "")))
    return VietQRData(
        dynamic=initiation == "12",
        bank_bin=bank_bin,
        account=account,
        service=service,
        to_card=service == SERVICE_TO_CARD,
        currency=top.get("53", ""),
        amount=amount,
        country=top.get("58", ""),
        bill_number=additional.get("01"),
        purpose=additional.get("08"),
    )


__all__ = [
    "VietQRData",
    "crc16_ccitt_false",
    "parse_vietqr",
    "to_plain_ascii",
    "vietqr_payload",
]
