"""The 3DES primitives of Basic Access Control (ICAO 9303 part 11, sections 9.7 and 9.8).

TripleDES lives in ``cryptography.hazmat.decrepit`` since cryptography 43: it is
kept there for legacy protocols exactly like this one (the chip dictates it).
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BLOCK = 8
_ZERO_IV = bytes(BLOCK)

ENC_COUNTER = 1
MAC_COUNTER = 2


def adjust_parity(key: bytes) -> bytes:
    """Each byte with odd parity, as DES keys require (the low bit is the parity bit)."""
    adjusted = bytearray()
    for byte in key:
        high_bits = byte & 0xFE
        adjusted.append(high_bits | (bin(high_bits).count("1") % 2 == 0))
    return bytes(adjusted)


def derive_key(seed: bytes, counter: int) -> bytes:
    """KDF: the 16-byte 2-key 3DES key from SHA-1(seed || counter), parity adjusted."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big"), usedforsecurity=True).digest()
    return adjust_parity(digest[:16])


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a whole block."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Undo :func:`pad`; ``ValueError`` if the padding is not there."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("missing ISO 9797-1 padding")
    return stripped[:-1]


def _des(key: bytes) -> TripleDES:
    """A TripleDES instance from an 8-byte (single DES) or 16-byte (two-key) key.

    cryptography 47 deprecates the short key forms, so they are spelled out
    as the equivalent 24-byte keys: K1 K1 K1 is DES, K1 K2 K1 is two-key 3DES.
    """
    if len(key) == BLOCK:
        return TripleDES(key * 3)
    if len(key) == 2 * BLOCK:
        return TripleDES(key + key[:BLOCK])
    return TripleDES(key)


def encrypt(key: bytes, data: bytes) -> bytes:
    """3DES-CBC with a zero IV over whole blocks (the caller pads)."""
    encryptor = Cipher(_des(key), modes.CBC(_ZERO_IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def decrypt(key: bytes, data: bytes) -> bytes:
    decryptor = Cipher(_des(key), modes.CBC(_ZERO_IV)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES: the caller pads (method 2) first.

    Single DES-CBC under the first half of the key over every block, then the
    last block decrypted under the second half and encrypted again under the
    first. That final step equals one two-key 3DES (EDE) encryption of the last
    block chained with the previous output, so two cipher contexts do it (a read
    computes hundreds of MACs).
    """
    if len(data) % BLOCK or not data:
        raise ValueError("MAC input must be whole blocks")
    key_a = key[:BLOCK]
    head, last = data[:-BLOCK], data[-BLOCK:]
    chained = bytes(BLOCK)
    if head:
        single = Cipher(_des(key_a), modes.CBC(_ZERO_IV)).encryptor()
        chained = (single.update(head) + single.finalize())[-BLOCK:]
    final = Cipher(_des(key[: 2 * BLOCK]), modes.ECB()).encryptor()
    mixed = bytes(a ^ b for a, b in zip(chained, last, strict=True))
    return final.update(mixed) + final.finalize()
