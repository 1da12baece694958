"""Turn what the citizen typed or tapped into the stored value of one field.

:func:`normalise_answer` is the single gate between the screen and the
answers dict. For any input it returns either the value to store or raises
:class:`~kiosk.procedures.errors.AnswerError` with a plain Vietnamese message;
it never raises anything else.

Stored forms (all plain JSON):

========================  ==========================================================
field type                stored value
========================  ==========================================================
text                      NFC, spaces collapsed, trimmed; at most ``max_length``
                          (default 500) characters
person_name               as text, letters/spaces/apostrophe/hyphen only, each word
                          capitalised ("nguyễn văn an" -> "Nguyễn Văn An",
                          "h'hen niê" -> "H'Hen Niê"), <= 100 characters
date                      ``"YYYY-MM-DD"`` (accepts a ``date``, ISO, ``dd/mm/yyyy``
                          or the card's ``ddmmyyyy``)
time                      ``"HH:MM"``
number                    ``int`` within ``min``/``max``
single_choice             an option value (``str``)
multiple_choice           ``list[str]`` of option values, without duplicates, in the
                          options' order
yes_no                    ``bool``
id_number                 12 ASCII digits (spaces and dots removed)
phone                     E.164, e.g. ``"+84905123456"``
email                     ``local@domain`` with the domain lower-cased
address                   ``{"province_code": int, "ward_code": int, "street": str}``
                          plus ``"card_text"`` when it came from an ID card
repeat_group              ``list`` of ``{child_id: value}`` dicts (empty members
                          dropped); at most ``max`` members
computed                  never accepted from input
========================  ==========================================================

An empty answer (``None``, blanks, ``[]``, an empty mapping) normalises to
``None``: the caller removes the key; whether it was required is checked by
:mod:`kiosk.procedures.validation`.

Refused everywhere: control characters (NUL included), format characters
(zero-width, bidi overrides), private-use or unassigned code points, emoji and
other pictographs: printers, the portal and the paper forms cannot carry them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping

from kiosk.identity.text import collapse_spaces, fold_vietnamese
from kiosk.procedures import units
from kiosk.procedures.base import JsonValue, LocalText
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import Field, FieldType
from kiosk.procedures.rules import is_empty

DEFAULT_TEXT_MAX_LENGTH = 500
DEFAULT_NAME_MAX_LENGTH = 100
STREET_MAX_LENGTH = 200
CARD_TEXT_MAX_LENGTH = 300
NUMBER_LIMIT = 10**12
"""No number answer may exceed this magnitude, whatever the field says."""
EARLIEST_DATE = dt.date(1850, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)

_RAW_LENGTH_LIMIT = 20_000
"""Inputs longer than this are refused before any normalisation work."""

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "So", "Me", "Zl", "Zp"})


def _msg(vi: str, en: str) -> LocalText:
    return LocalText(vi, en)


MSG_BAD_CHARACTERS = _msg(
    "Có ký tự không dùng được (biểu tượng, ký tự điều khiển). Xin xoá và nhập lại.",
    "Contains characters that cannot be used (emoji or control characters). Please remove them.",
)
MSG_TOO_LONG = _msg("Quá dài: tối đa {limit} ký tự.", "Too long: at most {limit} characters.")
MSG_WRONG_KIND = _msg(
    "Câu trả lời không đúng dạng. Xin nhập lại.", "This answer has the wrong form. Please retry."
)
MSG_NAME_CHARACTERS = _msg(
    "Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy ' và dấu gạch ngang.",
    "A name may contain only letters, spaces, apostrophes and hyphens.",
)
MSG_DATE = _msg(
    "Ngày không hợp lệ. Xin chọn lại ngày, tháng, năm.",
    "This date is not valid. Please choose the day, month and year again.",
)
MSG_TIME = _msg("Giờ không hợp lệ (ví dụ 14:30).", "This time is not valid (e.g. 14:30).")
MSG_NUMBER = _msg("Xin nhập một số nguyên.", "Please enter a whole number.")
MSG_NUMBER_MIN = _msg("Số nhỏ nhất là {limit}.", "The smallest number allowed is {limit}.")
MSG_NUMBER_MAX = _msg("Số lớn nhất là {limit}.", "The largest number allowed is {limit}.")
MSG_CHOICE = _msg("Xin chọn một mục trong danh sách.", "Please choose an item from the list.")
MSG_CHOICE_MIN = _msg("Xin chọn ít nhất {limit} mục.", "Please choose at least {limit} items.")
MSG_CHOICE_MAX = _msg("Chỉ chọn tối đa {limit} mục.", "Please choose at most {limit} items.")
MSG_YES_NO = _msg("Xin chọn Có hoặc Không.", "Please choose Yes or No.")
MSG_ID_NUMBER = _msg(
    "Số định danh cá nhân gồm đúng 12 chữ số, bắt đầu bằng số 0.",
    "A personal ID number has exactly 12 digits and starts with 0.",
)
MSG_PHONE = _msg(
    "Số điện thoại không đúng. Số di động có 10 chữ số, ví dụ 0905 123 456.",
    "This phone number is not valid. A mobile number has 10 digits, e.g. 0905 123 456.",
)
MSG_EMAIL = _msg(
    "Địa chỉ thư điện tử không đúng (ví dụ ten@gmail.com).",
    "This email address is not valid (e.g. name@gmail.com).",
)
MSG_PROVINCE = _msg("Xin chọn tỉnh/thành phố.", "Please choose the province or city.")
MSG_WARD = _msg("Xin chọn phường/xã.", "Please choose the ward or commune.")
MSG_WARD_PROVINCE = _msg(
    "Phường/xã đã chọn không thuộc tỉnh/thành phố đã chọn. Xin chọn lại.",
    "The chosen ward is not in the chosen province. Please choose again.",
)
MSG_GROUP_MAX = _msg("Chỉ nhập tối đa {limit} người/mục.", "At most {limit} entries are allowed.")
MSG_GROUP_MEMBER = _msg("Mục thứ {number}: {detail}", "Entry {number}: {detail}")
MSG_COMPUTED = _msg(
    "Mục này do máy tự tính, không cần nhập.",
    "This value is calculated automatically; nothing to enter.",
)


def _check_raw_text(raw: str) -> None:
    if len(raw) > _RAW_LENGTH_LIMIT:
        raise AnswerError(MSG_TOO_LONG.format(limit=DEFAULT_TEXT_MAX_LENGTH))


_ACCEPTED_CHARACTERS: set[str] = set()
"""Characters already found acceptable; an answer is mostly made of a few dozen."""


def _refused(char: str) -> bool:
    if unicodedata.category(char) in _REFUSED_CATEGORIES:
        return True
    code = ord(char)
    # variation selectors (emoji presentation) and emoji skin-tone modifiers
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF


def _has_refused_character(text: str) -> bool:
    """Whether ``text`` holds a character no answer may hold.

    Runs on every text a citizen types, at every tap (the autosave): each
    character is looked up once per process, not once per tap.
    """
    unseen = set(text).difference(_ACCEPTED_CHARACTERS)
    for char in unseen:
        if _refused(char):
            return True
    _ACCEPTED_CHARACTERS.update(unseen)
    return False


def clean_text(raw: object, max_length: int) -> str | None:
    """NFC, collapsed spaces, no refused characters, at most ``max_length`` characters.

    Returns None for blank input. Usable by other modules for any free text.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise AnswerError(MSG_WRONG_KIND)
    _check_raw_text(raw)
    text = collapse_spaces(raw)
    if not text:
        return None
    if _has_refused_character(text):
        raise AnswerError(MSG_BAD_CHARACTERS)
    if len(text) > max_length:
        raise AnswerError(MSG_TOO_LONG.format(limit=max_length))
    return text


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def clean_person_name(raw: object, max_length: int = DEFAULT_NAME_MAX_LENGTH) -> str | None:
    """A person's name: letters, spaces, ``'`` and ``-``; each word capitalised."""
    text = clean_text(raw.replace("’", "'") if isinstance(raw, str) else raw, max_length)
    if text is None:
        return None
    for char in text:
        if char in " '-":
            continue
        if not unicodedata.category(char).startswith("L"):
            raise AnswerError(MSG_NAME_CHARACTERS)
    if not any(unicodedata.category(char).startswith("L") for char in text):
        raise AnswerError(MSG_NAME_CHARACTERS)
    # Capitalise after spaces, hyphens and apostrophes: "H'Hen Niê", "Jean-Pierre".
    return re.sub(r"[^ '\-]+", lambda match: _capitalise(match.group()), text)


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CARD = re.compile(r"(\d{2})(\d{2})(\d{4})")


