"""The kiosk home is closed to other users of the machine.

SQLite creates ``kiosk.db`` and its WAL with the process umask (0644 here), so the
home folder itself is what keeps other local accounts out. Real files, the real
``open_store``; POSIX modes only (a FAT stick has none, and the kiosk carries on).
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_world_readable_home_is_closed_when_the_store_opens(tmp_path: Path) -> None:
    home = tmp_path / "kiosk-home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)  # whatever the test runner's umask
    layout = HomeLayout(home)
    store = open_store(layout, KioskConfig(key_store="file"))
    try:
        assert (home / "kiosk.db").is_file()
        assert mode(home) == 0o700
        assert mode(layout.secrets) == 0o700
    finally:
        store.close()
