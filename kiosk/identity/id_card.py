"""Parse the QR code printed on a chip-based citizen identity card.

Layout (UTF-8, ``|``-separated)::

    ID|old ID or empty|full name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy issue date[|more...]

The 2024 "Căn cước" card may append fields whose layout is not public, so
fields 0-6 are read by position and anything after is kept as text in
:attr:`IdCard.extra_fields`. Every refusal is an :class:`IdCardError` whose
message a citizen can read and whose ``reason`` is safe to log; no other
exception type escapes :func:`parse_id_card_qr`, whatever it is given.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from kiosk.identity.errors import IdCardError, IdNumberError
from kiosk.identity.id_number import Sex, id_number_matches, validate_id_number
from kiosk.identity.text import collapse_spaces, to_nfc
from kiosk.office_day import office_today

MAX_PAYLOAD_BYTES = 1000
REQUIRED_FIELDS = 7

_FIELD_SEPARATOR = "|"
_DATE_DIGITS = re.compile(r"[0-9]{8}")
_OLD_ID_DIGITS = re.compile(r"[0-9]{9}|[0-9]{12}")
# Keyboard-wedge scanners add CR/LF; some encoders prepend a byte-order mark.
_EDGE_NOISE = " \t\r\n\ufeff"
# Names hold letters, spaces and, for some ethnic-minority names, an
# apostrophe, hyphen or dot ("H'Hen Niê", "Y-Ngông").
_NAME_PUNCTUATION = frozenset(" '’-.")
_SEX_VALUES: dict[str, Sex] = {"nam": "Nam", "nữ": "Nữ"}

_RESCAN = "xin vui lòng quét lại"
_ASK_STAFF = "xin vui lòng nhờ cán bộ hỗ trợ"

_MESSAGES: dict[str, str] = {
    "not_text": f"Mã vừa quét không phải mã QR của thẻ căn cước, {_RESCAN}.",
    "empty": f"Chưa đọc được nội dung mã QR, {_RESCAN} mặt có mã QR của thẻ.",
    "too_large": f"Mã vừa quét quá dài so với mã QR của thẻ căn cước, {_RESCAN}.",
    "not_utf8": f"Mã QR đọc được bị lỗi ký tự, {_RESCAN}.",
    "control_characters": f"Mã QR đọc được bị lỗi ký tự, {_RESCAN}.",
    "too_few_fields": f"Mã QR trên thẻ không đọc được đầy đủ, {_RESCAN}.",
    "id_number_format": f"Số định danh cá nhân trong mã QR không hợp lệ, {_RESCAN}.",
    "id_number_province": f"Số định danh cá nhân trong mã QR không hợp lệ, {_ASK_STAFF}.",
    "old_id_number_format": f"Số chứng minh nhân dân cũ trong mã QR không hợp lệ, {_RESCAN}.",
    "name_missing": f"Mã QR không có họ và tên, {_RESCAN}.",
    "name_invalid": f"Họ và tên trong mã QR có ký tự không hợp lệ, {_RESCAN}.",
    "date_of_birth_invalid": f"Ngày sinh trong mã QR không phải một ngày có thật, {_RESCAN}.",
    "date_of_birth_in_future": f"Ngày sinh trong mã QR nằm sau ngày hôm nay, {_ASK_STAFF}.",
    "sex_invalid": f"Giới tính trong mã QR không phải Nam hoặc Nữ, {_RESCAN}.",
    "id_number_mismatch": (
        f"Số định danh cá nhân không khớp với ngày sinh hoặc giới tính trên thẻ, {_ASK_STAFF}."
    ),
    "address_missing": f"Mã QR không có địa chỉ, {_RESCAN}.",
    "issue_date_invalid": f"Ngày cấp thẻ trong mã QR không phải một ngày có thật, {_RESCAN}.",
    "issue_date_before_birth": f"Ngày cấp thẻ trong mã QR nằm trước ngày sinh, {_ASK_STAFF}.",
    "issue_date_in_future": f"Ngày cấp thẻ trong mã QR nằm sau ngày hôm nay, {_ASK_STAFF}.",
}


def _refuse(reason: str) -> IdCardError:
    return IdCardError(_MESSAGES[reason], reason)


@dataclass(frozen=True, slots=True)
class IdCard:
    """The holder data read from one card's QR code, already validated.

    Text fields are NFC. The ``repr`` masks personal data so that an
    ``IdCard`` that slips into a log line or traceback leaks nothing.
    """

    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: datetime.date
    sex: Sex
    address: str
    issue_date: datetime.date | None
    extra_fields: tuple[str, ...] = ()

    def __repr__(self) -> str:
        masked = self.id_number[:3] + "*" * 9
        return f"IdCard(id_number={masked!r}, extra_fields={len(self.extra_fields)})"


def parse_id_card_qr(payload: str | bytes, *, today: datetime.date | None = None) -> IdCard:
    """Parse and validate a card's QR payload, or raise :class:`IdCardError`.

    ``payload`` is the decoded text or the raw UTF-8 bytes. ``today`` (local
    date by default) is the reference for "not in the future" checks.
    Trailing CR/LF and spaces, NFD text, an empty old-ID field and extra
    fields after the seventh are accepted.
    """
    reference_day = today if today is not None else office_today()
    text = _payload_text(payload)
    fields = text.split(_FIELD_SEPARATOR)
    if len(fields) < REQUIRED_FIELDS:
        raise _refuse("too_few_fields")
    raw_id, raw_old_id, raw_name, raw_birth, raw_sex, raw_address, raw_issue = fields[:7]

    id_number = _id_number(raw_id)
    old_id_number = _old_id_number(raw_old_id)
    full_name = _full_name(raw_name)
    date_of_birth = _date(raw_birth, "date_of_birth_invalid")
    if date_of_birth is None:
        raise _refuse("date_of_birth_invalid")
    if date_of_birth > reference_day:
        raise _refuse("date_of_birth_in_future")
    sex = _sex(raw_sex)
    if not id_number_matches(id_number, date_of_birth, sex):
        raise _refuse("id_number_mismatch")
    address = raw_address.strip()
    if not address:
        raise _refuse("address_missing")
    issue_date = _date(raw_issue, "issue_date_invalid")
    if issue_date is not None:
        if issue_date < date_of_birth:
            raise _refuse("issue_date_before_birth")
        if issue_date > reference_day:
            raise _refuse("issue_date_in_future")

    return IdCard(
        id_number=id_number,
        old_id_number=old_id_number,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=address,
        issue_date=issue_date,
        extra_fields=tuple(fields[REQUIRED_FIELDS:]),
    )


def id_card_qr_text(
    id_number: str,
    old_id_number: str | None,
    full_name: str,
    date_of_birth: datetime.date,
    sex: str,
    address: str,
    issue_date: datetime.date | None,
) -> str:
    """The QR text a card with these fields carries: what :func:`parse_id_card_qr` reads.

    For synthetic cards (training, demos, tests); a real card's QR is printed by the state.
    """
    return _FIELD_SEPARATOR.join(
        [
            id_number,
            old_id_number or "",
            full_name,
            date_of_birth.strftime("%d%m%Y"),
            sex,
            address,
            issue_date.strftime("%d%m%Y") if issue_date is not None else "",
        ]
    )


def _payload_text(payload: str | bytes) -> str:
    """Decoded, size-checked, NFC text with scanner noise trimmed from the edges."""
    if isinstance(payload, bytes | bytearray | memoryview):
        raw = bytes(payload)
        if len(raw) > MAX_PAYLOAD_BYTES + 16:  # room for a BOM and a CR/LF suffix
            raise _refuse("too_large")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _refuse("not_utf8") from None
    elif isinstance(payload, str):
        text = payload
    else:
        raise _refuse("not_text")

    text = text.strip(_EDGE_NOISE)
    if not text:
        raise _refuse("empty")
    # Check size before the O(n) passes below; a character is at least a byte.
    if len(text) > MAX_PAYLOAD_BYTES:
        raise _refuse("too_large")
    try:
        encoded_size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # lone surrogates in a str payload
        raise _refuse("not_utf8") from None
    if encoded_size > MAX_PAYLOAD_BYTES:
        raise _refuse("too_large")
    # Category C* = control, format (bidi overrides, zero-width), surrogate,
    # private use and unassigned: none belongs on a card.
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise _refuse("control_characters")
    return to_nfc(text)


def _id_number(raw: str) -> str:
    candidate = raw.strip()
    # Group separators are fine when a person types a number, not in a QR.
    if not candidate.isascii() or not candidate.isdigit():
        raise _refuse("id_number_format")
    try:
        return validate_id_number(candidate)
    except IdNumberError as error:
        raise _refuse(error.reason) from None


def _old_id_number(raw: str) -> str | None:
    candidate = raw.strip()
    if not candidate:
        return None
    if not _OLD_ID_DIGITS.fullmatch(candidate):
        raise _refuse("old_id_number_format")
    return candidate


def _full_name(raw: str) -> str:
    name = collapse_spaces(raw)
    if not name:
        raise _refuse("name_missing")
    for ch in name:
        if ch in _NAME_PUNCTUATION:
            continue
        category = unicodedata.category(ch)
        if not (category.startswith("L") or category.startswith("M")):
            raise _refuse("name_invalid")
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        raise _refuse("name_invalid")
    return name


def _date(raw: str, reason: str) -> datetime.date | None:
    """``ddmmyyyy`` as a date; empty means absent (None); anything else refused."""
    candidate = raw.strip()
    if not candidate:
        return None
    if not _DATE_DIGITS.fullmatch(candidate):
        raise _refuse(reason)
    day, month, year = int(candidate[:2]), int(candidate[2:4]), int(candidate[4:])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _refuse(reason) from None


def _sex(raw: str) -> Sex:
    sex = _SEX_VALUES.get(raw.strip().casefold())
    if sex is None:
        raise _refuse("sex_invalid")
    return sex
