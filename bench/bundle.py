"""Size and start-up time of the frozen bundle (dist/cdkv-kiosk), against a bare Qt window.

    python -m bench.bundle [--runs 5] [--json]

Build the bundle first (``make bundle``). Measured, each as the median of
``--runs`` fresh processes, offscreen, with a temporary kiosk home:

* ``bundle``: ``kiosk --self-test startup`` from the bundle, home already
  initialised (the kiosk's daily start);
* ``bundle_first``: the same with an empty home each time (creates the key,
  the database and runs the migrations: the first start after installing);
* ``source``: ``python -m kiosk.app --self-test startup`` from the checkout;
* ``bare_qt``: a script that only opens a QMainWindow and quits, run by this
  interpreter: the floor any PySide6 program pays on this machine.

The ratio bundle / bare_qt says how much the kiosk adds; it is steadier than
the seconds on a shared, busy machine, and it is the start-up figure of record
(a ward runs the bundle): target 2x. The baseline is the bare window run by the
venv's interpreter, not frozen: a second PyInstaller build of a bare window
would take minutes per bench run, and a frozen bare window would only add the
one-folder bootloader's own few tens of milliseconds to the baseline (so the
ratio here is, if anything, slightly pessimistic). The bundle and the bare
window alternate, so a burst of load hits both. Second target: the bundle starts
no slower than the same code run from the (byte-compiled) sources. "Cold"
here means a new process each time; the OS file cache stays warm (dropping it
needs root). The build time
comes from ``dist/cdkv-kiosk.build.json`` written by packaging/build_bundle.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import Row, print_table, verdict
from bench.startup import compile_sources

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "cdkv-kiosk"
BUILD_INFO = ROOT / "dist" / "cdkv-kiosk.build.json"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
TARGET_RATIO = 2.0

BARE_QT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
window.repaint()
QTimer.singleShot(0, app.quit)
raise SystemExit(app.exec())
"""


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
    env.update({"KIOSK_HOME": str(home), "KIOSK_KEY_STORE": "file", "QT_QPA_PLATFORM": "offscreen"})
    return env


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run; a failing run stops the benchmark."""
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return elapsed


def median_of(runs: int, once: Callable[[int], float]) -> float:
    return statistics.median(once(index) for index in range(runs))


def folder_sizes(bundle: Path, top: int = 8) -> list[tuple[str, int]]:
    """The biggest entries directly under ``_internal`` (folders summed), largest first."""
    internal = bundle / "_internal"
    sizes: list[tuple[str, int]] = []
    for entry in internal.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            size = sum(p.stat().st_size for p in entry.rglob("*") if p.is_file())
        else:
            size = entry.stat(follow_symlinks=False).st_size
        sizes.append((entry.name, size))
    return sorted(sizes, key=lambda item: item[1], reverse=True)[:top]


def measure(runs: int) -> dict[str, object]:
    kiosk = BUNDLE / f"kiosk{EXE_SUFFIX}"
    if not kiosk.exists():
        raise SystemExit(f"no bundle at {BUNDLE}: run `make bundle` first")
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    startup = [str(kiosk), "--self-test", "startup"]
    source = [sys.executable, "-m", "kiosk.app", "--self-test", "startup"]
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as scratch:
        base = Path(scratch)
        home = base / "home"
        timed(startup, environment(home))  # initialise the home, warm the file cache
        bare_command = [sys.executable, "-c", BARE_QT]
        timed(bare_command, environment(home))
        bundle_times, bare_times = [], []
        for _ in range(runs):  # interleaved
            bundle_times.append(timed(startup, environment(home)))
            bare_times.append(timed(bare_command, environment(home)))
        bundle, bare = statistics.median(bundle_times), statistics.median(bare_times)
        first = median_of(runs, lambda i: timed(startup, environment(base / f"fresh-{i}")))
        source_env = {**environment(base / "source-home"), "PYTHONPATH": str(ROOT)}
        compile_sources()
        timed(source, source_env)
        from_source = median_of(runs, lambda _i: timed(source, source_env))
    build = json.loads(BUILD_INFO.read_text(encoding="utf-8")) if BUILD_INFO.exists() else {}
    return {
        "size_mb": round(total / 1_000_000, 1),
        "largest_mb": {name: round(size / 1_000_000, 1) for name, size in folder_sizes(BUNDLE)},
        "runs": runs,
        "startup_seconds": {
            "bundle": round(bundle, 3),
            "bundle_first": round(first, 3),
            "source": round(from_source, 3),
            "bare_qt": round(bare, 3),
        },
        "ratio_bundle_to_bare_qt": round(bundle / bare, 2),
        "build_seconds": build.get("build_seconds"),
        "build_clean": build.get("clean"),
        "python": build.get("python"),
        "pyinstaller": build.get("pyinstaller"),
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
    }


def run(runs: int = 5) -> list[Row]:
    """The figures as rows of the benchmark table (one row saying so when nothing is built)."""
    if not (BUNDLE / f"kiosk{EXE_SUFFIX}").exists():
        return [Row("bundle", "not built", "-", "-", "`make bundle` first", "-")]
    result = measure(runs)
    times = result["startup_seconds"]
    assert isinstance(times, dict)
    bundle, first, source, bare = (
        times["bundle"],
        times["bundle_first"],
        times["source"],
        times["bare_qt"],
    )
    build = result["build_seconds"]
    return [
        Row("bundle size", f"{result['size_mb']} MB", "-", "-", "reported", "-"),
        Row(
            "bundle build time",
            f"{build} s" if build is not None else "?",
            "-",
            "-",
            "reported",
            "-",
        ),
        Row(
            "start-up to welcome painted, bundle (figure of record) vs bare QMainWindow",
            f"{bundle:.2f} s",
            f"{bare:.2f} s (venv)",
            f"{bundle / bare:.2f}x",
            f"<= {TARGET_RATIO:g}x",
            verdict(bundle / bare <= TARGET_RATIO),
        ),
        Row(
            "first start (empty home), bundle",
            f"{first:.2f} s",
            f"{bare:.2f} s",
            f"{first / bare:.1f}x",
            "reported",
            "-",
        ),
        Row(
            "start, bundle vs sources",
            f"{bundle:.2f} s",
            f"{source:.2f} s",
            f"{bundle / source:.2f}x",
            "<= 1.0x",
            verdict(bundle <= source),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bundle size and start-up time.")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.json:
        print(json.dumps(measure(args.runs), indent=2))
        return 0
    print_table(run(args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
