"""Resident memory before the first citizen: ``kiosk`` waiting on its welcome screen.

    python -m bench.idle_memory [--runs 3]

Ours is the real program (``python -m kiosk.app --windowed``, offscreen, a
kiosk home initialised beforehand, the default training configuration): the
welcome screen painted, then the background work it starts after the first
paint (the sync thread, the embedded training portal, the retention check).
The baseline is a bare PySide6 window of the same size kept open the same
way: the memory any PySide6 program holds here. Both are read from
``/proc/<pid>/status`` (``VmRSS``) once the value has settled (no change
above 1 MB for two seconds), then the process is stopped. A live kiosk has no
training portal, so its figure is a little lower.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Row, median, print_table, verdict
from bench.startup import child_environment

RUNS = 3
TARGET_MB = 200.0
SETTLE_SECONDS = 2.0
SETTLE_MB = 1.0
MAX_WAIT_SECONDS = 40.0

BARE_WINDOW_KEPT_OPEN = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow

application = QApplication(sys.argv[:1])
main = QMainWindow()
main.resize(1366, 768)
main.show()
main.repaint()
sys.exit(application.exec())
"""


def rss_mb(pid: int) -> float | None:
    """``VmRSS`` of ``pid`` in MB; None once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def settled_rss(command: Sequence[str], env: dict[str, str]) -> float:
    """The process's resident memory once it stops moving; the process is then stopped."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        started = time.monotonic()
        last, since = 0.0, time.monotonic()
        while time.monotonic() - started < MAX_WAIT_SECONDS:
            time.sleep(0.25)
            value = rss_mb(process.pid)
            if value is None or process.poll() is not None:
                _, errors = process.communicate(timeout=10)
                raise RuntimeError(f"{command[-1][:40]!r} ended early: {errors[-2000:]}")
            if abs(value - last) > SETTLE_MB:
                last, since = value, time.monotonic()
            elif time.monotonic() - since >= SETTLE_SECONDS:
                return last
        return last
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        if process.stderr is not None:
            process.stderr.close()


def measure(runs: int) -> dict[str, float]:
    kiosk = [sys.executable, "-m", "kiosk.app", "--windowed"]
    initialise = [sys.executable, "-m", "kiosk.app", "--self-test", "startup"]
    bare = [sys.executable, "-c", BARE_WINDOW_KEPT_OPEN]
    ours, baseline = [], []
    with tempfile.TemporaryDirectory(prefix="bench-idle-memory-") as scratch:
        env = child_environment(Path(scratch) / "home", "offscreen", None)
        subprocess.run(initialise, env=env, capture_output=True, check=True)
        for _ in range(runs):  # interleaved, as the start-up benchmark
            ours.append(settled_rss(kiosk, env))
            baseline.append(settled_rss(bare, env))
    return {"ours": median(ours), "bare": median(baseline)}


def run(runs: int = RUNS) -> list[Row]:
    result = measure(runs)
    ours, bare = result["ours"], result["bare"]
    return [
        Row(
            "memory before the first citizen (kiosk on its welcome screen, RSS)",
            f"{ours:.0f} MB",
            f"{bare:.0f} MB (bare PySide6 window)",
            f"{ours / bare:.2f}x",
            f"< {TARGET_MB:.0f} MB",
            verdict(ours < TARGET_MB),
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Resident memory of a kiosk before any citizen.")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    os.environ.setdefault("KIOSK_KEY_STORE", "file")
    print_table(run(args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
