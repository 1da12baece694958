"""A request body member that is already JSON, so large ones are not encoded per send."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EncodedJson:
    """One member of a JSON request body, already encoded (UTF-8), sent as it is.

    The dossier's declaration is ~95 kB of base64: ``json.dumps`` scanned it for
    characters to escape, and the whole body was copied once more to UTF-8, on
    every send (~0.3 ms a dossier, docs/performance.md). The text must be one
    valid JSON value; :func:`encode_body` splices it in.
    """

    text: bytes


def encode_body(body: Mapping[str, object]) -> bytes:
    """``body`` as JSON: what ``json.dumps(body, ensure_ascii=False)`` gives, as UTF-8.

    :class:`EncodedJson` members are spliced in as they are. Put them last, as
    the engine does, and the bytes are exactly those of ``json.dumps`` of the
    decoded body (same order, same separators); elsewhere they move to the end,
    which changes no JSON object's meaning. Raises TypeError or ValueError as
    ``json.dumps`` does.
    """
    encoded = {key: value for key, value in body.items() if isinstance(value, EncodedJson)}
    if not encoded:
        return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")
    plain = {key: value for key, value in body.items() if not isinstance(value, EncodedJson)}
    head = json.dumps(plain, ensure_ascii=False, allow_nan=False).encode("utf-8")
    parts = [head[:-1]]
    separator = b", " if plain else b""
    for key, value in encoded.items():
        name = json.dumps(key, ensure_ascii=False).encode("utf-8")
        parts.append(separator + name + b": " + value.text)
        separator = b", "
    parts.append(b"}")
    return b"".join(parts)
