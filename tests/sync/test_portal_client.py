"""HttpPortalClient against a real training portal on 127.0.0.1: the normal paths.

Fault injection, TLS and garbage answers are in test_portal_client_faults.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.portal import (
    AuthFailed,
    CatalogueEntry,
    HttpPortalClient,
    IdempotencyConflict,
    PortalClient,
    PortalRejected,
    RateLimited,
)
from sync.training_portal import PortalSettings, StatusSchedule, TrainingPortal
from sync.training_portal.catalogue import BUILT_IN_CATALOGUE
from sync.training_portal.testing import (
    TRAINING_CLIENT_ID,
    TRAINING_CLIENT_SECRET,
    TRAINING_ENROLMENT_SECRET,
    ManualClock,
    sample_account_body,
    sample_dossier_body,
)
from tests.contract_support import ContractChecker


class CountingSession(requests.Session):
    """A real session that remembers which paths it requested (to count token fetches)."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        self.paths.append(str(url).split("/api/v1", 1)[1])
        return super().request(method, url, *args, **kwargs)


class MonotonicClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def portal(tmp_path: Path, server_clock: ManualClock) -> Iterator[TrainingPortal]:
    settings = PortalSettings(
        token_ttl_seconds=100,
        status_schedule=StatusSchedule(processing_after_seconds=10, decided_after_seconds=20),
    )
    with TrainingPortal(
        tmp_path / "portal.sqlite3",
        settings=settings,
        clock=server_clock,
        catalogue=list(BUILT_IN_CATALOGUE),
    ) as running:
        yield running


@pytest.fixture
def session(portal: TrainingPortal) -> Iterator[CountingSession]:
    """The client's session; every exchange on it is checked against the contract."""
    counting = CountingSession()
    contract = ContractChecker(portal.url)
    contract.watch(counting)
    yield counting
    contract.assert_clean()


@pytest.fixture
def client_clock() -> MonotonicClock:
    return MonotonicClock()


@pytest.fixture
def client(
    portal: TrainingPortal, session: CountingSession, client_clock: MonotonicClock
) -> Iterator[HttpPortalClient]:
    with HttpPortalClient(
        portal.url,
        TRAINING_CLIENT_ID,
        TRAINING_CLIENT_SECRET,
        timeout=(2, 5),
        session_factory=lambda: session,
        clock=client_clock,
    ) as portal_client:
        yield portal_client


def test_http_client_satisfies_the_protocol(client: HttpPortalClient) -> None:
    as_protocol: PortalClient = client
    assert as_protocol.meta().api_version == "1"


def test_token_is_cached_and_refreshed_before_it_expires(
    client: HttpPortalClient, session: CountingSession, client_clock: MonotonicClock
) -> None:
    client.catalogue()
    client.catalogue()
    assert session.paths == ["/oauth/token", "/catalogue", "/catalogue"]
    client_clock.now += 79  # TTL 100 s, refreshed 20 s (a fifth) before the end
    client.catalogue()
    assert session.paths.count("/oauth/token") == 1
    client_clock.now += 1
    client.catalogue()
    assert session.paths.count("/oauth/token") == 2


def test_a_401_gets_one_new_token_and_one_resend(
    client: HttpPortalClient, session: CountingSession, server_clock: ManualClock
) -> None:
    client.catalogue()
    server_clock.advance(101)  # the server expires the token; the client's clock has not moved
    entries = client.catalogue()
    assert entries[0] == CatalogueEntry("birth", "1", "Đăng ký khai sinh", 0)
    assert session.paths == [
        "/oauth/token",
        "/catalogue",
        "/catalogue",
        "/oauth/token",
        "/catalogue",
    ]


def test_wrong_credentials_are_auth_failed(portal: TrainingPortal) -> None:
    with (
        HttpPortalClient(portal.url, TRAINING_CLIENT_ID, "wrong") as client,
        pytest.raises(AuthFailed) as raised,
    ):
        client.catalogue()
    assert raised.value.code == "invalid_client"
    assert not raised.value.retryable
    assert "ki-ốt" in raised.value.message_vi
    with HttpPortalClient(portal.url) as unenrolled, pytest.raises(AuthFailed):
        unenrolled.fetch_token()


def test_enrolment_then_working_credentials(portal: TrainingPortal) -> None:
    with HttpPortalClient(portal.url) as unenrolled:
        with pytest.raises(AuthFailed):
            unenrolled.enrol("ward-26734-k2", "not-the-secret")
        with pytest.raises(PortalRejected) as bad_id:
            unenrolled.enrol("x", TRAINING_ENROLMENT_SECRET)
        assert bad_id.value.errors[0].field == "kiosk_id"
        credentials = unenrolled.enrol("ward-26734-k2", TRAINING_ENROLMENT_SECRET)
    assert credentials.kiosk_id == "ward-26734-k2"
    assert credentials.client_secret not in repr(credentials)
    with HttpPortalClient(portal.url, credentials.client_id, credentials.client_secret) as enrolled:
        assert enrolled.fetch_token().expires_in_seconds == 100


