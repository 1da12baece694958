"""Build ``dist/cdkv-kiosk/`` from ``kiosk.spec``, and say how long it took and how big it is.

Used by ``make bundle`` (``--clean``: a from-scratch build) and by the smoke
test (``--if-stale``: build only when a source is newer than the last build).

Run it with the interpreter of the project's venv: the bundle freezes
whatever that interpreter has installed, so ``pip install -e '.[bundle]'``
first (``make bundle`` does). Exit codes: 0 built (or already fresh);
1 the build failed; 2 this interpreter cannot build (too old, no PyInstaller).

After a build, ``dist/cdkv-kiosk.build.json`` records the build time, the
bundle size and the versions used (``bench/bundle.py`` reports them), and the
mtime of ``dist/cdkv-kiosk.stamp`` is the moment the build *started*: a
source saved during a build makes the next ``--if-stale`` build again.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_NAME = "cdkv-kiosk"
DIST = ROOT / "dist"
BUNDLE_DIR = DIST / BUNDLE_NAME
STAMP = DIST / f"{BUNDLE_NAME}.stamp"
BUILD_INFO = DIST / f"{BUNDLE_NAME}.build.json"
LOCK = ROOT / "build" / f"{BUNDLE_NAME}.lock"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

#: What the bundle is made from: a newer file here means the bundle is stale.
SOURCE_GLOBS = (
    "kiosk/**/*",
    "sync/**/*",
    "assets/**/*",
    "packaging/**/*",
    "kiosk.spec",
    "pyproject.toml",
    "docs/operations.md",
    "CHANGELOG.md",
    "LICENSE",
)

EXIT_BUILD_FAILED = 1
EXIT_CANNOT_BUILD = 2


def executable(name: str, bundle_dir: Path = BUNDLE_DIR) -> Path:
    """Path of one of the bundle's programs (``kiosk``, ``kiosk-sync``...)."""
    return bundle_dir / f"{name}{EXE_SUFFIX}"


def newest_source_mtime(root: Path = ROOT) -> float:
    """The latest modification time among the files the bundle is built from."""
    newest = 0.0
    for pattern in SOURCE_GLOBS:
        for path in root.glob(pattern):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            newest = max(newest, path.stat().st_mtime)
    return newest


def is_stale(root: Path = ROOT) -> bool:
    """True when there is no complete bundle, or a source changed since it was built."""
    stamp = root / "dist" / f"{BUNDLE_NAME}.stamp"
    bundle = root / "dist" / BUNDLE_NAME
    if not stamp.exists() or not executable("kiosk", bundle).exists():
        return True
    return newest_source_mtime(root) > stamp.stat().st_mtime


def directory_size(path: Path) -> int:
    """Bytes of every regular file under ``path`` (symbolic links not followed)."""
    return sum(
        entry.stat(follow_symlinks=False).st_size
        for entry in path.rglob("*")
        if entry.is_file() and not entry.is_symlink()
    )


def cannot_build_reason() -> str | None:
    """Why this interpreter cannot build the bundle, or ``None`` when it can."""
    if sys.version_info < (3, 12):  # noqa: UP036 - this script may be run by any python3
        return (
            f"Python {platform.python_version()} is too old: the bundle needs 3.12+ "
            "(PySide6 6.12 aborts on 3.11)"
        )
    if importlib.util.find_spec("PyInstaller") is None:
        return (
            f"PyInstaller is not installed in {sys.prefix}: run `make bundle`, or "
            "`pip install -e '.[bundle]'` in the project's venv"
        )
    if sys.platform.startswith("linux"):
        missing = [tool for tool in ("objcopy", "objdump") if shutil.which(tool) is None]
        if missing:
            return (
                f"PyInstaller needs {' and '.join(missing)} from binutils: "
                "sudo apt-get install binutils"
            )
    return None


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    """One build at a time in this checkout (two test runs may both find it stale)."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: builds there are run by hand, one at a time
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(*, clean: bool, quiet: bool) -> int:
    """Run PyInstaller on kiosk.spec; write the stamp and build info on success."""
    started = time.time()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", str(ROOT / "kiosk.spec")]
    if clean:
        command.insert(3, "--clean")
    if quiet:
        command[3:3] = ["--log-level", "WARN"]
    print(f"Building {BUNDLE_DIR.relative_to(ROOT)} with Python {platform.python_version()}...")
    result = subprocess.run(command, cwd=ROOT, check=False)
    seconds = time.time() - started
    if result.returncode != 0 or not executable("kiosk").exists():
        print(f"build_bundle: PyInstaller failed (exit {result.returncode})", file=sys.stderr)
        return EXIT_BUILD_FAILED
    size = directory_size(BUNDLE_DIR)
    from PyInstaller import __version__ as pyinstaller_version  # type: ignore[import-untyped]

    BUILD_INFO.write_text(
        json.dumps(
            {
                "build_seconds": round(seconds, 1),
                "size_bytes": size,
                "clean": clean,
                "python": platform.python_version(),
                "pyinstaller": pyinstaller_version,
                "platform": platform.platform(),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    STAMP.touch()
    os.utime(STAMP, (started, started))
    print(f"Built {BUNDLE_DIR} in {seconds:.0f} s: {size / 1_000_000:.0f} MB")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's caches first")
    parser.add_argument(
        "--if-stale", action="store_true", help="do nothing when the bundle is up to date"
    )
    parser.add_argument("--quiet", action="store_true", help="PyInstaller warnings only")
    args = parser.parse_args(argv)
    if args.if_stale and not is_stale():
        print(f"{BUNDLE_DIR.relative_to(ROOT)} is up to date")
        return 0
    reason = cannot_build_reason()
    if reason is not None:
        print(f"build_bundle: {reason}", file=sys.stderr)
        return EXIT_CANNOT_BUILD
    with build_lock():
        # Another process may have built it while this one waited for the lock.
        if args.if_stale and not is_stale():
            print(f"{BUNDLE_DIR.relative_to(ROOT)} is up to date")
            return 0
        return build(clean=args.clean, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
