"""The app's background sync worker against the real training portal on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.cases import AccountService, Actor, CaseService, ConsentNotice
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.sync_worker import SyncWorker, connector_for
from sync.engine import PassResult
from sync.scheduler import SyncIntervals
from sync.training_portal.server import TrainingPortal
from tests.cases_support import CARD, NOTICE, birth_answers

CITIZEN = Actor.citizen("session-sync")
FAST = SyncIntervals(check_seconds=0.05, offline_probe_seconds=0.05, idle_seconds=3600)
# Only a request (or the first check) runs a pass: the test decides when.
QUIET = SyncIntervals(check_seconds=3600, offline_probe_seconds=3600, idle_seconds=3600)


@pytest.fixture
def dead_url() -> str:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def submit_birth(
    store: Store, catalogue: Catalogue, config: KioskConfig
) -> tuple[CaseService, str]:
    service = CaseService(store, catalogue, config)
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answers(case.id, birth_answers(True))
    service.promise_required_documents(case.id)
    service.submit(case.id, CITIZEN, NOTICE)
    return service, case.id


def make_worker(
    store: Store,
    catalogue: Catalogue,
    config: KioskConfig,
    layout: HomeLayout,
    url: str,
    intervals: SyncIntervals,
) -> SyncWorker:
    return SyncWorker(store, catalogue, connector_for(config, layout, url), intervals=intervals)


def assert_stopped_cleanly(worker: SyncWorker) -> None:
    thread = worker._thread
    assert thread is not None and thread.isRunning()
    assert worker.stop(10_000)
    assert thread.isFinished() and not thread.isRunning()
    assert not worker.running
    timers = worker.core.findChildren(QTimer)
    assert timers and all(not timer.isActive() for timer in timers)
    assert worker.core.thread() is worker.thread()  # back on the GUI thread
    assert worker.stop()  # twice is harmless


def test_a_submitted_case_is_pushed_and_nothing_waits(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    portal: TrainingPortal,
) -> None:
    service, case_id = submit_birth(store, catalogue, kiosk_config)
    worker = make_worker(store, catalogue, kiosk_config, kiosk_layout, portal.url, FAST)
    passes: list[PassResult] = []
    worker.pass_finished.connect(passes.append)
    with qtbot.waitSignal(
        worker.state_changed,
        timeout=15_000,
        check_params_cb=lambda online, waiting, last: online and waiting == 0 and bool(last),
    ):
        worker.start()
    case = service.get(case_id)
    assert case.status == "sent" and case.dossier_code
    assert passes and passes[0].pushed == 1
    assert len(portal.app.dossiers.all_dossiers()) == 1
    assert_stopped_cleanly(worker)


def test_request_sync_runs_a_pass_soon(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    portal: TrainingPortal,
) -> None:
    worker = make_worker(store, catalogue, kiosk_config, kiosk_layout, portal.url, QUIET)
    with qtbot.waitSignal(worker.pass_finished, timeout=15_000) as first:
        worker.start()
    assert first.args is not None and first.args[0].pushed == 0
    service, case_id = submit_birth(store, catalogue, kiosk_config)
    with qtbot.waitSignal(
        worker.pass_finished, timeout=15_000, check_params_cb=lambda result: result.pushed == 1
    ):
        worker.request_sync()
    assert service.get(case_id).status == "sent"
    assert_stopped_cleanly(worker)


def test_offline_reports_what_waits_and_keeps_it(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    dead_url: str,
) -> None:
    service, case_id = submit_birth(store, catalogue, kiosk_config)
    worker = make_worker(store, catalogue, kiosk_config, kiosk_layout, dead_url, FAST)
    passes: list[PassResult] = []
    worker.pass_finished.connect(passes.append)
    with qtbot.waitSignal(
        worker.state_changed,
        timeout=15_000,
        check_params_cb=lambda online, waiting, last: not online and waiting == 1 and last == "",
    ):
        worker.start()
    assert passes == []  # a failed probe never starts a pass (no retry attempt burnt)
    assert service.get(case_id).status == "ready"
    assert_stopped_cleanly(worker)


def test_account_push_confirm_and_wrong_code(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    portal: TrainingPortal,
) -> None:
    accounts = AccountService(store)
    notice = ConsentNotice("account", "Tôi đồng ý tạo tài khoản.", "vi")
    request = accounts.request_account(CARD, "0912345678", None, notice, CITIZEN)
    worker = make_worker(store, catalogue, kiosk_config, kiosk_layout, portal.url, QUIET)
    with qtbot.waitSignal(worker.pass_finished, timeout=15_000):
        worker.start()
    with qtbot.waitSignal(worker.account_pushed, timeout=15_000) as pushed:
        worker.push_account(request.id)
    assert pushed.args == [request.id, "pending_otp", ""]
    portal_id = accounts.get(request.id).portal_request_id
    assert portal_id is not None
    with qtbot.waitSignal(worker.account_failed, timeout=15_000) as failed:
        worker.confirm_account(request.id, "000000", CITIZEN)
    assert failed.args is not None and failed.args[0] == request.id and failed.args[1]
    code = portal.app.accounts.latest_otp(account_request_id=portal_id, phone=None)
    assert code is not None
    with qtbot.waitSignal(worker.account_confirmed, timeout=15_000):
        worker.confirm_account(request.id, str(code["code"]), CITIZEN)
    assert accounts.get(request.id).status == "confirmed"
    assert_stopped_cleanly(worker)


def test_stop_before_start_and_a_broken_connector(
    qtbot: QtBot, store: Store, catalogue: Catalogue
) -> None:
    def refuse() -> tuple[object, str]:
        raise RuntimeError("not enrolled")

    worker = SyncWorker(store, catalogue, refuse, intervals=FAST)  # type: ignore[arg-type]
    assert worker.stop()
    with qtbot.waitSignal(
        worker.state_changed, timeout=15_000, check_params_cb=lambda online, *_: not online
    ):
        worker.start()
    assert_stopped_cleanly(worker)


def test_the_worker_runs_retention_in_its_thread_once_a_day(
    qtbot: QtBot,
    store: Store,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    kiosk_layout: HomeLayout,
    dead_url: str,
) -> None:
    """The app hands the worker :func:`run_retention_if_due`: a draft 40 days old goes."""
    import datetime as dt
    import threading

    from kiosk.admin.retention import run_retention_if_due

    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    service = CaseService(store, catalogue, kiosk_config, clock=lambda: long_ago)
    draft = service.start_case("birth", CITIZEN, card=CARD).id
    threads: list[threading.Thread] = []
    reports: list[object] = []

    def housekeeping() -> object:
        threads.append(threading.current_thread())
        report = run_retention_if_due(store, kiosk_config)
        reports.append(report)
        return report

    worker = SyncWorker(
        store,
        catalogue,
        connector_for(kiosk_config, kiosk_layout, dead_url),
        intervals=FAST,
        housekeeping=housekeeping,
    )
    worker.start()
    qtbot.waitUntil(lambda: len(reports) >= 3, timeout=15_000)
    assert service.get(draft).status == "expired" and service.get(draft).answers == {}
    ran = [report for report in reports if report is not None]
    assert len(ran) == 1, "due once a day, not at every check"
    assert threading.main_thread() not in threads
    assert_stopped_cleanly(worker)
