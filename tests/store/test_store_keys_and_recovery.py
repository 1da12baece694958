from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import backup
from kiosk.store.database import open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError, KeyStore
from kiosk.store.models import Citizen


def add_citizen(layout: HomeLayout, config: KioskConfig, name: str) -> None:
    store = open_store(layout, config)
    with store.sessions.begin() as session:
        session.add(Citizen(full_name=name))
    store.close()


def count_citizens(layout: HomeLayout, config: KioskConfig) -> list[str]:
    store = open_store(layout, config)
    with store.sessions() as session:
        names = [c.full_name for c in session.scalars(select(Citizen))]
    store.close()
    return names


def test_key_created_once_with_owner_only_permissions(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    key_file = KeyStore(kiosk_layout.secrets, "file").key_file
    assert key_file.stat().st_mode & 0o777 == 0o600
    before = key_file.read_bytes()
    add_citizen(kiosk_layout, kiosk_config, "Trần Thị Bình")
    assert key_file.read_bytes() == before


def test_missing_key_is_reported_never_replaced(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    key_file = KeyStore(kiosk_layout.secrets, "file").key_file
    key_file.unlink()
    with pytest.raises(KeyMissingError, match="key is missing"):
        open_store(kiosk_layout, kiosk_config)
    assert not key_file.exists(), "a new key must not be created silently"


def test_wrong_key_is_refused(kiosk_layout: HomeLayout, kiosk_config: KioskConfig) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    key_file = KeyStore(kiosk_layout.secrets, "file").key_file
    key_file.unlink()
    KeyStore(kiosk_layout.secrets, "file").create()
    with pytest.raises(KeyMismatchError):
        open_store(kiosk_layout, kiosk_config)


def test_kiosk_exits_3_when_key_missing(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    KeyStore(kiosk_layout.secrets, "file").key_file.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--self-test", "startup"],
        capture_output=True,
        text=True,
        env={**os.environ, "KIOSK_HOME": str(kiosk_layout.root)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 3
    assert "key is missing" in result.stderr


def test_corrupt_database_is_moved_aside_and_restored_from_backup(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    backup.take_backup(kiosk_layout.database, kiosk_layout.backups, keep=5)
    add_citizen(kiosk_layout, kiosk_config, "Trần Thị Bình")  # only in the live file
    database = kiosk_layout.database
    data = bytearray(database.read_bytes())
    data[100:4096] = os.urandom(3996)  # wreck the schema page
    database.write_bytes(bytes(data))

    store = open_store(kiosk_layout, kiosk_config)
    try:
        assert store.recovery is not None
        assert store.recovery.restored_from is not None
        quarantined = store.recovery.quarantined
        assert quarantined is not None and quarantined.exists(), "the corrupt file must be kept"
        assert "sao lưu" in store.recovery.message_vi()
        with store.sessions() as session:
            names = [c.full_name for c in session.scalars(select(Citizen))]
        assert names == ["Nguyễn Văn An"]
    finally:
        store.close()


def test_corrupt_database_without_backup_starts_empty(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    kiosk_layout.ensure()
    kiosk_layout.database.write_bytes(b"this is not a database" * 300)
    KeyStore(kiosk_layout.secrets, "file").create()
    store = open_store(kiosk_layout, kiosk_config)
    try:
        assert store.recovery is not None and store.recovery.restored_from is None
        with store.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Citizen)) == 0
    finally:
        store.close()


def test_backups_pruned_to_keep_and_restore_keeps_current_aside(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    for _ in range(5):
        backup.take_backup(kiosk_layout.database, kiosk_layout.backups, keep=3)
    backups = backup.list_backups(kiosk_layout.backups)
    assert len(backups) == 3
    add_citizen(kiosk_layout, kiosk_config, "Trần Thị Bình")
    aside = backup.restore_backup(backups[0].path, kiosk_layout.database, kiosk_layout.quarantine)
    assert aside is not None and aside.exists()
    assert count_citizens(kiosk_layout, kiosk_config) == ["Nguyễn Văn An"]


def test_a_key_file_others_can_read_is_tightened_logged_and_audited(
    kiosk_layout: HomeLayout, kiosk_config: KioskConfig
) -> None:
    """A key restored as 0644 (a USB stick, a careless copy) is not accepted silently."""
    import stat

    from kiosk.app import prepare
    from kiosk.store.models import AuditEvent

    add_citizen(kiosk_layout, kiosk_config, "Nguyễn Văn An")
    key_file = KeyStore(kiosk_layout.secrets, "file").key_file
    key_file.chmod(0o644)
    _config, store = prepare(kiosk_layout)
    try:
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        with store.sessions() as session:
            events = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "key_file_mode_fixed")
            ).all()
        assert [event.details for event in events] == [{"old_mode": "0644", "fixed": True}]
    finally:
        store.close()
    log_text = (kiosk_layout.logs / "kiosk.log").read_text(encoding="utf-8")
    assert "WARNING" in log_text and "mode 0644 (readable by others); changed to 0600" in log_text
    # Once fixed, the next start says nothing more.
    _config, again = prepare(kiosk_layout)
    again.close()
    log_lines = (kiosk_layout.logs / "kiosk.log").read_text(encoding="utf-8").splitlines()
    assert sum("readable by others" in line for line in log_lines) == 1
