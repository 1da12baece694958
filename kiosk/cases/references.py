"""Human-facing codes: the local reference printed on the receipt and the resume code.

Both use Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse with
1, 0 or V when read aloud or typed) and end with a Luhn mod-32 check
character. Luhn mod N catches every single wrong character and every swap of two
neighbours but one: the first and last symbols, "0" and "Z" (as decimal Luhn
misses 09 <-> 90). The codes are shaped so that this swap cannot happen, which
keeps every code already printed valid:

- a local reference has digits everywhere but its check character, and the check
  character stands behind a dash, so "0" and "Z" are never neighbours;
  :func:`is_valid_local_reference` checks that shape;
- a new resume code is drawn again whenever "0" and "Z" would stand side by side.

So for every code issued from now on, every single wrong character and every
swap of two neighbours is caught.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import secrets
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: index for index, ch in enumerate(ALPHABET)}
# Characters people confuse, read back as what they must have meant.
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
# The one neighbour swap Luhn mod 32 cannot see: the symbols worth 0 and 31.
_BLIND_PAIR = frozenset({ALPHABET[0], ALPHABET[-1]})
# WARD(5 digits)-YYMMDD-KK-SSSS-C, as :func:`local_reference` writes it.
_LOCAL_REFERENCE = re.compile(rf"[0-9]{{5}}-[0-9]{{6}}-[0-9]{{2}}-[0-9]{{4}}-[{ALPHABET}]")


def check_character(payload: str) -> str:
    """Luhn mod N (N = 32) over ``payload`` (characters of :data:`ALPHABET`)."""
    base = len(ALPHABET)
    total = 0
    factor = 2
    for ch in reversed(payload):
        addend = factor * _VALUE[ch]
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def is_valid_check(code: str) -> bool:
    return (
        len(code) >= 2
        and all(c in _VALUE for c in code)
        and (check_character(code[:-1]) == code[-1])
    )


def normalise_code(text: str) -> str:
    """Upper-case, drop spaces and dashes, map confusable letters (O -> 0, I/L -> 1)."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_.")
    return cleaned.translate(_CONFUSABLE)


def has_blind_swap(code: str) -> bool:
    """True when "0" and "Z" stand side by side: the one swap the check cannot see."""
    return any({left, right} == _BLIND_PAIR for left, right in itertools.pairwise(code))


def new_resume_code(choose: Callable[[str], str] = secrets.choice) -> str:
    """Six random characters and a check character, shown as ``XXXX-XXX``.

    Never has "0" next to "Z", so every neighbour swap in it is caught.
    """
    while True:
        body = "".join(choose(ALPHABET) for _ in range(6))
        code = body + check_character(body)
        if not has_blind_swap(code):
            return code


def format_resume_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def parse_resume_code(text: str) -> str | None:
    """The stored form of a typed or read-aloud code, or None when it cannot be one."""
    code = normalise_code(text)
    if len(code) != 7 or not is_valid_check(code):
        return None
    return code


RESUME_QR_PREFIX = "CDKV-TIEPTUC:"
"""What the draft slip's QR holds before the code: long enough (at 8+ characters) for
the resume screen to tell a scanner's burst from typing, and never an ID card's QR."""


def resume_qr_payload(code: str) -> str:
    """The text of the draft slip's QR for the stored ``code`` (``CDKV-TIEPTUC:ABCD-123``)."""
    return f"{RESUME_QR_PREFIX}{format_resume_code(code)}"


def parse_resume_qr(payload: str) -> str | None:
    """The stored resume code a scanned draft slip carries, or None for anything else."""
    if not payload.upper().startswith(RESUME_QR_PREFIX):
        return None
    return parse_resume_code(payload[len(RESUME_QR_PREFIX) :])


def local_reference(ward_code: str, day: dt.date, kiosk_number: int, sequence: int) -> str:
    """``WARD-YYMMDD-KK-SSSS-C``: unique per kiosk and day, checkable by eye and code.

    Two kiosks of one ward share the ward prefix; the kiosk number keeps their
    references apart without asking the portal.
    """
    body = f"{ward_code}{day:%y%m%d}{kiosk_number:02d}{sequence:04d}"
    return f"{ward_code}-{day:%y%m%d}-{kiosk_number:02d}-{sequence:04d}-{check_character(body)}"


def is_valid_local_reference(text: str) -> bool:
    """The shape ``WARD-YYMMDD-KK-SSSS-C`` (case ignored) and a matching check character."""
    reference = text.strip().upper()
    if not _LOCAL_REFERENCE.fullmatch(reference):
        return False
    return is_valid_check(reference.replace("-", ""))


# The digit groups of a local reference before its check character (5-6-2-4).
_REFERENCE_GROUPS = (5, 6, 2, 4)
_REFERENCE_DIGITS = sum(_REFERENCE_GROUPS)


def shape_typed_reference(text: str) -> str:
    """A local reference being typed, with its dashes where the receipt prints them.

    The citizen types only digits on a number pad: ``205512605`` becomes
    ``20551-2605``; the check character after the 17 digits gets its dash too.
    A dash is only added before the next digit, so a backspace is never undone.
    Anything that is not the start of a local reference (a portal dossier code,
    a tracking URL) comes back unchanged.
    """
    raw = text.replace("-", "").upper()
    digits, check = raw[:_REFERENCE_DIGITS], raw[_REFERENCE_DIGITS:]
    if not digits.isdigit() or len(check) > 1 or (check and check not in _VALUE):
        return text
    if check and len(digits) < _REFERENCE_DIGITS:
        return text
    groups: list[str] = []
    start = 0
    for size in _REFERENCE_GROUPS:
        if start < len(digits):
            groups.append(digits[start : start + size])
        start += size
    return "-".join(groups + ([check] if check else []))


def typed_reference_needs_letters(text: str) -> bool:
    """False while ``text`` can still be the digits of a local reference (a number pad
    is the right keyboard); True once a letter may come: the check character after
    the 17 digits, or anything else (a portal dossier code has letters)."""
    raw = text.replace("-", "")
    return not (raw == "" or (raw.isdigit() and len(raw) < _REFERENCE_DIGITS))
