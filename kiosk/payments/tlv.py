"""EMVCo tag-length-value text: ``TT LL VALUE`` with a 2-digit tag and length.

Kept separate from the VietQR rules so that both building and parsing share one
definition of the framing (lengths count characters of ASCII text).
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.payments.errors import PaymentDataError

_MAX_VALUE_LENGTH = 99


def tlv_field(tag: str, value: str) -> str:
    """Encode one field; ``value`` must be ASCII and at most 99 characters."""
    if len(tag) != 2 or not tag.isascii() or not tag.isdigit():
        raise PaymentDataError(
            f"Mã trường QR không hợp lệ: {tag!r}.", f"Invalid EMVCo tag: {tag!r}."
        )
    if not value.isascii():
        raise PaymentDataError(
            f"Trường {tag} của mã QR chỉ được chứa ký tự không dấu.",
            f"Field {tag} must be ASCII.",
        )
    if len(value) > _MAX_VALUE_LENGTH:
        raise PaymentDataError(
            f"Trường {tag} của mã QR dài quá 99 ký tự.",
            f"Field {tag} is longer than 99 characters.",
        )
    return f"{tag}{len(value):02d}{value}"


def tlv_join(fields: Iterable[tuple[str, str]]) -> str:
    """Encode several ``(tag, value)`` pairs in the given order."""
    return "".join(tlv_field(tag, value) for tag, value in fields)


def tlv_split(text: str) -> list[tuple[str, str]]:
    """Decode TLV text into ``(tag, value)`` pairs in their order.

    Raises :class:`PaymentDataError` when the text is truncated or a length is
    not two digits; never returns a partial result.
    """
    fields: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        header = text[position : position + 4]
        if len(header) < 4 or not header.isascii() or not header.isdigit():
            raise PaymentDataError(
                "Mã QR thanh toán bị hỏng (sai cấu trúc trường).",
                f"Malformed TLV header at offset {position}.",
            )
        length = int(header[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise PaymentDataError(
                "Mã QR thanh toán bị cắt cụt.",
                f"Truncated TLV value for tag {header[:2]}.",
            )
        fields.append((header[:2], value))
        position += 4 + length
    return fields