def test_submit_is_idempotent_per_key(client: HttpPortalClient, portal: TrainingPortal) -> None:
    body = sample_dossier_body()
    first = client.submit_dossier("6f1c2b1e-0000-4000-8000-000000000001", body)
    assert not first.replayed
    assert first.status == "received"
    assert first.dossier_code == "000.00.21.H42-260115-0001"
    assert first.appointment_date == dt.date(2026, 1, 15)
    assert first.received_at == dt.datetime(2026, 1, 15, 2, 0, tzinfo=dt.UTC)
    again = client.submit_dossier("6f1c2b1e-0000-4000-8000-000000000001", body)
    assert again.replayed
    assert (again.dossier_code, again.portal_id) == (first.dossier_code, first.portal_id)
    with pytest.raises(IdempotencyConflict) as conflict:
        client.submit_dossier(
            "6f1c2b1e-0000-4000-8000-000000000001", {**body, "answers": {"changed": True}}
        )
    assert conflict.value.status == 409 and not conflict.value.retryable
    assert len(portal.app.dossiers.all_dossiers()) == 1


def test_a_422_carries_the_portals_message_and_fields(
    client: HttpPortalClient, portal: TrainingPortal
) -> None:
    message = "Thiếu chữ ký của người đi khai sinh."
    portal.app.dossiers.set_rejection("26734-260115-01-0009-Q", message)
    with pytest.raises(PortalRejected) as rejected:
        client.submit_dossier("case-9", sample_dossier_body("26734-260115-01-0009-Q"))
    assert rejected.value.status == 422
    assert rejected.value.code == "rejected"
    assert rejected.value.message_vi == message
    assert not rejected.value.retryable
    with pytest.raises(PortalRejected) as invalid:
        client.submit_dossier("case-10", sample_dossier_body(procedure_id="unknown"))
    assert invalid.value.code == "validation_failed"
    assert [(e.field, e.code) for e in invalid.value.errors] == [
        ("procedure_id", "unknown_procedure")
    ]


def test_bad_keys_and_bodies_never_leave_the_kiosk(
    client: HttpPortalClient, session: CountingSession
) -> None:
    with pytest.raises(PortalRejected) as bad_key:
        client.submit_dossier("key with spaces", sample_dossier_body())
    assert bad_key.value.code == "invalid_idempotency_key"
    with pytest.raises(PortalRejected) as bad_body:
        client.submit_dossier("k", {"answers": {"x": float("nan")}})
    assert bad_body.value.code == "invalid_body"
    with pytest.raises(PortalRejected):
        client.submit_dossier("k", {"answers": {"x": object()}})
    assert "/dossiers" not in session.paths


def test_changes_follow_the_cursor(client: HttpPortalClient, portal: TrainingPortal) -> None:
    for i in range(3):
        client.submit_dossier(f"case-{i}", sample_dossier_body(f"26734-260115-01-000{i}-K"))
    first = client.changes(None, limit=2)
    assert [c.status for c in first.changes] == ["received", "received"]
    assert first.has_more
    second = client.changes(first.next_cursor, limit=2)
    assert len(second.changes) == 1 and not second.has_more
    portal.app.dossiers.advance_all()
    moved = client.changes(second.next_cursor)
    assert [c.status for c in moved.changes] == ["processing"] * 3
    assert {c.local_reference for c in moved.changes} == {
        f"26734-260115-01-000{i}-K" for i in range(3)
    }
    assert all(c.message for c in moved.changes)
    assert client.changes(moved.next_cursor).changes == ()


def test_account_flow_with_code_read_from_the_training_portal(
    client: HttpPortalClient, portal: TrainingPortal, server_clock: ManualClock
) -> None:
    receipt = client.create_account("acc-1", sample_account_body())
    assert receipt.status == "pending_otp" and not receipt.replayed
    assert client.create_account("acc-1", sample_account_body()).replayed
    with requests.get(
        f"{portal.url}/training/otp",
        params={"account_request_id": receipt.account_request_id},
        timeout=5,
    ) as response:
        code = response.json()["code"]

    with pytest.raises(RateLimited) as too_soon:
        client.resend_code(receipt.account_request_id)
    assert too_soon.value.retry_after_seconds == 60
    assert too_soon.value.code == "resend_too_soon"
    assert "60 giây" in too_soon.value.message_vi

    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(PortalRejected) as rejected:
        client.confirm_account(receipt.account_request_id, wrong)
    assert rejected.value.code == "otp_invalid"
    confirmation = client.confirm_account(receipt.account_request_id, code)
    assert confirmation.account_request_id == receipt.account_request_id
    assert confirmation.account_id


def test_expired_code_is_a_410_rejection(
    client: HttpPortalClient, portal: TrainingPortal, server_clock: ManualClock
) -> None:
    receipt = client.create_account("acc-2", sample_account_body("0987654321"))
    otp = portal.app.accounts.latest_otp(phone="0987654321")
    assert otp is not None
    server_clock.advance(301)
    with pytest.raises(PortalRejected) as expired:
        client.confirm_account(receipt.account_request_id, str(otp["code"]))
    assert (expired.value.status, expired.value.code) == (410, "otp_expired")
    resent = client.resend_code(receipt.account_request_id)
    assert resent.otp_expires_at > receipt.otp_expires_at


def test_base_url_must_be_http() -> None:
    with pytest.raises(ValueError):
        HttpPortalClient("ftp://portal.example")
    with pytest.raises(ValueError):
        HttpPortalClient("portal.example")
