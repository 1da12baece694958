"""Open the kiosk's database: integrity check, recovery, key, backups, migrations.

The order matters. A corrupt file is moved aside (never deleted) and the
newest backup restored before anything writes; the key is loaded before the
migrations (a migration may touch sealed columns); a backup is taken before
migrating an existing database and once a day.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import backup, errors, migrate
from kiosk.store.crypto import FieldCipher
from kiosk.store.keys import KeyMismatchError, KeyMissingError, KeyStore
from kiosk.store.models import Meta

log = logging.getLogger(__name__)

KEY_CHECK = "key_check"
LAST_SYNC_SUCCESS_KEY = "last_sync_success"


@dataclass(frozen=True)
class Recovery:
    """What start-up had to repair; shown to the IT officer on screen and in the log."""

    quarantined: Path
    restored_from: Path | None

    def message_vi(self) -> str:
        if self.restored_from is not None:
            return (
                "Tệp dữ liệu bị hỏng đã được cất riêng; máy đã khôi phục từ bản sao lưu "
                f"{self.restored_from.name}. Những gì nhập sau bản sao lưu này có thể bị thiếu."
            )
        return (
            "Tệp dữ liệu bị hỏng đã được cất riêng và không có bản sao lưu: "
            "máy bắt đầu với dữ liệu trống."
        )


@dataclass
class Store:
    """An open database: the engine, a session factory, its cipher and home."""

    engine: Engine
    sessions: sessionmaker[Session]
    cipher: FieldCipher
    layout: HomeLayout
    recovery: Recovery | None = None

    def close(self) -> None:
        self.engine.dispose()

    def relaxed(self) -> Store:
        """The same database through a second engine with ``synchronous=NORMAL``.

        For writers whose every write can be replayed safely, like the sync
        engine's outbox states (a lost "sent" mark means one more request with
        the same Idempotency-Key, which the portal answers with its first
        result). In WAL mode NORMAL still survives a crash of the process;
        only a power cut can undo the last commits. Citizens' answers never
        go through this engine.
        """
        engine = make_engine(self.layout.database, self.cipher, synchronous="NORMAL")
        return Store(engine, sessionmaker(engine, expire_on_commit=False), self.cipher, self.layout)


def integrity_ok(path: Path) -> bool:
    """``PRAGMA quick_check`` on a raw connection; any error counts as corrupt."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def _pragmas(synchronous: str) -> Any:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an autosaved answer survives power loss, at ~0.4 ms per commit here.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return set_pragmas


def make_engine(path: Path, cipher: FieldCipher, *, synchronous: str = "FULL") -> Engine:
    if synchronous not in ("FULL", "NORMAL"):
        raise ValueError("synchronous must be FULL or NORMAL")
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"timeout": 10})
    event.listen(engine, "connect", _pragmas(synchronous))
    errors.install(engine)
    engine.dialect.kiosk_cipher = cipher  # type: ignore[attr-defined]
    return engine


def _recover_if_corrupt(layout: HomeLayout) -> Recovery | None:
    database = layout.database
    if not database.exists() or integrity_ok(database):
        return None
    quarantined = backup.move_aside(database, layout.quarantine, "corrupt")
    log.error("Database failed its integrity check; moved aside to %s", quarantined.name)
    for candidate in backup.list_backups(layout.backups):
        if integrity_ok(candidate.path):
            backup.restore_backup(candidate.path, database, layout.quarantine)
            return Recovery(quarantined, candidate.path)
    log.error("No usable backup: starting with an empty database")
    return Recovery(quarantined, None)


def _stored_key_check(path: Path) -> str | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(
            "SELECT value FROM kiosk_meta WHERE key = ?", (KEY_CHECK,)
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return None if row is None else str(row[0])


def _load_cipher(layout: HomeLayout, key_store_mode: str) -> FieldCipher:
    keys = KeyStore(layout.secrets, key_store_mode)
    expected = _stored_key_check(layout.database)
    key = keys.load()
    if key is None:
        if expected is not None:
            raise KeyMissingError(
                f"the database {layout.database} is encrypted but its key is missing from "
                f"{keys.describe()}; restore the key (see docs/operations.md), "
                "do not delete the database"
            )
        key = keys.create()
    cipher = FieldCipher(key)
    if expected is not None and cipher.check_value() != expected:
        raise KeyMismatchError(
            f"the key in {keys.describe()} is not the key {layout.database} was written with"
        )
    return cipher


def open_store(layout: HomeLayout, config: KioskConfig, *, now: dt.datetime | None = None) -> Store:
    """Open (creating, repairing and migrating as needed) the database in ``layout``."""
    layout.ensure()
    recovery = _recover_if_corrupt(layout)
    cipher = _load_cipher(layout, config.key_store)
    existed = layout.database.exists()
    engine = make_engine(layout.database, cipher)
    keep = config.retention.backups_kept
    if existed and migrate.current_revision(engine) != migrate.head_revision():
        backup.take_backup(layout.database, layout.backups, keep, reason="pre-migration")
    migrate.upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        if session.get(Meta, KEY_CHECK) is None:
            session.add(Meta(key=KEY_CHECK, value=cipher.check_value()))
    newest = backup.newest_backup(layout.backups)
    moment = now or dt.datetime.now()
    if newest is None or moment - newest.taken_at > dt.timedelta(days=1):
        backup.take_backup(layout.database, layout.backups, keep, reason="daily")
    return Store(engine, sessions, cipher, layout, recovery)


def meta_value(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def set_meta_value(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
