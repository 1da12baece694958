"""kiosk/fileio.atomic_write on real files: content, mode, both flushes, and a kill mid-write."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.fileio import atomic_write

ROOT = Path(__file__).resolve().parents[2]


def test_writes_the_bytes_with_the_mode_asked(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    atomic_write(target, b"mode = 'training'\n")
    assert target.read_bytes() == b"mode = 'training'\n"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    atomic_write(target, b"public\n", mode=0o644)
    assert target.read_bytes() == b"public\n"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config.toml"]


@pytest.mark.skipif(os.name != "posix", reason="folders are flushed on POSIX only")
def test_flushes_the_file_and_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wrapper around the real os.fsync: it records what each descriptor points at.
    flushed: list[os.stat_result] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        flushed.append(os.fstat(descriptor))
        real_fsync(descriptor)

    monkeypatch.setattr("kiosk.fileio.os.fsync", recording_fsync)
    target = tmp_path / "credentials.json"
    atomic_write(target, b"{}")

    assert len(flushed) == 2
    file_flush, folder_flush = flushed
    assert stat.S_ISREG(file_flush.st_mode)
    assert file_flush.st_size == 2
    assert file_flush.st_ino == target.stat().st_ino  # the temporary became the file
    assert stat.S_ISDIR(folder_flush.st_mode)
    assert folder_flush.st_ino == tmp_path.stat().st_ino


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.fileio.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["receipt.pdf"]


def test_an_exclusive_write_creates_but_never_replaces(tmp_path: Path) -> None:
    key = tmp_path / "field.key"
    atomic_write(key, b"first\n", exclusive=True)
    assert key.read_bytes() == b"first\n"
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        atomic_write(key, b"second\n", exclusive=True)
    assert key.read_bytes() == b"first\n"
    assert [path.name for path in tmp_path.iterdir()] == ["field.key"]


def test_a_missing_folder_is_the_callers_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "absent" / "file", b"x")


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kiosk.fileio import atomic_write

    target = Path(sys.argv[1])
    size = 2_000_000
    count = 0
    while True:
        count += 1
        letter = b"AB"[count % 2 : count % 2 + 1]
        atomic_write(target, letter * size)
        print(f"wrote {count}", flush=True)
    """
)


def test_a_writer_killed_mid_write_leaves_one_whole_version(tmp_path: Path) -> None:
    target = tmp_path / "answers.json"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None
    try:
        for _ in range(5):
            assert child.stdout.readline().startswith("wrote")
    finally:
        child.kill()
        child.wait()
        child.stdout.close()

    content = target.read_bytes()
    assert len(content) == 2_000_000
    assert content in (b"A" * 2_000_000, b"B" * 2_000_000)
