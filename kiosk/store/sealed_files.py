"""Whole files sealed with the store's key (AES-256-GCM), for papers kept at rest.

A receipt kept in ``documents/`` holds a citizen's name, ID number, address and
birth date: on disk it must be as unreadable as the database's sealed columns.
A sealed file is one sealed value (:meth:`FieldCipher.seal`) whose associated
data names the file's purpose, so a receipt cannot be passed off as something
else. Files are written atomically and readable by the kiosk user only.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.fileio import atomic_write
from kiosk.store.crypto import FieldCipher

SEALED_SUFFIX = ".sealed"


def _context(purpose: str) -> str:
    return f"file:{purpose}"


def write_private(path: Path, payload: bytes, mode: int = 0o600) -> Path:
    """Write ``payload`` to ``path`` atomically and durably, readable by the owner only.

    An existing file is replaced; a crash leaves either the old file or the new
    one, never half of either. Raises :class:`OSError` when the disk refuses.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, payload, mode=mode)
    return path


def write_sealed(cipher: FieldCipher, path: Path, payload: bytes, purpose: str) -> Path:
    """Seal ``payload`` for ``purpose`` and write it to ``path`` (mode 0600, atomic)."""
    return write_private(path, cipher.seal(payload, _context(purpose)))


def read_sealed(cipher: FieldCipher, path: Path, purpose: str) -> bytes:
    """The plain bytes of a file written by :func:`write_sealed` for the same purpose.

    Raises :class:`~kiosk.store.crypto.DecryptionError` for another key, another
    purpose or altered bytes, and :class:`OSError` when the file cannot be read.
    """
    return cipher.open(path.read_bytes(), _context(purpose))
