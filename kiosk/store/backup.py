"""Online backups with SQLite's backup API, kept to the last N, and restore.

Backups hold the same ciphertext as the database, so they are useless
without the key and safe to copy to a USB stick for the IT officer.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_PREFIX = "kiosk-"
_SUFFIX = ".db"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size_bytes: int


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S-%f")


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Newest first."""
    found: list[BackupInfo] = []
    if not backup_dir.exists():
        return found
    for path in backup_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
        stem = path.name[len(_PREFIX) : -len(_SUFFIX)]
        try:
            taken = dt.datetime.strptime(stem.split("_")[0], "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def take_backup(database: Path, backup_dir: Path, keep: int, reason: str = "manual") -> Path:
    """Copy ``database`` consistently (even while in use), then prune to ``keep`` files."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    target = backup_dir / f"{_PREFIX}{_stamp(now)}_{reason}{_SUFFIX}"
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    partial.replace(target)
    for old in list_backups(backup_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    log.info("Backup taken (%s): %s", reason, target.name)
    return target


def newest_backup(backup_dir: Path) -> BackupInfo | None:
    backups = list_backups(backup_dir)
    return backups[0] if backups else None


def move_aside(database: Path, quarantine: Path, label: str) -> Path:
    """Move the database and its WAL/SHM files into ``quarantine``; never delete them."""
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / f"{database.name}.{label}-{_stamp(dt.datetime.now())}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(database) + suffix)
        if part.exists():
            shutil.move(str(part), str(target) + suffix)
    return target


def restore_backup(backup: Path, database: Path, quarantine: Path) -> Path | None:
    """Replace ``database`` with ``backup``; the current file is kept aside first.

    The caller must have closed every connection to ``database``.
    """
    kept_aside = move_aside(database, quarantine, "before-restore") if database.exists() else None
    partial = database.with_suffix(".restoring")
    shutil.copy2(backup, partial)
    partial.replace(database)
    log.info("Restored the database from backup %s", backup.name)
    return kept_aside
