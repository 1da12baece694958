"""Parsing of the LDS files a CCCD chip holds: EF.COM, DG1 (MRZ), DG2 (face), DG13 (Vietnam).

Unknown tags and DG13 field numbers are kept, never refused: the 2024 card
may add fields. What the kiosk needs and cannot find is a
:class:`ChipDataError`; nothing else escapes these functions.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kiosk.identity.chip import tlv
from kiosk.identity.chip.errors import ChipDataError, TlvError
from kiosk.identity.id_card import IdCard
from kiosk.identity.id_number import Sex, id_number_matches
from kiosk.identity.text import collapse_spaces, to_nfc

# Elementary file identifiers (ICAO 9303 part 10, table 35).
FILE_COM = 0x011E
FILE_SOD = 0x011D
DG_FILE_IDS: dict[int, int] = {number: 0x0100 + number for number in range(1, 17)}
# The tag each data group's file starts with, and back.
DG_TAGS: dict[int, int] = {
    1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
    9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70,
}  # fmt: skip
TAG_TO_DG: dict[int, int] = {tag: number for number, tag in DG_TAGS.items()}

_JPEG_START = b"\xff\xd8\xff"
_JP2_START = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K_START = b"\xff\x4f\xff\x51"

# DG13 field numbers as the CCCD chip numbers them (INTEGER before each value).
DG13_ID_NUMBER = 1
DG13_FULL_NAME = 2
DG13_DATE_OF_BIRTH = 3
DG13_SEX = 4
DG13_NATIONALITY = 5
DG13_ETHNICITY = 6
DG13_RELIGION = 7
DG13_PLACE_OF_ORIGIN = 8
DG13_RESIDENCE = 9
DG13_IDENTIFYING_MARKS = 10
DG13_ISSUE_DATE = 11
DG13_EXPIRY_DATE = 12
DG13_PARENTS = 13  # father's then mother's name
DG13_SPOUSE = 14
# Public descriptions disagree on where the old ID number sits (15 or 16): the first
# of them holding a 9- or 12-digit number is taken.
DG13_OLD_ID_NUMBER_CANDIDATES = (15, 16)
_KNOWN_DG13 = frozenset(range(1, 17))

_DATE_PATTERN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True, slots=True)
class Mrz:
    """The TD1 machine-readable zone from DG1 (three lines of 30 characters)."""

    document_code: str
    issuing_state: str
    document_number: str
    optional_data: str
    birth: str  # YYMMDD as printed
    sex: str
    expiry: str  # YYMMDD or '<<<<<<'
    nationality: str
    name: str

    def __repr__(self) -> str:
        return f"Mrz(document_code={self.document_code!r}, issuing_state={self.issuing_state!r})"


@dataclass(frozen=True, slots=True)
class FaceImage:
    """The chip photo, in memory only: shown to the volunteer, never written anywhere."""

    data: bytes
    mime_type: str  # image/jpeg or image/jp2

    def __repr__(self) -> str:
        return f"FaceImage({self.mime_type}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class ChipIdentity:
    """DG13 read into the QR's :class:`IdCard` plus what only the chip carries."""

    card: IdCard
    father_name: str | None
    mother_name: str | None
    spouse_name: str | None
    nationality: str | None
    ethnicity: str | None
    religion: str | None
    place_of_origin: str | None
    identifying_marks: str | None
    expiry_date: datetime.date | None
    expiry_text: str | None
    unknown_fields: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def __repr__(self) -> str:
        return f"ChipIdentity({self.card!r}, unknown_fields={len(self.unknown_fields)})"


def parse_com(content: bytes) -> tuple[int, ...]:
    """The data group numbers EF.COM lists (tag 5C), in file order."""
    try:
        tag_list = tlv.find(content, 0x5C)
    except TlvError as error:
        raise ChipDataError("EF.COM not TLV") from error
    if tag_list is None:
        raise ChipDataError("EF.COM without tag list")
    return tuple(TAG_TO_DG[tag] for tag in tag_list.value if tag in TAG_TO_DG)


def parse_dg1(content: bytes) -> Mrz:
    try:
        field = tlv.find(content, 0x5F1F)
    except TlvError as error:
        raise ChipDataError("DG1 not TLV") from error
    if field is None:
        raise ChipDataError("DG1 without MRZ")
    text = field.value.decode("ascii", errors="replace")
    if len(text) != 90:  # only TD1 (cards); a TD3 passport MRZ is 88
        if len(text) == 88:
            return Mrz(text[0:2], text[2:5], text[44:53], "", "", "", "", text[54:57], "")
        raise ChipDataError("DG1 MRZ length")
    return Mrz(
        document_code=text[0:2],
        issuing_state=text[2:5],
        document_number=text[5:14].rstrip("<"),
        optional_data=text[15:30].rstrip("<"),
        birth=text[30:36],
        sex=text[37],
        expiry=text[38:44],
        nationality=text[45:48],
        name=text[60:90],
    )


def parse_dg2(content: bytes) -> FaceImage:
    """The first face image of DG2: the JPEG or JPEG 2000 inside the biometric data block."""
    try:
        block = tlv.find(content, 0x5F2E) or tlv.find(content, 0x7F2E)
    except TlvError as error:
        raise ChipDataError("DG2 not TLV") from error
    if block is None:
        raise ChipDataError("DG2 without biometric data block")
    # The ISO 19794-5 header before the image varies in size; find the image itself.
    candidates = [
        (block.value.find(marker), mime)
        for marker, mime in (
            (_JPEG_START, "image/jpeg"),
            (_JP2_START, "image/jp2"),
            (_J2K_START, "image/jp2"),
        )
    ]
    found = [(offset, mime) for offset, mime in candidates if offset >= 0]
    if not found:
        raise ChipDataError("DG2 image format")
    offset, mime = min(found)
    return FaceImage(block.value[offset:], mime)


