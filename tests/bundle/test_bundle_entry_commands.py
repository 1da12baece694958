"""``kiosk admin ...``: the bundle has no ``python -m``, so the kiosk program forwards it.

A fresh kiosk has no admin account and the sign-in screen tells the IT officer to
run ``kiosk admin create-volunteer``; these tests run that command from the
sources (the smoke test runs it from the frozen bundle).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import build_parser, main
from kiosk.paths import HomeLayout

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_kiosk_admin_creates_the_first_admin_with_the_pin_from_stdin(
    kiosk_layout: HomeLayout,
) -> None:
    created = kiosk(
        "admin", "create-volunteer", "--name", "Trần Văn Bình", "--role", "admin", stdin="2468\n"
    )
    assert created.returncode == 0, created.stderr
    assert "2468" not in created.stdout + created.stderr
    listed = kiosk("admin", "list-volunteers")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split("\t")[:3] == ["1", "admin", "active"]
    assert "Trần Văn Bình" in listed.stdout


def test_kiosk_admin_refusals_keep_the_admin_clis_exit_codes(
    kiosk_layout: HomeLayout, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("12\n"))  # too short a PIN
    assert main(["admin", "create-volunteer", "--name", "Lê Thị Hoa"]) == 1
    assert "kiosk admin:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["admin", "no-such-command"])
    assert exited.value.code == 2


def test_kiosk_help_lists_the_admin_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    assert "admin" in capsys.readouterr().out
