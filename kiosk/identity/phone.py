"""Vietnamese phone numbers, stored as E.164 (``+84...``).

The kiosk needs a number the portal can reach by SMS or call: a Vietnamese
mobile number (10 digits starting 0, or +84) or a landline (02x, 11 digits).
A portal account needs a mobile number, because its one-time code comes by SMS
(:func:`normalize_mobile_phone`).
The numbering rules come from the ``phonenumbers`` package, so a new mobile
prefix only needs a package update.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.identity.errors import PhoneNumberError

_REGION = "VN"
_MAX_INPUT_CHARS = 40
# What people write around the digits: "(+84) 912-345.678".
_ALLOWED_CHARS = re.compile(r"[0-9+ .\-()]+")

_MESSAGES: dict[str, str] = {
    "phone_empty": "Xin vui lòng nhập số điện thoại.",
    "phone_characters": "Số điện thoại chỉ gồm các chữ số, có thể bắt đầu bằng +84.",
    "phone_foreign": "Xin vui lòng nhập một số điện thoại Việt Nam.",
    "phone_invalid": (
        "Số điện thoại chưa đúng: số di động có 10 chữ số, số cố định có 11 chữ số bắt đầu bằng 02."
    ),
    "phone_not_personal": "Xin vui lòng nhập số di động hoặc số máy bàn của ông bà.",
    "phone_not_mobile": (
        "Mã xác nhận được gửi bằng tin nhắn, nên cần số điện thoại di động "
        "(10 chữ số, ví dụ 0912 345 678), không dùng số máy bàn."
    ),
}
# phonenumbers (0.1 s to import) loads with the first number checked, not at start-up.


def _refuse(reason: str) -> PhoneNumberError:
    return PhoneNumberError(_MESSAGES[reason], reason)


def normalize_phone(text: str) -> str:
    """Return ``text`` as an E.164 Vietnamese number or raise :class:`PhoneNumberError`.

    Accepts mobile numbers and landlines written with ``0`` or ``+84``/``84``,
    with spaces, dots, hyphens or brackets. Refuses foreign numbers, toll-free
    and premium numbers, letters and anything too long. ``PhoneNumberError``
    is a ``ValueError`` whose message is Vietnamese.
    """
    if not isinstance(text, str):
        raise _refuse("phone_characters")
    # NFKC turns full-width digits (from some on-screen keyboards) into ASCII.
    candidate = unicodedata.normalize("NFKC", text).strip()
    if not candidate:
        raise _refuse("phone_empty")
    if len(candidate) > _MAX_INPUT_CHARS or not _ALLOWED_CHARS.fullmatch(candidate):
        raise _refuse("phone_characters")
    import phonenumbers

    accepted = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    try:
        number = phonenumbers.parse(candidate, _REGION)
    except phonenumbers.NumberParseException:
        raise _refuse("phone_invalid") from None
    if phonenumbers.region_code_for_number(number) != _REGION:
        raise _refuse("phone_foreign")
    if not phonenumbers.is_valid_number(number):
        raise _refuse("phone_invalid")
    if phonenumbers.number_type(number) not in accepted:
        raise _refuse("phone_not_personal")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalize_mobile_phone(text: str) -> str:
    """Like :func:`normalize_phone`, but only a mobile number: the portal texts it a code.

    A landline raises :class:`PhoneNumberError` (reason ``phone_not_mobile``)
    saying why in Vietnamese.
    """
    import phonenumbers

    e164 = normalize_phone(text)
    kinds = phonenumbers.PhoneNumberType
    mobile = {kinds.MOBILE, kinds.FIXED_LINE_OR_MOBILE}
    if phonenumbers.number_type(phonenumbers.parse(e164)) not in mobile:
        raise _refuse("phone_not_mobile")
    return e164
