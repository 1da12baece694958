"""Start-up to the welcome screen painted: ``kiosk --self-test startup`` vs a bare Qt window.

Every run is a new process. Ours is ``python -m kiosk.app --self-test startup``
(configuration, logging, fonts, theme, the main window, one full paint of the
welcome screen; then the store opened and the controller built, and quit); the
baseline is ``python -c`` of a script that imports PySide6, shows a QMainWindow
of the same size, paints it once and quits: the floor any PySide6 program pays
here. Both write a start-up report (``KIOSK_STARTUP_REPORT``, see
:mod:`kiosk.ui.startup`) at their paint: the process's CPU seconds then
(``time.process_time``, every thread) and the monotonic clock, read against the
clock taken just before the spawn. CPU time is the figure: on a shared, loaded
machine wall-clock seconds swing with the load, CPU seconds much less. The kiosk
also reports when it was *ready* (store open, controller built: a tap works
without waiting), printed beside it.

"Warm" reuses one kiosk home initialised beforehand (the kiosk's daily start);
"cold" gives every run an empty home (the key is created, the database built
through every migration: the first start after installing). The OS file cache
stays warm either way (dropping it needs root). Both on the offscreen platform
and under Xvfb (a real X server in memory; started here on a free display
number when the machine has none, stopped afterwards).

The source tree is byte-compiled first (``compileall``), as an install is:
this machine sets ``PYTHONDONTWRITEBYTECODE=1``, and without ``.pyc`` files
every start would compile the kiosk's ~300 modules again. The figure of record
is the frozen bundle's (:mod:`bench.bundle`); this one sits beside it.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, median, verdict

RUNS = 7
TARGET_RATIO = 2.0
COLD_RUNS = 3
ROOT = Path(__file__).resolve().parent.parent

REPORT_VARIABLE = "KIOSK_STARTUP_REPORT"  # kiosk.ui.startup.STARTUP_REPORT_VARIABLE

BARE_WINDOW = """
import json, os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

application = QApplication(sys.argv[:1])
main = QMainWindow()
main.resize(1366, 768)
main.show()
main.repaint()
report = os.environ.get("KIOSK_STARTUP_REPORT")
if report:
    moment = {"cpu_seconds": time.process_time(), "monotonic": time.monotonic()}
    with open(report, "w", encoding="utf-8") as file:
        json.dump({"painted": moment}, file)
QTimer.singleShot(0, application.quit)
sys.exit(application.exec())
"""


@dataclass(frozen=True)
class Start:
    """One start's seconds: at the paint, when ready (None: no such stage), at exit."""

    painted_cpu: float
    painted_wall: float
    ready_cpu: float | None
    ready_wall: float | None
    exit_cpu: float
    exit_wall: float


