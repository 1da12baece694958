"""The document scanner, through SANE's ``scanimage`` tool in a child process.

Why ``scanimage`` and not ``python-sane``: python-sane is a C extension with
no wheels on PyPI (it compiles against libsane-dev at install, and the
PyInstaller bundle would carry a build step per platform), and a SANE backend
runs inside the process that loads it: a driver that crashes when the USB
cable is pulled would take the kiosk with it. ``scanimage`` (Debian
``sane-utils``) runs each scan in its own process that the kiosk can time out
and kill, reports progress on stderr and writes the image to stdout, so the
page stays in memory: nothing is written to disk. The cost, ~30 ms to start
the tool, is nothing next to a scan.

Errors become one message in both languages and nothing already captured is
touched: a scanner unplugged mid-scan, a jam, an open cover, an empty feeder,
no scanner at all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kiosk.attachments.errors import AttachmentError
from kiosk.procedures import LocalText

SCANIMAGE = "scanimage"
DEFAULT_RESOLUTION = 300
SCAN_TIMEOUT_SECONDS = 180.0
_PROGRESS = re.compile(rb"Progress:\s*([0-9.]+)%")

MSG_NO_SCANNER = LocalText(
    "Không tìm thấy máy quét. Hãy kiểm tra máy quét đã bật và cắm dây, hoặc dùng máy ảnh.",
    "No scanner was found. Check that it is on and plugged in, or use the camera.",
)
MSG_SCANNER_LOST = LocalText(
    "Máy quét bị ngắt giữa chừng. Các trang đã quét vẫn được giữ. "
    "Hãy kiểm tra dây nối rồi quét lại trang này.",
    "The scanner was disconnected during the scan. Pages already scanned are kept. "
    "Check the cable, then scan this page again.",
)
MSG_SCANNER_JAMMED = LocalText(
    "Giấy bị kẹt trong máy quét. Hãy lấy giấy ra rồi quét lại trang này.",
    "The paper is jammed in the scanner. Take it out, then scan this page again.",
)
MSG_SCANNER_COVER_OPEN = LocalText(
    "Nắp máy quét đang mở. Hãy đóng nắp rồi quét lại.",
    "The scanner's cover is open. Close it, then scan again.",
)
MSG_SCANNER_NO_PAPER = LocalText(
    "Không có giấy trong khay của máy quét. Hãy đặt giấy vào rồi quét lại.",
    "There is no paper in the scanner's feeder. Put the page in, then scan again.",
)
MSG_SCANNER_BUSY = LocalText(
    "Máy quét đang bận. Hãy đợi một chút rồi quét lại.",
    "The scanner is busy. Wait a moment, then scan again.",
)
MSG_SCANNER_TIMEOUT = LocalText(
    "Máy quét không trả lời. Hãy tắt máy quét, bật lại rồi quét lại trang này.",
    "The scanner does not answer. Turn it off and on again, then scan this page again.",
)
MSG_SCANNER_FAILED = LocalText(
    "Máy quét báo lỗi nên trang này chưa được quét. Hãy quét lại hoặc dùng máy ảnh.",
    "The scanner reported an error, so this page was not scanned. Scan again or use the camera.",
)

_ERRORS: tuple[tuple[str, LocalText], ...] = (
    ("Error during device I/O", MSG_SCANNER_LOST),
    ("Invalid argument", MSG_NO_SCANNER),
    ("no SANE devices found", MSG_NO_SCANNER),
    ("Document feeder jammed", MSG_SCANNER_JAMMED),
    ("Scanner cover is open", MSG_SCANNER_COVER_OPEN),
    ("Document feeder out of documents", MSG_SCANNER_NO_PAPER),
    ("Device busy", MSG_SCANNER_BUSY),
)


class ScannerError(AttachmentError):
    """The scan did not produce a page; the message says what to do."""


@dataclass(frozen=True)
class ScannerDevice:
    name: str
    """SANE's device name, e.g. ``epsonds:libusb:001:004`` or ``test:0``."""
    label: str


