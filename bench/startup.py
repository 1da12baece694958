"""Start-up to the welcome screen painted: ``kiosk --self-test startup`` vs a bare Qt window.

Every run is a new process, timed from spawn to exit: ours is
``python -m kiosk.app --self-test startup`` (configuration, logging, the
database's quick check, key and migrations check, fonts, theme, main window
and controller, one full paint of the welcome screen, quit); the baseline is
``python -c`` of a script that imports PySide6, shows a QMainWindow of the
same size, paints it once and quits: the floor any PySide6 program pays here.

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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.common import Row, median, verdict

RUNS = 7
TARGET_RATIO = 2.0
COLD_RUNS = 3
ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

application = QApplication(sys.argv[:1])
main = QMainWindow()
main.resize(1366, 768)
main.show()
main.repaint()
QTimer.singleShot(0, application.quit)
sys.exit(application.exec())
"""


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
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} exited {result.returncode}: {result.stderr}")
    return elapsed


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
    """Median seconds of the kiosk warm and cold and of the bare window, on ``platform``."""
    kiosk = [sys.executable, "-m", "kiosk.app", "--self-test", "startup"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        base = Path(scratch)
        warm_env = child_environment(base / "home", platform, display)
        timed_run(kiosk, warm_env)  # initialise the home; warm the file cache
        timed_run(bare, warm_env)
        warm, bare_times = [], []
        for _ in range(runs):  # interleaved, so a burst of load hits both sides
            warm.append(timed_run(kiosk, warm_env))
            bare_times.append(timed_run(bare, warm_env))
        cold = [
            timed_run(kiosk, child_environment(base / f"fresh-{i}", platform, display))
            for i in range(cold_runs)
        ]
    return {"warm": median(warm), "cold": median(cold), "bare": median(bare_times)}


def rows_for(label: str, times: dict[str, float]) -> list[Row]:
    warm_ratio = times["warm"] / times["bare"]
    return [
        Row(
            f"start-up to welcome painted, {label}, warm",
            f"{times['warm']:.2f} s",
            f"{times['bare']:.2f} s",
            f"{warm_ratio:.2f}x",
            f"<= {TARGET_RATIO:g}x",
            verdict(warm_ratio <= TARGET_RATIO),
        ),
        Row(
            f"start-up to welcome painted, {label}, cold",
            f"{times['cold']:.2f} s",
            f"{times['bare']:.2f} s",
            f"{times['cold'] / times['bare']:.2f}x",
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
