"""Split an address as printed on an ID card into its street part and unit names.

"Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam" gives the street part
"Tổ 3" and the administrative segments ["Phường Vĩnh Điện", "Thị xã Điện Bàn",
"Quảng Nam"]. Used by prefill (the street goes into the address answer) and by
the units adapter (the segments are looked up).
"""

from __future__ import annotations

import re

from kiosk.identity.text import collapse_spaces, fold_vietnamese

_UNIT_WORD = re.compile(
    r"^(?:(?:tinh|thanh pho|quan|huyen|thi xa|phuong|xa|thi tran|dac khu)\s+"
    r"|(?:tp|tx|tt|p|q)\.\s*)"
)
"""Unit words (folded) that start an administrative segment, abbreviations included."""


def strip_unit_word(folded: str) -> str:
    """A folded name without its leading unit word: "thi xa dien ban" -> "dien ban"."""
    return _UNIT_WORD.sub("", folded, count=1).strip()


def has_unit_word(segment: str) -> bool:
    """Whether a segment starts with Phường, Xã, Huyện, Quận, Thị xã, Tỉnh, TP. ..."""
    return _UNIT_WORD.match(fold_vietnamese(segment)) is not None


def split_address(text: str) -> tuple[str, list[str]]:
    """Split a printed address into (street part, administrative segments).

    The last comma-separated segment is taken as the province; the segments
    before it that start with a unit word are administrative; what comes
    before them is the street part (possibly empty).
    """
    segments = [collapse_spaces(part) for part in text.split(",")]
    segments = [part for part in segments if part]
    if not segments:
        return "", []
    admin = [segments[-1]]
    index = len(segments) - 1
    while index > 0 and has_unit_word(segments[index - 1]):
        index -= 1
        admin.insert(0, segments[index])
    return ", ".join(segments[:index]), admin
