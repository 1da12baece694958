"""A private X server of a given size, real mouse events into it, and its pictures.

Xvfb stands in for the kiosk's screen; xdotool moves the X pointer and presses the
button (the kiosk sees the same events a touch screen's driver sends as a mouse);
ImageMagick's ``import`` takes the screenshots.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

REQUIRED_TOOLS = ("Xvfb", "xdotool", "import", "dbus-run-session", "pdftoppm")


def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


class Display:
    """``Xvfb :N`` at ``width`` x ``height``; stopped by :meth:`close`."""

    def __init__(self, number: int, width: int, height: int) -> None:
        self.name = f":{number}"
        self.width = width
        self.height = height
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            raise RuntimeError(f"display {self.name} is in use (another X server holds it)")
        self.process = subprocess.Popen(
            ["Xvfb", self.name, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"Xvfb {self.name} did not start")
            time.sleep(0.2)

    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.name}

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            list(args), env=self.env(), capture_output=True, text=True, timeout=30, check=True
        )
        return done.stdout

    def _answers(self) -> bool:
        try:
            self._run("xdotool", "getdisplaygeometry")
        except (subprocess.SubprocessError, OSError):
            return False
        return True

    def click(self, x: int, y: int) -> None:
        """Move the pointer there and press and release the left button."""
        self._run("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1")

    def wheel(self, x: int, y: int, down: bool, notches: int = 3) -> None:
        """Scroll with the wheel over (x, y): what a swipe on a touch screen does to a list."""
        button = "5" if down else "4"
        self._run(
            "xdotool",
            "mousemove",
            "--sync",
            str(x),
            str(y),
            "click",
            "--repeat",
            str(notches),
            "--delay",
            "30",
            button,
        )

    def park_pointer(self) -> None:
        """Out of the way of the screenshot (a hover look is not what a finger leaves)."""
        self._run("xdotool", "mousemove", str(self.width - 1), str(self.height - 1))

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._run("import", "-window", "root", str(path))
        return path

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
