"""The store says when the environment, not the code, failed: StoreUnavailable.

Every SQLite case is a real error from a real SQLite file (a full database
through ``max_page_count``, a read-only connection, a lock held by another
connection, a file in a folder that does not exist). PostgreSQL cannot run
here: its case is a stand-in DBAPI ``OperationalError`` without a SQLite code,
which is all the mapping looks at.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc

from kiosk.store import StoreUnavailable
from kiosk.store.database import Store
from kiosk.store.errors import install, unavailable_kind


def test_a_full_database_is_unavailable_not_a_bug(store: Store) -> None:
    with store.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
        connection.execute(text(f"PRAGMA max_page_count = {pages}"))
        with pytest.raises(StoreUnavailable) as raised:
            connection.execute(text("CREATE TABLE filler (payload BLOB)"))
            connection.execute(text("INSERT INTO filler VALUES (zeroblob(1000000))"))
        connection.rollback()
    assert raised.value.kind == "full"
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)


def test_a_read_only_database_is_unavailable(store: Store) -> None:
    with store.engine.connect() as connection:
        connection.execute(text("PRAGMA query_only = ON"))
        with pytest.raises(StoreUnavailable) as raised:
            connection.execute(text("DELETE FROM audit_events"))
        connection.execute(text("PRAGMA query_only = OFF"))
    assert raised.value.kind == "read_only"


def test_a_database_locked_by_another_process_is_unavailable(store: Store) -> None:
    other = sqlite3.connect(store.layout.database, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with store.engine.connect() as connection:
            connection.execute(text("PRAGMA busy_timeout = 0"))
            with pytest.raises(StoreUnavailable) as raised:
                connection.execute(text("DELETE FROM audit_events"))
            connection.execute(text("PRAGMA busy_timeout = 10000"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert raised.value.kind == "busy"


def test_a_file_that_cannot_be_opened_is_unavailable(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+pysqlite:///{tmp_path / 'missing' / 'kiosk.db'}")
    install(engine)
    try:
        with pytest.raises(StoreUnavailable) as raised, engine.connect():
            pass
    finally:
        engine.dispose()
    assert raised.value.kind == "cannot_open"


def test_a_bug_in_a_query_stays_a_bug(store: Store) -> None:
    with store.engine.connect() as connection, pytest.raises(sa_exc.OperationalError) as raised:
        connection.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(raised.value, StoreUnavailable)
    assert unavailable_kind(raised.value) is None


def test_a_constraint_violation_stays_a_bug(store: Store) -> None:
    with store.engine.connect() as connection, pytest.raises(sa_exc.IntegrityError):
        connection.execute(text("CREATE TEMP TABLE unique_thing (id INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO unique_thing VALUES (1)"))
        connection.execute(text("INSERT INTO unique_thing VALUES (1)"))


def test_a_postgresql_operational_error_maps_too() -> None:
    class OperationalError(Exception):  # PEP 249's name; psycopg's carries no SQLite code
        pass

    server_gone = sa_exc.OperationalError("SELECT 1", None, OperationalError("server closed"))
    assert unavailable_kind(server_gone) == "other"
    programming = sa_exc.ProgrammingError("SELEC 1", None, Exception("syntax error"))
    assert unavailable_kind(programming) is None


def test_the_sqlite_codes_are_read_from_extended_codes_too() -> None:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 10 | (3 << 8)  # SQLITE_IOERR_WRITE
    assert unavailable_kind(error) == "io"
