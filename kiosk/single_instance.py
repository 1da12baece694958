"""One kiosk UI per kiosk home: an OS file lock on ``<home>/kiosk.lock``.

Two touch UIs on one home would both run the idle timer, the background sync
and the daily jobs against one database, and both grab the screen. The lock is
taken with ``flock`` (``msvcrt.locking`` on Windows), so the operating system
drops it when the process ends, however it ends: there is never a stale lock to
clean up after a crash or a power cut. The file holds the holder's process id,
for the IT officer's message only.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

LOCK_FILE_NAME = "kiosk.lock"


class AlreadyRunning(Exception):
    """Another process holds the lock; ``holder_pid`` is its id when it could be read."""

    def __init__(self, lock_file: Path, holder_pid: int | None) -> None:
        self.lock_file = lock_file
        self.holder_pid = holder_pid
        who = f" (process {holder_pid})" if holder_pid else ""
        super().__init__(f"another kiosk is already running on {lock_file.parent}{who}")


def _try_lock(handle: IO[str]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


class InstanceLock:
    """Held from :meth:`acquire` until :meth:`release` or the end of the process."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILE_NAME
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise :class:`AlreadyRunning` (never waits)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Not truncated on open: the holder's pid must survive a refused attempt.
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(descriptor, "r+", encoding="ascii")
        if not _try_lock(handle):
            handle.close()
            raise AlreadyRunning(self.path, _holder_pid(self.path))
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
            handle.close()  # closing drops the flock / msvcrt lock
