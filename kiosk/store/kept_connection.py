"""One driver connection kept open for a writer that runs on every tap.

The autosave (:mod:`kiosk.cases.draft_write`) commits once per tap. Checking a
connection out of SQLAlchemy's pool and back in (with the pool's reset) cost
about a tenth of a save on a fast disk, for a statement that takes a few
microseconds to run. This keeps one connection for it, opened through the
engine (so the pragmas of :func:`kiosk.store.database.make_engine` apply) and
then detached from the pool, so no other user ever sees it mid-transaction.
A lock serialises its users: SQLite connections are not to be shared by two
threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.pool import PoolProxiedConnection


class KeptConnection:
    """A detached pooled connection, opened at first use and closed with the store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._pooled: PoolProxiedConnection | None = None

    @contextmanager
    def driver(self) -> Iterator[Any]:
        """The driver's own connection, for this thread alone while the block runs.

        The caller commits or rolls back before leaving; an error that leaves the
        block rolls the connection back and closes it (the next use opens another).
        """
        with self._lock:
            if self._pooled is None:
                pooled = self._engine.raw_connection()
                pooled.detach()
                self._pooled = pooled
            connection = self._pooled.dbapi_connection
            try:
                yield connection
            except BaseException:
                self._drop_after_failure()
                raise

    def _drop_after_failure(self) -> None:
        pooled, self._pooled = self._pooled, None
        if pooled is None:
            return
        try:
            pooled.rollback()
        finally:
            pooled.close()  # the next use opens a fresh one

    def close(self) -> None:
        with self._lock:
            pooled, self._pooled = self._pooled, None
            if pooled is not None:
                pooled.close()
