"""The GUI's one way to run a domain call off the GUI thread.

Modelled on Anki's collection operations: a :class:`TaskRunner` takes a plain
callable (a service call: render a receipt, decode a camera frame, hash a PIN,
take a backup), runs it on a worker thread of its own, and reports exactly one
outcome back **on the GUI thread**: the callable's result through
``on_success`` and ``succeeded(object)``, or the exception it raised through
``on_failure`` and ``failed(object)``. Widgets never run on the worker and the
callable must not touch them.

Why the care about threads: automatic garbage collection is off and the GUI
thread collects (:mod:`kiosk.ui.gc_policy`), because freeing a Qt wrapper off
the GUI thread crashes the process (docs/performance.md). The runner therefore
keeps its own reference to each callable and its job until the outcome has
arrived on the GUI thread, so nothing the GUI handed over is freed on the worker.

Two ways to start work:

- :meth:`TaskRunner.start` refuses (returns False) while a job runs: a staff
  panel's button, or the camera dropping frames while one is being decoded;
- :meth:`TaskRunner.enqueue` runs jobs one after another in order: receipts.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

SuccessHandler = Callable[[Any], None]
FailureHandler = Callable[[Exception], None]


@dataclass
class _Pending:
    job_id: int
    work: Callable[[], object]
    on_success: SuccessHandler | None
    on_failure: FailureHandler | None


class _Carrier(QObject):
    """Lives on the GUI thread; the job rings it (queued across threads) once its outcome
    is in the outbox."""

    done = Signal()


Outcome = tuple[int, bool, object]  # job id, succeeded, result or exception


class _Job:
    """What the worker thread runs, handed to the pool as a plain callable.

    Not a ``QRunnable`` subclass: PySide kept the wrapper of every such runnable
    that emitted a signal from the worker, referenced by the pool after Qt had
    deleted it, so the pool held one more dead job for every receipt rendered or
    camera frame decoded (found by the memory run of issue 19;
    ``tests/ui/test_ui_background.py`` counts them). This object holds nothing
    the GUI thread does not hold too, so wherever its last reference goes, it
    frees no Qt wrapper and no callable of the GUI's.
    """

    __slots__ = ("_carrier", "_job_id", "_outbox", "_work")

    def __init__(
        self,
        job_id: int,
        work: Callable[[], object],
        outbox: queue.SimpleQueue[Outcome],
        carrier: _Carrier,
    ) -> None:
        self._job_id = job_id
        self._work: Callable[[], object] | None = work
        self._outbox = outbox
        self._carrier = carrier

    def run(self) -> None:
        # Every reference this thread holds is dropped before the GUI thread is told,
        # so the GUI thread always holds the last one (see the module docstring).
        work, self._work = self._work, None
        try:
            if work is None:
                raise RuntimeError("a background job ran twice")
            outcome: Outcome = (self._job_id, True, work())
        except Exception as error:  # reported to the GUI thread, which decides
            outcome = (self._job_id, False, error)
        del work
        self._outbox.put(outcome)
        del outcome
        self._carrier.done.emit()


class TaskRunner(QObject):
    """One job at a time on a worker thread; the outcome arrives on the GUI thread.

    ``busy_changed(bool)`` lets a panel disable its buttons while work runs.
    A handler that raises reaches ``sys.excepthook`` (a crash report) and does not
    stop the queue.
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
        self._carrier.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._outbox: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        self._ids = itertools.count(1)
        self._running: _Pending | None = None
        self._waiting: deque[_Pending] = deque()
        self._busy = False

    def is_busy(self) -> bool:
        return self._busy

    def start(
        self,
        work: Callable[[], object],
        on_success: SuccessHandler | None = None,
        on_failure: FailureHandler | None = None,
    ) -> bool:
        """Run ``work()`` now; False (nothing started) while another job runs or waits."""
        if self._busy:
            return False
        self.enqueue(work, on_success, on_failure)
        return True

    def enqueue(
        self,
        work: Callable[[], object],
        on_success: SuccessHandler | None = None,
        on_failure: FailureHandler | None = None,
    ) -> int:
        """Run ``work()`` after the jobs already given; returns the job's number."""
        pending = _Pending(next(self._ids), work, on_success, on_failure)
        self._waiting.append(pending)
        self._set_busy(True)
        if self._running is None:
            self._start_next()
        return pending.job_id

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the running job ends (shutdown and tests only)."""
        return bool(self._pool.waitForDone(milliseconds))

    def _start_next(self) -> None:
        if not self._waiting:
            self._set_busy(False)
            return
        pending = self._waiting.popleft()
        self._running = pending
        self._pool.start(_Job(pending.job_id, pending.work, self._outbox, self._carrier).run)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _on_done(self) -> None:
        job_id, ok, outcome = self._outbox.get_nowait()
        pending = self._running
        if pending is None or pending.job_id != job_id:  # pragma: no cover - defensive
            log.error("background job %s reported out of turn", job_id)
            return
        # Dropped here, on the GUI thread: the callable dies with this frame.
        self._running = None
        if not self._waiting:
            self._set_busy(False)
        try:
            if ok:
                if pending.on_success is not None:
                    pending.on_success(outcome)
                self.succeeded.emit(outcome)
            else:
                assert isinstance(outcome, Exception)
                if pending.on_failure is not None:
                    pending.on_failure(outcome)
                self.failed.emit(outcome)
        finally:
            if self._running is None:
                self._start_next()
