"""Portal account requests: create, "send" a one-time code, confirm, resend.

The training portal does not send SMS: it records each code where the kiosk's
training screen and the tests read it (``/training/otp``). The kiosk never sends
or stores a password; the portal confirms the account with the code alone.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sync.training_portal.database import (
    Outcome,
    PortalDatabase,
    canonical_sha256,
    replay,
)
from sync.training_portal.problems import (
    FieldError,
    ProblemError,
    not_found,
    rate_limited,
    validation_failed,
)
from sync.training_portal.timeutil import Clock, from_iso, to_iso
from sync.training_portal.validation import normalise_phone, validate_account


@dataclass(frozen=True)
class AccountSettings:
    otp_ttl_seconds: int = 300
    resend_interval_seconds: int = 60
    max_attempts: int = 5


class AccountDesk:
    """Account requests of kiosk clients and their one-time codes."""

    def __init__(self, database: PortalDatabase, clock: Clock, settings: AccountSettings) -> None:
        self._database = database
        self._clock = clock
        self._accounts = settings

    def create_account(
        self, client_id: str, idempotency_key: str, body: Mapping[str, object]
    ) -> Outcome:
        """Record an account request and "send" its code; 201, 200 replay, 409 or 422."""
        body_sha256 = canonical_sha256(body)
        now = self._clock()
        with self._database.transaction() as db:
            replayed = replay(db, "account_requests", client_id, idempotency_key, body_sha256)
            if replayed is not None:
                return replayed
            errors = validate_account(body)
            if errors:
                raise validation_failed(errors)
            request_id = str(uuid.uuid4())
            expires_at = to_iso(now + timedelta(seconds=self._accounts.otp_ttl_seconds))
            receipt: dict[str, object] = {
                "account_request_id": request_id,
                "status": "pending_otp",
                "otp_expires_at": expires_at,
            }
            db.execute(
                "INSERT INTO account_requests (account_request_id, client_id, idempotency_key, "
                "body_sha256, body_json, response_json, phone, status, created_at, otp_code, "
                "otp_sent_at, otp_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request_id,
                    client_id,
                    idempotency_key,
                    body_sha256,
                    json.dumps(body, ensure_ascii=False),
                    json.dumps(receipt),
                    normalise_phone(str(body["phone"])),
                    "pending_otp",
                    to_iso(now),
                    _new_otp(),
                    to_iso(now),
                    expires_at,
                ),
            )
        return Outcome(201, receipt)

    def _account_row(self, db: sqlite3.Connection, client_id: str, request_id: str) -> sqlite3.Row:
        row: sqlite3.Row | None = db.execute(
            "SELECT * FROM account_requests WHERE account_request_id = ? AND client_id = ?",
            (request_id, client_id),
        ).fetchone()
        if row is None:
            raise not_found("No such account request")
        return row

    def confirm_account(self, client_id: str, request_id: str, code: str) -> Outcome:
        now = self._clock()
        with self._database.transaction() as db:
            row = self._account_row(db, client_id, request_id)
            if row["status"] == "confirmed":
                return Outcome(200, _confirmation(request_id, row["account_id"]))
            if row["otp_attempts"] >= self._accounts.max_attempts:
                raise ProblemError(
                    410,
                    "otp_locked",
                    "Too many wrong codes",
                    "Nhập sai mã quá nhiều lần. Vui lòng yêu cầu gửi lại mã mới.",
                )
            if from_iso(row["otp_expires_at"]) <= now:
                raise ProblemError(
                    410,
                    "otp_expired",
                    "One-time code expired",
                    "Mã xác nhận đã hết hạn. Vui lòng yêu cầu gửi lại mã.",
                )
            if not secrets.compare_digest(str(row["otp_code"]), code):
                # Count the failed attempt: it must be committed, so raise after the block.
                db.execute(
                    "UPDATE account_requests SET otp_attempts = otp_attempts + 1 "
                    "WHERE account_request_id = ?",
                    (request_id,),
                )
                account_id = None
            else:
                account_id = f"ACC-{uuid.uuid4().hex[:12].upper()}"
                db.execute(
                    "UPDATE account_requests SET status = 'confirmed', account_id = ?, "
                    "confirmed_at = ? WHERE account_request_id = ?",
                    (account_id, to_iso(now), request_id),
                )
        if account_id is None:
            raise ProblemError(
                422,
                "otp_invalid",
                "Wrong one-time code",
                "Mã xác nhận không đúng. Vui lòng kiểm tra tin nhắn và nhập lại.",
                errors=[FieldError("code", "otp_invalid", "Mã xác nhận không đúng.")],
            )
        return Outcome(200, _confirmation(request_id, account_id))

    def resend_code(self, client_id: str, request_id: str) -> Outcome:
        now = self._clock()
        with self._database.transaction() as db:
            row = self._account_row(db, client_id, request_id)
            if row["status"] == "confirmed":
                raise ProblemError(
                    409,
                    "already_confirmed",
                    "Account already confirmed",
                    "Tài khoản đã được xác nhận, không cần gửi lại mã.",
                )
            allowed_at = from_iso(row["otp_sent_at"]) + timedelta(
                seconds=self._accounts.resend_interval_seconds
            )
            if now < allowed_at:
                wait = max(1, int((allowed_at - now).total_seconds() + 0.999))
                raise rate_limited(
                    wait, "resend_too_soon", f"Vui lòng chờ {wait} giây rồi yêu cầu gửi lại mã."
                )
            expires_at = to_iso(now + timedelta(seconds=self._accounts.otp_ttl_seconds))
            db.execute(
                "UPDATE account_requests SET otp_code = ?, otp_sent_at = ?, otp_expires_at = ?, "
                "otp_attempts = 0 WHERE account_request_id = ?",
                (_new_otp(), to_iso(now), expires_at, request_id),
            )
        return Outcome(
            202,
            {
                "account_request_id": request_id,
                "status": "pending_otp",
                "otp_expires_at": expires_at,
            },
        )

    def latest_otp(
        self, *, account_request_id: str | None = None, phone: str | None = None
    ) -> dict[str, object] | None:
        """The code last "sent" for a request or a phone (what an SMS would have said)."""
        if account_request_id is not None:
            where, value = "account_request_id = ?", account_request_id
        elif phone is not None:
            where, value = "phone = ?", normalise_phone(phone) or phone
        else:
            return None
        with self._database.read() as db:
            row = db.execute(
                "SELECT account_request_id, otp_code, otp_sent_at, otp_expires_at "
                f"FROM account_requests WHERE {where} ORDER BY otp_sent_at DESC, rowid DESC",
                (value,),
            ).fetchone()
        if row is None:
            return None
        return {
            "account_request_id": row["account_request_id"],
            "code": row["otp_code"],
            "sent_at": row["otp_sent_at"],
            "expires_at": row["otp_expires_at"],
        }

    def all_account_requests(self) -> list[dict[str, object]]:
        with self._database.read() as db:
            rows = db.execute(
                "SELECT * FROM account_requests ORDER BY created_at, rowid"
            ).fetchall()
        return [
            {
                "account_request_id": row["account_request_id"],
                "client_id": row["client_id"],
                "idempotency_key": row["idempotency_key"],
                "status": row["status"],
                "created_at": row["created_at"],
                "account_id": row["account_id"],
                "body": json.loads(row["body_json"]),
            }
            for row in rows
        ]


def _new_otp() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _confirmation(request_id: str, account_id: object) -> dict[str, object]:
    return {"account_request_id": request_id, "status": "confirmed", "account_id": account_id}
