"""The training portal's own SQLite file and its one rule: one transaction at a time.

One connection guarded by one lock: every operation of the desks (clients,
dossiers, accounts) is one transaction, so two requests with the same
idempotency key can never both create a dossier. The file is in WAL mode so it
can be inspected with ``sqlite3`` while the portal runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sync.training_portal.problems import ProblemError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY,
    secret_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrolment_secrets (
    secret_sha256 TEXT PRIMARY KEY,
    reusable INTEGER NOT NULL,
    used_by TEXT,
    used_at TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogue (
    procedure_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    processing_days INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogue_choices (
    procedure_id TEXT NOT NULL,
    choice_field TEXT NOT NULL,
    choice_value TEXT NOT NULL,
    processing_days INTEGER NOT NULL,
    PRIMARY KEY (procedure_id, choice_value)
);
CREATE TABLE IF NOT EXISTS day_sequences (
    day TEXT PRIMARY KEY,
    last_value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dossiers (
    portal_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body_json TEXT NOT NULL,
    response_json TEXT NOT NULL,
    dossier_code TEXT NOT NULL UNIQUE,
    local_reference TEXT NOT NULL,
    received_at TEXT NOT NULL,
    appointment_date TEXT NOT NULL,
    status TEXT NOT NULL,
    status_message TEXT,
    status_changed_at TEXT NOT NULL,
    UNIQUE (client_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS status_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id TEXT NOT NULL REFERENCES dossiers (portal_id),
    client_id TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_changes_by_client ON status_changes (client_id, seq);
CREATE TABLE IF NOT EXISTS account_requests (
    account_request_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body_json TEXT NOT NULL,
    response_json TEXT NOT NULL,
    phone TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    otp_code TEXT NOT NULL,
    otp_sent_at TEXT NOT NULL,
    otp_expires_at TEXT NOT NULL,
    otp_attempts INTEGER NOT NULL DEFAULT 0,
    account_id TEXT,
    confirmed_at TEXT,
    UNIQUE (client_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS attachments (
    client_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    received_at TEXT NOT NULL,
    puts INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (client_id, sha256)
);
CREATE TABLE IF NOT EXISTS attachment_uploads (
    client_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    total INTEGER NOT NULL,
    received INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (client_id, sha256)
);
CREATE TABLE IF NOT EXISTS attachment_upload_chunks (
    client_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (client_id, sha256, start),
    FOREIGN KEY (client_id, sha256) REFERENCES attachment_uploads (client_id, sha256)
        ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS rejections (
    local_reference TEXT PRIMARY KEY,
    message TEXT NOT NULL
);
"""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_sha256(body: object) -> str:
    """SHA-256 of canonical JSON (sorted keys, no spaces, UTF-8): the body's identity."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return sha256_text(canonical)


@dataclass(frozen=True)
class Outcome:
    """A handled request: HTTP status, JSON body and extra headers (e.g. ``Upload-Offset``)."""

    status: int
    body: dict[str, object]
    headers: dict[str, str] = field(default_factory=dict)


def idempotency_conflict() -> ProblemError:
    return ProblemError(
        409,
        "idempotency_conflict",
        "Idempotency key reused with a different body",
        "Mã chống gửi trùng này đã được dùng cho một nội dung khác.",
    )


def _private_file(db_path: Path) -> None:
    """Create (or restrict) the database file as mode 0600 before SQLite opens it.

    Its dossiers hold names, ID numbers and addresses in the clear (a stand-in for
    the province's own database). SQLite gives its -wal and -shm files the main
    file's mode, so restricting the main file restricts them too.
    """
    if str(db_path) in ("", ":memory:"):
        return
    descriptor = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(descriptor)
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{db_path}{suffix}").chmod(0o600)


# The tables that remember a request by (client, Idempotency-Key); a fixed set, so the
# table name below is never taken from a request.
IDEMPOTENT_TABLES = frozenset({"account_requests", "dossiers"})


def replay(
    db: sqlite3.Connection, table: str, client_id: str, idempotency_key: str, body_sha256: str
) -> Outcome | None:
    """The first answer to this key again (200), or None when the key is new.

    Raises the 409 problem when the key was used with a different body. Call inside
    the transaction that will record the new request, so two racing requests with
    one key can never both create something.
    """
    if table not in IDEMPOTENT_TABLES:
        raise ValueError(f"{table} does not record idempotency keys")
    previous = db.execute(
        f"SELECT body_sha256, response_json FROM {table} "
        "WHERE client_id = ? AND idempotency_key = ?",
        (client_id, idempotency_key),
    ).fetchone()
    if previous is None:
        return None
    if previous["body_sha256"] != body_sha256:
        raise idempotency_conflict()
    return Outcome(200, json.loads(previous["response_json"]))


class PortalDatabase:
    """The connection, its lock and the schema. Thread-safe; close() when done."""

    def __init__(self, db_path: Path) -> None:
        self._lock = threading.RLock()
        _private_file(Path(db_path))
        self._connection = sqlite3.connect(
            db_path, check_same_thread=False, isolation_level=None, timeout=10
        )
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._connection.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Exclusive read-write transaction, rolled back if the block raises."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for plain reads, under the lock."""
        with self._lock:
            yield self._connection
