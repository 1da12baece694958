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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.paths import check_home_writable as check_home_writable
from kiosk.store import backup, errors, migrate
from kiosk.store.acknowledged import LostWrites, reconcile_with_ledger
from kiosk.store.clockjump import is_due
from kiosk.store.crypto import FieldCipher
from kiosk.store.kept_connection import KeptConnection
from kiosk.store.keys import KeyMismatchError, KeyMissingError, KeyStore
from kiosk.store.ledger import Ledger

# Re-exported: the meta rows' readers have always imported them from here.
from kiosk.store.meta import meta_value as meta_value
from kiosk.store.meta import set_meta_value as set_meta_value
from kiosk.store.models import Meta

log = logging.getLogger(__name__)

KEY_CHECK = "key_check"
LAST_SYNC_SUCCESS_KEY = "last_sync_success"


_CAUSES_VI = {
    "corrupt": "Tệp dữ liệu bị hỏng",
    "missing": "Tệp dữ liệu bị mất",
    "empty": "Tệp dữ liệu bị rỗng",
    "half_migrated": "Tệp dữ liệu bị dở dang khi nâng cấp",
}


@dataclass(frozen=True)
class Recovery:
    """What start-up had to repair; shown to the IT officer on screen and in the log."""

    quarantined: Path | None
    restored_from: Path | None
    cause: str = "corrupt"

    def message_vi(self) -> str:
        what = _CAUSES_VI.get(self.cause, "Tệp dữ liệu bị hỏng")
        aside = " đã được cất riêng" if self.quarantined is not None else ""
        if self.restored_from is not None:
            return (
                f"{what}{aside}; máy đã khôi phục từ bản sao lưu "
                f"{self.restored_from.name}. Những gì nhập sau bản sao lưu này có thể bị thiếu."
            )
        return f"{what}{aside} và không có bản sao lưu: máy bắt đầu với dữ liệu trống."


