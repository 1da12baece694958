"""A start-up problem found after the welcome screen has painted still ends a self-test
with its documented exit code and one plain line on stderr, never a traceback.

Real parts: ``kiosk --self-test startup`` in a fresh interpreter on a real kiosk home
whose key file is really removed (or replaced by another kiosk's).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import EXIT_KEY_PROBLEM


def self_test(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--self-test", "startup"],
        env={
            **os.environ,
            "KIOSK_HOME": str(home),
            "KIOSK_KEY_STORE": "file",
            "QT_QPA_PLATFORM": "offscreen",
        },
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home the kiosk has started in once (its database and key exist)."""
    root = tmp_path_factory.mktemp("kiosk-home")
    first = self_test(root)
    assert first.returncode == 0, first.stderr
    return root


def test_a_missing_key_ends_the_self_test_with_3(home: Path, tmp_path: Path) -> None:
    key = home / "secrets" / "field.key"
    kept = tmp_path / "field.key"
    key.rename(kept)
    try:
        done = self_test(home)
    finally:
        kept.rename(key)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "encryption key problem" in lines[0] and "missing" in lines[0]
    assert done.returncode == EXIT_KEY_PROBLEM


def test_another_kiosks_key_ends_the_self_test_with_3(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-home"
    assert self_test(other).returncode == 0
    key = home / "secrets" / "field.key"
    kept = tmp_path / "field.key"
    key.rename(kept)
    (other / "secrets" / "field.key").rename(key)
    try:
        done = self_test(home)
    finally:
        key.unlink()
        kept.rename(key)
    assert "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "encryption key problem" in done.stderr
    assert done.returncode == EXIT_KEY_PROBLEM


def test_with_the_key_back_the_self_test_passes(home: Path) -> None:
    done = self_test(home)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""


def test_a_home_that_cannot_be_written_is_code_2_with_its_path(tmp_path: Path) -> None:
    from kiosk.paths import HomeLayout, HomeUnusable, check_home_writable
    from kiosk.startup_problems import classify

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(HomeUnusable) as raised:
        check_home_writable(HomeLayout(blocker / "home"))
    problem = classify(raised.value)
    assert (problem.kind, problem.exit_code) == ("home_unusable", 2)
    assert str(blocker) in problem.detail and not problem.restart_helps


def test_anything_else_is_a_database_failure_with_code_1() -> None:
    from kiosk.startup_problems import classify
    from kiosk.store.errors import StoreUnavailable

    assert classify(StoreUnavailable("unreachable")).exit_code == 6
    assert classify(StoreUnavailable("unreachable")).restart_helps
    for error in (StoreUnavailable("full"), RuntimeError("a failed migration")):
        problem = classify(error)
        assert (problem.kind, problem.exit_code) == ("database_failed", 1)
        assert type(error).__name__ in problem.line and "logs/kiosk.log" in problem.line
