"""Route Qt's own messages into the kiosk log, and warnings to stderr as well.

A few platform-plugin notices are harmless (the offscreen plugin cannot pass
size hints to a window manager it does not have); they go to the log only,
so the smoke test's "no unexpected stderr" rule stays strict for the rest.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("kiosk.qt")

HARMLESS = (
    "This plugin does not support propagateSizeHints()",
    # QtMultimedia/QtTextToSpeech probe for PipeWire and fall back to PulseAudio.
    "Couldn't load pipewire-0.3 library",
    "Couldn't resolve pipewire-0.3 symbols",
)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    harmless = any(message.startswith(prefix) for prefix in HARMLESS)
    level = logging.DEBUG if harmless else _LEVELS.get(kind, logging.WARNING)
    log.log(level, "%s", message)
    if level >= logging.WARNING:
        print(f"Qt: {message}", file=sys.stderr)


def install() -> None:
    qInstallMessageHandler(_handle)
