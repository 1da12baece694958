"""The 12-digit personal identification number ``PPP C YY RRRRRR``.

``PPP`` is the birth-registration province from Annex 1 of Circular
07/2016/TT-BCA (the 63 provinces before the 2025 merger; the code is "0" plus
the statistics office's two-digit province code), ``C`` encodes century and
sex (Circular 59/2021/TT-BCA), ``YY`` is the birth year modulo 100. There is
no check digit, so the only cross-check possible is against the date of birth
and sex printed beside the number.
"""

from __future__ import annotations

import datetime
import re
from typing import Final, Literal

from kiosk.identity.errors import IdNumberError

Sex = Literal["Nam", "Nữ"]

# Annex 1 of Circular 07/2016/TT-BCA: birth-registration province codes. These
# are frozen on purpose: numbers issued before the 2025 merger keep them, so
# the table must not follow today's 34 provinces.
PROVINCE_CODES_2016: Final[dict[str, str]] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

_TWELVE_ASCII_DIGITS = re.compile(r"[0-9]{12}")
# People type or read numbers in groups ("049 090 001 234"); nothing else is
# tolerated inside the number.
_GROUP_SEPARATORS = re.compile(r"[ .\-]")
_MAX_INPUT_CHARS = 64

_MSG_FORMAT = "Số định danh cá nhân phải gồm đúng 12 chữ số."
_MSG_PROVINCE = "Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh hợp lệ."
_MSG_CENTURY = "Chữ số thứ tư của số định danh cá nhân không hợp lệ."

FIRST_SUPPORTED_BIRTH_YEAR: Final = 1900
LAST_SUPPORTED_BIRTH_YEAR: Final = 2399


def validate_id_number(text: str) -> str:
    """Return the 12-digit number from ``text`` or raise :class:`IdNumberError`.

    Surrounding whitespace and group separators (space, dot, hyphen) are
    dropped; anything else, including non-ASCII digits, is refused. The
    province code must be one of the 63 codes of Circular 07/2016 and the
    century/sex digit must be one the law defines (0-9 are all defined, so
    only the province part can fail beyond the format).
    """
    if not isinstance(text, str) or len(text) > _MAX_INPUT_CHARS:
        raise IdNumberError(_MSG_FORMAT, "id_number_format")
    digits = _GROUP_SEPARATORS.sub("", text.strip())
    if not _TWELVE_ASCII_DIGITS.fullmatch(digits):
        raise IdNumberError(_MSG_FORMAT, "id_number_format")
    if digits[:3] not in PROVINCE_CODES_2016:
        raise IdNumberError(_MSG_PROVINCE, "id_number_province")
    return digits


def century_sex_digit(birth_year: int, sex: Sex) -> int:
    """The ``C`` digit a person of this birth year and sex must carry.

    Raises :class:`IdNumberError` for years outside 1900-2399, which the
    numbering scheme cannot express.
    """
    if not FIRST_SUPPORTED_BIRTH_YEAR <= birth_year <= LAST_SUPPORTED_BIRTH_YEAR:
        raise IdNumberError(_MSG_CENTURY, "birth_year_unsupported")
    century_index = (birth_year - FIRST_SUPPORTED_BIRTH_YEAR) // 100
    return 2 * century_index + (0 if sex == "Nam" else 1)


def id_number_matches(id_number: str, date_of_birth: datetime.date, sex: Sex) -> bool:
    """True when the ``C`` and ``YY`` digits agree with the birth date and sex.

    ``id_number`` must already have passed :func:`validate_id_number`.
    """
    try:
        expected_c = century_sex_digit(date_of_birth.year, sex)
    except IdNumberError:
        return False
    return id_number[3] == str(expected_c) and id_number[4:6] == f"{date_of_birth.year % 100:02d}"


def province_of_birth_registration(id_number: str) -> str | None:
    """Name of the (pre-2025) province coded in the first three digits, if known."""
    return PROVINCE_CODES_2016.get(id_number[:3])