def dg13_fields(content: bytes) -> dict[int, tuple[str, ...]]:
    """DG13's numbered fields: each SEQUENCE { INTEGER n, values... } as n -> texts.

    Values are every string found inside the SEQUENCE after the number, in
    order (the parents' field nests one SEQUENCE per parent). Strings that do
    not decode as UTF-8 are replaced, not refused.
    """
    try:
        root = tlv.parse_one(content)[0]
        if root.tag != DG_TAGS[13]:
            raise ChipDataError("DG13 tag")
        fields: dict[int, tuple[str, ...]] = {}
        for item in _sequences(root.value, depth=0):
            children = item.children()
            if not children or children[0].tag != 0x02 or not children[0].value:
                continue
            number = int.from_bytes(children[0].value, "big")
            texts = tuple(_strings(children[1:], depth=0))
            fields.setdefault(number, texts)
        return fields
    except TlvError as error:
        raise ChipDataError("DG13 not TLV") from error


def _sequences(data: bytes, *, depth: int) -> list[tlv.Tlv]:
    """The SEQUENCEs that start with an INTEGER, searched through wrapper SEQUENCEs/SETs."""
    if depth > 4:
        return []
    found: list[tlv.Tlv] = []
    for item in tlv.iterate(data):
        if item.tag not in (0x30, 0x31):
            continue
        children = item.children()
        holds_fields = any(_is_field(child) for child in children[1:])
        if _is_field(item) and not holds_fields:
            found.append(item)
        else:  # a wrapper (the real DG13 starts with a version INTEGER, then the fields)
            found.extend(_sequences(item.value, depth=depth + 1))
    return found


def _is_field(item: tlv.Tlv) -> bool:
    if item.tag != 0x30:
        return False
    children = item.children()
    return bool(children) and children[0].tag == 0x02


_STRING_TAGS = frozenset({0x0C, 0x13, 0x14, 0x16, 0x1A, 0x1E, 0x04})


def _strings(items: list[tlv.Tlv], *, depth: int) -> list[str]:
    texts: list[str] = []
    for item in items:
        if item.tag in _STRING_TAGS:
            if item.tag == 0x1E:
                text = item.value.decode("utf-16-be", errors="replace")
            else:
                text = item.value.decode("utf-8", errors="replace")
            texts.append(to_nfc(text).strip())
        elif item.constructed and depth < 4:
            texts.extend(_strings(item.children(), depth=depth + 1))
    return texts


def _first(fields: dict[int, tuple[str, ...]], number: int) -> str | None:
    values = [value for value in fields.get(number, ()) if value]
    return collapse_spaces(values[0]) if values else None


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    match = _DATE_PATTERN.fullmatch(text.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _sex(text: str | None) -> Sex:
    folded = (text or "").strip().casefold()
    if folded == "nam":
        return "Nam"
    if folded == "nữ":
        return "Nữ"
    raise ChipDataError("DG13 sex")


def parse_dg13(content: bytes) -> ChipIdentity:
    """DG13 as a :class:`ChipIdentity`; :class:`ChipDataError` if a needed field is missing."""
    fields = dg13_fields(content)
    id_number = _first(fields, DG13_ID_NUMBER) or ""
    if len(id_number) != 12 or not id_number.isdigit():
        raise ChipDataError("DG13 id number")
    full_name = _first(fields, DG13_FULL_NAME)
    date_of_birth = _date(_first(fields, DG13_DATE_OF_BIRTH))
    if not full_name or date_of_birth is None:
        raise ChipDataError("DG13 name or birth date")
    sex = _sex(_first(fields, DG13_SEX))
    if not id_number_matches(id_number, date_of_birth, sex):
        raise ChipDataError("DG13 id number does not match birth date and sex")
    residence = _first(fields, DG13_RESIDENCE) or ""
    parents = [value for value in fields.get(DG13_PARENTS, ()) if value]
    old_id = next(
        (
            value
            for number in DG13_OLD_ID_NUMBER_CANDIDATES
            for value in fields.get(number, ())
            if value.isdigit() and len(value) in (9, 12)
        ),
        None,
    )
    expiry_text = _first(fields, DG13_EXPIRY_DATE)
    card = IdCard(
        id_number=id_number,
        old_id_number=old_id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=residence,
        issue_date=_date(_first(fields, DG13_ISSUE_DATE)),
    )
    return ChipIdentity(
        card=card,
        father_name=collapse_spaces(parents[0]) if parents else None,
        mother_name=collapse_spaces(parents[1]) if len(parents) > 1 else None,
        spouse_name=_first(fields, DG13_SPOUSE),
        nationality=_first(fields, DG13_NATIONALITY),
        ethnicity=_first(fields, DG13_ETHNICITY),
        religion=_first(fields, DG13_RELIGION),
        place_of_origin=_first(fields, DG13_PLACE_OF_ORIGIN),
        identifying_marks=_first(fields, DG13_IDENTIFYING_MARKS),
        expiry_date=_date(expiry_text),
        expiry_text=expiry_text,
        unknown_fields=tuple(
            (number, values)
            for number, values in sorted(fields.items())
            if number not in _KNOWN_DG13
        ),
    )
