"""PIN rules and PIN hashing: argon2id over a keyed digest of the PIN.

A 4-8 digit PIN has at most 10^8 values, so a hash alone would fall to an
offline search if the database file were copied. The PIN is therefore first
run through the store's keyed hash (HMAC with a key derived from the master
key, which is kept outside the database), then hashed with argon2id: the
``pin_hash`` column is useless without the key. The online guard is the
lock-out in :mod:`kiosk.volunteers.accounts`.
"""

from __future__ import annotations

import itertools
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.procedures.base import LocalText
from kiosk.store.crypto import FieldCipher
from kiosk.volunteers.errors import InvalidPin

MIN_DIGITS = 4
MAX_DIGITS = 8
# ASCII digits only: str.isdigit() would also accept "٣" or "³".
_PIN = re.compile(r"[0-9]{4,8}")
_PEPPER_CONTEXT = "cdkv-kiosk volunteer pin v1\x00"

# OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 0.1 s on a kiosk-class CPU,
# cheap enough for a touch screen; the pepper carries the offline protection.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def _is_trivial(pin: str) -> bool:
    """All one digit (0000), or a run up or down (1234, 9876, 3456789)."""
    if len(set(pin)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {9})


def validate_new_pin(pin: object) -> str:
    """The PIN itself when it may be set; :class:`InvalidPin` (never echoing it) otherwise."""
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        raise InvalidPin(
            LocalText(
                f"Mã PIN phải gồm {MIN_DIGITS} đến {MAX_DIGITS} chữ số.",
                f"The PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits.",
            )
        )
    if _is_trivial(pin):
        raise InvalidPin(
            LocalText(
                "Mã PIN quá dễ đoán (các số giống nhau hoặc liên tiếp). Vui lòng chọn mã khác.",
                "This PIN is too easy to guess (repeated or consecutive digits). Choose another.",
            )
        )
    return pin


class PinHasher:
    """Hashes and checks PINs for one database (its cipher supplies the pepper)."""

    def __init__(self, cipher: FieldCipher, hasher: PasswordHasher = _HASHER) -> None:
        self._cipher = cipher
        self._hasher = hasher

    def _peppered(self, pin: str) -> str:
        return self._cipher.lookup_hash(_PEPPER_CONTEXT + pin)

    def hash(self, pin: str) -> str:
        return self._hasher.hash(self._peppered(pin))

    def verify(self, pin_hash: str, pin: object) -> bool:
        """True when ``pin`` matches; False for a wrong PIN, garbage input or a damaged hash."""
        if not isinstance(pin, str) or not _PIN.fullmatch(pin):
            return False
        try:
            return self._hasher.verify(pin_hash, self._peppered(pin))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, pin_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(pin_hash)
        except (InvalidHashError, ValueError):
            return True