def child_environment(home: Path, platform: str, display: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
    env.update(
        {
            "KIOSK_HOME": str(home),
            "KIOSK_KEY_STORE": "file",
            "QT_QPA_PLATFORM": platform,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    if display is not None:
        env["DISPLAY"] = display
    return env


def timed_run(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit; a failing run stops the benchmark with its stderr."""
    return timed_start(command, env).exit_wall


def timed_start(command: Sequence[str], env: dict[str, str]) -> Start:
    """One start, its report read back; a failing run stops the benchmark with its stderr."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-report-") as scratch:
        report = Path(scratch) / "report.json"
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            env={**env, REPORT_VARIABLE: str(report)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        with process.stderr:
            stderr = process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        ended = time.monotonic()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:4])} exited {process.returncode}: {stderr}")
        stages = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    exit_cpu = usage.ru_utime + usage.ru_stime
    painted = stages.get("painted", {"cpu_seconds": exit_cpu, "monotonic": ended})
    ready = stages.get("ready")
    return Start(
        painted_cpu=painted["cpu_seconds"],
        painted_wall=painted["monotonic"] - started,
        ready_cpu=ready["cpu_seconds"] if ready else None,
        ready_wall=ready["monotonic"] - started if ready else None,
        exit_cpu=exit_cpu,
        exit_wall=ended - started,
    )


def free_display() -> int:
    """A display number with neither an X socket nor a lock file."""
    for number in range(90, 200):
        if not (
            Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


@contextmanager
def xvfb() -> Iterator[str | None]:
    """A display to run on: ``$DISPLAY`` if set, else an Xvfb of ours; None without Xvfb."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    binary = shutil.which("Xvfb")
    if binary is None:
        yield None
        return
    number = free_display()
    server = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def compile_sources() -> None:
    """Write the ``.pyc`` files an install writes (PySide6's came with its wheel)."""
    for package in ("kiosk", "sync"):
        compileall.compile_dir(ROOT / package, quiet=1)


def measure(platform: str, display: str | None, runs: int, cold_runs: int) -> dict[str, float]:
    """Medians of the kiosk warm and cold and of the bare window, on ``platform``."""
    kiosk = [sys.executable, "-m", "kiosk.app", "--self-test", "startup"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        base = Path(scratch)
        warm_env = child_environment(base / "home", platform, display)
        timed_start(kiosk, warm_env)  # initialise the home; warm the file cache
        timed_start(bare, warm_env)
        warm: list[Start] = []
        bare_starts: list[Start] = []
        for _ in range(runs):  # interleaved, so a burst of load hits both sides
            warm.append(timed_start(kiosk, warm_env))
            bare_starts.append(timed_start(bare, warm_env))
        cold = [
            timed_start(kiosk, child_environment(base / f"fresh-{i}", platform, display))
            for i in range(cold_runs)
        ]
    return {
        "warm_cpu": median([s.painted_cpu for s in warm]),
        "warm": median([s.painted_wall for s in warm]),
        "ready_cpu": median([s.ready_cpu or s.exit_cpu for s in warm]),
        "ready": median([s.ready_wall or s.exit_wall for s in warm]),
        "cold_cpu": median([s.painted_cpu for s in cold]),
        "cold": median([s.painted_wall for s in cold]),
        "cold_ready": median([s.ready_wall or s.exit_wall for s in cold]),
        "bare_cpu": median([s.painted_cpu for s in bare_starts]),
        "bare": median([s.painted_wall for s in bare_starts]),
    }


def rows_for(label: str, times: dict[str, float]) -> list[Row]:
    cpu_ratio = times["warm_cpu"] / times["bare_cpu"]
    return [
        Row(
            f"start-up to welcome painted, {label}, warm, CPU",
            f"{times['warm_cpu']:.2f} s",
            f"{times['bare_cpu']:.2f} s",
            f"{cpu_ratio:.2f}x",
            f"<= {TARGET_RATIO:g}x",
            verdict(cpu_ratio <= TARGET_RATIO),
        ),
        Row(
            f"start-up to welcome painted, {label}, warm, wall clock",
            f"{times['warm']:.2f} s",
            f"{times['bare']:.2f} s",
            f"{times['warm'] / times['bare']:.2f}x",
            "(reported)",
            "",
        ),
        Row(
            f"start-up to ready (store open, controller built), {label}, warm, CPU / wall",
            f"{times['ready_cpu']:.2f} s / {times['ready']:.2f} s",
            f"{times['bare_cpu']:.2f} s / {times['bare']:.2f} s",
            f"{times['ready_cpu'] / times['bare_cpu']:.2f}x"
            f" / {times['ready'] / times['bare']:.2f}x",
            "(reported)",
            "",
        ),
        Row(
            f"start-up to welcome painted, {label}, cold (empty home), CPU / wall; ready wall",
            f"{times['cold_cpu']:.2f} s / {times['cold']:.2f} s; {times['cold_ready']:.2f} s",
            f"{times['bare_cpu']:.2f} s / {times['bare']:.2f} s",
            f"{times['cold_cpu'] / times['bare_cpu']:.2f}x",
            "(reported)",
            "",
        ),
    ]


def run(runs: int = RUNS, cold_runs: int = COLD_RUNS, with_xvfb: bool = True) -> list[Row]:
    rows = rows_for("offscreen", measure("offscreen", None, runs, cold_runs))
    if not with_xvfb:
        return rows
    with xvfb() as display:
        if display is None:
            rows.append(
                Row("start-up, Xvfb", "not measured: Xvfb is not installed", "", "", "", "")
            )
        else:
            rows += rows_for("Xvfb", measure("xcb", display, runs, cold_runs))
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
