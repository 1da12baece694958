"""Access data from the QR: the MRZ document number and the expiry by the renewal ages."""

from __future__ import annotations

import datetime

import pytest

from kiosk.identity.chip.access import (
    AccessKey,
    access_keys_from_card,
    birthday_at,
    card_expiry,
    document_number_from_id,
)
from kiosk.identity.chip.errors import ChipError

BORN = datetime.date(1990, 3, 15)


def day(year: int, month: int, day_of_month: int) -> datetime.date:
    return datetime.date(year, month, day_of_month)


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        # Before the grace window of 14 (turns 12 on 15/03/2002): valid until 14.
        (day(2002, 3, 14), day(2004, 3, 15)),
        # On the first day of the two years before 14: valid until 25.
        (day(2002, 3, 15), day(2015, 3, 15)),
        (day(2012, 3, 14), day(2015, 3, 15)),
        (day(2013, 3, 15), day(2030, 3, 15)),  # two years before 25
        (day(2027, 3, 14), day(2030, 3, 15)),
        (day(2028, 3, 15), day(2050, 3, 15)),  # two years before 40
        (day(2047, 3, 14), day(2050, 3, 15)),
    ],
)
def test_expiry_is_the_birthday_of_the_next_renewal_age(
    issued: datetime.date, expiry: datetime.date
) -> None:
    assert card_expiry(BORN, issued) == expiry


def test_a_card_issued_from_58_is_valid_for_life() -> None:
    assert card_expiry(BORN, day(2048, 3, 14)) == day(2050, 3, 15)
    assert card_expiry(BORN, day(2048, 3, 15)) is None
    assert card_expiry(BORN, day(2060, 1, 1)) is None


def test_29_february_falls_on_28_february() -> None:
    leap_born = day(2008, 2, 29)
    assert birthday_at(leap_born, 25) == day(2033, 2, 28)
    assert birthday_at(leap_born, 40) == day(2048, 2, 29)
    assert card_expiry(leap_born, day(2024, 7, 1)) == day(2033, 2, 28)


def test_document_number_is_the_last_nine_digits() -> None:
    assert document_number_from_id("049090001234") == "090001234"
    with pytest.raises(ChipError):
        document_number_from_id("04909000123")


def test_lifetime_card_mrz_information_uses_fillers() -> None:
    key = AccessKey("090001234", BORN, None)
    assert key.mrz_information() == "0900012345" + "9003152" + "<<<<<<0"


def test_keys_without_an_issue_date_try_each_renewal_birthday_ahead_then_lifetime() -> None:
    keys = access_keys_from_card("049090001234", BORN, None, today=day(2026, 6, 1))
    assert [key.expiry for key in keys] == [day(2030, 3, 15), day(2050, 3, 15), None]


def test_keys_with_an_issue_date_are_one() -> None:
    keys = access_keys_from_card("049090001234", BORN, day(2021, 4, 20), today=day(2026, 6, 1))
    assert [key.expiry for key in keys] == [day(2030, 3, 15)]


def test_access_key_repr_hides_the_data() -> None:
    assert "090001234" not in repr(AccessKey("090001234", BORN, None))


@pytest.mark.parametrize("number", ["", "1234567890", "09000123a", "0900 1234"])
def test_bad_document_numbers_are_refused(number: str) -> None:
    with pytest.raises(ChipError) as caught:
        AccessKey(number, BORN, None)
    assert caught.value.reason == "access_data"
