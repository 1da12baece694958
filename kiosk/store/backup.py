"""Online backups with SQLite's backup API, kept to the last N, and restore.

Backups hold the same ciphertext as the database, so they are useless
without the key and safe to copy to a USB stick for the IT officer.

Order is by a sequence number in the file name (``kiosk-<time>_n<seq>_<reason>.db``),
never by the time: a clock set a year forward and back again must not make
the newest copy look old, nor a future-dated copy look newest for ever.
Names written before the sequence existed sort before every numbered one.

A backup that does not fit on the disk is skipped (:class:`BackupSkipped`),
never left half-written: ``.partial`` files are removed when a copy fails and
at every start (:func:`remove_partials`).

Pre-migration copies are the last clean copy of the schema they were taken
from: count-based pruning never removes them, and one is taken per
(from-revision, to-revision) pair, not once per failed start.

The captured pages and documents are files under the home's ``attachments/``
(kiosk/attachments/storage.py), so a copy of the database alone would restore
rows whose pages are gone. Each backup therefore has a companion folder
``kiosk-<...>.attachments/`` holding the same sealed files, hard-linked where
the filesystem allows (a page is never rewritten in place, only replaced by a
rename, so a link keeps the bytes the backup saw and ten daily backups cost one
copy of each page), copied where it does not. They stay sealed: a file is
copied as it is, ciphertext and all. The database is copied first, then the
files: a page deleted in between is the only thing such a backup can lack (the
kiosk reports a lost page, never a wrong one); a page added in between is an
orphan the next start removes. Restore puts the folder back and moves the
current one into ``quarantine/``, like the database.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_PREFIX = "kiosk-"
_SUFFIX = ".db"
_PARTIAL_SUFFIXES = (".partial", ".restoring")
_ATTACHMENTS_SUFFIX = ".attachments"
_SEQUENCE = re.compile(r"n(\d{6,})")
PRE_MIGRATION = "pre-migration"
SAFETY_MARGIN_BYTES = 1024 * 1024
"""Room left free after a backup: the kiosk's own writes need it more than a copy does."""


class BackupSkipped(OSError):
    """The copy did not fit on the disk (or the disk filled up during it); nothing was left."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size_bytes: int
    sequence: int = 0
    reason: str = ""

    @property
    def pre_migration(self) -> bool:
        return self.reason.startswith(PRE_MIGRATION)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S-%f")


def _parse(path: Path) -> BackupInfo | None:
    stem = path.name[len(_PREFIX) : -len(_SUFFIX)]
    parts = stem.split("_")
    try:
        taken = dt.datetime.strptime(parts[0], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    sequence = 0
    rest = parts[1:]
    if rest and (match := _SEQUENCE.fullmatch(rest[0])):
        sequence = int(match.group(1))
        rest = rest[1:]
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupInfo(path, taken, size, sequence, "_".join(rest))


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Newest first (by sequence number, then by time for names without one)."""
    found: list[BackupInfo] = []
    if not backup_dir.exists():
        return found
    for path in backup_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
        info = _parse(path)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda info: (info.sequence, info.taken_at), reverse=True)


def attachments_of(backup_file: Path) -> Path:
    """The companion folder holding a backup's sealed page files (may not exist)."""
    return backup_file.with_suffix(_ATTACHMENTS_SUFFIX)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link (no space, same bytes); a copy where links are not possible."""
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, target)


def _mirror(source: Path, target: Path) -> None:
    """``target`` becomes a folder of the same sealed files as ``source`` (no temporaries)."""
    shutil.copytree(
        source, target, copy_function=_link_or_copy, ignore=shutil.ignore_patterns("*.tmp")
    )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def free_bytes(directory: Path) -> int:
    """Free space for the kiosk on ``directory``'s filesystem."""
    return shutil.disk_usage(directory).free


def remove_partials(*directories: Path) -> list[Path]:
    """Delete half-written copies a crash or a full disk left behind; returns them."""
    removed: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            continue
        for suffix in _PARTIAL_SUFFIXES:
            for path in directory.glob(f"*{suffix}"):
                try:
                    _remove(path)
                except OSError as error:
                    log.warning("Could not remove the partial file %s: %s", path.name, error)
                    continue
                removed.append(path)
    if removed:
        log.warning("Removed %d partial file(s): %s", len(removed), [p.name for p in removed])
    return removed


