"""BER-TLV as ICAO 9303 data groups use it (ISO/IEC 7816-4 tags, definite lengths).

The parser is total: whatever bytes it is given, it returns TLV objects or
raises :class:`TlvError`, never IndexError or a recursion error; a chip that
returns garbage must not crash the kiosk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.identity.chip.errors import TlvError

_MAX_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Tlv:
    """One data object: ``tag`` as the integer of its tag bytes (``0x5F1F``, ``0x61``)."""

    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        """The nested objects of a constructed tag; :class:`TlvError` if they do not parse."""
        return parse_all(self.value)

    def __repr__(self) -> str:  # values may be personal data: show sizes only
        return f"Tlv(tag=0x{self.tag:X}, length={len(self.value)})"


def read_tag(data: bytes, offset: int) -> tuple[int, int]:
    """The tag starting at ``offset`` and the offset after it."""
    if offset >= len(data):
        raise TlvError("tag missing")
    first = data[offset]
    tag = first
    offset += 1
    if first & 0x1F == 0x1F:  # multi-byte tag: continue while bit 8 is set
        for _ in range(3):
            if offset >= len(data):
                raise TlvError("tag truncated")
            byte = data[offset]
            tag = (tag << 8) | byte
            offset += 1
            if not byte & 0x80:
                break
        else:
            raise TlvError("tag too long")
    return tag, offset


def read_length(data: bytes, offset: int) -> tuple[int, int]:
    """The definite length at ``offset`` and the offset after it."""
    if offset >= len(data):
        raise TlvError("length missing")
    first = data[offset]
    offset += 1
    if first < 0x80:
        return first, offset
    count = first & 0x7F
    if count == 0 or count > 4:
        raise TlvError("indefinite or oversized length")
    if offset + count > len(data):
        raise TlvError("length truncated")
    return int.from_bytes(data[offset : offset + count], "big"), offset + count


def parse_one(data: bytes, offset: int = 0) -> tuple[Tlv, int]:
    """One object at ``offset`` and the offset after it."""
    tag, offset = read_tag(data, offset)
    length, offset = read_length(data, offset)
    end = offset + length
    if end > len(data):
        raise TlvError("value truncated")
    return Tlv(tag, bytes(data[offset:end])), end


def iterate(data: bytes) -> Iterator[Tlv]:
    """The objects of a concatenation, in order; padding bytes 0x00/0xFF between them skipped."""
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):
            offset += 1
            continue
        item, offset = parse_one(data, offset)
        yield item


def parse_all(data: bytes) -> list[Tlv]:
    return list(iterate(data))


def find(data: bytes, tag: int, *, depth: int = 0) -> Tlv | None:
    """The first object with ``tag`` in a depth-first walk of ``data``, or None."""
    if depth > _MAX_DEPTH:
        raise TlvError("nested too deep")
    for item in iterate(data):
        if item.tag == tag:
            return item
        if item.constructed:
            found = find(item.value, tag, depth=depth + 1)
            if found is not None:
                return found
    return None


def total_length(header: bytes) -> int:
    """The size of a whole object from its first bytes (tag + length): how much to read."""
    tag_end = read_tag(header, 0)[1]
    length, value_start = read_length(header, tag_end)
    return value_start + length


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    return bytes([0x80 | size]) + length.to_bytes(size, "big")


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value
