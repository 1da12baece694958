"""The store's one known failure of the environment: :class:`StoreUnavailable`.

A full disk, a file the kiosk may not write, an I/O error, a database another
process holds locked: none of these is a bug in the kiosk, and the citizen
should see a calm "tell the staff" screen, while the IT officer reads one line
in the log. Everything else raised by SQLAlchemy (a missing table, a broken
constraint, a wrong query) is a bug and goes to the crash report.

The decision is made from the database's own error code, not from message
text: SQLite's primary result code (``sqlite3.Error.sqlite_errorcode``, Python
3.11+) for SQLite, and PEP 249's ``OperationalError`` family for drivers that
carry no SQLite code (PostgreSQL's psycopg raises ``OperationalError`` and its
subclasses such as ``DiskFull`` for a server gone, refused or full).
:func:`install` makes an engine raise :class:`StoreUnavailable` in their place.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

from sqlalchemy import Engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import ExceptionContext

UnavailableKind = Literal["full", "io", "read_only", "cannot_open", "busy", "other"]

# SQLite primary result codes (the low byte of an extended code).
SQLITE_KINDS: dict[int, UnavailableKind] = {
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_NOLFS: "io",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_CANTOPEN: "cannot_open",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
}


class StoreUnavailable(Exception):
    """The database cannot be read or written now; ``kind`` says why (no personal data)."""

    def __init__(self, kind: UnavailableKind) -> None:
        super().__init__(kind)
        self.kind: UnavailableKind = kind


def unavailable_kind(error: BaseException) -> UnavailableKind | None:
    """Why ``error`` (a DBAPI or SQLAlchemy error) means the store is unavailable, or None."""
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return SQLITE_KINDS.get(code & 0xFF)
    if isinstance(error, sa_exc.OperationalError):
        return "other"
    return None


def _translate(context: ExceptionContext) -> None:
    error = context.sqlalchemy_exception or context.original_exception
    kind = unavailable_kind(error)
    if kind is not None:
        raise StoreUnavailable(kind) from error


def install(engine: Engine) -> None:
    """Make ``engine`` raise :class:`StoreUnavailable` for the errors above."""
    event.listen(engine, "handle_error", _translate)
