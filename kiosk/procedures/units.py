"""Administrative units as the form engine sees them.

A thin re-export of :mod:`kiosk.identity.admin_units` (the one wrapper of the
``vietnam-provinces`` data), plus the street splitter the card prefill uses,
so the engine has one seam to the unit data.
"""

from __future__ import annotations

from kiosk.identity.admin_units import (
    AdminUnit,
    LegacyMatch,
    get_province,
    get_ward,
    list_provinces,
    list_wards,
    map_legacy_address,
    search_units,
)
from kiosk.procedures.address_text import split_address

__all__ = [
    "AdminUnit",
    "LegacyMatch",
    "get_province",
    "get_ward",
    "list_provinces",
    "list_wards",
    "map_legacy_address",
    "place_name",
    "search_units",
    "split_address",
]


def place_name(ward_code: int) -> str | None:
    """A ward and its province as a place is written on a form, or None for an unknown code.

    ``place_name(20551)`` is ``"Phường Điện Bàn, Thành phố Đà Nẵng"``: what a
    text answer such as a home town (quê quán) or a place of birth outside a
    health facility stores when it is picked from the unit lists.
    """
    ward = get_ward(ward_code)
    if ward is None or ward.province_code is None:
        return None
    province = get_province(ward.province_code)
    return None if province is None else f"{ward.name}, {province.name}"
