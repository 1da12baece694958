"""A kiosk in live mode never loads the training portal; one in training mode starts it.

Each check runs a real ``kiosk-sync run`` in a fresh Python process (so nothing
another test imported can hide or fake the answer) and reads that process's
``sys.modules`` afterwards. The live portal's address is a port on 127.0.0.1
where nothing listens: the pass really tries it and records the refusal.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.paths import HomeLayout
from sync.credentials import KioskCredentials, save_credentials

# Runs the sync pass as the IT officer's timer does, then imports the modules the kiosk
# app loads for its background sync, and reports which training-portal modules are loaded.
CHILD = """
import json, sys
from sync.cli import main
code = main(["run", "--json", "--max-wait", "0"])
import kiosk.ui.application, kiosk.ui.sync_worker
loaded = sorted(name for name in sys.modules if name.startswith("sync.training_portal"))
print(json.dumps({"exit": code, "training_modules": loaded}))
"""


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_sync(home: Path, **env: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the JSON summary of the pass, the child's report) for one ``kiosk-sync run``."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    child_env.update(KIOSK_HOME=str(home), KIOSK_KEY_STORE="file", **env)
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    summary_line, report_line = result.stdout.strip().splitlines()[-2:]
    return json.loads(summary_line), json.loads(report_line)


def test_live_mode_never_imports_the_training_portal(tmp_path: Path) -> None:
    home = tmp_path / "kiosk-home"
    save_credentials(HomeLayout(home), KioskCredentials("KIOSK-01", "client-01", "s3cret-value"))
    summary, report = run_sync(
        home, KIOSK_MODE="live", KIOSK_PORTAL_URL=f"https://127.0.0.1:{unused_port()}"
    )
    assert report["exit"] == 0
    errors = summary["errors"]
    assert isinstance(errors, list) and errors, "the pass must have tried the live portal"
    assert all("ConnectionError" in str(error) for error in errors)
    assert report["training_modules"] == []


def test_training_mode_starts_the_embedded_training_portal(tmp_path: Path) -> None:
    summary, report = run_sync(tmp_path / "kiosk-home", KIOSK_MODE="training")
    assert report["exit"] == 0
    assert summary["errors"] == []
    assert "sync.training_portal.server" in report["training_modules"]
