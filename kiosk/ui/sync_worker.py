"""The kiosk app's background sync: a QObject on its own QThread.

The worker owns the only portal client of the app process (an
:class:`~sync.portal.HttpPortalClient` created inside the thread) and a
:class:`~sync.engine.SyncEngine`. A single-shot timer in the worker thread
wakes it every few seconds; :class:`sync.scheduler.SyncScheduler` decides
whether to probe the portal and run a pass. Everything slow (HTTP, the
database) happens in the worker thread; the GUI talks to it only through
signals, so no method here blocks the GUI thread except :meth:`stop`, which
waits for the thread to end (at most one outbox entry's request).

After each check the worker also calls its ``housekeeping`` function, if
given (the app passes :func:`kiosk.admin.retention.run_retention_if_due`, which
does its work once a day), so retention runs off the GUI thread too.

Besides passes, the worker runs the account flow's portal calls for the
account screens (:meth:`push_account`, :meth:`confirm_account`,
:meth:`resend_code`), because they need the same client.

What a caller may rely on: every public method is safe to call from the GUI
thread; results come back through the signals below, delivered in the
receiver's thread; after :meth:`stop` returns True no thread or timer of the
worker is left running.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from kiosk.cases import AccountService, Actor, CaseError
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from sync.connection import make_client
from sync.engine import PassResult, SyncEngine
from sync.lease import holder_name
from sync.portal import PortalClient, PortalError
from sync.scheduler import OutboxCounts, SyncIntervals, SyncScheduler, outbox_counts

log = logging.getLogger(__name__)

Housekeeping = Callable[[], object]
"""Called in the worker thread after every check; must return quickly when nothing is due."""

PortalConnector = Callable[[], tuple[PortalClient, str]]
"""Builds the portal client and returns it with the kiosk id (called in the worker thread)."""


def not_sent_yet() -> str:
    """The citizen's message when the request has not reached the portal (current language)."""
    return QCoreApplication.translate(
        "SyncWorker",
        "Yêu cầu chưa được gửi lên Cổng dịch vụ công. "
        "Quý vị sẽ nhận tin nhắn SMS khi yêu cầu được gửi.",
    )


def confirm_failed() -> str:
    """The citizen's message when confirming or resending a code failed unexpectedly."""
    return QCoreApplication.translate(
        "SyncWorker", "Chưa xác nhận được mã. Xin thử lại sau ít phút."
    )


class _StopRequested(Exception):
    """Raised from the pass's progress callback to end a pass between two entries."""


def connector_for(config: KioskConfig, layout: HomeLayout, base_url: str) -> PortalConnector:
    """The usual connector: the kiosk's credentials (training ones in training mode).

    ``base_url`` is the portal's URL, or the embedded training portal's
    (``sync.connection.start_embedded_portal``) when the configuration has none.
    """

    def connect() -> tuple[PortalClient, str]:
        client, credentials = make_client(config, layout, base_url)
        return client, credentials.kiosk_id

    return connect


