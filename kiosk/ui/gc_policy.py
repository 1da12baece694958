"""Collect Python's garbage cycles on the GUI thread only.

CPython runs its cyclic collector in whichever thread happens to cross the
allocation threshold. Rendering a receipt on a pool thread allocates a lot, so
that thread would often be the one freeing cycles that hold Qt wrappers (a
discarded wizard widget and a lambda connected to its own signal), and
destroying Qt objects off the GUI thread crashes the process (measured: a
segfault every 50 to 200 citizens, see docs/performance.md). So automatic
collection is switched off and the GUI thread collects on a timer, following
the same generation thresholds CPython would have used (Anki does the same).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class GuiThreadCollector(QObject):
    """Owns the garbage collector while it lives; ``stop()`` gives it back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.setObjectName("gui_thread_collector")
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold (0 if none)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            threshold = self._thresholds[generation] or 1
            if counts[generation] >= threshold:
                return gc.collect(generation)
        return 0

    def collect_now(self) -> int:
        """A full collection, e.g. when a citizen's session ends."""
        return gc.collect()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