def parse_date(raw: object) -> dt.date | None:
    """A date from a ``date``, ``"YYYY-MM-DD"``, ``"dd/mm/yyyy"`` or ``"ddmmyyyy"``.

    Returns None for blank input; raises :class:`AnswerError` otherwise when
    it is not a real date between 1850 and 2200.
    """
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        day: dt.date = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, str):
        _check_raw_text(raw)
        text = raw.strip()
        if not text:
            return None
        day = _parse_date_text(text)
    else:
        raise AnswerError(MSG_DATE)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise AnswerError(MSG_DATE)
    return day


def _parse_date_text(text: str) -> dt.date:
    try:
        if match := _ISO.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
        elif (match := _DMY.fullmatch(text)) or (match := _CARD.fullmatch(text)):
            day, month, year = (int(part) for part in match.groups())
        else:
            raise AnswerError(MSG_DATE)
        return dt.date(year, month, day)
    except ValueError as error:
        raise AnswerError(MSG_DATE) from error


def _normalise_text(field: Field, raw: object) -> JsonValue:
    return clean_text(raw, field.max_length or DEFAULT_TEXT_MAX_LENGTH)


def _normalise_person_name(field: Field, raw: object) -> JsonValue:
    return clean_person_name(raw, field.max_length or DEFAULT_NAME_MAX_LENGTH)


