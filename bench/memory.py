"""Memory over a long day: resident memory after 10 and after 300 citizen sessions.

One process, offscreen, the real main window and controller: each session is
a whole birth registration by taps (:mod:`bench.citizen`), receipt rendered,
Finish. The resident set size (``VmRSS`` of ``/proc/self/status``, after a
full garbage collection) is read after the first ``warm_sessions`` (every
screen built, caches filled: the kiosk's morning) and after ``sessions``; the
growth between the two is the figure. The widget and QObject counts are read
at the same two points: a leak of widgets shows there first.

:func:`run` measures in a child process (``python -m bench.memory --json``):
a fresh interpreter whose memory holds nothing of the other benchmarks, and
whose crash (the run found one: see docs/performance.md) becomes a row that
says so instead of ending ``make bench``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from bench.citizen import (
    Bot,
    Citizen,
    application,
    card_for,
    collect_garbage_in_gui_thread_only,
    open_kiosk,
)
from bench.common import Row, median, print_table, temporary_home, verdict
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store

SESSIONS = 300
WARM_SESSIONS = 10
MAX_GROWTH = 0.05
# tracemalloc: the allocation sites compared between these two session counts.
TRACE_FROM, TRACE_TO = 10, 100
TRACE_FRAMES = 12


def rss_mb() -> float:
    """This process's resident set size in MB, after a full collection."""
    gc.collect()
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (not Linux?)")


@dataclass
class Reading:
    sessions: int
    rss_mb: float
    widgets: int
    python_objects: int = 0


def reading(sessions: int) -> Reading:
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    rss = rss_mb()  # collects first
    return Reading(sessions, rss, len(QApplication.allWidgets()), len(gc.get_objects()))


def progress(done: int, total: int, started: float) -> None:
    if done % 25 == 0 or done == total:
        rate = (time.perf_counter() - started) / done
        print(f"  memory run: {done}/{total} sessions, {rate:.1f} s each", file=sys.stderr)


def print_growth(
    before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, sessions: int, top: int = 15
) -> None:
    """The allocation sites that grew most between two snapshots, on stderr."""
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen*"),
    ]
    before, after = before.filter_traces(ignore), after.filter_traces(ignore)
    print(f"  tracemalloc: growth from session {TRACE_FROM} to {sessions}", file=sys.stderr)
    for stat in after.compare_to(before, "traceback")[:top]:
        print(f"  {stat.size_diff / 1024:+9.1f} kB {stat.count_diff:+7d} blocks", file=sys.stderr)
        for line in stat.traceback.format(most_recent_first=True):
            print(f"      {line}", file=sys.stderr)


def measure(
    sessions: int,
    warm_sessions: int,
    gui_thread_gc: bool = False,
    trace: bool = False,
    trace_frames: int = TRACE_FRAMES,
) -> tuple[Reading, Reading, list[float]]:
    """``trace``: tracemalloc snapshots at session TRACE_FROM and at the last (if later)."""
    if gui_thread_gc:
        collect_garbage_in_gui_thread_only()
    application()
    with temporary_home() as home:
        store = open_store(HomeLayout(home), KioskConfig(key_store="file"))
        bot = Bot()
        try:
            citizen = Citizen(open_kiosk(store, bot), bot)
            durations: list[float] = []
            started = time.perf_counter()
            warm: Reading | None = None
            snapshot: tracemalloc.Snapshot | None = None
            if trace:
                tracemalloc.start(trace_frames)
            for index in range(sessions):
                began = time.perf_counter()
                citizen.register_birth(card_for(index))
                durations.append(time.perf_counter() - began)
                if index + 1 == warm_sessions:
                    warm = reading(index + 1)
                if trace and index + 1 in (TRACE_FROM, sessions):
                    gc.collect()
                    if snapshot is None:
                        snapshot = tracemalloc.take_snapshot()
                    else:
                        print_growth(snapshot, tracemalloc.take_snapshot(), index + 1)
                progress(index + 1, sessions, started)
            end = reading(sessions)
            assert warm is not None
            return warm, end, durations
        finally:
            bot.close_all()
            store.close()


