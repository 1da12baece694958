"""Backups from the admin screen: list, take now, restore (the current file kept aside)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.admin.backups import list_backups, restore_backup, take_backup_now
from kiosk.admin.errors import BackupError
from kiosk.attachments.processing import compress_page
from kiosk.attachments.samples import render_sample
from kiosk.attachments.storage import PageStore
from kiosk.cases import CaseService
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import backup
from kiosk.store.database import Store, open_store
from kiosk.store.models import AuditEvent, Volunteer
from tests.cases_support import CARD, shipped_catalogue

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


def sealed_files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its path relative to it."""
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def test_captured_pages_are_backed_up_sealed_and_restored(
    store: Store, kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    catalogue = shipped_catalogue()
    case_id = (
        CaseService(store, catalogue, kiosk_config)
        .start_case("birth", Actor.citizen("t"), card=CARD)
        .id
    )
    pages = PageStore(store)
    scans = [
        compress_page(render_sample(kind), dpi=150).jpeg
        for kind in ("birth_certificate", "marriage_certificate")
    ]
    first = pages.add_page(case_id, "birth_certificate", scans[0])
    second = pages.add_page(case_id, "birth_certificate", scans[1])
    before = sealed_files(kiosk_layout.attachments)
    assert len(before) == 2

    taken = take_backup_now(store, kiosk_config, ADMIN)
    saved = backup.attachments_of(taken.path)
    # The same sealed bytes beside the database copy: nothing in the clear.
    assert sealed_files(saved) == before
    # Hard links where the filesystem allows: ten daily backups cost one copy of a page.
    live = kiosk_layout.attachments / case_id / f"{first.id}.page"
    assert (saved / case_id / live.name).stat().st_ino == live.stat().st_ino
    for data in before.values():
        assert data[:1] == b"\x01" and not data.startswith(b"\xff\xd8\xff")
        assert b"JFIF" not in data

    # After the backup: a page deleted, one retaken (replaced in place), one added.
    pages.delete_page(first.id)
    pages.replace_page(second.id, scans[0])
    pages.add_page(case_id, "birth_certificate", scans[1])
    assert sealed_files(saved) == before  # the backup kept what it saw

    outcome = restore_backup(store, taken.path, ADMIN)
    assert sealed_files(kiosk_layout.attachments) == before
    set_aside = [path for path in kiosk_layout.quarantine.iterdir() if path.is_dir()]
    assert len(set_aside) == 1 and len(sealed_files(set_aside[0])) == 2  # kept, not deleted
    assert outcome.kept_aside is not None

    reopened = open_store(kiosk_layout, kiosk_config)  # what the app's restart does
    try:
        restored = PageStore(reopened)
        assert [restored.read_page(page) for page in restored.pages(case_id)] == scans
    finally:
        reopened.close()


def test_pruning_a_backup_removes_its_pages_and_a_half_copy_is_cleaned(
    store: Store, kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    case_id = (
        CaseService(store, shipped_catalogue(), kiosk_config)
        .start_case("birth", Actor.citizen("t"), card=CARD)
        .id
    )
    PageStore(store).add_page(
        case_id, "birth_certificate", compress_page(render_sample("birth_certificate")).jpeg
    )
    keep = kiosk_config.retention.backups_kept
    taken = [take_backup_now(store, kiosk_config, ADMIN).path for _ in range(keep + 1)]
    assert not backup.attachments_of(taken[0]).exists()  # pruned with its database copy
    assert all(backup.attachments_of(path).is_dir() for path in taken[-keep:])
    half = kiosk_layout.backups / "kiosk-20260101-000000-000000_n999999_manual.attachments.partial"
    shutil.copytree(backup.attachments_of(taken[-1]), half)
    assert backup.remove_partials(kiosk_layout.backups) == [half]
    assert not half.exists()


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