def _normalise_date(field: Field, raw: object) -> JsonValue:
    day = parse_date(raw)
    return None if day is None else day.isoformat()


_TIME = re.compile(r"([01]?\d|2[0-3])[:hg]([0-5]\d)")


def _normalise_time(field: Field, raw: object) -> JsonValue:
    if isinstance(raw, dt.time):
        return f"{raw.hour:02d}:{raw.minute:02d}"
    text = clean_text(raw, 10)
    if text is None:
        return None
    match = _TIME.fullmatch(text.replace(" ", "").lower())
    if match is None:
        raise AnswerError(MSG_TIME)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _normalise_number(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise AnswerError(MSG_NUMBER)
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            raise AnswerError(MSG_NUMBER)
        number = int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if len(text) > 15 or not re.fullmatch(r"-?[0-9]+", text):
            raise AnswerError(MSG_NUMBER)
        number = int(text)
    else:
        raise AnswerError(MSG_NUMBER)
    if abs(number) > NUMBER_LIMIT:
        raise AnswerError(MSG_NUMBER_MAX.format(limit=field.max if field.max else NUMBER_LIMIT))
    if field.min is not None and number < field.min:
        raise AnswerError(MSG_NUMBER_MIN.format(limit=field.min))
    if field.max is not None and number > field.max:
        raise AnswerError(MSG_NUMBER_MAX.format(limit=field.max))
    return number


def _normalise_single_choice(field: Field, raw: object) -> JsonValue:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or field.option(raw) is None:
        raise AnswerError(MSG_CHOICE)
    return raw


def _normalise_multiple_choice(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, list | tuple | set | frozenset):
        raise AnswerError(MSG_CHOICE)
    chosen = set()
    for value in raw:
        if not isinstance(value, str) or field.option(value) is None:
            raise AnswerError(MSG_CHOICE)
        chosen.add(value)
    if not chosen:
        return None
    if field.min is not None and len(chosen) < field.min:
        raise AnswerError(MSG_CHOICE_MIN.format(limit=field.min))
    if field.max is not None and len(chosen) > field.max:
        raise AnswerError(MSG_CHOICE_MAX.format(limit=field.max))
    ordered: list[JsonValue] = [option.value for option in field.options if option.value in chosen]
    return ordered


_YES = frozenset({"yes", "true", "co", "y", "1"})
_NO = frozenset({"no", "false", "khong", "n", "0"})


def _normalise_yes_no(field: Field, raw: object) -> JsonValue:
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and len(raw) <= 10:
        key = fold_vietnamese(raw)
        if not key:
            return None
        if key in _YES:
            return True
        if key in _NO:
            return False
    raise AnswerError(MSG_YES_NO)


def _normalise_id_number(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise AnswerError(MSG_ID_NUMBER)
    _check_raw_text(raw)
    digits = re.sub(r"[\s.]", "", raw)
    if not digits:
        return None
    if not re.fullmatch(r"0[0-9]{11}", digits):
        raise AnswerError(MSG_ID_NUMBER)
    return digits


def _normalise_phone(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise AnswerError(MSG_PHONE)
    text = raw.strip()
    if not text:
        return None
    if len(text) > 30 or _has_refused_character(text):
        raise AnswerError(MSG_PHONE)
    import phonenumbers  # 0.1 s to import: loaded by the first phone answer, not at start

    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException as error:
        raise AnswerError(MSG_PHONE) from error
    if not phonenumbers.is_valid_number(number):
        raise AnswerError(MSG_PHONE)
    formatted: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return formatted


_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64})@"
    r"(?P<domain>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)"
)


