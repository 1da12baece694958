"""Column types that seal personal data before it reaches SQLite.

The cipher is looked up on the engine's dialect (``dialect.kiosk_cipher``,
set by :func:`kiosk.store.database.open_store`), so each open database uses
its own key and no module-level key exists.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from kiosk.store.crypto import FieldCipher


def cipher_of(dialect: Dialect) -> FieldCipher:
    cipher = getattr(dialect, "kiosk_cipher", None)
    if cipher is None:
        raise RuntimeError("this engine has no field cipher: open it with open_store()")
    return cipher  # type: ignore[no-any-return]


class EncryptedText(TypeDecorator[str]):
    """A ``str`` stored as AES-GCM ciphertext bound to its column's name."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return cipher_of(dialect).seal(value.encode("utf-8"), self.context)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return cipher_of(dialect).open(value, self.context).decode("utf-8")


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON-serialisable value (answers, details) stored as AES-GCM ciphertext."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return cipher_of(dialect).seal(text.encode("utf-8"), self.context)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(cipher_of(dialect).open(value, self.context).decode("utf-8"))
