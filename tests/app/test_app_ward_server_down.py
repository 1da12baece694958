"""Every command pointed at a ward database server that does not answer says so in one
plain line with its exit code, never a traceback: the kiosk 6 (its service starts it
again; its self-test too, after painting the welcome screen), ``kiosk-sync`` 3
(nothing sent, the next run sends it), ``kiosk admin`` 1.

The server here is a Unix socket folder where nothing listens: what a stopped server
looks like to psycopg (connection refused), without starting one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import EXIT_DATABASE_UNREACHABLE

COMMANDS = {
    "kiosk": (["-m", "kiosk.app", "seed", "--cases", "1"], EXIT_DATABASE_UNREACHABLE),
    # The touch UI paints its welcome screen first, then finds the server out of reach:
    # on screen (tests/ui/test_ui_startup.py) and, for a self-test, the same line and code.
    "kiosk_ui_self_test": (
        ["-m", "kiosk.app", "--self-test", "startup"],
        EXIT_DATABASE_UNREACHABLE,
    ),
    "kiosk_sync_run": (["-m", "sync.cli", "run", "--max-wait", "0"], 3),
    "kiosk_sync_status": (["-m", "sync.cli", "status"], 3),
    "kiosk_admin": (["-m", "kiosk.app", "admin", "list-volunteers"], 1),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_ward_server_down_is_one_line_and_an_exit_code(tmp_path: Path, command: str) -> None:
    arguments, code = COMMANDS[command]
    nobody = tmp_path / "no-server"
    nobody.mkdir()
    done = subprocess.run(
        [sys.executable, *arguments],
        env={
            **os.environ,
            "KIOSK_HOME": str(tmp_path / "home"),
            "KIOSK_KEY_STORE": "file",
            "KIOSK_DATABASE_URL": f"postgresql+psycopg://kiosk@/ward?host={nobody}",
            "QT_QPA_PLATFORM": "offscreen",
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
    assert done.returncode == code
