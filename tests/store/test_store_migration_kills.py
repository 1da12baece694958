"""Issue 14, finding 3: a kill at any statement of a migration leaves a kiosk that starts.

Before the fix each CREATE TABLE committed on its own: a kill after some
tables existed left an empty ``alembic_version``, every later start failed
with "table ... already exists", and each failed start took one more
"pre-migration" backup of the broken file until the clean ones were pruned.

The child is a fork of the test process (milliseconds, where a fresh Python
with SQLAlchemy and Alembic costs half a second): it counts every statement
SQLAlchemy sends and SIGKILLs itself at statement N. N runs over every
statement of ``open_store`` until a child finishes unkilled.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import threading
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Engine, Table, event, select

from kiosk.config import KioskConfig, Retention
from kiosk.paths import HomeLayout
from kiosk.store import backup, migrate
from kiosk.store.crypto import FieldCipher
from kiosk.store.database import make_engine, open_store
from kiosk.store.keys import KeyStore
from kiosk.store.models import Citizen

pytestmark = pytest.mark.slow  # kills and restarts real migration processes

CONFIG = KioskConfig(key_store="file")
MOMENT = dt.datetime(2026, 12, 1, 9, 0)
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]


def _open_and_close(home: Path, config: KioskConfig = CONFIG) -> None:
    store = open_store(HomeLayout(home), config)
    store.close()


def run_killed_at(home: Path, statement: int | str, config: KioskConfig = CONFIG) -> bool:
    """Open the store in a forked child killed at its ``statement``-th statement
    (or at the first one starting with ``statement`` when it is text).

    True when the child was killed, False when it finished first.
    """
    assert threading.active_count() == 1, "fork needs a single-threaded test process"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            seen = 0

            def count(*args: Any) -> None:
                nonlocal seen
                seen += 1
                text = str(args[2]).lstrip()
                if seen == statement or (isinstance(statement, str) and text.startswith(statement)):
                    os.kill(os.getpid(), signal.SIGKILL)

            event.listen(Engine, "before_cursor_execute", count)
            _open_and_close(home, config)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, "the child failed without being killed"
    return False


def cipher_of(layout: HomeLayout) -> FieldCipher:
    key = KeyStore(layout.secrets, "file").load()
    assert key is not None
    return FieldCipher(key)


def home_at_revision(root: Path, revision: str | None) -> Path:
    """A kiosk home whose database stops at ``revision`` and holds three citizens."""
    home = root / f"template-{revision}"
    layout = HomeLayout(home)
    layout.ensure()
    if revision is None:
        return home
    cipher = FieldCipher(KeyStore(layout.secrets, "file").create())
    engine = make_engine(layout.database, cipher)
    migrate.upgrade(engine, revision)
    with engine.begin() as connection:
        for name in NAMES:
            connection.execute(
                cast(Table, Citizen.__table__)
                .insert()
                .values(full_name=name, created_at=MOMENT, updated_at=MOMENT)
            )
    engine.dispose()
    return home


def check_started_cleanly(home: Path, with_data: bool) -> None:
    store = open_store(HomeLayout(home), CONFIG)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.recovery is None
        with store.sessions() as session:
            names = sorted(c.full_name for c in session.scalars(select(Citizen)))
        assert names == (sorted(NAMES) if with_data else [])
    finally:
        store.close()


def kill_everywhere(template: Path, work: Path, with_data: bool) -> int:
    statement = 0
    while True:
        statement += 1
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(template, work)
        killed = run_killed_at(work, statement)
        check_started_cleanly(work, with_data)
        pre_migrations = [
            b for b in backup.list_backups(HomeLayout(work).backups) if b.pre_migration
        ]
        assert len(pre_migrations) <= 1
        if not killed:
            return statement


def test_a_kill_at_every_statement_of_every_migration_from_an_empty_database(
    tmp_path: Path,
) -> None:
    statements = kill_everywhere(home_at_revision(tmp_path, None), tmp_path / "work", False)
    assert statements > 50  # 0001 alone creates 12 tables and 20 indexes


def test_a_kill_at_every_statement_of_an_upgrade_keeps_the_data(tmp_path: Path) -> None:
    statements = kill_everywhere(home_at_revision(tmp_path, "0001"), tmp_path / "work", True)
    assert statements > 10


def test_failed_starts_take_one_pre_migration_backup_that_pruning_keeps(tmp_path: Path) -> None:
    home = home_at_revision(tmp_path, "0002")
    layout = HomeLayout(home)
    config = KioskConfig(key_store="file", retention=Retention(backups_kept=2))
    # Five starts killed inside the upgrade, as it stamps the new revision.
    for _ in range(5):
        assert run_killed_at(home, "UPDATE alembic_version", config)
        assert migrate.current_revision(make_engine(layout.database, cipher_of(layout))) == "0002"
    pre = [b for b in backup.list_backups(layout.backups) if b.pre_migration]
    assert [b.reason for b in pre] == [f"pre-migration-0002-{migrate.head_revision()}"]
    for _ in range(4):
        backup.take_backup(layout.database, layout.backups, keep=2, reason="daily")
    kept = backup.list_backups(layout.backups)
    assert len([b for b in kept if not b.pre_migration]) == 2
    assert [b.path for b in kept if b.pre_migration] == [pre[0].path]
    # The copy is the clean 0002 file.
    connection = sqlite3.connect(pre[0].path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    connection.close()


def test_a_half_migrated_file_is_restored_from_its_pre_migration_backup(tmp_path: Path) -> None:
    """What older kiosks left: tables present, ``alembic_version`` empty."""
    home = home_at_revision(tmp_path, "0002")
    layout = HomeLayout(home)
    backup.take_backup(layout.database, layout.backups, keep=5, reason="pre-migration")
    connection = sqlite3.connect(layout.database)
    with connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("CREATE TABLE half_built (id INTEGER)")
    connection.close()
    store = open_store(layout, CONFIG)
    try:
        assert store.recovery is not None and store.recovery.cause == "half_migrated"
        assert store.recovery.restored_from is not None
        assert "pre-migration" in store.recovery.restored_from.name
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.sessions() as session:
            names = sorted(c.full_name for c in session.scalars(select(Citizen)))
        assert names == sorted(NAMES)
    finally:
        store.close()
    assert any(p.name.startswith("kiosk.db.half-migrated") for p in layout.quarantine.iterdir())
