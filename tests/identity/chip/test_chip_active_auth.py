"""ISO/IEC 9796-2 scheme 1 signature recovery for active authentication."""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from kiosk.identity.chip.active_auth import recover_message
from tests.chip_support import iso9796_2_sign


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def _raw_sign(key: rsa.RSAPrivateKey, block: bytes) -> bytes:
    numbers = key.private_numbers()
    size = (numbers.public_numbers.n.bit_length() + 7) // 8
    return pow(int.from_bytes(block, "big"), numbers.d, numbers.public_numbers.n).to_bytes(
        size, "big"
    )


def test_sha1_trailer_bc(key: rsa.RSAPrivateKey) -> None:
    challenge = os.urandom(8)
    signature = iso9796_2_sign(key, challenge)
    assert recover_message(key.public_key(), signature, challenge)
    assert not recover_message(key.public_key(), signature, os.urandom(8))


def test_sha256_trailer_34cc(key: rsa.RSAPrivateKey) -> None:
    challenge = os.urandom(8)
    recoverable = os.urandom(128 - 32 - 3)
    block = b"\x6a" + recoverable + hashlib.sha256(recoverable + challenge).digest() + b"\x34\xcc"
    assert recover_message(key.public_key(), _raw_sign(key, block), challenge)


def test_the_signer_may_send_n_minus_s(key: rsa.RSAPrivateKey) -> None:
    challenge = os.urandom(8)
    recoverable = os.urandom(128 - 20 - 2)
    block = b"\x6a" + recoverable + hashlib.sha1(recoverable + challenge).digest() + b"\xbc"
    n = key.public_key().public_numbers().n
    d = key.private_numbers().d
    # The chip signs n - m (ISO 9796-2 lets it send min(s, n - s)).
    signature = pow(n - int.from_bytes(block, "big"), d, n).to_bytes(128, "big")
    assert recover_message(key.public_key(), signature, challenge)


def test_garbage_is_not_a_signature(key: rsa.RSAPrivateKey) -> None:
    assert not recover_message(key.public_key(), os.urandom(128), os.urandom(8))
    assert not recover_message(key.public_key(), b"", os.urandom(8))


def test_ec_keys_are_reported_not_supported() -> None:
    from kiosk.identity.chip.active_auth import AA_NOT_SUPPORTED, perform_active_authentication
    from tests.chip_support import dg15_bytes

    ec_key = ec.generate_private_key(ec.SECP256R1())
    dg15 = dg15_bytes(ec_key)
    outcome = perform_active_authentication(None, dg15, os.urandom)  # type: ignore[arg-type]
    assert outcome == AA_NOT_SUPPORTED
