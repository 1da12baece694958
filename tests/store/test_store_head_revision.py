"""Issue 19, fourth pass: the newest revision is read from the files once while they stay
the same, and read again when one is added or changed.

A start asks twice (is a pre-migration backup due, is an upgrade due); parsing the
revision files cost about 10 ms each time. Real parts: copies of the shipped
revision files in a temporary folder, read by the real function; nothing mocked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.store import migrate


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "versions"
    shutil.copytree(migrate.VERSIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "VERSIONS_DIR", folder)
    return folder


def newest_shipped() -> str:
    return max(p.name.split("_", 1)[0] for p in migrate.VERSIONS_DIR.glob("0*.py"))


def test_an_added_revision_is_the_new_head(versions: Path) -> None:
    shipped = newest_shipped()
    assert migrate.head_revision() == shipped
    assert migrate.head_revision() == shipped  # asked again: the same answer
    (versions / "9999_later.py").write_text(
        f'revision = "9999"\ndown_revision = "{shipped}"\n', "utf-8"
    )
    assert migrate.head_revision() == "9999"


def test_a_revision_changed_in_place_is_read_again(versions: Path) -> None:
    shipped = newest_shipped()
    later = versions / "9999_later.py"
    later.write_text(f'revision = "9999"\ndown_revision = "{shipped}"\n', "utf-8")
    assert migrate.head_revision() == "9999"
    stat = later.stat()
    later.write_text(f'revision = "9998"\ndown_revision = "{shipped}"\n', "utf-8")
    os.utime(later, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size
    assert migrate.head_revision() == "9998"