class SyncWorker(QObject):
    """Background sync; ``start()`` it once, ``stop()`` it before the app quits.

    This object stays in the GUI thread and re-emits what the thread-side
    part reports, so any slot or plain function connected to its signals runs
    in the GUI thread (PySide6 calls a plain function connected to a signal
    of another thread's object in that other thread).

    Signals: ``state_changed(online, waiting, last_success)`` after every
    check (``last_success`` is the stored ISO time of the last good pass,
    ``""`` if none); ``pass_finished(PassResult)`` after every pass;
    ``account_pushed(request_id, status, message)`` answers :meth:`push_account`
    with the request's status afterwards (``"pending_otp"``: the portal sent
    the code; ``"queued"``: offline, the SMS will come later; ``"rejected"``
    with the portal's message); ``account_confirmed(request_id)`` and
    ``account_failed(request_id, message_vi)`` answer :meth:`confirm_account`
    and :meth:`resend_code`; ``code_resent(request_id)`` answers the latter.
    """

    state_changed = Signal(bool, int, str)
    pass_finished = Signal(object)
    account_pushed = Signal(str, str, str)
    account_confirmed = Signal(str)
    account_failed = Signal(str, str)
    code_resent = Signal(str)

    _wake_requested = Signal()
    _stop_requested = Signal()
    _push_requested = Signal(str)
    _confirm_requested = Signal(str, str, object)
    _resend_requested = Signal(str)

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        connect: PortalConnector,
        *,
        intervals: SyncIntervals | None = None,
        holder: str | None = None,
        housekeeping: Housekeeping | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync_worker")
        self._core = _SyncCore(store, catalogue, connect, intervals, holder, housekeeping)
        self._thread: QThread | None = None
        # Thread side -> here (queued: this object lives in the GUI thread).
        self._core.state_changed.connect(self.state_changed)
        self._core.pass_finished.connect(self.pass_finished)
        self._core.account_pushed.connect(self.account_pushed)
        self._core.account_confirmed.connect(self.account_confirmed)
        self._core.account_failed.connect(self.account_failed)
        self._core.code_resent.connect(self.code_resent)
        # Here -> thread side (queued once the core lives in its thread).
        self._wake_requested.connect(self._core.on_wake)
        self._stop_requested.connect(self._core.shutdown)
        self._push_requested.connect(self._core.on_push_account)
        self._confirm_requested.connect(self._core.on_confirm)
        self._resend_requested.connect(self._core.on_resend)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    @property
    def core(self) -> QObject:
        """The thread-side object (for tests that check its timers are stopped)."""
        return self._core

    def start(self) -> None:
        """Move the work to a new thread and start checking (the first check runs at once)."""
        if self._thread is not None or self._core.stopping.is_set():
            raise RuntimeError("a sync worker is started once")
        thread = QThread()
        thread.setObjectName("sync_worker_thread")
        self._core.moveToThread(thread)
        thread.started.connect(self._core.begin)
        self._thread = thread
        thread.start()

    def stop(self, timeout_ms: int = 60_000) -> bool:
        """End the thread: an entry being pushed finishes, the rest of the pass waits.

        Returns True when the thread has ended (always, unless ``timeout_ms``
        passed first). Safe to call twice, and before :meth:`start`.
        """
        thread = self._thread
        if thread is None:
            return True
        self._core.stopping.set()
        if thread.isRunning():
            self._stop_requested.emit()
            if not thread.wait(timeout_ms):
                log.error("The sync thread did not stop within %d ms", timeout_ms)
                return False
        self._thread = None
        return True

    def request_sync(self) -> None:
        """Run a pass soon (after a submit); returns at once."""
        self._wake_requested.emit()

    def push_account(self, request_id: str) -> None:
        """Send this account request now if the portal answers; see ``account_pushed``."""
        self._push_requested.emit(request_id)

    def confirm_account(self, request_id: str, code: str, actor: Actor) -> None:
        """Confirm the one-time code the citizen typed; see ``account_confirmed``/``_failed``."""
        self._confirm_requested.emit(request_id, code, actor)

    def resend_code(self, request_id: str) -> None:
        """Ask the portal to text a new code; see ``code_resent``/``account_failed``."""
        self._resend_requested.emit(request_id)