def rows_for(warm: Reading, end: Reading, durations: list[float]) -> list[Row]:
    growth = end.rss_mb / warm.rss_mb - 1
    objects_per_session = (end.python_objects - warm.python_objects) / max(
        1, end.sessions - warm.sessions
    )
    return [
        Row(
            f"memory: RSS after {end.sessions} vs {warm.sessions} citizen sessions",
            f"{end.rss_mb:.0f} MB",
            f"{warm.rss_mb:.0f} MB",
            f"{growth:+.1%}",
            f"growth < {MAX_GROWTH:.0%}",
            verdict(growth < MAX_GROWTH),
        ),
        Row(
            "memory run: live widgets, seconds per session",
            f"{end.widgets} widgets",
            f"{warm.widgets} widgets",
            f"{median(durations):.1f} s/session",
            "(reported)",
            "",
        ),
        Row(
            "memory run: Python objects the collector tracks, per session after the warm-up",
            f"{end.python_objects:,}",
            f"{warm.python_objects:,}",
            f"{objects_per_session:+.1f} per session",
            "(reported)",
            "",
        ),
    ]


def run_here(
    sessions: int = SESSIONS,
    warm_sessions: int = WARM_SESSIONS,
    gui_thread_gc: bool = False,
    trace: bool = False,
    trace_frames: int = TRACE_FRAMES,
) -> list[Row]:
    """Measure in this process (which must not have done anything else yet)."""
    rows = rows_for(*measure(sessions, warm_sessions, gui_thread_gc, trace, trace_frames))
    if gui_thread_gc:
        rows[0].figure += " [GC on the GUI thread only]"
    return rows


def run(
    sessions: int = SESSIONS, warm_sessions: int = WARM_SESSIONS, gui_thread_gc: bool = False
) -> list[Row]:
    """Measure in a fresh child process; RuntimeError (with its last words) if it dies.

    ``gui_thread_gc``: with the work-around of
    :func:`bench.citizen.collect_garbage_in_gui_thread_only`.
    """
    # faulthandler: should the process crash, its stderr says where (every thread).
    command = [sys.executable, "-X", "faulthandler", "-m", "bench.memory", "--json"]
    command += ["--sessions", str(sessions), "--warm", str(warm_sessions)]
    command += ["--gui-thread-gc"] if gui_thread_gc else []
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    child = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root, env=env)
    progress = [line for line in child.stderr.splitlines() if "memory run:" in line]
    sys.stderr.write("\n".join(progress) + ("\n" if progress else ""))
    if child.returncode != 0:
        how = (
            f"killed by {signal.Signals(-child.returncode).name}"
            if child.returncode < 0
            else f"exit {child.returncode}"
        )
        sys.stderr.write(child.stderr[-6000:])
        last = progress[-1].strip() if progress else "before the first progress line"
        raise RuntimeError(f"the memory run's process died ({how}); last: {last}")
    return [Row(**row) for row in json.loads(child.stdout)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Resident memory over many citizen sessions.")
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--warm", type=int, default=WARM_SESSIONS)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--gui-thread-gc",
        action="store_true",
        help="automatic garbage collection off, collected on the GUI thread (crash work-around)",
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help=f"print the allocation sites that grew from session {TRACE_FROM} to the last "
        f"(--sessions {TRACE_TO}: the issue's points; slows every session: not for the figure)",
    )
    parser.add_argument(
        "--trace-frames", type=int, default=TRACE_FRAMES, help="stack frames kept per allocation"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.warm <= args.sessions:
        parser.error("need 1 <= --warm <= --sessions")
    rows = run_here(
        args.sessions, args.warm, args.gui_thread_gc, args.tracemalloc, args.trace_frames
    )
    if args.json:
        print(json.dumps([asdict(row) for row in rows]))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
