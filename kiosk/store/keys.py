"""Where the field-encryption key lives: OS keyring if usable, else a 0600 file.

The key is created once, on the first start with an empty database. After
that a missing key is an error the IT officer must resolve (restore the key
file or the keyring entry); replacing it silently would make every stored
citizen record unreadable.
"""

from __future__ import annotations

import base64
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.fileio import atomic_write
from kiosk.store.crypto import KEY_BYTES, new_master_key

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

KEYRING_SERVICE = "cdkv-kiosk"
KEY_FILE_NAME = "field.key"


class KeyMissingError(Exception):
    """The database holds encrypted data but its key cannot be found."""


class KeyMismatchError(Exception):
    """A key was found but it is not the one the database was written with."""


@dataclass(frozen=True)
class KeyFileExposure:
    """The key file could be read by other users: its old mode, and whether it was fixed."""

    path: Path
    old_mode: int
    fixed: bool

    def describe(self) -> str:
        outcome = "changed to 0600" if self.fixed else "could not be changed: fix it by hand"
        return f"key file {self.path} had mode {self.old_mode:04o} (readable by others); {outcome}"


def secure_key_file(path: Path) -> KeyFileExposure | None:
    """Tighten a key file that group or others may read to 0600, and say so in the log.

    Why fix rather than refuse: the key must stay usable (refusing would stop a
    ward's kiosk for a file mode), and a copy restored from a USB stick often
    comes back 0644. The IT officer still hears of it: the log gets a warning
    and the kiosk's start-up records an audit event (``key_file_mode_fixed``).
    Filesystems without modes (FAT) are left alone. Returns None when all is well.
    """
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    try:
        path.chmod(0o600)
        fixed = stat.S_IMODE(path.stat().st_mode) == 0o600
    except OSError:
        fixed = False
    exposure = KeyFileExposure(path, mode, fixed)
    log.warning("Encryption %s", exposure.describe())
    return exposure


def _usable_keyring() -> KeyringBackend | None:
    # Imported on first use: keyring probes D-Bus and entry points, which the
    # file key store never needs. A bundle built without it still starts (file).
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    return backend


class KeyStore:
    """Reads and creates the master key for one kiosk home."""

    def __init__(self, secrets_dir: Path, mode: str = "auto", account: str = "default") -> None:
        self.secrets_dir = secrets_dir
        self.mode = mode
        self.account = account

    @property
    def key_file(self) -> Path:
        return self.secrets_dir / KEY_FILE_NAME

    def _backend(self) -> KeyringBackend | None:
        if self.mode == "file":
            return None
        backend = _usable_keyring()
        if backend is None and self.mode == "keyring":
            raise KeyMissingError("key_store = 'keyring' but no OS keyring is available")
        return backend

    def describe(self) -> str:
        backend = self._backend()
        return f"keyring ({type(backend).__name__})" if backend else str(self.key_file)

    def load(self) -> bytes | None:
        backend = self._backend()
        if backend is not None:
            encoded = backend.get_password(KEYRING_SERVICE, self.account)
            if encoded is not None:
                return _decode(encoded, "keyring")
        if self.key_file.exists():
            secure_key_file(self.key_file)
            return _decode(self.key_file.read_text(encoding="ascii").strip(), str(self.key_file))
        return None

    def create(self) -> bytes:
        key = new_master_key()
        encoded = base64.b64encode(key).decode("ascii")
        backend = self._backend()
        if backend is not None:
            backend.set_password(KEYRING_SERVICE, self.account, encoded)
            log.info("Created the field-encryption key in the OS keyring")
            return key
        self.secrets_dir.mkdir(parents=True, exist_ok=True)
        # Whole or absent after a power cut, and never over an existing key.
        atomic_write(self.key_file, (encoded + "\n").encode("ascii"), exclusive=True)
        log.info("Created the field-encryption key file %s", self.key_file)
        return key


def _decode(encoded: str, where: str) -> bytes:
    try:
        key = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise KeyMismatchError(f"the key in {where} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyMismatchError(f"the key in {where} has the wrong length")
    return key
