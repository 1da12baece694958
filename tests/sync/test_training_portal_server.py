"""The training portal over real HTTP on 127.0.0.1, spoken to with plain ``requests``.

These tests pin the server's side of docs/portal-api.yaml; test_portal_client_*.py
checks the kiosk's client against the same server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.training_portal import (
    AccountSettings,
    CatalogueEntry,
    PortalSettings,
    StatusSchedule,
    TrainingPortal,
)
from sync.training_portal.catalogue import BUILT_IN_CATALOGUE, load_procedures_dir
from sync.training_portal.codes import DOSSIER_CODE_PATTERN, appointment_date
from sync.training_portal.testing import (
    TRAINING_CLIENT_ID,
    TRAINING_CLIENT_SECRET,
    ManualClock,
    sample_account_body,
    sample_dossier_body,
)
from tests.contract_support import ContractChecker
from tests.sync_support import bearer

BUILT_IN = list(BUILT_IN_CATALOGUE)  # independent of the kiosk's assets/procedures
PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "message_vi"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def portal(tmp_path: Path, clock: ManualClock) -> Iterator[TrainingPortal]:
    settings = PortalSettings(
        token_ttl_seconds=120,
        status_schedule=StatusSchedule(processing_after_seconds=10, decided_after_seconds=20),
    )
    with TrainingPortal(
        tmp_path / "portal.sqlite3", settings=settings, clock=clock, catalogue=BUILT_IN
    ) as running:
        yield running


@pytest.fixture
def http(portal: TrainingPortal) -> Iterator[requests.Session]:
    """A plain session; every answer to a documented operation is checked against the
    contract (the requests are not: many are wrong on purpose)."""
    contract = ContractChecker(portal.url, check_requests=False, only_documented=True)
    with requests.Session() as session:
        contract.watch(session)
        yield session
    assert contract.violations == [], "\n".join(contract.violations)


def assert_problem(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem.keys() >= PROBLEM_KEYS
    assert problem["status"] == status
    assert problem["code"] == code
    assert problem["type"] == f"https://portal.example/problems/{code}"
    assert isinstance(problem["message_vi"], str) and problem["message_vi"]
    return dict(problem)


def submit(
    http: requests.Session,
    portal: TrainingPortal,
    auth: dict[str, str],
    key: str | None,
    body: object,
) -> requests.Response:
    headers = dict(auth)
    if key is not None:
        headers["Idempotency-Key"] = key
    return http.post(f"{portal.url}/api/v1/dossiers", json=body, headers=headers, timeout=5)


# --- authentication -------------------------------------------------------------------


def test_token_is_required_and_expires_after_its_ttl(
    portal: TrainingPortal, http: requests.Session, clock: ManualClock
) -> None:
    catalogue_url = f"{portal.url}/api/v1/catalogue"
    assert_problem(http.get(catalogue_url, timeout=5), 401, "invalid_token")
    auth = bearer(http, portal)
    assert http.get(catalogue_url, headers=auth, timeout=5).status_code == 200
    clock.advance(119)
    assert http.get(catalogue_url, headers=auth, timeout=5).status_code == 200
    clock.advance(1)
    response = http.get(catalogue_url, headers=auth, timeout=5)
    assert_problem(response, 401, "invalid_token")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_token_accepts_json_and_basic_and_refuses_wrong_secret(
    portal: TrainingPortal, http: requests.Session
) -> None:
    url = f"{portal.url}/api/v1/oauth/token"
    as_json = http.post(
        url,
        json={
            "grant_type": "client_credentials",
            "client_id": TRAINING_CLIENT_ID,
            "client_secret": TRAINING_CLIENT_SECRET,
        },
        timeout=5,
    )
    assert as_json.status_code == 200
    assert as_json.json()["token_type"] == "Bearer"
    assert as_json.json()["expires_in"] == 120
    basic = http.post(
        url,
        data={"grant_type": "client_credentials"},
        auth=(TRAINING_CLIENT_ID, TRAINING_CLIENT_SECRET),
        timeout=5,
    )
    assert basic.status_code == 200
    wrong = http.post(
        url,
        data={
            "grant_type": "client_credentials",
            "client_id": TRAINING_CLIENT_ID,
            "client_secret": "x",
        },
        timeout=5,
    )
    assert_problem(wrong, 401, "invalid_client")
    other_grant = http.post(url, data={"grant_type": "password"}, timeout=5)
    assert_problem(other_grant, 400, "unsupported_grant_type")


def test_enrolment_issues_credentials_that_work_and_rotate(
    portal: TrainingPortal, http: requests.Session
) -> None:
    url = f"{portal.url}/api/v1/enrolments"
    refused = http.post(
        url, json={"kiosk_id": "ward-26734-k1", "enrolment_secret": "nope"}, timeout=5
    )
    assert_problem(refused, 401, "invalid_enrolment_secret")
    first = http.post(
        url, json={"kiosk_id": "ward-26734-k1", "enrolment_secret": "training-enrolment"}, timeout=5
    )
    assert first.status_code == 201
    credentials = first.json()
    assert credentials["client_id"] == credentials["kiosk_id"] == "ward-26734-k1"
    second = http.post(
        url, json={"kiosk_id": "ward-26734-k1", "enrolment_secret": "training-enrolment"}, timeout=5
    )
    token_url = f"{portal.url}/api/v1/oauth/token"
    form = {"grant_type": "client_credentials", "client_id": "ward-26734-k1"}
    old = http.post(
        token_url, data={**form, "client_secret": credentials["client_secret"]}, timeout=5
    )
    assert_problem(old, 401, "invalid_client")
    new_secret = second.json()["client_secret"]
    assert http.post(token_url, data={**form, "client_secret": new_secret}, timeout=5).ok
    bad_id = http.post(
        url, json={"kiosk_id": "a b", "enrolment_secret": "training-enrolment"}, timeout=5
    )
    assert_problem(bad_id, 422, "validation_failed")


def test_a_one_time_enrolment_secret_works_once(
    portal: TrainingPortal, http: requests.Session
) -> None:
    portal.app.clients.add_enrolment_secret("once-only-7Q2", reusable=False)
    url = f"{portal.url}/api/v1/enrolments"
    body = {"kiosk_id": "ward-26734-k3", "enrolment_secret": "once-only-7Q2"}
    assert http.post(url, json=body, timeout=5).status_code == 201
    assert_problem(http.post(url, json=body, timeout=5), 401, "invalid_enrolment_secret")


def test_meta_needs_no_token(portal: TrainingPortal, http: requests.Session) -> None:
    meta = http.get(f"{portal.url}/api/v1/meta", timeout=5).json()
    assert meta["api_version"] == "1"
    assert meta["server_time"] == "2026-01-15T02:00:00Z"
    assert meta["agency_code"] == "000.00.21.H42"


# --- dossiers -------------------------------------------------------------------------


def test_same_key_same_body_returns_first_result_and_different_body_conflicts(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    body = sample_dossier_body()
    first = submit(http, portal, auth, "case-0001", body)
    assert first.status_code == 201
    receipt = first.json()
    assert receipt["status"] == "received"
    assert receipt["dossier_code"] == "000.00.21.H42-260115-0001"
    assert DOSSIER_CODE_PATTERN.fullmatch(receipt["dossier_code"])
    # Same body with keys in another order is the same canonical body.
    reordered = json.loads(json.dumps(body, sort_keys=True))
    again = submit(http, portal, auth, "case-0001", dict(reversed(list(reordered.items()))))
    assert again.status_code == 200
    assert again.json() == receipt
    changed = {**body, "answers": {"child_full_name": "Nguyễn Thị Hòa"}}
    assert_problem(submit(http, portal, auth, "case-0001", changed), 409, "idempotency_conflict")
    held = http.get(f"{portal.url}/training/dossiers", timeout=5).json()["dossiers"]
    assert [(d["idempotency_key"], d["dossier_code"]) for d in held] == [
        ("case-0001", receipt["dossier_code"])
    ]
    assert held[0]["body"] == body


def test_missing_idempotency_key_is_400_and_stores_nothing(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    assert_problem(
        submit(http, portal, auth, None, sample_dossier_body()), 400, "missing_idempotency_key"
    )
    assert_problem(
        submit(http, portal, auth, "has space", sample_dossier_body()),
        400,
        "invalid_idempotency_key",
    )
    assert http.get(f"{portal.url}/training/dossiers", timeout=5).json() == {"dossiers": []}


def test_validation_problem_lists_every_bad_field(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    body: dict[str, object] = {
        "procedure_id": "no_such_procedure",
        "procedure_version": None,
        "answers": [],
        # kind {} once crashed the portal (500): found by schemathesis.
        "documents": [{"name": ""}, "x", {"name": "Giấy chứng sinh", "kind": {}}],
        "local_reference": "bad ref with spaces",
        "kiosk_id": "k",
        "identity_evidence": {},  # once a 500 too (unhashable in the set of known values)
    }
    problem = assert_problem(submit(http, portal, auth, "case-x", body), 422, "validation_failed")
    errors = problem["errors"]
    assert isinstance(errors, list)
    fields = {error["field"] for error in errors}
    assert fields == {
        "procedure_id",
        "procedure_version",
        "answers",
        "documents.0.name",
        "documents.1",
        "documents.2.kind",
        "local_reference",
        "identity_evidence",
        "kiosk_id",
    }
    assert all(error["message"] for error in errors)


def test_outdated_procedure_version_is_refused(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    old = sample_dossier_body(procedure_version=0)
    problem = assert_problem(submit(http, portal, auth, "case-old", old), 422, "validation_failed")
    assert problem["errors"] == [
        {
            "field": "procedure_version",
            "code": "outdated_version",
            "message": "Mẫu thủ tục đã được cập nhật (phiên bản 1), cần khai lại.",
        }
    ]
    # An integer version equal to the catalogue's text version is the same version.
    assert submit(http, portal, auth, "case-int", sample_dossier_body(procedure_version=1)).ok


def test_training_reject_makes_one_local_reference_fail_with_its_message(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    message = "Ảnh giấy chứng sinh bị mờ, đề nghị nộp lại bản rõ hơn."
    stored = http.post(
        f"{portal.url}/training/reject",
        json={"local_reference": "26734-260115-01-0002-Z", "message": message},
        timeout=5,
    )
    assert stored.ok
    rejected = submit(http, portal, auth, "case-2", sample_dossier_body("26734-260115-01-0002-Z"))
    problem = assert_problem(rejected, 422, "rejected")
    assert problem["message_vi"] == message
    assert submit(http, portal, auth, "case-3", sample_dossier_body("26734-260115-01-0003-Z")).ok
    http.post(
        f"{portal.url}/training/reject",
        json={"local_reference": "26734-260115-01-0002-Z", "message": None},
        timeout=5,
    )
    retried = submit(http, portal, auth, "case-2", sample_dossier_body("26734-260115-01-0002-Z"))
    assert retried.status_code == 201


def test_daily_sequence_and_appointment_date(
    portal: TrainingPortal, http: requests.Session, clock: ManualClock
) -> None:
    auth = bearer(http, portal)
    codes = [
        submit(http, portal, auth, f"k{i}", sample_dossier_body(f"REF-{i:04d}")).json()
        for i in range(3)
    ]
    assert [c["dossier_code"][-4:] for c in codes] == ["0001", "0002", "0003"]
    http.post(
        f"{portal.url}/training/catalogue",
        json={
            "procedures": [
                {"id": "marital", "version": 2, "title": "Xác nhận", "processing_days": 3}
            ]
        },
        timeout=5,
    )
    clock.advance(24 * 3600)  # Friday 16 January 2026 in Vietnam
    friday = submit(
        http,
        portal,
        bearer(http, portal),
        "k-fri",
        sample_dossier_body(procedure_id="marital", procedure_version=2),
    ).json()
    assert friday["dossier_code"] == "000.00.21.H42-260116-0001"
    assert friday["appointment_date"] == "2026-01-21"  # Mon, Tue, Wed


def test_dossier_code_uses_the_vietnam_calendar(tmp_path: Path) -> None:
    late_evening_utc = ManualClock(dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC))
    with (
        TrainingPortal(
            tmp_path / "p.sqlite3", clock=late_evening_utc, catalogue=BUILT_IN
        ) as portal,
        requests.Session() as http,
    ):
        receipt = submit(http, portal, bearer(http, portal), "k", sample_dossier_body()).json()
    assert receipt["dossier_code"] == "000.00.21.H42-260116-0001"  # 01:30 on the 16th in Hanoi


def test_appointment_date_skips_weekends() -> None:
    saturday = dt.date(2026, 1, 17)
    assert appointment_date(saturday, 0) == dt.date(2026, 1, 19)
    assert appointment_date(dt.date(2026, 1, 15), 0) == dt.date(2026, 1, 15)
    assert appointment_date(dt.date(2026, 1, 15), 7) == dt.date(2026, 1, 26)


# --- status feed ----------------------------------------------------------------------


def test_changes_feed_pages_with_a_cursor_after_advance(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    for i in range(3):
        assert submit(http, portal, auth, f"k{i}", sample_dossier_body(f"REF-{i:04d}")).ok
    feed = f"{portal.url}/api/v1/dossiers/changes"
    page = http.get(feed, params={"limit": 2}, headers=auth, timeout=5).json()
    assert [c["status"] for c in page["changes"]] == ["received", "received"]
    assert page["has_more"] is True
    rest = http.get(feed, params={"since": page["next_cursor"]}, headers=auth, timeout=5).json()
    assert len(rest["changes"]) == 1 and rest["has_more"] is False
    cursor = rest["next_cursor"]
    quiet = http.get(feed, params={"since": cursor}, headers=auth, timeout=5).json()
    assert quiet == {"changes": [], "next_cursor": cursor, "has_more": False}

    assert http.post(f"{portal.url}/training/advance", timeout=5).json() == {"changed": 3}
    moved = http.get(feed, params={"since": cursor}, headers=auth, timeout=5).json()
    assert [c["status"] for c in moved["changes"]] == ["processing"] * 3
    http.post(f"{portal.url}/training/advance", timeout=5)
    decided = http.get(feed, params={"since": moved["next_cursor"]}, headers=auth, timeout=5).json()
    assert {c["status"] for c in decided["changes"]} <= {"done", "needs_more"}
    assert len(decided["changes"]) == 3
    cursors = [int(c["cursor"]) for c in page["changes"] + rest["changes"] + moved["changes"]]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert http.post(f"{portal.url}/training/advance", timeout=5).json() == {"changed": 0}


def test_schedule_moves_dossiers_lazily_with_time(
    portal: TrainingPortal, http: requests.Session, clock: ManualClock
) -> None:
    auth = bearer(http, portal)
    submit(http, portal, auth, "k", sample_dossier_body())
    feed = f"{portal.url}/api/v1/dossiers/changes"
    clock.advance(9)
    assert len(http.get(feed, headers=auth, timeout=5).json()["changes"]) == 1
    clock.advance(100)  # both steps are now due; both are recorded, in order
    changes = http.get(feed, headers=auth, timeout=5).json()["changes"]
    assert [c["status"] for c in changes][:2] == ["received", "processing"]
    assert changes[2]["status"] in {"done", "needs_more"}
    assert [c["changed_at"] for c in changes] == [
        "2026-01-15T02:00:00Z",
        "2026-01-15T02:00:10Z",
        "2026-01-15T02:00:30Z",
    ]


def test_changes_rejects_bad_cursor_and_limit(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    feed = f"{portal.url}/api/v1/dossiers/changes"
    assert_problem(
        http.get(feed, params={"since": "abc"}, headers=auth, timeout=5), 400, "invalid_cursor"
    )
    assert_problem(
        http.get(feed, params={"limit": "0"}, headers=auth, timeout=5), 400, "invalid_limit"
    )
    assert_problem(
        http.get(feed, params={"limit": "501"}, headers=auth, timeout=5), 400, "invalid_limit"
    )


# --- accounts -------------------------------------------------------------------------


def test_account_is_confirmed_with_the_code_the_portal_sent(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    url = f"{portal.url}/api/v1/accounts"
    created = http.post(
        url, json=sample_account_body(), headers={**auth, "Idempotency-Key": "acc-1"}, timeout=5
    )
    assert created.status_code == 201
    request_id = created.json()["account_request_id"]
    assert created.json()["status"] == "pending_otp"
    replay = http.post(
        url, json=sample_account_body(), headers={**auth, "Idempotency-Key": "acc-1"}, timeout=5
    )
    assert (replay.status_code, replay.json()) == (200, created.json())
    other_body = sample_account_body(phone="0987654321")
    reused = http.post(
        url, json=other_body, headers={**auth, "Idempotency-Key": "acc-1"}, timeout=5
    )
    assert_problem(reused, 409, "idempotency_conflict")

    by_phone = http.get(f"{portal.url}/training/otp", params={"phone": "+84912345678"}, timeout=5)
    by_id = http.get(
        f"{portal.url}/training/otp", params={"account_request_id": request_id}, timeout=5
    )
    assert by_phone.json() == by_id.json()
    code = by_id.json()["code"]
    assert re.fullmatch(r"\d{6}", code)

    confirm = f"{url}/{request_id}/confirm"
    wrong = "000000" if code != "000000" else "111111"
    assert_problem(
        http.post(confirm, json={"code": wrong}, headers=auth, timeout=5), 422, "otp_invalid"
    )
    confirmed = http.post(confirm, json={"code": code}, headers=auth, timeout=5)
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"
    again = http.post(confirm, json={"code": code}, headers=auth, timeout=5)
    assert again.json() == confirmed.json()
    accounts = http.get(f"{portal.url}/training/accounts", timeout=5).json()["account_requests"]
    assert [a["status"] for a in accounts] == ["confirmed"]


def test_account_validation_and_expired_code(
    portal: TrainingPortal, http: requests.Session, clock: ManualClock
) -> None:
    auth = bearer(http, portal)
    url = f"{portal.url}/api/v1/accounts"
    bad = {**sample_account_body(phone="12345"), "consent": {"accepted": False}}
    problem = assert_problem(
        http.post(url, json=bad, headers={**auth, "Idempotency-Key": "a"}, timeout=5),
        422,
        "validation_failed",
    )
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {"phone", "consent.accepted", "consent.given_at", "consent.notice_text"}
    odd = {
        **sample_account_body(),
        "identity": {"full_name": "An", "id_number": "001203004567", "date_of_birth": ""},
        "email": "an\u0007@vi du.vn",
        "kiosk_id": None,
    }
    problem = assert_problem(
        http.post(url, json=odd, headers={**auth, "Idempotency-Key": "odd"}, timeout=5),
        422,
        "validation_failed",
    )
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {"identity.date_of_birth", "email", "kiosk_id"}
    for attempt, landline in enumerate(("02363821234", "+842838221234")):
        refused = assert_problem(
            http.post(
                url,
                json=sample_account_body(phone=landline),
                headers={**auth, "Idempotency-Key": f"landline-{attempt}"},
                timeout=5,
            ),
            422,
            "validation_failed",
        )
        assert refused["errors"] == [  # the code comes by SMS: a landline cannot get it
            {
                "field": "phone",
                "code": "bad_format",
                "message": "Số điện thoại di động không hợp lệ.",
            }
        ]
    created = http.post(
        url, json=sample_account_body(), headers={**auth, "Idempotency-Key": "b"}, timeout=5
    ).json()
    code = http.get(
        f"{portal.url}/training/otp",
        params={"account_request_id": created["account_request_id"]},
        timeout=5,
    ).json()["code"]
    clock.advance(301)
    expired = http.post(
        f"{url}/{created['account_request_id']}/confirm",
        json={"code": code},
        headers=bearer(http, portal),
        timeout=5,
    )
    assert_problem(expired, 410, "otp_expired")


def test_resend_is_rate_limited_with_retry_after(
    portal: TrainingPortal, http: requests.Session, clock: ManualClock
) -> None:
    auth = bearer(http, portal)
    created = http.post(
        f"{portal.url}/api/v1/accounts",
        json=sample_account_body(),
        headers={**auth, "Idempotency-Key": "acc"},
        timeout=5,
    ).json()
    resend = f"{portal.url}/api/v1/accounts/{created['account_request_id']}/resend"
    clock.advance(15)
    too_soon = http.post(resend, headers=auth, timeout=5)
    assert_problem(too_soon, 429, "resend_too_soon")
    assert too_soon.headers["Retry-After"] == "45"
    clock.advance(45)
    assert http.post(resend, headers=auth, timeout=5).status_code == 202
    assert_problem(http.post(resend, headers=auth, timeout=5), 429, "resend_too_soon")
    missing = f"{portal.url}/api/v1/accounts/nope/resend"
    assert_problem(http.post(missing, headers=auth, timeout=5), 404, "not_found")


def test_too_many_wrong_codes_lock_the_request(tmp_path: Path) -> None:
    settings = PortalSettings(account_settings=AccountSettings(max_attempts=2))
    with (
        TrainingPortal(tmp_path / "p.sqlite3", settings=settings) as portal,
        requests.Session() as http,
    ):
        auth = bearer(http, portal)
        created = http.post(
            f"{portal.url}/api/v1/accounts",
            json=sample_account_body(),
            headers={**auth, "Idempotency-Key": "acc"},
            timeout=5,
        ).json()
        otp = portal.app.accounts.latest_otp(account_request_id=created["account_request_id"])
        assert otp is not None
        confirm = f"{portal.url}/api/v1/accounts/{created['account_request_id']}/confirm"
        wrong = "000000" if otp["code"] != "000000" else "111111"
        for _ in range(2):
            http.post(confirm, json={"code": wrong}, headers=auth, timeout=5)
        locked = http.post(confirm, json={"code": otp["code"]}, headers=auth, timeout=5)
        assert_problem(locked, 410, "otp_locked")


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"a": NaN}', b"[" * 100_000, b""],
    ids=["broken", "not-utf8", "array", "nan", "deep", "empty"],
)
def test_garbage_bodies_get_a_400_problem(
    portal: TrainingPortal, http: requests.Session, raw: bytes
) -> None:
    auth = bearer(http, portal)
    response = http.post(
        f"{portal.url}/api/v1/dossiers",
        data=raw,
        headers={**auth, "Idempotency-Key": "k", "Content-Type": "application/json"},
        timeout=5,
    )
    assert_problem(response, 400, "invalid_json")


def test_odd_but_valid_text_is_stored_exactly(
    portal: TrainingPortal, http: requests.Session
) -> None:
    auth = bearer(http, portal)
    body = sample_dossier_body()
    body["answers"] = {"note": "🙂 Nguyễn\x00" + "ạ" * 10_000}
    assert submit(http, portal, auth, "k", body).status_code == 201
    held = http.get(f"{portal.url}/training/dossiers", timeout=5).json()["dossiers"]
    assert held[0]["body"] == body


def test_oversized_body_is_413(portal: TrainingPortal, http: requests.Session) -> None:
    auth = bearer(http, portal)
    response = http.post(
        f"{portal.url}/api/v1/dossiers",
        data=b"x" * (5 * 1024 * 1024 + 1),
        headers={**auth, "Idempotency-Key": "k", "Content-Type": "application/json"},
        timeout=10,
    )
    assert_problem(response, 413, "payload_too_large")


def test_unknown_path_and_method(portal: TrainingPortal, http: requests.Session) -> None:
    assert_problem(http.get(f"{portal.url}/api/v2/meta", timeout=5), 404, "not_found")
    wrong_method = http.delete(f"{portal.url}/api/v1/catalogue", timeout=5)
    assert_problem(wrong_method, 405, "method_not_allowed")
    assert wrong_method.headers["Allow"] == "GET"
    # Methods the standard library has no handler for get the same problem, not a 501 page.
    for method in ("TRACE", "OPTIONS", "QUERY"):
        odd = http.request(method, f"{portal.url}/api/v1/catalogue", timeout=5)
        assert_problem(odd, 405, "method_not_allowed")
    head = http.head(f"{portal.url}/api/v1/catalogue", timeout=5)
    assert head.status_code == 405 and head.content == b""
    both = http.delete(f"{portal.url}/api/v1/dossiers", timeout=5)
    assert both.headers["Allow"] == "GET, POST"  # GET lists this kiosk's dossiers


def test_fault_settings_are_validated_and_readable(
    portal: TrainingPortal, http: requests.Session
) -> None:
    url = f"{portal.url}/training/faults"
    too_much = http.post(url, json={"error_rate": 0.7, "drop_rate": 0.7}, timeout=5)
    problem = assert_problem(too_much, 422, "validation_failed")
    assert problem["errors"][0]["field"] == "*_rate"
    wrong = assert_problem(
        http.post(url, json={"error_rate": "lots", "bogus": 1}, timeout=5), 422, "validation_failed"
    )
    assert {e["field"] for e in wrong["errors"]} == {"error_rate", "bogus"}
    stored = http.post(url, json={"error_rate": 0.25, "retry_after": 3, "seed": 7}, timeout=5)
    assert stored.json()["error_rate"] == 0.25
    assert http.get(url, timeout=5).json() == stored.json()


def test_training_api_can_be_switched_off(tmp_path: Path) -> None:
    settings = PortalSettings(training_api=False)
    with (
        TrainingPortal(tmp_path / "p.sqlite3", settings=settings) as portal,
        requests.Session() as http,
    ):
        assert http.get(f"{portal.url}/training/dossiers", timeout=5).status_code == 404
        assert http.get(f"{portal.url}/api/v1/meta", timeout=5).status_code == 200


# --- catalogue and persistence --------------------------------------------------------


def test_catalogue_is_seeded_from_procedure_files(tmp_path: Path) -> None:
    procedures = tmp_path / "procedures"
    procedures.mkdir()
    (procedures / "birth.json").write_text(
        json.dumps({"id": "birth", "version": 4, "title": {"vi": "Khai sinh", "en": "Birth"}}),
        encoding="utf-8",
    )
    (procedures / "procedure.schema.json").write_text('{"title": "schema"}', encoding="utf-8")
    (procedures / "broken.json").write_text("{", encoding="utf-8")
    (procedures / "no_version.json").write_text('{"id": "x"}', encoding="utf-8")
    assert load_procedures_dir(procedures) == [CatalogueEntry("birth", "4", "Khai sinh")]
    with (
        TrainingPortal(tmp_path / "p.sqlite3", catalogue_dir=procedures) as portal,
        requests.Session() as http,
    ):
        listed = http.get(
            f"{portal.url}/api/v1/catalogue", headers=bearer(http, portal), timeout=5
        ).json()
    assert listed == {
        "procedures": [{"id": "birth", "version": "4", "title": "Khai sinh", "processing_days": 3}]
    }


def test_dossiers_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with TrainingPortal(db, catalogue=BUILT_IN) as portal, requests.Session() as http:
        first = submit(http, portal, bearer(http, portal), "k", sample_dossier_body()).json()
    with TrainingPortal(db, catalogue=BUILT_IN) as portal, requests.Session() as http:
        replay = submit(http, portal, bearer(http, portal), "k", sample_dossier_body())
        assert (replay.status_code, replay.json()) == (200, first)


def test_the_embedded_portal_keeps_its_dossiers_private_inside_the_kiosk_home(
    tmp_path: Path,
) -> None:
    """Its dossiers hold names and ID numbers in the clear: mode 0600, never 0644."""
    import os
    import stat

    from kiosk.paths import HomeLayout
    from sync.connection import start_embedded_portal, training_portal_db

    layout = HomeLayout(tmp_path / "home")
    layout.ensure()
    old_umask = os.umask(0o022)
    try:
        portal = start_embedded_portal(layout)
    finally:
        os.umask(old_umask)
    try:
        database = Path(training_portal_db(layout))
        assert database.parent == layout.root
        files = [database, *(Path(f"{database}{s}") for s in ("-wal", "-shm"))]
        for path in files:
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    finally:
        portal.stop()
