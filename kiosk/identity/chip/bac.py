"""Basic Access Control: mutual authentication and session keys (ICAO 9303 part 11, 9.7.3).

The terminal proves it knows K_Enc/K_MAC (derived from the card's printed
MRZ) and both sides contribute half of the session key seed. ``random_bytes``
is injectable so the ICAO worked example can be replayed exactly.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kiosk.identity.chip.access import BacKeys
from kiosk.identity.chip.apdu import (
    SW_OK,
    ApduTransport,
    external_authenticate,
    get_challenge,
)
from kiosk.identity.chip.crypto import (
    ENC_COUNTER,
    MAC_COUNTER,
    decrypt,
    derive_key,
    encrypt,
    pad,
    retail_mac,
)
from kiosk.identity.chip.errors import AccessDeniedError, ChipError
from kiosk.identity.chip.secure_messaging import SessionKeys

# Status words a chip uses to refuse EXTERNAL AUTHENTICATE with a wrong key.
_REFUSALS = frozenset({0x6300, 0x6982, 0x6983, 0x6984, 0x6985, 0x6A80, 0x6688})


def session_keys_from(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes) -> SessionKeys:
    """KS_Enc, KS_MAC from K_IFD xor K_IC; SSC from the low halves of both challenges."""
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    ssc = int.from_bytes(rnd_ic[-4:] + rnd_ifd[-4:], "big")
    return SessionKeys(derive_key(seed, ENC_COUNTER), derive_key(seed, MAC_COUNTER), ssc)


def terminal_cryptogram(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes) -> bytes:
    """E_IFD || M_IFD: the EXTERNAL AUTHENTICATE data."""
    encrypted = encrypt(keys.encryption, rnd_ifd + rnd_ic + k_ifd)
    return encrypted + retail_mac(keys.mac, pad(encrypted))


def perform_bac(
    transport: ApduTransport,
    keys: BacKeys,
    *,
    random_bytes: Callable[[int], bytes] = os.urandom,
) -> SessionKeys:
    """Run GET CHALLENGE and EXTERNAL AUTHENTICATE; the session keys, or AccessDeniedError."""
    rnd_ic, status = transport.transmit(get_challenge().encode())
    if status != SW_OK or len(rnd_ic) != 8:
        raise ChipError("chip_error", f"GET CHALLENGE {status:04X}")
    rnd_ifd = random_bytes(8)
    k_ifd = random_bytes(16)
    answer, status = transport.transmit(
        external_authenticate(terminal_cryptogram(keys, rnd_ic, rnd_ifd, k_ifd)).encode()
    )
    if status in _REFUSALS:
        raise AccessDeniedError(f"EXTERNAL AUTHENTICATE {status:04X}")
    if status != SW_OK or len(answer) != 40:
        raise ChipError("chip_error", f"EXTERNAL AUTHENTICATE {status:04X}")
    encrypted, checksum = answer[:32], answer[32:]
    if retail_mac(keys.mac, pad(encrypted)) != checksum:
        raise AccessDeniedError("chip cryptogram MAC")
    plain = decrypt(keys.encryption, encrypted)
    if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
        raise AccessDeniedError("chip cryptogram challenge")
    return session_keys_from(k_ifd, plain[16:], rnd_ic, rnd_ifd)
