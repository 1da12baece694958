"""A kiosk pointed at a ward database server that does not answer starts with one plain
line and exit code 5 (its service starts it again), never a traceback.

The server here is a Unix socket folder where nothing listens: what a stopped server
looks like to psycopg (connection refused), without starting one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.app import EXIT_DATABASE_UNREACHABLE


def test_start_up_with_the_ward_server_down_exits_5_with_one_line(tmp_path: Path) -> None:
    nobody = tmp_path / "no-server"
    nobody.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.app", "seed", "--cases", "1"],
        env={
            **os.environ,
            "KIOSK_HOME": str(tmp_path / "home"),
            "KIOSK_KEY_STORE": "file",
            "KIOSK_DATABASE_URL": f"postgresql+psycopg://kiosk@/ward?host={nobody}",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "ward's database server cannot be reached" in lines[0]
    assert done.returncode == EXIT_DATABASE_UNREACHABLE
