"""Backups for the IT officer: list, take now, restore.

Restoring replaces the database file, so the running store must be closed first;
:func:`restore_backup` closes it itself and returns a :class:`RestoreOutcome`.
After it returns the application must restart (the lead's app does so), which
re-opens, checks and migrates the restored file. The file that was current is
never deleted: it is moved into ``quarantine/`` and its path returned.

Audit: ``backup_taken`` in the database; ``backup_restored`` in the *restored*
database (the events written after that backup was taken are in the file set aside).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.admin.errors import BackupError
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import to_storage
from kiosk.config import KioskConfig
from kiosk.office_day import office_today
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.store import backup
from kiosk.store.acknowledged import LOOK_BACK_DAYS, PORTAL_CHECK
from kiosk.store.database import KEY_CHECK, Store, integrity_ok


@dataclass(frozen=True)
class BackupEntry:
    """One backup file; ``reason`` is how it came to be (daily, manual, pre-migration...)."""

    path: Path
    taken_at: dt.datetime  # the kiosk's local time, as in the file name
    size_bytes: int
    reason: str


@dataclass(frozen=True)
class RestoreOutcome:
    restored_from: Path
    kept_aside: Path | None  # the previous database, moved into quarantine/
    restart_required: bool = True


def list_backups(layout: HomeLayout) -> list[BackupEntry]:
    """Newest first."""
    return [
        BackupEntry(info.path, info.taken_at, info.size_bytes, info.reason)
        for info in backup.list_backups(layout.backups)
    ]


ON_THE_WARD_SERVER = LocalText(
    "Máy này dùng cơ sở dữ liệu chung của phường: việc sao lưu và khôi phục làm trên máy chủ "
    "của phường (xem hướng dẫn vận hành).",
    "This kiosk uses the ward's shared database: backups and restores are done on the "
    "ward's server (see the operations guide).",
)


def _refuse_on_the_ward_server(store: Store) -> None:
    """The ward's PostgreSQL is backed up with pg_dump on the server, never from a kiosk."""
    if store.engine.dialect.name != "sqlite":
        raise BackupError(ON_THE_WARD_SERVER)


def take_backup_now(store: Store, config: KioskConfig, actor: Actor) -> BackupEntry:
    """A consistent copy of the database now (the kiosk keeps running), audited."""
    _refuse_on_the_ward_server(store)
    try:
        path = backup.take_backup(
            store.layout.database,
            store.layout.backups,
            config.retention.backups_kept,
            "manual",
            attachments=store.layout.attachments,
        )
    except (OSError, sqlite3.Error) as error:
        raise BackupError(
            LocalText(
                "Không sao lưu được (ổ đĩa đầy hoặc không có quyền ghi).",
                f"The backup could not be taken: {error}",
            )
        ) from None
    with store.sessions.begin() as session:
        audit.record(session, actor, "backup_taken", file=path.name)
    return BackupEntry(path, dt.datetime.now(), path.stat().st_size, "manual")


def _key_check_of(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT value FROM kiosk_meta WHERE key = ?", (KEY_CHECK,)
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return None if row is None else str(row[0])


def _check_restorable(store: Store, source: Path) -> None:
    backups_dir = store.layout.backups.resolve()
    if source.resolve().parent != backups_dir or not source.is_file():
        raise BackupError(
            LocalText(
                "Chỉ khôi phục được từ một bản sao lưu trong danh sách.",
                "Only a backup from the list can be restored.",
            )
        )
    if not integrity_ok(source):
        raise BackupError(
            LocalText(
                "Bản sao lưu này bị hỏng; hãy chọn bản khác.",
                "This backup is damaged; choose another one.",
            )
        )
    if _key_check_of(source) != store.cipher.check_value():
        raise BackupError(
            LocalText(
                "Bản sao lưu này được mã hoá bằng khoá khác (của máy khác); không khôi phục được.",
                "This backup was encrypted with another key (another kiosk); it cannot be used.",
            )
        )


def _record_restore(database: Path, actor: Actor, source: Path, kept_aside: Path | None) -> None:
    """The audit event, written with plain SQL: the restored file may be on an older
    schema revision (the next start migrates it), which the ORM models may not match."""
    details = {"file": source.name, "kept_aside": None if kept_aside is None else kept_aside.name}
    if actor.assisted_by is not None:
        details["assisted_by"] = str(actor.assisted_by)
    # Until the portal has said what it holds, the restored file cannot be trusted
    # with references (see kiosk.store.acknowledged): the next sync asks first.
    since = (office_today() - dt.timedelta(days=LOOK_BACK_DAYS)).isoformat()
    check = {"cause": "staff_restore", "since": since, "restored_sequences": {}, "floor": 0}
    connection = sqlite3.connect(database)
    try:
        with connection:
            connection.execute(
                "INSERT OR REPLACE INTO kiosk_meta (key, value) VALUES (?, ?)",
                (PORTAL_CHECK, json.dumps(check)),
            )
            connection.execute(
                "INSERT INTO audit_events (at, actor_kind, actor_id, action, case_id, details) "
                "VALUES (?, ?, ?, ?, NULL, ?)",
                (
                    to_storage(dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M:%S.%f"),
                    actor.kind,
                    actor.id,
                    "backup_restored",
                    json.dumps(details),
                ),
            )
    finally:
        connection.close()


def restore_backup(store: Store, source: Path, actor: Actor) -> RestoreOutcome:
    """Close ``store``, put ``source`` in place of the database, audit; then restart the app.

    Refused (with the store still open and nothing changed) when ``source`` is not one
    of the listed backups, fails SQLite's integrity check, or was written with another
    key. After success ``store`` is closed and must not be used again.
    """
    _refuse_on_the_ward_server(store)
    _check_restorable(store, source)
    layout = store.layout
    store.close()
    try:
        kept_aside = backup.restore_backup(
            source, layout.database, layout.quarantine, layout.attachments
        )
    except OSError as error:
        raise BackupError(
            LocalText(
                "Không khôi phục được bản sao lưu (ổ đĩa đầy hoặc không có quyền ghi). "
                "Hãy khởi động lại ki-ốt; dữ liệu cũ vẫn được giữ trong thư mục quarantine.",
                f"The backup could not be restored: {error}",
            )
        ) from None
    _record_restore(layout.database, actor, source, kept_aside)
    return RestoreOutcome(source, kept_aside)
