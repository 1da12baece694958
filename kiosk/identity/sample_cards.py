"""Sample ID cards of invented people, for training mode only.

A volunteer learning the kiosk has no scanner at hand, or no card they may use:
the scan screen of a training kiosk offers these cards, and a tap on one sends
its QR payload down the same path as a real scan (parsed and checked by
:func:`kiosk.identity.parse_id_card_qr`, then "Is this you?"). The people do not
exist; their numbers follow the card's rules (province 048, the century/sex
digit and the birth year agree), so every check a real card meets applies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SampleCard:
    """One invented card: a stable key (object names) and the QR text a scan would give."""

    key: str
    qr_payload: str


SAMPLE_CARDS: tuple[SampleCard, ...] = (
    SampleCard(
        "man",
        "048085012345|201987654|Trần Văn Hùng|12041985|Nam|"
        "Tổ 5, Phường Điện Bàn, Thành phố Đà Nẵng|10082021",
    ),
    SampleCard(
        "woman",
        "048192054321||Lê Thị Mai|03091992|Nữ|"
        "Thôn Phong Thử, Phường Điện Bàn, Thành phố Đà Nẵng|15062022",
    ),
    SampleCard(
        "young_woman",
        "048307024680||Phạm Ngọc Ánh|21112007|Nữ|"
        "Tổ 12, Phường Điện Bàn, Thành phố Đà Nẵng|05012024",
    ),
)
