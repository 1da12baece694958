"""Durable file replacement: the one way the kiosk writes a file it must not lose.

A power cut at a ward office is ordinary. A reader after the cut sees either the
old file or the whole new one, never half of each: the bytes go to a temporary
file in the same folder, are flushed to the disk, renamed over the target, and
the folder itself is flushed so the rename survives too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, mode: int = 0o600, *, exclusive: bool = False) -> None:
    """Replace ``path`` with ``data``, permissions ``mode``, atomically and durably.

    The folder must exist. On any failure the old file is untouched and no
    temporary file is left behind; the ``OSError`` reaches the caller, who knows
    what to tell the person. With ``exclusive`` the file is created, never
    replaced: ``FileExistsError`` when it exists (a key written once).
    """
    descriptor, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(temporary, path)  # fails when path exists, unlike a rename
            temporary.unlink()
        else:
            os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    """Flush a folder's entries (a rename is only durable once its folder is).

    Windows cannot open a folder for flushing; NTFS journals renames itself.
    """
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
