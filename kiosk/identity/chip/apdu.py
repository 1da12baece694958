"""Command APDUs and the transport the chip layer speaks through.

A transport sends one command APDU and returns the response data and status
word; the PC/SC reader (:mod:`kiosk.identity.chip.pcsc`) and the tests' card
double both implement it, so everything above is tested without hardware.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

SW_OK = 0x9000


class ApduTransport(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command; return (response data, status word). Raises ReaderError."""
        ...


@dataclass(frozen=True, slots=True)
class Command:
    """A short command APDU: ``le`` None means no Le byte, 0 means 256."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def encode(self) -> bytes:
        body = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            body += bytes([len(self.data)]) + self.data
        if self.le is not None:
            body += bytes([self.le & 0xFF])
        return body


def select_application(aid: bytes) -> Command:
    return Command(0x00, 0xA4, 0x04, 0x0C, aid)


def select_file(file_id: int) -> Command:
    return Command(0x00, 0xA4, 0x02, 0x0C, file_id.to_bytes(2, "big"))


def read_binary(offset: int, length: int) -> Command:
    return Command(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le=length)


def get_challenge() -> Command:
    return Command(0x00, 0x84, 0x00, 0x00, le=8)


def external_authenticate(data: bytes) -> Command:
    return Command(0x00, 0x82, 0x00, 0x00, data, le=0x28)


def internal_authenticate(challenge: bytes) -> Command:
    return Command(0x00, 0x88, 0x00, 0x00, challenge, le=0)
