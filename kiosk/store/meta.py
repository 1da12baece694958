"""The ``meta`` table's key/value rows: small facts the kiosk keeps about itself.

A module of its own so that :mod:`kiosk.store.acknowledged`, which
:mod:`kiosk.store.database` imports, reads and writes them the same way.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Meta


def meta_value(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def set_meta_value(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
