"""AccountService: a portal account needs a mobile number (its code comes by SMS)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.cases import AccountService, Actor, ConsentNotice
from kiosk.cases.account_notice import phone_problem
from kiosk.identity import PhoneNumberError
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, OutboxEntry
from tests.cases_support import CARD

NOTICE = ConsentNotice("account", "Tôi đồng ý.", "vi")
CITIZEN = Actor.citizen("session-1")


def _queued(store: Store) -> tuple[int, int]:
    with store.sessions() as session:
        requests = session.scalar(select(func.count()).select_from(AccountRequest)) or 0
        outbox = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
    return requests, outbox


def test_a_mobile_number_is_queued_in_e164(store: Store) -> None:
    view = AccountService(store).request_account(CARD, "091 234 5678", None, NOTICE, CITIZEN)
    assert view.phone == "+84912345678"
    assert _queued(store) == (1, 1)


@pytest.mark.parametrize("landline", ["0236 3821 234", "028 3822 1234", "+842838221234"])
def test_a_landline_is_refused_in_vietnamese_and_nothing_is_queued(
    store: Store, landline: str
) -> None:
    with pytest.raises(PhoneNumberError, match="số điện thoại di động") as refused:
        AccountService(store).request_account(CARD, landline, None, NOTICE, CITIZEN)
    assert refused.value.reason == "phone_not_mobile"
    assert _queued(store) == (0, 0)
    assert phone_problem(landline) == str(refused.value)


def test_the_phone_page_accepts_mobiles_only() -> None:
    assert phone_problem("0912345678") is None
    assert phone_problem("0886 123 456") is None
    problem = phone_problem("02363821234")
    assert problem is not None and "máy bàn" in problem
