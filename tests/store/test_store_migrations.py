from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from kiosk.store import migrate
from kiosk.store.crypto import FieldCipher, new_master_key
from kiosk.store.database import Store, make_engine

REVISIONS = list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())


def fresh_engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_engine(tmp_path / "m.db", FieldCipher(new_master_key()))


def test_upgrade_from_empty_reaches_head_without_drift(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.drift(engine) == [], "models and migrations disagree: write a revision"
    tables = set(inspect(engine).get_table_names())
    assert {"citizens", "cases", "outbox", "consents", "audit_events", "volunteers"} <= tables


@pytest.mark.parametrize("revision", REVISIONS, ids=lambda r: r.revision)
def test_each_revision_upgrades_from_its_predecessor_and_back(tmp_path: Path, revision) -> None:  # type: ignore[no-untyped-def]
    engine = fresh_engine(tmp_path)
    previous = revision.down_revision or "base"
    if previous != "base":
        migrate.upgrade(engine, str(previous))
    migrate.upgrade(engine, revision.revision)
    assert migrate.current_revision(engine) == revision.revision
    migrate.downgrade(engine, str(previous))
    migrate.upgrade(engine)
    assert migrate.drift(engine) == []


def test_store_fixture_is_migrated(store: Store) -> None:
    assert migrate.current_revision(store.engine) == migrate.head_revision()
