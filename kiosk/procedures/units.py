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
    "search_units",
    "split_address",
]