def _normalise_email(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise AnswerError(MSG_EMAIL)
    text = raw.strip()
    if not text:
        return None
    match = _EMAIL.fullmatch(text) if len(text) <= 254 else None
    if match is None or ".." in match.group("local"):
        raise AnswerError(MSG_EMAIL)
    return f"{match.group('local')}@{match.group('domain').lower()}"


def _unit_code(raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise AnswerError(MSG_WRONG_KIND)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        if len(raw.strip()) > 6:
            raise AnswerError(MSG_WRONG_KIND)
        return int(raw.strip())
    raise AnswerError(MSG_WRONG_KIND)


def _normalise_address(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise AnswerError(MSG_WRONG_KIND)
    unknown = set(raw) - {"province_code", "ward_code", "street", "card_text"}
    if unknown:
        raise AnswerError(MSG_WRONG_KIND)
    province_code = _unit_code(raw.get("province_code"))
    ward_code = _unit_code(raw.get("ward_code"))
    street = clean_text(raw.get("street"), STREET_MAX_LENGTH)
    card_text = clean_text(raw.get("card_text"), CARD_TEXT_MAX_LENGTH)
    if province_code is None and ward_code is None and street is None and card_text is None:
        return None
    if province_code is None or units.get_province(province_code) is None:
        raise AnswerError(MSG_PROVINCE)
    if ward_code is None:
        raise AnswerError(MSG_WARD)
    ward = units.get_ward(ward_code)
    if ward is None:
        raise AnswerError(MSG_WARD)
    if ward.province_code != province_code:
        raise AnswerError(MSG_WARD_PROVINCE)
    value: dict[str, JsonValue] = {
        "province_code": province_code,
        "ward_code": ward_code,
        "street": street or "",
    }
    if card_text is not None:
        value["card_text"] = card_text
    return value


def _normalise_group(field: Field, raw: object) -> JsonValue:
    if raw is None:
        return None
    if not isinstance(raw, list | tuple):
        raise AnswerError(MSG_WRONG_KIND)
    if field.max is not None and len(raw) > field.max:
        raise AnswerError(MSG_GROUP_MAX.format(limit=field.max))
    members: list[JsonValue] = []
    for number, member in enumerate(raw, start=1):
        try:
            cleaned = normalise_member(field, member)
        except AnswerError as error:
            detail = error.message
            raise AnswerError(
                LocalText(
                    MSG_GROUP_MEMBER.vi.format(number=number, detail=detail.vi),
                    MSG_GROUP_MEMBER.en.format(number=number, detail=detail.en),
                )
            ) from error
        if cleaned:
            members.append(cleaned)
    return members or None


def normalise_member(group: Field, member: object) -> dict[str, JsonValue]:
    """One repeat-group member: a mapping of child field id -> raw value.

    Unknown keys are refused; empty answers are left out of the result.
    """
    if not isinstance(member, Mapping):
        raise AnswerError(MSG_WRONG_KIND)
    children = {child.id: child for child in group.fields}
    if any(key not in children for key in member):
        raise AnswerError(MSG_WRONG_KIND)
    cleaned: dict[str, JsonValue] = {}
    for child_id, raw in member.items():
        value = normalise_answer(children[child_id], raw)
        if value is not None:
            cleaned[child_id] = value
    return cleaned


def _normalise_computed(field: Field, raw: object) -> JsonValue:
    if is_empty(raw):
        return None
    raise AnswerError(MSG_COMPUTED)


_NORMALISERS: dict[FieldType, Callable[[Field, object], JsonValue]] = {
    FieldType.TEXT: _normalise_text,
    FieldType.PERSON_NAME: _normalise_person_name,
    FieldType.DATE: _normalise_date,
    FieldType.TIME: _normalise_time,
    FieldType.NUMBER: _normalise_number,
    FieldType.SINGLE_CHOICE: _normalise_single_choice,
    FieldType.MULTIPLE_CHOICE: _normalise_multiple_choice,
    FieldType.YES_NO: _normalise_yes_no,
    FieldType.ID_NUMBER: _normalise_id_number,
    FieldType.PHONE: _normalise_phone,
    FieldType.EMAIL: _normalise_email,
    FieldType.ADDRESS: _normalise_address,
    FieldType.REPEAT_GROUP: _normalise_group,
    FieldType.COMPUTED: _normalise_computed,
}


def normalise_answer(field: Field, raw: object) -> JsonValue:
    """The value to store for ``field`` given the raw input, or None when empty.

    Raises :class:`AnswerError` (and nothing else) when the input cannot be
    accepted; the error's ``message`` is ready to show next to the field.
    """
    try:
        return _NORMALISERS[field.type](field, raw)
    except AnswerError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # A normaliser is written to raise only AnswerError; this keeps the
        # promise even for inputs nobody thought of.
        raise AnswerError(MSG_WRONG_KIND) from error
