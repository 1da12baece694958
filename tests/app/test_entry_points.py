from __future__ import annotations

import os
import subprocess
import sys

from kiosk import __version__
from kiosk.paths import HomeLayout


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or dict(os.environ),
        check=False,
    )


def test_kiosk_version() -> None:
    result = run("-m", "kiosk.app", "--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_kiosk_sync_help() -> None:
    result = run("-m", "sync.cli", "--help")
    assert result.returncode == 0
    assert "kiosk-sync" in result.stdout


def test_self_test_startup_opens_welcome_screen_cleanly(kiosk_layout: HomeLayout) -> None:
    env = {**os.environ, "KIOSK_HOME": str(kiosk_layout.root), "QT_QPA_PLATFORM": "offscreen"}
    result = run("-m", "kiosk.app", "--self-test", "startup", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", f"unexpected stderr: {result.stderr}"
    assert kiosk_layout.database.exists()
    assert (kiosk_layout.logs / "kiosk.log").exists()


def test_start_without_a_display_exits_4_naming_the_display(kiosk_layout: HomeLayout) -> None:
    """Qt used to abort (134) blaming libxcb-cursor0, installed here; the cause is no display."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(KIOSK_HOME=str(kiosk_layout.root), QT_QPA_PLATFORM="xcb")
    result = run("-m", "kiosk.app", "--self-test", "startup", env=env)
    assert result.returncode == 4, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DISPLAY" in lines[0] and "libxcb" not in lines[0]


def test_qt_check_names_the_missing_display() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = run("-m", "kiosk.qtcheck", env=env)
    assert result.returncode != 0
    assert "DISPLAY is not set" in result.stderr
