"""Kiosk clients of the portal: enrolment, client credentials and bearer tokens.

A kiosk's client id is its kiosk id. Secrets and tokens are kept only as SHA-256
digests (they are long random strings, so a plain digest is enough here).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sync.training_portal.database import PortalDatabase, sha256_text
from sync.training_portal.problems import ProblemError
from sync.training_portal.timeutil import Clock, from_iso, to_iso


class ClientRegistry:
    """Who may call the portal, and with which token."""

    def __init__(self, database: PortalDatabase, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def register_client(self, client_id: str, client_secret: str) -> None:
        """Create or re-key a client (used for the pre-registered training kiosk)."""
        with self._database.transaction() as db:
            db.execute(
                "INSERT INTO clients VALUES (?, ?, ?) ON CONFLICT (client_id) "
                "DO UPDATE SET secret_sha256 = excluded.secret_sha256",
                (client_id, sha256_text(client_secret), to_iso(self._clock())),
            )

    def add_enrolment_secret(self, enrolment_secret: str, *, reusable: bool) -> None:
        with self._database.transaction() as db:
            db.execute(
                "INSERT INTO enrolment_secrets (secret_sha256, reusable) VALUES (?, ?) "
                "ON CONFLICT (secret_sha256) DO UPDATE SET reusable = excluded.reusable",
                (sha256_text(enrolment_secret), int(reusable)),
            )

    def enrol(self, kiosk_id: str, enrolment_secret: str) -> dict[str, object]:
        """Spend an enrolment secret; return fresh credentials for ``kiosk_id``."""
        now = to_iso(self._clock())
        with self._database.transaction() as db:
            row = db.execute(
                "SELECT reusable, used_at FROM enrolment_secrets WHERE secret_sha256 = ?",
                (sha256_text(enrolment_secret),),
            ).fetchone()
            if row is None or (not row["reusable"] and row["used_at"] is not None):
                raise ProblemError(
                    401,
                    "invalid_enrolment_secret",
                    "Unknown or already used enrolment secret",
                    "Mã đăng ký ki-ốt không đúng hoặc đã được dùng.",
                )
            db.execute(
                "UPDATE enrolment_secrets SET used_by = ?, used_at = ? WHERE secret_sha256 = ?",
                (kiosk_id, now, sha256_text(enrolment_secret)),
            )
            client_secret = secrets.token_urlsafe(32)
            db.execute(
                "INSERT INTO clients VALUES (?, ?, ?) ON CONFLICT (client_id) "
                "DO UPDATE SET secret_sha256 = excluded.secret_sha256",
                (kiosk_id, sha256_text(client_secret), now),
            )
            db.execute("DELETE FROM tokens WHERE client_id = ?", (kiosk_id,))
        return {
            "client_id": kiosk_id,
            "client_secret": client_secret,
            "kiosk_id": kiosk_id,
            "issued_at": now,
        }

    def issue_token(self, client_id: str, client_secret: str, ttl_seconds: int) -> str | None:
        """A new bearer token, or None when the credentials are wrong."""
        now = self._clock()
        with self._database.transaction() as db:
            row = db.execute(
                "SELECT secret_sha256 FROM clients WHERE client_id = ?", (client_id,)
            ).fetchone()
            if row is None or not secrets.compare_digest(
                row["secret_sha256"], sha256_text(client_secret)
            ):
                return None
            db.execute("DELETE FROM tokens WHERE expires_at < ?", (to_iso(now),))
            token = secrets.token_urlsafe(32)
            expires_at = to_iso(now + timedelta(seconds=ttl_seconds))
            db.execute(
                "INSERT INTO tokens VALUES (?, ?, ?)", (sha256_text(token), client_id, expires_at)
            )
        return token

    def client_for_token(self, token: str) -> str | None:
        """The client a live token belongs to, or None (unknown or expired)."""
        with self._database.read() as db:
            row = db.execute(
                "SELECT client_id, expires_at FROM tokens WHERE token_sha256 = ?",
                (sha256_text(token),),
            ).fetchone()
        if row is None or from_iso(row["expires_at"]) <= self._clock():
            return None
        return str(row["client_id"])
