"""One mask for the ID number on every screen (issue 15 #13: it was masked two ways)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.identity import mask_id_number


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("049090001234", "049 ••• ••• 234"),
        ("205123456", "205 ••• 456"),  # an old 9-digit CMND
        ("1234567", "123 • 567"),
        ("123456", "••••••"),
        ("", ""),
    ],
)
def test_the_mask(number: str, shown: str) -> None:
    assert mask_id_number(number) == shown


def test_no_screen_masks_the_number_its_own_way() -> None:
    """Only kiosk/identity/masking.py writes the dots; screens call it."""
    root = Path(__file__).parents[2] / "kiosk"
    own_masks = re.compile(r"def \w*mask(?:ed)?_id\w*\(|[\"']•[\"'] \*|••")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "masking.py" and own_masks.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
