"""Say which Debian package to install when Qt cannot load a system library.

Without this, a missing library shows up as a linker error or a Qt abort about
the "xcb" platform plugin, which an IT officer cannot act on.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

# soname -> Debian package (bookworm), measured with ldd on PySide6 6.12's
# platform plugins and Qt libraries.
DEBIAN_PACKAGE_FOR_LIBRARY: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpulse.so.0": "libpulse0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def _pyside_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def libraries_to_check(platform: str) -> list[Path]:
    """The Qt binaries the kiosk loads on ``platform`` ("xcb" or "offscreen")."""
    root = _pyside_dir()
    if root is None:
        return []
    qt = root / "Qt"
    names = ["lib/libQt6Gui.so.6", "lib/libQt6Widgets.so.6", "lib/libQt6Multimedia.so.6"]
    if platform == "xcb":
        names += ["plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6"]
    else:
        names.append(f"plugins/platforms/libq{platform}.so")
    return [qt / n for n in names if (qt / n).exists()]


def missing_libraries(platform: str) -> list[str]:
    """Sonames that ldd reports as "not found" for the Qt binaries in use."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    missing: set[str] = set()
    for binary in libraries_to_check(platform):
        result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "not found" in line:
                missing.add(line.split()[0])
    return sorted(missing)


def advice(missing: list[str]) -> str:
    packages = sorted(
        {DEBIAN_PACKAGE_FOR_LIBRARY.get(s, f"(the package providing {s})") for s in missing}
    )
    return (
        "Qt cannot start: missing system libraries "
        + ", ".join(missing)
        + ".\nInstall them with:  sudo apt-get install "
        + " ".join(packages)
    )


def platform_in_use(environ: dict[str, str] | None = None) -> str:
    """The Qt platform plugin the kiosk will load, as Qt itself picks it on Linux."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def _x_server_answers(display: str) -> bool:
    """Whether a local X server listens for ``display`` (":N" or "unix:N")."""
    host, _, rest = display.rpartition(":")
    if host not in ("", "unix"):
        return True  # a TCP display: Qt will say itself whether it connects
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    path = f"/tmp/.X11-unix/X{number}"
    for address in ("\0" + path, path):  # Linux abstract socket first, then the file
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            try:
                probe.connect(address)
            except OSError:
                continue
            return True
    return False


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """One line naming the missing display, or None when Qt has somewhere to draw.

    Without this check Qt aborts (exit 134) and blames libxcb-cursor0 even when
    it is installed: the real cause is usually no X or Wayland session at all.
    """
    if not sys.platform.startswith("linux"):
        return None
    env = dict(os.environ if environ is None else environ)
    platform = platform_in_use(env)
    if platform == "xcb":
        display = env.get("DISPLAY", "")
        if not display:
            return (
                "kiosk: no display: DISPLAY is not set (start the kiosk inside the X session,"
                " or set DISPLAY=:0)"
            )
        if not _x_server_answers(display):
            return f"kiosk: no display: no X server answers on DISPLAY={display}"
    elif platform.startswith("wayland") and not env.get("WAYLAND_DISPLAY"):
        return "kiosk: no display: WAYLAND_DISPLAY is not set (start the kiosk inside the session)"
    return None


def main() -> int:
    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    missing = missing_libraries(platform_in_use())
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