class _SyncCore(QObject):
    """The part that lives in the worker thread: timer, portal client, engine."""

    state_changed = Signal(bool, int, str)
    pass_finished = Signal(object)
    account_pushed = Signal(str, str, str)
    account_confirmed = Signal(str)
    account_failed = Signal(str, str)
    code_resent = Signal(str)

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        connect: PortalConnector,
        intervals: SyncIntervals | None,
        holder: str | None,
        housekeeping: Housekeeping | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("sync_worker_core")
        self._housekeeping = housekeeping
        self._store = store
        self._catalogue = catalogue
        self._connect = connect
        self._holder = holder or holder_name("kiosk-app")
        self._scheduler = SyncScheduler(intervals)
        self._accounts = AccountService(store)
        self.stopping = threading.Event()
        self._timer: QTimer | None = None
        self._client: PortalClient | None = None
        self._engine: SyncEngine | None = None

    @Slot()
    def begin(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        try:
            client, kiosk_id = self._connect()
        except Exception as error:
            log.error("Sync worker has no portal client: %s", type(error).__name__)
        else:
            self._client = client
            self._engine = SyncEngine(
                self._store, client, self._catalogue, kiosk_id=kiosk_id, holder=self._holder
            )
        self._timer.start(0)

    def _schedule_next(self) -> None:
        if self._timer is not None and not self.stopping.is_set():
            self._timer.start(max(0, round(self._scheduler.next_check_in() * 1000)))

    @Slot()
    def _tick(self) -> None:
        if self.stopping.is_set():
            return
        try:
            counts = outbox_counts(self._store)
            decision = self._scheduler.decide(counts)
            if decision.probe and self._probe() and decision.run_pass:
                self._run_pass()
                counts = outbox_counts(self._store)
            self._emit_state(counts)
        except Exception as error:
            log.error("Sync check failed: %s", type(error).__name__)
        try:
            if self._housekeeping is not None and not self.stopping.is_set():
                self._housekeeping()
        except Exception as error:
            log.error("Housekeeping failed: %s", type(error).__name__)
        finally:
            self._schedule_next()

    def _probe(self) -> bool:
        reachable = False
        if self._client is not None:
            try:
                self._client.meta()
                reachable = True
            except PortalError:
                reachable = False
            except Exception as error:
                log.error("Portal probe failed unexpectedly: %s", type(error).__name__)
        self._scheduler.record_probe(reachable)
        return reachable

    def _run_pass(self) -> PassResult:
        assert self._engine is not None  # a probe succeeded, so the client exists

        def stop_between_entries(_done: int, _total: int) -> None:
            if self.stopping.is_set():
                raise _StopRequested()

        try:
            result = self._engine.run_pass(stop_between_entries)
        except _StopRequested:
            result = PassResult(stopped_reason="stopping")
        except Exception as error:
            log.exception("Sync pass failed")
            result = PassResult(stopped_reason="error", errors=[type(error).__name__])
        self._scheduler.record_pass(result.online)
        self.pass_finished.emit(result)
        return result

    def _emit_state(self, counts: OutboxCounts) -> None:
        self.state_changed.emit(
            bool(self._scheduler.online), counts.waiting, counts.last_success or ""
        )

    @Slot()
    def on_wake(self) -> None:
        self._scheduler.request_soon()
        self._schedule_next()

    @Slot(str)
    def on_push_account(self, request_id: str) -> None:
        if self.stopping.is_set():
            return
        try:
            if self._probe():
                self._run_pass()
            view = self._accounts.get(request_id)
            self.account_pushed.emit(request_id, view.status, view.portal_message or "")
            self._emit_state(outbox_counts(self._store))
        except CaseError as error:
            self.account_failed.emit(request_id, error.message.vi)
        except Exception as error:
            log.error("Account push failed: %s", type(error).__name__)
            self.account_pushed.emit(request_id, "queued", "")

    def _portal_request_id(self, request_id: str) -> str | None:
        view = self._accounts.get(request_id)
        if view.portal_request_id is None or self._client is None:
            self.account_failed.emit(request_id, not_sent_yet())
            return None
        return view.portal_request_id

    @Slot(str, str, object)
    def on_confirm(self, request_id: str, code: str, actor: object) -> None:
        try:
            portal_id = self._portal_request_id(request_id)
            if portal_id is None or self._client is None:
                return
            self._client.confirm_account(portal_id, code)
            self._accounts.mark_confirmed(
                request_id, actor if isinstance(actor, Actor) else Actor.system()
            )
            self.account_confirmed.emit(request_id)
        except PortalError as error:
            self.account_failed.emit(request_id, error.message_vi)
        except CaseError as error:
            self.account_failed.emit(request_id, error.message.vi)
        except Exception as error:
            log.error("Account confirmation failed: %s", type(error).__name__)
            self.account_failed.emit(request_id, confirm_failed())

    @Slot(str)
    def on_resend(self, request_id: str) -> None:
        try:
            portal_id = self._portal_request_id(request_id)
            if portal_id is None or self._client is None:
                return
            self._client.resend_code(portal_id)
            self.code_resent.emit(request_id)
        except PortalError as error:
            self.account_failed.emit(request_id, error.message_vi)
        except CaseError as error:
            self.account_failed.emit(request_id, error.message.vi)
        except Exception as error:
            log.error("Code resend failed: %s", type(error).__name__)
            self.account_failed.emit(request_id, confirm_failed())

    @Slot()
    def shutdown(self) -> None:
        """Runs in the worker thread: stop the timer, close the client, end the thread."""
        if self._timer is not None:
            self._timer.stop()
        if self._client is not None:
            try:
                self._client.close()
            except Exception as error:
                log.error("Closing the portal client failed: %s", type(error).__name__)
            self._client = None
        if self._engine is not None and self._engine.store is not self._store:
            # The engine may keep its own connection pool (Store.relaxed): release it here.
            self._engine.store.close()
        self._engine = None
        thread = self.thread()
        application = QCoreApplication.instance()
        if application is not None:
            # Back to the GUI thread, so the object (and its stopped timer) can be
            # deleted there once the thread is gone.
            self.moveToThread(application.thread())
        thread.quit()
