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

Each side is timed at its paint, from the start-up report every side writes
(``KIOSK_STARTUP_REPORT``, see :mod:`bench.startup`): the process's CPU seconds
(the figure: steadier than the wall clock on a shared, loaded machine) and the
wall clock since the spawn; the kiosk's "ready" (store open, controller built)
is printed beside it. The ratio bundle / bare_qt says how much the kiosk adds;
it is the start-up figure of record (a ward runs the bundle): target 2x. The
baseline is the bare window run by the venv's interpreter, not frozen: a second
PyInstaller build of a bare window would take minutes per bench run, and a
frozen bare window would only add the one-folder bootloader's own few tens of
milliseconds to the baseline (so the ratio here is, if anything, slightly
pessimistic). The three sides alternate, so a burst of load hits all. Second
target: the bundle starts no slower than the same code run from the
(byte-compiled) sources. "Cold" here means a new process each time; the OS
file cache stays warm (dropping it needs root). The build time comes from
``dist/cdkv-kiosk.build.json`` written by packaging/build_bundle.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.common import Row, print_table, verdict
from bench.startup import BARE_WINDOW, Start, compile_sources, timed_start

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "cdkv-kiosk"
BUILD_INFO = ROOT / "dist" / "cdkv-kiosk.build.json"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
TARGET_RATIO = 2.0


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
    env.update({"KIOSK_HOME": str(home), "KIOSK_KEY_STORE": "file", "QT_QPA_PLATFORM": "offscreen"})
    return env


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
    bare_command = [sys.executable, "-c", BARE_WINDOW]
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as scratch:
        base = Path(scratch)
        home = base / "home"
        source_env = {**environment(base / "source-home"), "PYTHONPATH": str(ROOT)}
        start(startup, environment(home))  # initialise the homes, warm the file cache
        start(source, source_env)
        start(bare_command, environment(home))
        bundle_starts, source_starts, bare_starts = [], [], []
        for _ in range(runs):  # interleaved, so a burst of load hits every side
            bundle_starts.append(start(startup, environment(home)))
            source_starts.append(start(source, source_env))
            bare_starts.append(start(bare_command, environment(home)))
        first = [start(startup, environment(base / f"fresh-{i}")) for i in range(runs)]
    build = json.loads(BUILD_INFO.read_text(encoding="utf-8")) if BUILD_INFO.exists() else {}

    def medians(starts: list[Start]) -> dict[str, float | None]:
        readies = [s.ready_cpu for s in starts if s.ready_cpu is not None]
        ready_walls = [s.ready_wall for s in starts if s.ready_wall is not None]
        return {
            "painted_cpu": round(statistics.median(s.painted_cpu for s in starts), 3),
            "painted_wall": round(statistics.median(s.painted_wall for s in starts), 3),
            "ready_cpu": round(statistics.median(readies), 3) if readies else None,
            "ready_wall": round(statistics.median(ready_walls), 3) if ready_walls else None,
            "exit_cpu": round(statistics.median(s.exit_cpu for s in starts), 3),
            "exit_wall": round(statistics.median(s.exit_wall for s in starts), 3),
        }

    sides = {
        "bundle": medians(bundle_starts),
        "bundle_first": medians(first),
        "source": medians(source_starts),
        "bare_qt": medians(bare_starts),
    }

    def ratio(side: str, baseline: str, key: str) -> float:
        ours, theirs = sides[side][key], sides[baseline][key]
        assert ours is not None and theirs is not None
        return round(ours / theirs, 2)

    return {
        "size_mb": round(total / 1_000_000, 1),
        "largest_mb": {name: round(size / 1_000_000, 1) for name, size in folder_sizes(BUNDLE)},
        "runs": runs,
        "startup_seconds": sides,
        "ratio_bundle_to_bare_qt_cpu": ratio("bundle", "bare_qt", "painted_cpu"),
        "ratio_bundle_to_bare_qt_wall": ratio("bundle", "bare_qt", "painted_wall"),
        "ratio_bundle_to_source_cpu": ratio("bundle", "source", "painted_cpu"),
        "ratio_bundle_to_source_wall": ratio("bundle", "source", "painted_wall"),
        "build_seconds": build.get("build_seconds"),
        "build_clean": build.get("clean"),
        "python": build.get("python"),
        "pyinstaller": build.get("pyinstaller"),
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
    }


def start(command: Sequence[str], env: dict[str, str]) -> Start:
    """One start; a failing run stops the benchmark."""
    try:
        return timed_start(command, env)
    except RuntimeError as error:
        raise SystemExit(str(error)) from None


def run(runs: int = 5) -> list[Row]:
    """The figures as rows of the benchmark table (one row saying so when nothing is built)."""
    if not (BUNDLE / f"kiosk{EXE_SUFFIX}").exists():
        return [Row("bundle", "not built", "-", "-", "`make bundle` first", "-")]
    result = measure(runs)
    sides = result["startup_seconds"]
    assert isinstance(sides, dict)
    bundle, first, source, bare = (
        sides["bundle"],
        sides["bundle_first"],
        sides["source"],
        sides["bare_qt"],
    )
    cpu_ratio = bundle["painted_cpu"] / bare["painted_cpu"]
    source_ratio = bundle["painted_cpu"] / source["painted_cpu"]
    build = result["build_seconds"]
    return [
        Row(
            "start-up to welcome painted, bundle (figure of record) vs bare QMainWindow, CPU",
            f"{bundle['painted_cpu']:.2f} s",
            f"{bare['painted_cpu']:.2f} s (venv)",
            f"{cpu_ratio:.2f}x",
            f"<= {TARGET_RATIO:g}x",
            verdict(cpu_ratio <= TARGET_RATIO),
        ),
        Row(
            "same, wall clock",
            f"{bundle['painted_wall']:.2f} s",
            f"{bare['painted_wall']:.2f} s",
            f"{bundle['painted_wall'] / bare['painted_wall']:.2f}x",
            "(reported)",
            "-",
        ),
        Row(
            "start-up to ready (store open, controller built), bundle, CPU / wall",
            f"{bundle['ready_cpu']:.2f} s / {bundle['ready_wall']:.2f} s",
            f"{bare['painted_cpu']:.2f} s / {bare['painted_wall']:.2f} s",
            f"{bundle['ready_cpu'] / bare['painted_cpu']:.2f}x",
            "(reported)",
            "-",
        ),
        Row(
            "first start (empty home), bundle, painted / ready wall",
            f"{first['painted_wall']:.2f} s / {first['ready_wall']:.2f} s",
            f"{bare['painted_wall']:.2f} s",
            f"{first['painted_wall'] / bare['painted_wall']:.1f}x",
            "reported",
            "-",
        ),
        Row(
            "start to welcome painted, bundle vs byte-compiled sources, CPU",
            f"{bundle['painted_cpu']:.2f} s",
            f"{source['painted_cpu']:.2f} s",
            f"{source_ratio:.2f}x",
            "<= 1.0x",
            verdict(source_ratio <= 1.0),
        ),
        Row("bundle size", f"{result['size_mb']} MB", "-", "-", "reported", "-"),
        Row(
            "bundle build time",
            f"{build} s" if build is not None else "?",
            "-",
            "-",
            "reported",
            "-",
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
