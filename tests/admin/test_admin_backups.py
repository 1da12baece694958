"""Backups from the admin screen: list, take now, restore (the current file kept aside)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.admin.backups import list_backups, restore_backup, take_backup_now
from kiosk.admin.errors import BackupError
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store, open_store
from kiosk.store.models import AuditEvent, Volunteer

# Backups are SQLite's online copies; the ward's PostgreSQL is backed up on the server.
pytestmark = pytest.mark.backends("sqlite")

ADMIN = Actor("admin", "1")


def add_volunteer(store: Store, name: str) -> None:
    with store.sessions.begin() as session:
        session.add(Volunteer(name=name, branch="", role="volunteer", pin_hash="x"))


def volunteer_names(store: Store) -> list[str]:
    with store.sessions() as session:
        return list(session.scalars(select(Volunteer.name).order_by(Volunteer.id)))


def test_take_list_and_restore(
    store: Store, kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_volunteer(store, "Trước sao lưu")
    taken = take_backup_now(store, kiosk_config, ADMIN)
    assert taken.reason == "manual" and taken.path.exists()
    listed = list_backups(kiosk_layout)
    assert listed[0].path == taken.path  # newest first
    assert {entry.reason for entry in listed} >= {"manual", "daily"}
    with store.sessions() as session:
        taken_events = session.scalar(
            select(func.count()).where(AuditEvent.action == "backup_taken")
        )
    assert taken_events == 1
    add_volunteer(store, "Sau sao lưu")

    outcome = restore_backup(store, taken.path, ADMIN)
    assert outcome.restart_required and outcome.restored_from == taken.path
    assert outcome.kept_aside is not None and outcome.kept_aside.exists()
    assert outcome.kept_aside.parent == kiosk_layout.quarantine

    reopened = open_store(kiosk_layout, kiosk_config)  # what the app's restart does
    try:
        assert volunteer_names(reopened) == ["Trước sao lưu"]
        with reopened.sessions() as session:
            restored = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "backup_restored")
            ).one()
            assert restored.actor_kind == "admin" and restored.actor_id == "1"
            assert restored.details["file"] == taken.path.name
    finally:
        reopened.close()


def test_a_file_outside_the_backups_folder_is_refused(store: Store, tmp_path: Path) -> None:
    stranger = tmp_path / "kiosk-20260101-000000-000000_manual.db"
    shutil.copy2(store.layout.database, stranger)
    with pytest.raises(BackupError) as refused:
        restore_backup(store, stranger, ADMIN)
    assert "trong danh sách" in refused.value.message.vi
    assert volunteer_names(store) == [], "the store is still open and usable"


def test_a_damaged_backup_is_refused(store: Store, kiosk_config: KioskConfig) -> None:
    taken = take_backup_now(store, kiosk_config, ADMIN)
    data = bytearray(taken.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    taken.path.write_bytes(bytes(data))
    with pytest.raises(BackupError) as refused:
        restore_backup(store, taken.path, ADMIN)
    assert "bị hỏng" in refused.value.message.vi
    assert volunteer_names(store) == []


def test_a_backup_from_another_kiosk_is_refused(
    store: Store, tmp_path: Path, kiosk_config: KioskConfig
) -> None:
    other_home = HomeLayout(tmp_path / "other-kiosk")
    other = open_store(other_home, kiosk_config)  # its own, different key
    try:
        foreign = take_backup_now(other, kiosk_config, ADMIN)
    finally:
        other.close()
    target = store.layout.backups / foreign.path.name
    shutil.copy2(foreign.path, target)
    with pytest.raises(BackupError) as refused:
        restore_backup(store, target, ADMIN)
    assert "khoá khác" in refused.value.message.vi
    assert volunteer_names(store) == []


@pytest.mark.backends("postgresql")
def test_on_the_ward_server_backups_are_refused_with_a_pointer_to_the_server(
    store: Store, kiosk_config: KioskConfig, tmp_path: Path
) -> None:
    with pytest.raises(BackupError) as refused:
        take_backup_now(store, kiosk_config, ADMIN)
    assert "máy chủ" in refused.value.message.vi
    stray = tmp_path / "stray.db"
    stray.write_bytes(b"")
    with pytest.raises(BackupError):
        restore_backup(store, stray, ADMIN)
    assert not list(store.layout.backups.glob("*.db"))
