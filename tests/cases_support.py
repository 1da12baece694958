"""Shared data for tests that file cases: the catalogue, a card, answers, a consent notice.

Not a test module: imported by tests/conftest.py and by test modules of several packages.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from kiosk.cases import ConsentNotice
from kiosk.identity import parse_id_card_qr
from kiosk.office_day import office_today
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue


@cache
def shipped_catalogue() -> Catalogue:
    """The procedures in assets/procedures, loaded once per test process.

    Safe to share: definitions are frozen dataclasses and a Catalogue is a read-only mapping.
    """
    return load_catalogue(asset_dir() / "procedures")


NOTICE = ConsentNotice("Đăng ký khai sinh", "Tôi đồng ý cho UBND phường xử lý dữ liệu.", "vi")
"""The consent notice the case tests accept before a birth registration is submitted."""
CARD = parse_id_card_qr(
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)


def today() -> dt.date:
    return office_today()


def birth_answers(father_known: bool) -> dict[str, object]:
    """Every answer a birth registration for ``CARD``'s holder needs (a 12-day-old child)."""
    child_dob = today() - dt.timedelta(days=12)
    answers: dict[str, object] = {
        "requester_relationship": "father",
        "child_name": "Nguyễn Minh Khôi",
        "child_dob": child_dob.isoformat(),
        "child_sex": "male",
        "child_birth_place": "Bệnh viện Đa khoa Điện Bàn",
        "child_home_town": "Điện Bàn, Đà Nẵng",
        "mother_known": True,
        "mother_name": "Trần Thị Bình",
        "mother_birth_year": 1995,
        "mother_address": {"province_code": 48, "ward_code": 20551, "street": "Tổ 3"},
        "father_known": father_known,
        "extract_copies": 2,
    }
    if father_known:
        answers.update(
            father_name="Nguyễn Văn An",
            father_birth_year=1990,
            father_address={"province_code": 48, "ward_code": 20551, "street": "Tổ 3"},
        )
    return answers
