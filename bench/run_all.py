"""``make bench``: every benchmark of the kiosk in one table, then the machine it ran on.

    python -m bench.run_all [--quick] [--only NAME ...]

Each figure is ours against a baseline measured in the same run (see each
module's docstring for what exactly both sides do). The whole run takes 15 to
20 minutes on a 2-core machine, most of it the 300-session memory run, the
1,000-case sync runs and the start-up processes. ``--quick`` scales
every count down (a minute or two: a check that the scripts still work, not
figures to quote). A section that fails prints its error in its row; the
exit code is then 1. Nothing here asserts a target: the table says "met" or
"MISSED", the reader judges (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, print_table


@dataclass(frozen=True)
class Section:
    name: str
    figure: str
    run: Callable[[bool], list[Row]]


def _startup(quick: bool) -> list[Row]:
    from bench import startup

    return startup.run(runs=1 if quick else 7, cold_runs=1 if quick else 3, with_xvfb=True)


def _autosave(quick: bool) -> list[Row]:
    from bench import autosave

    if quick:
        autosave.REPEAT = 20
    return autosave.run()


def _wizard(quick: bool) -> list[Row]:
    from bench import wizard_step

    return wizard_step.run(next_taps=5 if quick else 100)


def _sync(quick: bool) -> list[Row]:
    from bench import sync_throughput

    if quick:
        sync_throughput.CASES = 20
    return sync_throughput.run()


def _upload(quick: bool) -> list[Row]:
    from bench import attachments

    # 120 dossiers: with 40 the raw PUTs took about 0.1 s and the pass's fixed costs
    # (one durable commit of the confirmations, the batch's reads) swung the ratio
    # between 0.59x and 0.91x from run to run (docs/performance.md).
    return attachments.upload_rows(cases=4 if quick else 120, rounds=1 if quick else 3)


def _receipt(quick: bool) -> list[Row]:
    from bench import receipt

    return receipt.run(repeat=3 if quick else 50)


def _queue(quick: bool) -> list[Row]:
    from bench import queue_open

    return queue_open.run(cases=2_000 if quick else 100_000, repeat=2 if quick else 5)


def _memory(quick: bool) -> list[Row]:
    from bench import idle_memory, memory

    before_first = idle_memory.run(runs=1 if quick else idle_memory.RUNS)
    sessions, warm = (3, 1) if quick else (memory.SESSIONS, memory.WARM_SESSIONS)
    try:
        return [*before_first, *memory.run(sessions, warm)]
    except RuntimeError as crash:
        # The kiosk as shipped died (see docs/performance.md, "Crash"): say so, then
        # measure the memory with the work-around so the figure still exists.
        died = Row("memory run as shipped", f"CRASHED: {crash}", "", "", "no crash", "MISSED")
        return [*before_first, died, *memory.run(sessions, warm, gui_thread_gc=True)]


def _typing(quick: bool) -> list[Row]:
    from bench import typing_burden

    return typing_burden.run()


def _chip(quick: bool) -> list[Row]:
    """In a fresh process: the PC/SC client library reads the socket's path once, at its
    first call, and the sections before (the kiosk's scan screen looks for readers)
    have made that call already, with the system's path instead of the private
    daemon's; every handshake with the bench's own pcscd then failed (no service)."""
    from bench import chip_read

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        rows: list[Row] = pool.apply(chip_read.run, (), {"reads": 3 if quick else 20})
    return rows


def _bundle(quick: bool) -> list[Row]:
    from bench import bundle

    return bundle.run(runs=1 if quick else 5)


SECTIONS = (
    Section("startup", "start-up to the welcome screen painted", _startup),
    Section("autosave", "autosave of one answer", _autosave),
    Section("wizard", "one wizard step", _wizard),
    Section("sync", "sync throughput and sync under faults", _sync),
    Section("upload", "upload of supporting documents", _upload),
    Section("receipt", "receipt PDF", _receipt),
    Section("queue", "volunteer queue with 100,000 cases", _queue),
    Section("memory", "memory over a long day", _memory),
    Section("typing", "typing burden", _typing),
    Section("chip", "ID card chip read on the emulated CCCD", _chip),
    Section("bundle", "the frozen bundle (`make bundle` first): start-up, size", _bundle),
)


def run_section(section: Section, quick: bool) -> tuple[list[Row], bool]:
    """The section's rows, or one row saying why it has none; and whether it worked."""
    print(f"== {section.name}: {section.figure}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        rows = section.run(quick)
    except ImportError as error:
        return [Row(section.figure, f"not measured yet: {error}", "", "", "", "")], True
    except Exception as error:
        traceback.print_exc()
        return [
            Row(section.figure, f"FAILED: {type(error).__name__}: {error}", "", "", "", "")
        ], False
    print(f"   {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    for row in rows:  # as they come: a run cut short still shows what it measured
        print(f"   {row.figure}: {row.ours} vs {row.baseline} {row.ratio}", file=sys.stderr)
    return rows, True


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine_lines(load_at_start: str) -> list[str]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    return [
        f"date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, {platform.platform()}",
        f"python {platform.python_version()}, PySide6 {pyside_version}, Qt {qVersion()}",
        f"load average (1, 5, 15 min): at start {load_at_start}, at end {load_average()}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every kiosk benchmark; print one table.")
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=[section.name for section in SECTIONS],
        help="run only these sections",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("KIOSK_KEY_STORE", "file")
    load_at_start = load_average()
    rows: list[Row] = []
    all_worked = True
    for section in SECTIONS:
        if args.only and section.name not in args.only:
            continue
        section_rows, worked = run_section(section, args.quick)
        rows += section_rows
        all_worked &= worked
    print()
    print_table(rows)
    print()
    for line in machine_lines(load_at_start):
        print(line)
    if args.quick:
        print("--quick: small counts, not figures to quote")
    return 0 if all_worked else 1


if __name__ == "__main__":
    sys.exit(main())
