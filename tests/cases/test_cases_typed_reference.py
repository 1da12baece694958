"""Typing a local reference on a number pad: dashes come by themselves, letters only at the end."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.cases.references import (
    is_valid_local_reference,
    local_reference,
    shape_typed_reference,
    typed_reference_needs_letters,
)


def test_typing_every_digit_of_a_real_reference_gives_it_back() -> None:
    reference = local_reference("20551", dt.date(2026, 5, 20), 1, 1)
    typed = ""
    for character in reference.replace("-", ""):
        typed = shape_typed_reference(typed + character)
    assert typed == reference and is_valid_local_reference(typed)


@pytest.mark.parametrize(
    ("typed", "shaped"),
    [
        ("", ""),
        ("20551", "20551"),
        ("205512", "20551-2"),
        ("20551-", "20551"),  # a dash typed by hand is tidied, never doubled
        ("2055126052001000", "20551-260520-01-000"),
        ("20551260520010001", "20551-260520-01-0001"),
        ("20551260520010001k", "20551-260520-01-0001-K"),
        ("000.00.21.H42-260520-0007", "000.00.21.H42-260520-0007"),  # a portal code: as typed
        ("https://x/?q=1", "https://x/?q=1"),
    ],
)
def test_shapes(typed: str, shaped: str) -> None:
    assert shape_typed_reference(typed) == shaped


def test_backspace_over_a_dash_is_not_undone() -> None:
    assert shape_typed_reference("20551-2"[:-1]) == "20551"


@pytest.mark.parametrize(
    ("typed", "letters"),
    [
        ("", False),
        ("20551-260520-01-000", False),
        ("20551-260520-01-0001", True),  # the check character may be a letter
        ("000.00.21.H42", True),
    ],
)
def test_which_keyboard(typed: str, letters: bool) -> None:
    assert typed_reference_needs_letters(typed) is letters
