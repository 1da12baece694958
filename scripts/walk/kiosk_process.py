"""The kiosk as ``make run`` starts it, with a scratch training home and a11y on.

Qt exposes its widgets on the AT-SPI bus only when asked to:
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` (no screen reader runs under Xvfb to ask).
The bus itself is at-spi2-core's, started by D-Bus activation inside the walk's
private session (``dbus-run-session``, see ``__main__``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
KIOSK = REPO / ".venv" / "bin" / "kiosk"
APPLICATION_NAME = "cdkv-kiosk"  # QApplication's name: how the kiosk shows on the bus


class Kiosk:
    """One kiosk process on ``display`` with its home in ``home``."""

    def __init__(self, display: str, home: Path, log: Path) -> None:
        if not KIOSK.exists():
            raise RuntimeError(f"{KIOSK} is missing: run `make translations` first")
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DISPLAY": display,
            "KIOSK_HOME": str(home),
            "KIOSK_MODE": "training",
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }
        self.log = log.open("w")
        self.process = subprocess.Popen([str(KIOSK)], env=env, stdout=self.log, stderr=self.log)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def export_receipts(home: Path, out_dir: Path) -> list[Path]:
    """The walk's printed receipts as PDFs (the venv's Python opens the sealed files)."""
    done = subprocess.run(
        [str(VENV_PYTHON), "-m", "scripts.walk.receipts", str(home), str(out_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise RuntimeError("the receipts could not be opened")
    return [Path(line) for line in done.stdout.splitlines() if line]


def render_pdf(pdf: Path, stem: Path, dpi: int = 80) -> list[Path]:
    """Each page of ``pdf`` as ``<stem>-<n>.png`` (pdftoppm)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(stem)], check=True)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))
