"""Field encryption (AES-256-GCM) and the keyed hash used to find citizens by ID number.

Each value is sealed with a fresh 96-bit nonce and the column's name as
associated data, so a ciphertext copied into another column fails to open.
Layout of a sealed value: version byte 0x01 | nonce (12) | ciphertext+tag.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
_VERSION = b"\x01"
_NONCE_BYTES = 12


class DecryptionError(Exception):
    """A sealed value did not open: wrong key, or the bytes were altered."""


def _derive(master_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master_key)


class FieldCipher:
    """Seals and opens column values with keys derived from one master key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != KEY_BYTES:
            raise ValueError("the field key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"cdkv-kiosk field encryption v1"))
        self._hash_key = _derive(master_key, b"cdkv-kiosk lookup hash v1")
        self._check_key = _derive(master_key, b"cdkv-kiosk key check v1")

    def seal(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def open(self, sealed: bytes, context: str) -> bytes:
        if len(sealed) < 1 + _NONCE_BYTES + 16 or sealed[:1] != _VERSION:
            raise DecryptionError("not a sealed value")
        nonce = sealed[1 : 1 + _NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[1 + _NONCE_BYTES :], context.encode())
        except InvalidTag:
            raise DecryptionError("wrong key or altered value") from None

    def lookup_hash(self, value: str) -> str:
        """Keyed hash (HMAC-SHA256) of a normalised value, for equality search only."""
        return hmac.new(self._hash_key, value.encode(), hashlib.sha256).hexdigest()

    def check_value(self) -> str:
        """A fingerprint stored in the database to tell the right key from a wrong one."""
        return hmac.new(self._check_key, b"key check", hashlib.sha256).hexdigest()[:32]


def new_master_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)
