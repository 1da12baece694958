"""Small pieces shared by the staff screens: labels, scrolling, background work, exports.

:class:`BackgroundTask` runs one callable at a time on its own thread pool and
reports back on the GUI thread through ``succeeded(object)`` / ``failed(object)``;
the staff panels use it for everything that may take more than a blink (network
checks, PDF rendering, backups, CSV exports, reports over many cases).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

from kiosk.cases.clock import VIETNAM, from_storage
from kiosk.fileio import atomic_write
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.ui.theme import style_sheet, theme_for
from kiosk.ui.widgets import name_widget, set_role

log = logging.getLogger(__name__)

EXPORTS_FOLDER = "exports"
# Staff tables hold many columns: a little smaller than the citizens' 20 pt body text.
TABLE_STYLE = "QTableView, QHeaderView { font-size: 16pt; }"
MIN_ROW_STYLE = "QListWidget::item { min-height: 60px; }"


def text_label(name: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    """A named label (objectName only: labels are not interactive)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        set_role(label, role)
    return label


def scroll_area(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically only."""
    area = QScrollArea()
    name_widget(area, name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def keep_normal_text_size(widget: QWidget) -> None:
    """Staff screens keep the normal text size when a citizen chose larger text.

    Larger text is the citizen's switch; the staff tools hold tables and forms that
    would not fit the screen at +30 %. Colours still follow the high-contrast switch.
    """
    app = QApplication.instance()
    large = bool(app.property("kiosk_large_text")) if app is not None else False
    wanted = ""
    if large and app is not None:
        wanted = style_sheet(theme_for(bool(app.property("kiosk_high_contrast")), False))
    if widget.styleSheet() != wanted:
        widget.setStyleSheet(wanted)


def local_time(stored: dt.datetime | None, with_date: bool = True) -> str:
    """A stored naive-UTC (or aware) moment as the ward office's local ``dd/mm/yyyy HH:MM``."""
    if stored is None:
        return ""
    moment = from_storage(stored) if stored.tzinfo is None else stored
    local = moment.astimezone(VIETNAM)
    return local.strftime("%d/%m/%Y %H:%M" if with_date else "%H:%M")


def exports_dir(layout: HomeLayout) -> Path:
    """``<kiosk home>/exports``, created readable by the kiosk user only."""
    folder = layout.root / EXPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def write_private(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically, readable by the kiosk user only."""
    atomic_write(path, payload, mode=0o600)


class _Carrier(QObject):
    """Lives on the GUI thread; the job emits through it (queued across threads)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self._work = work
        self._carrier = carrier

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported to the GUI thread, which decides
            self._carrier.failed.emit(error)
        else:
            self._carrier.succeeded.emit(result)


class BackgroundTask(QObject):
    """One piece of work at a time off the GUI thread.

    ``succeeded(result)`` and ``failed(exception)`` arrive on the GUI thread;
    ``busy_changed(bool)`` lets a panel disable its buttons meanwhile.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool first: children are deleted in creation order, and a pool's
        # destructor waits for its job, which still emits through the carrier.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._carrier = _Carrier(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._carrier.succeeded.connect(self._on_succeeded, queued)
        self._carrier.failed.connect(self._on_failed, queued)
        self._busy = False
        self._callbacks: tuple[Callable[[Any], None] | None, Callable[[Any], None] | None] = (
            None,
            None,
        )

    def is_busy(self) -> bool:
        return self._busy

    def start(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Any], None] | None = None,
    ) -> bool:
        """Run ``work()`` in the background; False (nothing started) while busy.

        ``on_success(result)`` / ``on_failure(exception)`` are called on the GUI
        thread before the ``succeeded`` / ``failed`` signals.
        """
        if self._busy:
            return False
        self._callbacks = (on_success, on_failure)
        self._set_busy(True)
        self._pool.start(_Job(work, self._carrier))
        return True

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the job ends (shutdown and tests only)."""
        return self._pool.waitForDone(milliseconds)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _on_succeeded(self, result: object) -> None:
        on_success, _ = self._callbacks
        self._callbacks = (None, None)
        self._set_busy(False)
        if on_success is not None:
            on_success(result)
        self.succeeded.emit(result)

    def _on_failed(self, error: object) -> None:
        _, on_failure = self._callbacks
        self._callbacks = (None, None)
        self._set_busy(False)
        if on_failure is not None:
            on_failure(error)
        self.failed.emit(error)


def refusal_text(error: object, language: str) -> str | None:
    """The refusal's own message (domain errors carry one), or None for a bug.

    A bug is logged by its type only: messages may hold personal data.
    """
    message = getattr(error, "message", None)
    if isinstance(message, LocalText):
        return message.get(language)
    if isinstance(error, OSError):
        log.error("staff task failed on the file system: %s", type(error).__name__)
        return None
    log.error("staff task failed unexpectedly: %s", type(error).__name__)
    return None
