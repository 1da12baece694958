"""The access data that opens the chip: document number, birth date and expiry date.

Basic Access Control keys come from the MRZ information (ICAO 9303 part 11,
9.7.2): the document number, birth date and expiry date of the chip's own
MRZ, each followed by its check digit. On the Vietnamese card (CCCD, Căn cước)
the TD1 MRZ holds the LAST 9 digits of the 12-digit personal identification
number in the 9-character document-number field, and the full 12 digits in
the optional data of line 1 (see docs/architecture.md, "Chip"). The QR gives
the 12-digit number and the birth date; the expiry date is not in the QR, so
it is derived from the birth date and issue date by the card law's renewal
ages (:func:`card_expiry`), or typed by a volunteer from the card.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from kiosk.identity.chip.crypto import ENC_COUNTER, MAC_COUNTER, derive_key
from kiosk.identity.chip.errors import ChipError

RENEWAL_AGES = (14, 25, 40, 60)
# A card issued or renewed within this many years before a renewal age stays
# valid until the next one (Law on Identification 2023, Article 21(2)).
GRACE_YEARS = 2
# A lifetime card ("không thời hạn") has no expiry date. ICAO 9303 part 3
# fills an unused MRZ field with '<'; that is what this kiosk tries.
LIFETIME_MRZ_EXPIRY = "<<<<<<"

_WEIGHTS = (7, 3, 1)
DOCUMENT_NUMBER_DIGITS = 9


def check_digit(field: str) -> str:
    """ICAO 9303 part 3 check digit: weights 7-3-1, digits as is, A-Z as 10-35, '<' as 0."""
    total = 0
    for index, char in enumerate(field):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        elif char == "<":
            value = 0
        else:
            raise ValueError("character not allowed in an MRZ")
        total += value * _WEIGHTS[index % 3]
    return str(total % 10)


def birthday_at(date_of_birth: datetime.date, age: int) -> datetime.date:
    """The birthday on which one turns ``age``; 29 February falls on 28 February."""
    year = date_of_birth.year + age
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        return datetime.date(year, 2, 28)


def card_expiry(date_of_birth: datetime.date, issue_date: datetime.date) -> datetime.date | None:
    """The expiry printed on a card issued on ``issue_date``; None for a lifetime card.

    The rule (Law on Identification 2023, Article 21; the same ages as the
    2014 Law on Citizen Identity): a card must be renewed at 14, 25, 40 and 60,
    and its validity ends ON the birthday of the next renewal age. A card
    issued or renewed less than two years before a renewal age (issue date on
    or after that birthday minus two years) stays valid until the following
    renewal age. A card issued on or after the birthday two years before 60
    is valid for life.
    """
    for age in RENEWAL_AGES:
        renewal_day = birthday_at(date_of_birth, age)
        grace_start = birthday_at(date_of_birth, age - GRACE_YEARS)
        if issue_date < grace_start:
            return renewal_day
    return None


@dataclass(frozen=True, slots=True)
class AccessKey:
    """The three MRZ fields BAC needs; ``expiry`` None means a lifetime card."""

    document_number: str
    date_of_birth: datetime.date
    expiry: datetime.date | None

    def __post_init__(self) -> None:
        number = self.document_number
        if not number or len(number) > DOCUMENT_NUMBER_DIGITS:
            raise ChipError("access_data", "document number length")
        if not all(char.isdigit() or "A" <= char <= "Z" for char in number):
            raise ChipError("access_data", "document number characters")

    def mrz_information(self) -> str:
        """Document number (padded to 9) + check, birth YYMMDD + check, expiry + check."""
        number = self.document_number.ljust(DOCUMENT_NUMBER_DIGITS, "<")
        birth = self.date_of_birth.strftime("%y%m%d")
        expiry = self.expiry.strftime("%y%m%d") if self.expiry else LIFETIME_MRZ_EXPIRY
        return (
            number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)
        )

    def __repr__(self) -> str:
        return "AccessKey(<masked>)"


@dataclass(frozen=True, slots=True)
class BacKeys:
    """The document basic access keys derived from the MRZ information."""

    seed: bytes
    encryption: bytes
    mac: bytes


def derive_bac_keys(mrz_information: str) -> BacKeys:
    """K_seed = first 16 bytes of SHA-1(MRZ information); K_Enc, K_MAC by the KDF."""
    seed = hashlib.sha1(mrz_information.encode("ascii"), usedforsecurity=True).digest()[:16]
    return BacKeys(seed, derive_key(seed, ENC_COUNTER), derive_key(seed, MAC_COUNTER))


def document_number_from_id(id_number: str) -> str:
    """The MRZ document number of a CCCD: the last 9 digits of the 12-digit ID number."""
    if len(id_number) != 12 or not id_number.isdigit():
        raise ChipError("access_data", "id number")
    return id_number[-DOCUMENT_NUMBER_DIGITS:]


def access_keys_from_card(
    id_number: str,
    date_of_birth: datetime.date,
    issue_date: datetime.date | None,
    *,
    today: datetime.date,
) -> list[AccessKey]:
    """The keys to try, most likely first, from what the QR gives.

    With the issue date, the law gives one expiry. Without it (older QR
    layouts may omit it), every renewal birthday still ahead, then a lifetime
    card, in order: ICAO 9303 asks a chip to refuse a wrong key, not to
    block after one (a chip may slow down after failures).
    """
    number = document_number_from_id(id_number)
    expiries: list[datetime.date | None]
    if issue_date is not None:
        expiries = [card_expiry(date_of_birth, issue_date)]
    else:
        expiries = [
            day for day in (birthday_at(date_of_birth, age) for age in RENEWAL_AGES) if day >= today
        ]
        expiries.append(None)
    return [AccessKey(number, date_of_birth, expiry) for expiry in expiries]


def access_key_from_typed(
    document_number: str, date_of_birth: datetime.date, expiry_text: str
) -> AccessKey:
    """The key a volunteer types from the card: number, and expiry as dd/mm/yyyy or empty.

    An empty expiry (or "không thời hạn") means a lifetime card. Separators
    (/ . - space) are optional. :class:`ChipError` ``access_data`` otherwise.
    """
    number = "".join(document_number.split()).upper()
    if len(number) == 12 and number.isdigit():
        number = document_number_from_id(number)
    expiry_digits = "".join(char for char in expiry_text if char.isdigit())
    expiry: datetime.date | None
    if not expiry_digits:
        expiry = None
    elif len(expiry_digits) != 8:
        raise ChipError("access_data", "expiry format")
    else:
        try:
            expiry = datetime.date(
                int(expiry_digits[4:]), int(expiry_digits[2:4]), int(expiry_digits[:2])
            )
        except ValueError:
            raise ChipError("access_data", "expiry date") from None
    return AccessKey(number, date_of_birth, expiry)