def _environment(extra: Mapping[str, str] | None) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(extra or {})
    environment["LC_ALL"] = "C"  # the error texts below are matched in English
    return environment


def scanner_tool_available() -> bool:
    return shutil.which(SCANIMAGE) is not None


def find_scanners(
    environment: Mapping[str, str] | None = None, timeout: float = 30.0
) -> list[ScannerDevice]:
    """The scanners SANE sees now (an empty list when none, or no SANE at all)."""
    if not scanner_tool_available():
        return []
    try:
        result = subprocess.run(
            [SCANIMAGE, "--formatted-device-list=%d\t%v %m%n"],
            capture_output=True,
            timeout=timeout,
            env=_environment(environment),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    devices = []
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        name, _, label = line.partition("\t")
        if name.strip():
            devices.append(ScannerDevice(name.strip(), label.strip()))
    return devices


def _message_for(stderr: bytes) -> LocalText:
    text = stderr.decode("utf-8", "replace")
    for needle, message in _ERRORS:
        if needle in text:
            return message
    return MSG_SCANNER_FAILED


def scan_page(
    device: str,
    *,
    resolution: int = DEFAULT_RESOLUTION,
    colour: bool = False,
    options: Sequence[str] = (),
    progress: Callable[[float], None] | None = None,
    cancelled: threading.Event | None = None,
    environment: Mapping[str, str] | None = None,
    timeout: float = SCAN_TIMEOUT_SECONDS,
) -> bytes:
    """Scan one page and return it as PNG bytes (kept in memory, never on disk).

    ``progress`` is called with 0-100 from the reader thread as scanimage
    reports it; ``cancelled`` set stops the scan (ScannerError). Raises
    :class:`ScannerError` with a message for every failure.
    """
    command = [
        SCANIMAGE,
        "--device-name",
        device,
        "--format=png",
        "--progress",
        "--resolution",
        str(resolution),
        "--mode",
        "Color" if colour else "Gray",
        *options,
    ]
    try:
        child = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_environment(environment),
        )
    except OSError as error:
        raise ScannerError(MSG_NO_SCANNER) from error
    assert child.stdout is not None and child.stderr is not None
    stderr_parts: list[bytes] = []

    def read_stderr() -> None:
        assert child.stderr is not None
        descriptor = child.stderr.fileno()
        for chunk in iter(lambda: os.read(descriptor, 4096), b""):
            stderr_parts.append(chunk)
            if progress is not None:
                found = _PROGRESS.findall(chunk)
                if found:
                    progress(min(100.0, float(found[-1])))

    reader = threading.Thread(target=read_stderr, name="scanimage-stderr", daemon=True)
    reader.start()
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    watcher_stop = threading.Event()

    def watch_cancel() -> None:
        if cancelled is not None:
            while not watcher_stop.wait(0.1):
                if cancelled.is_set():
                    child.kill()
                    return

    watcher = threading.Thread(target=watch_cancel, name="scanimage-cancel", daemon=True)
    watcher.start()
    try:
        image = child.stdout.read()
        code = child.wait()
    finally:
        timer.cancel()
        watcher_stop.set()
        reader.join(timeout=30)  # EOF follows the exit at once; a busy machine is slow
        child.stdout.close()
        child.stderr.close()
    stderr = b"".join(stderr_parts)
    if cancelled is not None and cancelled.is_set():
        raise ScannerError(MSG_SCANNER_FAILED)
    if code < 0:  # killed: only the timer does that, once cancellation is ruled out
        raise ScannerError(MSG_SCANNER_TIMEOUT)
    # scanimage may still exit 0 after a read error (it catches the SIGPIPE that
    # follows), so its error lines decide, whatever the exit code.
    if code != 0 or b"sane_read:" in stderr or b"sane_start:" in stderr:
        raise ScannerError(_message_for(stderr))
    if not image.startswith(b"\x89PNG"):
        raise ScannerError(MSG_SCANNER_FAILED)
    if progress is not None:
        progress(100.0)
    return image
