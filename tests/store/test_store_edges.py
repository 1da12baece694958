"""Issue 14, findings 6, 8 and 10: a lost database file, a full disk, a clock that jumps.

Before the fixes: a zero-byte or missing ``kiosk.db`` started empty without a word
while backups existed; a backup due on a nearly full disk stopped the kiosk from
starting (traceback, exit 1) and left ``.partial`` files; one start with the clock a
year ahead dated a backup in the future and no daily backup was taken after that.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cases import Actor, CaseService
from kiosk.cases.errors import DiskNearlyFull
from kiosk.config import KioskConfig, Retention, StorageSettings
from kiosk.paths import HomeLayout
from kiosk.store import backup
from kiosk.store.database import open_store
from kiosk.store.models import Case
from tests.mount_support import mounted_tmpfs
from tests.sync_support import catalogue, submit_cases

CONFIG = KioskConfig(key_store="file")


def count_cases(layout: HomeLayout) -> int:
    store = open_store(layout, CONFIG)
    try:
        with store.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Case)) or 0)
    finally:
        store.close()


def home_with_cases_and_a_backup(layout: HomeLayout, cases: int = 30) -> None:
    store = open_store(layout, CONFIG)
    submit_cases(store, cases)
    backup.take_backup(layout.database, layout.backups, keep=14, reason="manual")
    store.close()


# -- finding 6 ------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["zero_bytes", "missing"])
def test_an_empty_or_missing_database_is_restored_from_the_newest_backup(
    kiosk_layout: HomeLayout, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    home_with_cases_and_a_backup(kiosk_layout)
    if damage == "zero_bytes":
        kiosk_layout.database.write_bytes(b"")
    else:
        kiosk_layout.database.unlink()
    with caplog.at_level(logging.ERROR):
        store = open_store(kiosk_layout, CONFIG)
    try:
        assert store.recovery is not None
        assert store.recovery.cause == ("empty" if damage == "zero_bytes" else "missing")
        assert store.recovery.restored_from is not None
        assert "sao lưu" in store.recovery.message_vi()
        with store.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 30
    finally:
        store.close()
    assert any("database is" in r.getMessage() for r in caplog.records)
    aside = list(kiosk_layout.quarantine.iterdir()) if kiosk_layout.quarantine.exists() else []
    assert bool(aside) == (damage == "zero_bytes"), "the empty file is kept aside, not deleted"


def test_a_missing_database_on_an_enrolled_kiosk_without_backups_is_reported(
    kiosk_layout: HomeLayout,
) -> None:
    kiosk_layout.ensure()
    kiosk_layout.portal_credentials.write_text("{}", encoding="utf-8")
    store = open_store(kiosk_layout, CONFIG)
    try:
        assert store.recovery is not None and store.recovery.cause == "missing"
        assert store.recovery.restored_from is None
        assert "không có bản sao lưu" in store.recovery.message_vi()
    finally:
        store.close()


def test_a_first_start_is_not_a_recovery(kiosk_layout: HomeLayout) -> None:
    store = open_store(kiosk_layout, CONFIG)
    try:
        assert store.recovery is None and store.lost_writes is None
    finally:
        store.close()


# -- finding 10 -----------------------------------------------------------------------

TODAY = dt.datetime(2026, 12, 6, 9, 0)


def daily_backups(layout: HomeLayout) -> list[backup.BackupInfo]:
    return [b for b in backup.list_backups(layout.backups) if b.reason == "daily"]


def start_at(layout: HomeLayout, moment: dt.datetime, keep: int = 14) -> None:
    config = KioskConfig(key_store="file", retention=Retention(backups_kept=keep))
    open_store(layout, config, now=moment).close()


def test_daily_backups_go_on_after_the_clock_jumped_forward_and_came_back(
    kiosk_layout: HomeLayout,
) -> None:
    start_at(kiosk_layout, TODAY)
    start_at(kiosk_layout, TODAY + dt.timedelta(days=365))  # someone set the year wrong
    assert daily_backups(kiosk_layout)[0].taken_at.year == 2027
    start_at(kiosk_layout, TODAY + dt.timedelta(days=1))  # corrected
    start_at(kiosk_layout, TODAY + dt.timedelta(days=1, hours=2))
    start_at(kiosk_layout, TODAY + dt.timedelta(days=2, hours=1))
    taken = [b.taken_at.date() for b in daily_backups(kiosk_layout)]
    assert taken == [
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 7),
        dt.date(2027, 12, 6),
        dt.date(2026, 12, 6),
    ]


def test_a_clock_set_back_does_not_prune_the_newest_backup(kiosk_layout: HomeLayout) -> None:
    for day in range(3):
        start_at(kiosk_layout, TODAY + dt.timedelta(days=day), keep=3)
    start_at(kiosk_layout, TODAY - dt.timedelta(days=400), keep=3)  # clock back a year
    kept = daily_backups(kiosk_layout)
    assert len(kept) == 3
    assert kept[0].taken_at.date() == dt.date(2025, 11, 1), "the newest copy was pruned"
    start_at(kiosk_layout, TODAY - dt.timedelta(days=399), keep=3)
    assert daily_backups(kiosk_layout)[0].taken_at.date() == dt.date(2025, 11, 2)


# -- finding 8 ------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB filesystem: a tmpfs mount (the tests run as root in CI and here)."""
    with mounted_tmpfs(tmp_path / "small-disk", "4m") as mount_point:
        yield mount_point


def fill_disk(directory: Path, leave_bytes: int) -> None:
    free = backup.free_bytes(directory)
    (directory / "filler").write_bytes(b"\0" * max(0, free - leave_bytes))


def test_a_backup_that_does_not_fit_is_skipped_and_the_kiosk_starts_and_serves(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = HomeLayout(small_disk / "home")
    config = KioskConfig(key_store="file", storage=StorageSettings(min_free_mb=1))
    store = open_store(layout, config, now=TODAY)
    submit_cases(store, 10)
    draft = CaseService(store, catalogue(), config).start_case("birth", Actor.citizen("s"))
    store.close()
    stale = layout.backups / "kiosk-20261205-000000-000000_n000009_daily.partial"
    stale.write_bytes(b"half a copy")
    fill_disk(small_disk, leave_bytes=600 * 1024)

    store = open_store(layout, config, now=TODAY + dt.timedelta(days=2))  # a backup is due
    try:
        assert not stale.exists()
        assert any("sao lưu" in line for line in store.warnings)
        assert list(layout.backups.glob("*.partial")) == []
        service = CaseService(store, catalogue(), config)
        # Its own writes go on: a draft in progress is saved, a submit is kept.
        service.save_answer(draft.id, "extract_copies", 3)
        with pytest.raises(DiskNearlyFull) as refused:
            service.start_case("birth", Actor.citizen("s"))
        assert "hồ sơ mới" in refused.value.message.vi
    finally:
        store.close()


def test_a_disk_that_fills_up_during_the_copy_leaves_no_partial_file(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = HomeLayout(small_disk / "home")
    config = KioskConfig(key_store="file", storage=StorageSettings(min_free_mb=1))
    store = open_store(layout, config, now=TODAY)
    submit_cases(store, 10)
    store.close()
    fill_disk(small_disk, leave_bytes=150 * 1024)
    # The free-space check is told there is room, so the copy really runs into ENOSPC.
    monkeypatch.setattr(backup, "free_bytes", lambda _directory: 10**12)
    with pytest.raises(backup.BackupSkipped):
        backup.take_backup(layout.database, layout.backups, keep=14, reason="manual")
    assert list(layout.backups.glob("*.partial")) == []