def _database_bytes(database: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        part = Path(str(database) + suffix)
        if part.exists():
            total += part.stat().st_size
    return total


def _prune(backup_dir: Path, keep: int) -> None:
    regular = [info for info in list_backups(backup_dir) if not info.pre_migration]
    for old in regular[keep:]:
        old.path.unlink(missing_ok=True)
        shutil.rmtree(attachments_of(old.path), ignore_errors=True)


def remove_expired_pre_migration(backup_dir: Path, taken_before: dt.datetime) -> int:
    """Delete the pre-migration copies taken before ``taken_before`` (local, naive).

    The "keep the last N" rule leaves them alone, so that an upgrade can be undone;
    but they hold personal data, and the citizen was told backups rotate out after
    ``retention.backups_kept`` days: the retention run holds them to the same horizon.
    Returns how many copies were removed.
    """
    removed = 0
    for info in list_backups(backup_dir):
        if info.pre_migration and info.taken_at < taken_before:
            info.path.unlink(missing_ok=True)
            shutil.rmtree(attachments_of(info.path), ignore_errors=True)
            removed += 1
    return removed


def take_backup(
    database: Path,
    backup_dir: Path,
    keep: int,
    reason: str = "manual",
    *,
    now: dt.datetime | None = None,
    attachments: Path | None = None,
) -> Path:
    """Copy ``database`` consistently (even while in use), then prune to ``keep`` files.

    With ``attachments`` (the home's folder of sealed page files), the backup's
    companion folder gets the same files (see the module's docstring). Raises
    :class:`BackupSkipped` when the copy would not leave
    :data:`SAFETY_MARGIN_BYTES` free, or the disk filled up during it; then
    neither the database copy nor the folder is left behind.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    needed = _database_bytes(database) + SAFETY_MARGIN_BYTES
    available = free_bytes(backup_dir)
    if available < needed:
        log.warning("Backup (%s) skipped: %d bytes free, %d needed", reason, available, needed)
        raise BackupSkipped(errno.ENOSPC, f"not enough free space for a backup in {backup_dir}")
    newest = newest_backup(backup_dir)
    sequence = 1 if newest is None else newest.sequence + 1
    now = now or dt.datetime.now()
    target = backup_dir / f"{_PREFIX}{_stamp(now)}_n{sequence:06d}_{reason}{_SUFFIX}"
    partial = target.with_suffix(".partial")
    pages = attachments_of(target)
    pages_partial = pages.with_name(pages.name + ".partial")
    try:
        source = sqlite3.connect(database)
        try:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        if attachments is not None and attachments.is_dir():
            _mirror(attachments, pages_partial)
            pages_partial.replace(pages)
        # The database file last: a backup is listed only once its pages are in place.
        partial.replace(target)
    except (OSError, sqlite3.Error, shutil.Error) as error:
        partial.unlink(missing_ok=True)
        shutil.rmtree(pages_partial, ignore_errors=True)
        shutil.rmtree(pages, ignore_errors=True)
        full = isinstance(error, OSError) and error.errno == errno.ENOSPC
        if full or any(word in str(error).lower() for word in ("full", "no space")):
            log.warning("Backup (%s) skipped: the disk filled up during the copy", reason)
            raise BackupSkipped(errno.ENOSPC, f"the disk filled up in {backup_dir}") from None
        raise
    _prune(backup_dir, keep)
    log.info("Backup taken (%s): %s", reason, target.name)
    return target


def newest_backup(backup_dir: Path) -> BackupInfo | None:
    backups = list_backups(backup_dir)
    return backups[0] if backups else None


def pre_migration_reason(from_revision: str | None, to_revision: str) -> str:
    return f"{PRE_MIGRATION}-{from_revision or 'none'}-{to_revision}"


def find_reason(backup_dir: Path, reason: str) -> BackupInfo | None:
    """The newest backup taken for ``reason`` (e.g. one pre-migration transition)."""
    for info in list_backups(backup_dir):
        if info.reason == reason:
            return info
    return None


def move_aside(database: Path, quarantine: Path, label: str) -> Path:
    """Move the database and its WAL/SHM files into ``quarantine``; never delete them."""
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / f"{database.name}.{label}-{_stamp(dt.datetime.now())}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(database) + suffix)
        if part.exists():
            shutil.move(str(part), str(target) + suffix)
    return target


def restore_backup(
    backup: Path, database: Path, quarantine: Path, attachments: Path | None = None
) -> Path | None:
    """Replace ``database`` with ``backup``; the current file is kept aside first.

    With ``attachments`` and a backup that has its companion folder, the page
    files are put back too and the current folder is moved into ``quarantine``
    beside the database (never deleted). A backup taken before pages were
    backed up leaves the current folder as it is. The caller must have closed
    every connection to ``database``.
    """
    saved_pages = attachments_of(backup)
    restoring = None
    if attachments is not None and saved_pages.is_dir():
        # Prepared before anything moves: a failure here leaves the kiosk as it was.
        restoring = attachments.with_name(attachments.name + ".restoring")
        shutil.rmtree(restoring, ignore_errors=True)
        try:
            _mirror(saved_pages, restoring)
        except OSError:
            shutil.rmtree(restoring, ignore_errors=True)
            raise
    kept_aside = move_aside(database, quarantine, "before-restore") if database.exists() else None
    if attachments is not None and restoring is not None:
        if attachments.exists():
            quarantine.mkdir(parents=True, exist_ok=True)
            aside = quarantine / f"{attachments.name}.before-restore-{_stamp(dt.datetime.now())}"
            shutil.move(str(attachments), str(aside))
        restoring.replace(attachments)
    partial = database.with_suffix(".restoring")
    shutil.copy2(backup, partial)
    partial.replace(database)
    log.info("Restored the database from backup %s", backup.name)
    return kept_aside
