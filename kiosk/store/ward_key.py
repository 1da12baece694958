"""The ward's one field key, carried from kiosk to kiosk in a passphrase-sealed file.

Every kiosk of a ward writes to the same PostgreSQL database, so every kiosk must
hold the same field key. The key never crosses the network and never enters the
database: the IT officer exports it once from the first kiosk to a file sealed
with a passphrase (scrypt, then AES-256-GCM), carries the file (USB stick), and
imports it on each other kiosk, typing the passphrase there. The file alone, or
the passphrase alone, reveals nothing. The file names the key's check value, so an
import can say at once whether it is the key the ward database was written with.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.crypto import KEY_BYTES, FieldCipher

FORMAT = "cdkv-ward-key-1"
_AAD = FORMAT.encode("ascii")
# scrypt cost: ~0.1 s and 32 MB here; slow enough to make guessing a passphrase costly.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE_CHARS = 12


class WardKeyError(Exception):
    """The file is not a ward key file, or the passphrase does not open it."""


@dataclass(frozen=True)
class WardKey:
    key: bytes

    @property
    def check_value(self) -> str:
        return FieldCipher(self.key).check_value()


def _kdf(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(
        passphrase.encode("utf-8")
    )


def seal_ward_key(key: bytes, passphrase: str) -> bytes:
    """The file's bytes (JSON): salt, nonce, the sealed key, and its check value."""
    if len(key) != KEY_BYTES:
        raise ValueError("the field key must be 32 bytes")
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WardKeyError(f"the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters")
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kdf(passphrase, salt)).encrypt(nonce, key, _AAD)
    document = {
        "format": FORMAT,
        "kdf": {"name": "scrypt", "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P},
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "sealed_key": base64.b64encode(sealed).decode("ascii"),
        "check_value": FieldCipher(key).check_value(),
    }
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


def open_ward_key(blob: bytes, passphrase: str) -> WardKey:
    """The key inside a file written by :func:`seal_ward_key`; WardKeyError otherwise."""
    try:
        document = json.loads(blob.decode("utf-8"))
        if document.get("format") != FORMAT:
            raise WardKeyError("this is not a ward key file")
        salt = base64.b64decode(document["salt"], validate=True)
        nonce = base64.b64decode(document["nonce"], validate=True)
        sealed = base64.b64decode(document["sealed_key"], validate=True)
        expected = str(document["check_value"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise WardKeyError("this is not a ward key file") from None
    try:
        key = AESGCM(_kdf(passphrase, salt)).decrypt(nonce, sealed, _AAD)
    except InvalidTag:
        raise WardKeyError("the passphrase does not open this ward key file") from None
    ward_key = WardKey(key)
    if len(key) != KEY_BYTES or ward_key.check_value != expected:
        raise WardKeyError("the ward key file is damaged")
    return ward_key
