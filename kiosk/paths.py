"""Where the kiosk's files live: its home (data, config, logs, backups) and its assets.

The home is ``$KIOSK_HOME`` when set, else the platform's user data directory,
so tests and a second kiosk on one machine never share a database by accident.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "cdkv-kiosk"


def kiosk_home() -> Path:
    """The directory holding config.toml, the database, logs, backups and secrets."""
    override = os.environ.get("KIOSK_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


ASSET_DIR_ENV = "KIOSK_ASSET_DIR"


def asset_dir() -> Path:
    """``assets/``: ``$KIOSK_ASSET_DIR``, else the bundle's copy, else the checkout's."""
    override = os.environ.get(ASSET_DIR_ENV)
    if override:
        return Path(override)
    bundle_root = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle_root, str):
        return Path(bundle_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


class HomeUnusable(Exception):
    """The kiosk home (or a file in it) cannot be written: read-only, full, no permission.

    Every command prints ``str(error)`` as its one line and exits 2.
    """

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"the kiosk home cannot be written: {path}: {problem}")


@dataclass(frozen=True)
class HomeLayout:
    """Every path inside one kiosk home, derived in one place."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "config.toml"

    @property
    def database(self) -> Path:
        return self.root / "kiosk.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def secrets(self) -> Path:
        return self.root / "secrets"

    @property
    def documents(self) -> Path:
        """PDFs kept when printing failed (receipts the citizen can still get)."""
        return self.root / "documents"

    @property
    def attachments(self) -> Path:
        """Captured pages and their PDFs, one folder per case, every file sealed."""
        return self.root / "attachments"

    @property
    def portal_credentials(self) -> Path:
        """Written at enrolment: its presence means this kiosk has sent dossiers."""
        return self.secrets / "portal-credentials.json"

    @property
    def acknowledged_state(self) -> Path:
        """Outside the database on purpose: see kiosk.store.ledger."""
        return self.root / "acknowledged.json"

    @property
    def quarantine(self) -> Path:
        """Corrupt database files moved aside, never deleted."""
        return self.root / "quarantine"

    def ensure(self) -> None:
        for directory in (self.root, self.backups, self.logs, self.secrets, self.documents):
            directory.mkdir(parents=True, exist_ok=True)
        # Only the kiosk's own user may enter the home: the database file, its WAL and
        # the backups are created with the default umask (0644), and although the personal
        # columns are sealed, the rest (which procedures, when) is nobody else's business.
        # Filesystems without modes (a FAT USB stick) cannot restrict it; carry on.
        for private in (self.root, self.secrets):
            with contextlib.suppress(OSError):
                private.chmod(0o700)


def check_home_writable(layout: HomeLayout) -> None:
    """Create the home's folders and prove a file can be written there.

    Raises :class:`HomeUnusable` naming the path and the problem (a read-only
    mount, a full disk, no permission) instead of a traceback later.
    """
    try:
        layout.ensure()
        probe = layout.root / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        for path in (layout.database, layout.acknowledged_state):
            if path.exists() and not os.access(path, os.W_OK):
                raise PermissionError(errno.EACCES, "cannot write", str(path))
    except OSError as error:
        where = Path(error.filename) if error.filename else layout.root
        if where.name.startswith(".write-test-"):
            where = layout.root
        raise HomeUnusable(where, error.strerror or str(error)) from None
