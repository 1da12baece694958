"""One kiosk UI per home: a second one exits 5 with one line, whatever state the first is in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.paths import HomeLayout
from kiosk.single_instance import AlreadyRunning, InstanceLock

ROOT = Path(__file__).resolve().parents[2]


def kiosk_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KIOSK_HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_KEY_STORE": "file",
    }


def lock_is_held(home: Path) -> bool:
    probe = InstanceLock(home)
    try:
        probe.acquire()
    except AlreadyRunning:
        return True
    probe.release()
    return False


@pytest.fixture
def first_kiosk(kiosk_layout: HomeLayout, qtbot: QtBot) -> Iterator[subprocess.Popen[str]]:
    """A real kiosk UI (offscreen, windowed) running until the test ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.app", "--windowed"],
        env=kiosk_env(kiosk_layout.root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: lock_is_held(kiosk_layout.root), timeout=60_000)
        yield process
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)


def self_test_startup(home: Path) -> subprocess.CompletedProcess[str]:
    """``kiosk --self-test startup`` on ``home``: it takes the UI's lock like the real start."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--self-test", "startup"],
        env=kiosk_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_second_kiosk_on_the_same_home_exits_5_with_one_line(
    first_kiosk: subprocess.Popen[str], kiosk_layout: HomeLayout, qtbot: QtBot
) -> None:
    second = self_test_startup(kiosk_layout.root)
    assert second.returncode == 5, second.stderr
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert lines[0].startswith("kiosk: another kiosk is already running on ")
    assert str(kiosk_layout.root) in lines[0] and f"process {first_kiosk.pid}" in lines[0]
    assert first_kiosk.poll() is None, "the first kiosk keeps running"

    # Killed (no clean exit at all), the first kiosk leaves no lock behind.
    first_kiosk.send_signal(signal.SIGKILL)
    first_kiosk.wait(timeout=30)
    qtbot.waitUntil(lambda: not lock_is_held(kiosk_layout.root), timeout=10_000)
    again = self_test_startup(kiosk_layout.root)
    assert again.returncode == 0, again.stderr


def test_maintenance_commands_are_not_locked_out(tmp_path: Path) -> None:
    """``kiosk admin`` and ``kiosk seed`` may run beside the UI (the lock is the UI's)."""
    lock = InstanceLock(tmp_path).acquire()
    try:
        with pytest.raises(AlreadyRunning):
            InstanceLock(tmp_path).acquire()
        result = subprocess.run(
            [sys.executable, "-m", "kiosk.app", "admin", "--help"],
            env=kiosk_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    finally:
        lock.release()
    assert not lock_is_held(tmp_path)
