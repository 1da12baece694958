"""One sync pass at a time across processes: a lease row with an expiry.

A conditional UPDATE is atomic in SQLite (writers are serialised), so two
processes cannot both take the lease; a holder that crashed stops blocking
others once its lease expires.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from sqlalchemy import ColumnElement, insert, select, update

from kiosk.cases.clock import Clock, system_clock, to_storage
from kiosk.store.database import Store
from kiosk.store.models import SyncLease

LEASE_NAME = "sync"
DEFAULT_TTL = dt.timedelta(seconds=120)
_LONG_AGO = dt.datetime(2000, 1, 1)


def holder_name(role: str) -> str:
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


def holder_is_dead(holder: str) -> bool:
    """True only when ``holder`` names a process on this machine that no longer runs."""
    role_host, _, pid_text = holder.rpartition(":")
    host = role_host.partition("@")[2]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by another user
        return False
    return False


class Lease:
    def __init__(
        self,
        store: Store,
        holder: str,
        ttl: dt.timedelta = DEFAULT_TTL,
        clock: Clock = system_clock,
    ) -> None:
        self.store = store
        self.holder = holder
        self.ttl = ttl
        self.clock = clock

    def acquire(self) -> bool:
        """Take or renew the lease; False when another live holder has it.

        A holder on this machine whose process is gone (killed, crashed) loses
        the lease at once rather than after its expiry.
        """
        now = to_storage(self.clock())
        with self.store.engine.begin() as connection:
            connection.execute(
                insert(SyncLease)
                .prefix_with("OR IGNORE")
                .values(name=LEASE_NAME, holder="", expires_at=_LONG_AGO)
            )
            current = connection.execute(
                select(SyncLease.holder).where(SyncLease.name == LEASE_NAME)
            ).scalar_one()
            # An expiry further ahead than one ttl was written under a clock that ran
            # ahead and came back: no live holder can have it, so it does not block.
            takeable: ColumnElement[bool] = (
                (SyncLease.holder == self.holder)
                | (SyncLease.expires_at < now)
                | (SyncLease.expires_at > now + self.ttl)
            )
            if current != self.holder and holder_is_dead(current):
                takeable = SyncLease.holder == current
            result = connection.execute(
                update(SyncLease)
                .where(SyncLease.name == LEASE_NAME, takeable)
                .values(holder=self.holder, expires_at=now + self.ttl)
            )
            return result.rowcount == 1

    renew = acquire

    def release(self) -> None:
        with self.store.engine.begin() as connection:
            connection.execute(
                update(SyncLease)
                .where(SyncLease.name == LEASE_NAME, SyncLease.holder == self.holder)
                .values(expires_at=_LONG_AGO)
            )

    def current_holder(self) -> str | None:
        now = to_storage(self.clock())
        with self.store.engine.connect() as connection:
            row = connection.execute(
                select(SyncLease.holder, SyncLease.expires_at).where(SyncLease.name == LEASE_NAME)
            ).first()
        if row is None or not row.holder or row.expires_at < now:
            return None
        return str(row.holder)