@dataclass
class Store:
    """An open database: the engine, a session factory, its cipher and home."""

    engine: Engine
    sessions: sessionmaker[Session]
    cipher: FieldCipher
    layout: HomeLayout
    recovery: Recovery | None = None
    lost_writes: LostWrites | None = None
    warnings: list[str] = field(default_factory=list)
    """Things the IT officer must know (Vietnamese), already logged: backup skipped..."""
    min_free_bytes: int = 0
    kept: KeptConnection = field(init=False, repr=False)
    """The autosave's own connection (:mod:`kiosk.store.kept_connection`)."""

    def __post_init__(self) -> None:
        self.kept = KeptConnection(self.engine)

    @property
    def ledger(self) -> Ledger:
        return Ledger(self.layout.acknowledged_state)

    def close(self) -> None:
        self.kept.close()
        self.engine.dispose()

    def reachable(self) -> bool:
        """Whether the database answers now (the ward's server after an outage)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except errors.StoreUnavailable:
            return False
        return True

    def relaxed(self) -> Store:
        """The same database through a second engine with ``synchronous=NORMAL``.

        For writers whose every write can be replayed safely, like the sync
        engine's outbox states (a lost "sent" mark means one more request with
        the same Idempotency-Key, which the portal answers with its first
        result). In WAL mode NORMAL still survives a crash of the process;
        only a power cut can undo the last commits. Citizens' answers never
        go through this engine. On the ward's server there is nothing to relax:
        the same store is returned.
        """
        if self.engine.dialect.name != "sqlite":
            return self
        engine = make_engine(self.layout.database, self.cipher, synchronous="NORMAL")
        return Store(
            engine,
            sessionmaker(engine, expire_on_commit=False),
            self.cipher,
            self.layout,
            min_free_bytes=self.min_free_bytes,
        )


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


def _has_history(layout: HomeLayout) -> bool:
    """Whether a missing or empty database means data was lost (not a first start)."""
    if backup.list_backups(layout.backups):
        return True
    if layout.portal_credentials.exists():
        return True
    state = Ledger(layout.acknowledged_state).read()
    return state is not None and state.submits > 0


def _restore_newest_good(layout: HomeLayout, *, prefer_reason: str | None = None) -> Path | None:
    candidates = backup.list_backups(layout.backups)
    if prefer_reason is not None:
        candidates.sort(key=lambda info: not info.reason.startswith(prefer_reason))
    for candidate in candidates:
        if integrity_ok(candidate.path):
            backup.restore_backup(
                candidate.path, layout.database, layout.quarantine, layout.attachments
            )
            return candidate.path
    return None


def _recover_if_damaged(layout: HomeLayout) -> Recovery | None:
    """A corrupt file, or a missing/empty one where a database should be: restore."""
    database = layout.database
    if not database.exists() or database.stat().st_size == 0:
        cause = "missing" if not database.exists() else "empty"
        if not _has_history(layout):
            return None
        quarantined = None
        if database.exists() or Path(f"{database}-wal").exists():
            quarantined = backup.move_aside(database, layout.quarantine, cause)
        log.error("The database is %s although this kiosk has a history", cause)
    elif integrity_ok(database):
        return None
    else:
        cause = "corrupt"
        quarantined = backup.move_aside(database, layout.quarantine, cause)
        log.error("Database failed its integrity check; moved aside to %s", quarantined.name)
    restored = _restore_newest_good(layout)
    if restored is None:
        log.error("No usable backup: starting with an empty database")
    return Recovery(quarantined, restored, cause)


def _recover_if_half_migrated(layout: HomeLayout, cipher: FieldCipher) -> Recovery | None:
    """A file a kill left mid-migration (older kiosks): back to its pre-migration copy."""
    engine = make_engine(layout.database, cipher)
    try:
        broken = migrate.half_migrated(engine)
    finally:
        engine.dispose()
    if not broken:
        return None
    quarantined = backup.move_aside(layout.database, layout.quarantine, "half-migrated")
    log.error("The database was left half-migrated; moved aside to %s", quarantined.name)
    restored = _restore_newest_good(layout, prefer_reason=backup.PRE_MIGRATION)
    return Recovery(quarantined, restored, "half_migrated")


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


def backup_due(newest: backup.BackupInfo | None, moment: dt.datetime) -> bool:
    """A day since the newest backup, or the newest is dated ahead of the clock.

    Newest is by sequence, not date (see kiosk.store.backup); a clock that
    jumped forward and came back must not leave a future date blocking backups.
    """
    return newest is None or is_due(newest.taken_at, moment, dt.timedelta(days=1))


def _take_backup_or_warn(store: Store, keep: int, reason: str, moment: dt.datetime) -> None:
    try:
        backup.take_backup(
            store.layout.database,
            store.layout.backups,
            keep,
            reason=reason,
            now=moment,
            attachments=store.layout.attachments,
        )
    except backup.BackupSkipped:
        store.warnings.append(
            "Ổ đĩa gần đầy: bản sao lưu hằng ngày đã bị bỏ qua. "
            "Hãy giải phóng chỗ trống (xem docs/operations.md)."
        )
    except (OSError, sqlite3.Error) as error:
        log.error("Backup (%s) failed: %s", reason, error)
        store.warnings.append("Không sao lưu được dữ liệu hôm nay; hãy báo cán bộ CNTT.")


def _pre_migration_backup(layout: HomeLayout, engine: Engine, keep: int) -> list[str]:
    """Once per (from, to) revision pair: a failed start does not take another."""
    reason = backup.pre_migration_reason(migrate.current_revision(engine), migrate.head_revision())
    if backup.find_reason(layout.backups, reason) is not None:
        return []
    try:
        backup.take_backup(
            layout.database, layout.backups, keep, reason=reason, attachments=layout.attachments
        )
    except backup.BackupSkipped:
        return ["Ổ đĩa gần đầy: không sao lưu được trước khi nâng cấp dữ liệu."]
    return []


def open_store(layout: HomeLayout, config: KioskConfig, *, now: dt.datetime | None = None) -> Store:
    """Open (creating, repairing and migrating as needed) the database in ``layout``.

    With ``[database] url`` set, the ward's PostgreSQL server instead (kiosk.store.server).
    Raises :class:`HomeUnusable` when the home cannot be written.
    """
    check_home_writable(layout)
    if config.database.shared:
        from kiosk.store.server import open_server_store

        return open_server_store(layout, config)
    backup.remove_partials(layout.backups, layout.root)
    recovery = _recover_if_damaged(layout)
    cipher = _load_cipher(layout, config.key_store)
    if layout.database.exists():
        recovery = _recover_if_half_migrated(layout, cipher) or recovery
    existed = layout.database.exists()
    engine = make_engine(layout.database, cipher)
    keep = config.retention.backups_kept
    warnings: list[str] = []
    if existed and migrate.current_revision(engine) != migrate.head_revision():
        warnings += _pre_migration_backup(layout, engine, keep)
    migrate.upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        if session.get(Meta, KEY_CHECK) is None:
            session.add(Meta(key=KEY_CHECK, value=cipher.check_value()))
    store = Store(
        engine,
        sessions,
        cipher,
        layout,
        recovery,
        warnings=warnings,
        min_free_bytes=config.storage.min_free_mb * 1024 * 1024,
    )
    store.lost_writes = reconcile_with_ledger(sessions, store.ledger, restored=recovery is not None)
    moment = now or dt.datetime.now()
    if backup_due(backup.newest_backup(layout.backups), moment):
        _take_backup_or_warn(store, keep, "daily", moment)
    for line in store.warnings:
        log.warning("Start-up: %s", line)
    return store
