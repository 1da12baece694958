"""Statements whose SQL differs between the embedded SQLite file and the ward's PostgreSQL.

One place for them, so the services stay free of dialect checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import DeclarativeBase


def insert_if_absent(connection: Connection, model: type[DeclarativeBase], **values: Any) -> None:
    """INSERT a row unless one with the same key exists (no error, no second row).

    SQLite spells it ``INSERT OR IGNORE``; PostgreSQL ``ON CONFLICT DO NOTHING``.
    Both are atomic against a concurrent insert of the same key.
    """
    table: Table = model.__table__  # type: ignore[assignment]
    if connection.dialect.name == "postgresql":
        # Loaded only on a ward's server: its dialect module pulls asyncio and asyncpg's.
        from sqlalchemy.dialects import postgresql

        connection.execute(postgresql.insert(table).values(**values).on_conflict_do_nothing())
    else:
        connection.execute(sqlite.insert(table).values(**values).on_conflict_do_nothing())
