"""Issue 14, finding 11: a read-only kiosk home is one line naming the path, exit 2.

Before the fix every command (``kiosk-sync status`` included) died with a
traceback. Root ignores file modes, so the home is a real read-only mount: a
small tmpfs remounted ``ro`` (the tests run as root here and in CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store
from tests.mount_support import mounted_tmpfs


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "ro-home", "8m") as mount_point:
        home = mount_point / "home"
        open_store(HomeLayout(home), KioskConfig(key_store="file")).close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield home


COMMANDS = {
    "kiosk": ["-m", "kiosk.app", "--self-test", "startup"],
    "kiosk_admin": ["-m", "kiosk.app", "admin", "list-volunteers"],
    "kiosk_sync_status": ["-m", "sync.cli", "status"],
    "kiosk_sync_run": ["-m", "sync.cli", "run", "--max-wait", "0"],
    "kiosk_sync_report": ["-m", "sync.cli", "report", "--date", "2026-12-06", "--csv", "-"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_says_in_one_line_that_the_home_is_read_only(
    read_only_home: Path, command: str, tmp_path: Path
) -> None:
    arguments = [a if a != "-" else str(tmp_path / "report.csv") for a in COMMANDS[command]]
    done = subprocess.run(
        [sys.executable, *arguments],
        env={**os.environ, "KIOSK_HOME": str(read_only_home), "KIOSK_KEY_STORE": "file"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(read_only_home) in lines[0] and "Read-only file system" in lines[0]
    assert done.returncode == 2
