"""Active authentication (ICAO 9303 part 11, 6.1): is this the chip the state issued?

Passive authentication proves the data is genuine, not that the chip holding
it is: a copy of the data groups on another chip passes it. A chip with DG15
holds a private key whose public half is in DG15 (itself covered by the SOD);
it signs an 8-byte challenge with INTERNAL AUTHENTICATE. Covered here: RSA
keys with the ISO/IEC 9796-2 scheme 1 signature (trailer 0xBC for SHA-1, or
0x..CC naming the hash). ECDSA keys need the algorithm DG14 names and are
reported ``not_supported``; a chip without DG15 is ``not_offered``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from kiosk.identity.chip import tlv
from kiosk.identity.chip.apdu import SW_OK, internal_authenticate
from kiosk.identity.chip.errors import TlvError
from kiosk.identity.chip.secure_messaging import SecureChannel

AA_VERIFIED = "verified"
AA_FAILED = "failed"
AA_NOT_OFFERED = "not_offered"
AA_NOT_SUPPORTED = "not_supported"

# ISO/IEC 10118-3 hash identifiers in a two-byte trailer (0x..CC).
_TRAILER_HASHES = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}


def recover_message(public_key: rsa.RSAPublicKey, signature: bytes, challenge: bytes) -> bool:
    """Whether ``signature`` is an ISO 9796-2 scheme 1 signature of M1 || challenge."""
    numbers = public_key.public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    value = pow(int.from_bytes(signature, "big"), numbers.e, numbers.n)
    for candidate in (value, numbers.n - value):  # the signer may send min(s, n - s)
        block = candidate.to_bytes(size, "big").lstrip(b"\x00")
        if _check_block(block, challenge):
            return True
    return False


def _check_block(block: bytes, challenge: bytes) -> bool:
    if len(block) < 24 or block[0] & 0xF0 != 0x60:  # header 0x6A: partial recovery
        return False
    if block[-1] == 0xBC:
        hash_name, trailer = "sha1", 1
    elif block[-1] == 0xCC and block[-2] in _TRAILER_HASHES:
        hash_name, trailer = _TRAILER_HASHES[block[-2]], 2
    else:
        return False
    digest_size = hashlib.new(hash_name).digest_size
    body = block[1:-trailer]
    if len(body) <= digest_size:
        return False
    recovered, digest = body[:-digest_size], body[-digest_size:]
    return hashlib.new(hash_name, recovered + challenge).digest() == digest


def perform_active_authentication(
    channel: SecureChannel, dg15: bytes | None, random_bytes: Callable[[int], bytes]
) -> str:
    """One of AA_VERIFIED, AA_FAILED, AA_NOT_OFFERED, AA_NOT_SUPPORTED."""
    if dg15 is None:
        return AA_NOT_OFFERED
    try:
        key_info = tlv.parse_one(dg15)[0]
        public_key = load_der_public_key(key_info.value)
    except (TlvError, ValueError, TypeError):
        return AA_FAILED
    if not isinstance(public_key, rsa.RSAPublicKey):
        return AA_NOT_SUPPORTED
    challenge = random_bytes(8)
    signature, status = channel.send(internal_authenticate(challenge))
    if status != SW_OK or not signature:
        return AA_FAILED
    return AA_VERIFIED if recover_message(public_key, signature, challenge) else AA_FAILED
