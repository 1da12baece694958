"""Issue 14, findings 4 and 7: after a restore or a damaged WAL no reference is issued twice,
and the kiosk learns from the portal what it had lost.

Before the fix: backup after 20 cases, 10 more sent, database damaged, automatic
restore, and the next 5 submissions reused 0021-0025, so five references at the
portal belonged to two people. A WAL with 8 flipped bytes kept 6 of 12 submits and
``quick_check`` passed: nothing was said.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import backup
from kiosk.store.acknowledged import LAST_PORTAL_CHECK, PORTAL_CHECK
from kiosk.store.database import Store, integrity_ok, meta_value, open_store
from kiosk.store.models import Case
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal.server import TrainingPortal
from tests.sync_support import catalogue, submit_cases, training_client

pytestmark = pytest.mark.slow  # whole sync passes against a real portal, restores between

CONFIG = KioskConfig(key_store="file")
# A draft's start can survive where its submit did not: count submitted cases.
SUBMITTED = text("SELECT count(*) FROM cases WHERE local_reference IS NOT NULL")


def sync_all(store: Store, portal: TrainingPortal) -> None:
    with training_client(portal) as client:
        engine = SyncEngine(store, client, catalogue(), kiosk_id=TRAINING_KIOSK_ID, holder="t")
        result = engine.run_until_done()
        engine.close()
    assert result.pending == 0 and result.rejected == 0


def sequences(store: Store, case_ids: list[str]) -> list[int]:
    with store.sessions() as session:
        references = [session.get(Case, i).local_reference for i in case_ids]  # type: ignore[union-attr]
    return [int(str(r).split("-")[3]) for r in references]


def portal_references(portal: TrainingPortal) -> Counter[str]:
    return Counter(str(d["local_reference"]) for d in portal.app.dossiers.all_dossiers())


def damage_database(layout: HomeLayout) -> None:
    with open(layout.database, "r+b") as handle:
        handle.write(b"\x00garbage" * 512)


@pytest.mark.parametrize("ledger_lost_too", [False, True], ids=["ledger_kept", "ledger_lost"])
def test_after_an_automatic_restore_no_reference_is_reused_and_the_lost_ten_come_back(
    kiosk_layout: HomeLayout, portal: TrainingPortal, ledger_lost_too: bool
) -> None:
    store = open_store(kiosk_layout, CONFIG)
    submit_cases(store, 20, seed=1)
    backup.take_backup(kiosk_layout.database, kiosk_layout.backups, keep=14, reason="daily")
    submit_cases(store, 10, seed=2)
    sync_all(store, portal)
    assert sum(portal_references(portal).values()) == 30
    store.close()

    damage_database(kiosk_layout)
    if ledger_lost_too:
        kiosk_layout.acknowledged_state.unlink()
    store = open_store(kiosk_layout, CONFIG)
    try:
        assert store.recovery is not None and store.recovery.restored_from is not None
        with store.sessions() as session:
            assert session.scalar(text("SELECT count(*) FROM cases")) == 20
            assert meta_value(session, PORTAL_CHECK) is not None
        if not ledger_lost_too:
            assert store.lost_writes is not None and store.lost_writes.references_missing == 10

        # Five citizens before the portal could be asked: no reference of theirs is 21-30.
        new_ids = submit_cases(store, 5, seed=3)
        new = sequences(store, new_ids)
        assert not set(new) & set(range(1, 31)), new
        assert new == (list(range(31, 36)) if not ledger_lost_too else list(range(5001, 5006)))

        sync_all(store, portal)
        at_portal = portal_references(portal)
        assert sum(at_portal.values()) == 35 and max(at_portal.values()) == 1
        with store.sessions() as session:
            assert meta_value(session, PORTAL_CHECK) is None
            summary = json.loads(meta_value(session, LAST_PORTAL_CHECK) or "{}")
            recovered = session.scalars(
                select(Case).where(Case.local_reference.in_(summary["recovered"]))
            ).all()
        assert len(summary["recovered"]) == 10 and summary["lost"] == []
        assert sorted(int(r.split("-")[3]) for r in summary["recovered"]) == list(range(21, 31))
        assert all(c.status == "sent" and c.dossier_code for c in recovered)
        # After the check, numbering continues past everything the portal has seen.
        later = sequences(store, submit_cases(store, 1, seed=4))
        assert later[0] == max(new) + 1
    finally:
        store.close()


def test_references_never_sent_are_reported_lost(
    kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    """Submitted after the backup, never reached the portal: the summary names them."""
    store = open_store(kiosk_layout, CONFIG)
    submit_cases(store, 3, seed=1)
    backup.take_backup(kiosk_layout.database, kiosk_layout.backups, keep=14, reason="daily")
    submit_cases(store, 2, seed=2)
    store.close()
    damage_database(kiosk_layout)
    store = open_store(kiosk_layout, CONFIG)
    try:
        sync_all(store, portal)
        with store.sessions() as session:
            summary = json.loads(meta_value(session, LAST_PORTAL_CHECK) or "{}")
        assert summary["recovered"] == []
        assert [int(r.split("-")[3]) for r in summary["lost"]] == [4, 5]
    finally:
        store.close()


def _crash_copy(source: HomeLayout, target: Path) -> HomeLayout:
    """The home as a power cut would leave it: the database and its WAL un-checkpointed."""
    shutil.copytree(source.root, target)
    (target / "kiosk.db-shm").unlink(missing_ok=True)
    return HomeLayout(target)


@pytest.mark.parametrize("damage", ["flip_8_bytes", "truncate_to_60_percent"])
def test_a_damaged_wal_is_detected_and_the_portal_fills_the_gap(
    kiosk_layout: HomeLayout, portal: TrainingPortal, tmp_path: Path, damage: str
) -> None:
    store = open_store(kiosk_layout, CONFIG)
    with store.engine.connect() as connection:  # the schema in the main file, the WAL empty
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    submit_cases(store, 12, seed=5)
    sync_all(store, portal)
    crashed = _crash_copy(kiosk_layout, tmp_path / "crashed")
    store.close()

    wal = Path(f"{crashed.database}-wal")
    size = wal.stat().st_size
    assert size > 100_000
    if damage == "flip_8_bytes":
        with open(wal, "r+b") as handle:
            handle.seek(size // 2)
            chunk = handle.read(8)
            handle.seek(size // 2)
            handle.write(bytes(b ^ 0xFF for b in chunk))
    else:
        with open(wal, "r+b") as handle:
            handle.truncate(int(size * 0.6))

    store = open_store(crashed, CONFIG)
    try:
        assert integrity_ok(crashed.database), "SQLite itself sees nothing wrong"
        with store.sessions() as session:
            kept = session.scalar(SUBMITTED)
        assert kept is not None and kept < 12
        assert store.lost_writes is not None and store.lost_writes.submits_missing == 12 - kept
        next_one = sequences(store, submit_cases(store, 1, seed=6))
        assert next_one == [13]
        sync_all(store, portal)
        with store.sessions() as session:
            summary = json.loads(meta_value(session, LAST_PORTAL_CHECK) or "{}")
            total = session.scalar(SUBMITTED)
        assert len(summary["recovered"]) == 12 - kept and summary["lost"] == []
        assert total == 13
        assert max(portal_references(portal).values()) == 1
    finally:
        store.close()


def test_a_restore_by_staff_asks_the_portal_before_the_next_reference(
    kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    from kiosk.admin.backups import restore_backup
    from kiosk.cases.audit import Actor

    store = open_store(kiosk_layout, CONFIG)
    submit_cases(store, 4, seed=1)
    taken = backup.take_backup(kiosk_layout.database, kiosk_layout.backups, keep=14)
    submit_cases(store, 3, seed=2)
    sync_all(store, portal)
    restore_backup(store, taken, Actor("volunteer", "1"))

    store = open_store(kiosk_layout, CONFIG)
    try:
        with store.sessions() as session:
            assert meta_value(session, PORTAL_CHECK) is not None
        assert sequences(store, submit_cases(store, 1, seed=3)) == [8]
        sync_all(store, portal)
        with store.sessions() as session:
            summary = json.loads(meta_value(session, LAST_PORTAL_CHECK) or "{}")
        assert len(summary["recovered"]) == 3
        assert max(portal_references(portal).values()) == 1
    finally:
        store.close()


def test_the_portal_lists_this_kiosks_dossiers_by_received_day(
    store: Store, portal: TrainingPortal
) -> None:
    import datetime as dt

    from sync.portal import PortalError

    submit_cases(store, 3)
    sync_all(store, portal)
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    with training_client(portal) as client:
        first = client.kiosk_dossiers(today, today, limit=2)
        assert len(first.dossiers) == 2 and first.has_more
        rest = client.kiosk_dossiers(today, today, first.next_cursor, limit=2)
        assert len(rest.dossiers) == 1 and not rest.has_more
        listed = {d.local_reference for d in [*first.dossiers, *rest.dossiers]}
        with store.sessions() as session:
            assert listed == set(session.scalars(select(Case.local_reference)))
        assert all(d.procedure_id == "birth" for d in first.dossiers)
        tomorrow = today + dt.timedelta(days=1)
        assert client.kiosk_dossiers(tomorrow, tomorrow).dossiers == ()
        with pytest.raises(PortalError):
            client.kiosk_dossiers(tomorrow, today)
