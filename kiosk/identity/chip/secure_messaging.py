"""Secure messaging after BAC (ICAO 9303 part 11, 9.8): 3DES encryption, retail MAC, SSC.

Every command and response increments the send sequence counter; the MAC
covers the counter, so a replayed or reordered response fails the check and
the read stops (:class:`SecureMessagingError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.identity.chip import tlv
from kiosk.identity.chip.apdu import ApduTransport, Command
from kiosk.identity.chip.crypto import decrypt, encrypt, pad, retail_mac, unpad
from kiosk.identity.chip.errors import SecureMessagingError, TlvError

_SM_CLA = 0x0C
_TAG_ENCRYPTED = 0x87
_TAG_LE = 0x97
_TAG_STATUS = 0x99
_TAG_MAC = 0x8E


@dataclass(slots=True)
class SessionKeys:
    """KS_Enc, KS_MAC and the 8-byte send sequence counter as an integer."""

    encryption: bytes
    mac: bytes
    ssc: int = field(repr=False)

    def next_ssc(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << 64)
        return self.ssc.to_bytes(8, "big")

    def __repr__(self) -> str:
        return "SessionKeys(<secret>)"


def protect(keys: SessionKeys, command: Command) -> bytes:
    """The protected APDU for ``command`` (DO87 data, DO97 Le, DO8E MAC)."""
    header = bytes([command.cla | _SM_CLA, command.ins, command.p1, command.p2])
    body = b""
    if command.data:
        encrypted = encrypt(keys.encryption, pad(command.data))
        body += tlv.encode(_TAG_ENCRYPTED, b"\x01" + encrypted)
    if command.le is not None:
        body += tlv.encode(_TAG_LE, bytes([command.le & 0xFF]))
    ssc = keys.next_ssc()
    checksum = retail_mac(keys.mac, pad(ssc + pad(header) + body))
    body += tlv.encode(_TAG_MAC, checksum)
    return header + bytes([len(body)]) + body + b"\x00"


def unprotect(keys: SessionKeys, response: bytes) -> tuple[bytes, int]:
    """Verify and decrypt a protected response: (plain data, status word from DO99)."""
    ssc = keys.next_ssc()
    try:
        objects = tlv.parse_all(response)
    except TlvError as error:
        raise SecureMessagingError("response not TLV") from error
    covered = b""
    encrypted: bytes | None = None
    status: int | None = None
    checksum: bytes | None = None
    for item in objects:
        if item.tag == _TAG_MAC:
            checksum = item.value
            continue
        if checksum is not None:
            raise SecureMessagingError("data after the MAC")
        covered += tlv.encode(item.tag, item.value)
        if item.tag == _TAG_ENCRYPTED:
            encrypted = item.value
        elif item.tag == _TAG_STATUS and len(item.value) == 2:
            status = int.from_bytes(item.value, "big")
    if checksum is None or status is None:
        raise SecureMessagingError("MAC or status missing")
    if retail_mac(keys.mac, pad(ssc + covered)) != checksum:
        raise SecureMessagingError("MAC mismatch")
    if encrypted is None:
        return b"", status
    if not encrypted or encrypted[0] != 0x01 or (len(encrypted) - 1) % 8:
        raise SecureMessagingError("encrypted data malformed")
    try:
        return unpad(decrypt(keys.encryption, encrypted[1:])), status
    except ValueError as error:
        raise SecureMessagingError("padding") from error


class SecureChannel:
    """Sends commands protected under the session keys over a plain transport."""

    def __init__(self, transport: ApduTransport, keys: SessionKeys) -> None:
        self._transport = transport
        self._keys = keys

    def send(self, command: Command) -> tuple[bytes, int]:
        response, status = self._transport.transmit(protect(self._keys, command))
        if not response:
            # A chip answers errors outside SM with a bare status word (ICAO 9303-11 9.8.6).
            # The counter still moved on the chip side, so keep ours in step.
            self._keys.next_ssc()
            return b"", status
        data, inner_status = unprotect(self._keys, response)
        return data, inner_status
