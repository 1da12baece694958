"""The GUI's one background runner (kiosk/ui/background.py)."""

from __future__ import annotations

import functools
import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.ui.background import TaskRunner


def test_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    threads: list[threading.Thread] = []
    results: list[object] = []

    def work() -> int:
        threads.append(threading.current_thread())
        return 42

    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        assert runner.start(
            work, lambda result: results.append((threading.current_thread(), result))
        )
        assert runner.is_busy()
    assert blocker.args == [42]
    assert threads[0] is not threading.main_thread()
    assert results == [(threading.main_thread(), 42)]
    assert not runner.is_busy()


def test_an_exception_is_reported_once(qtbot: QtBot) -> None:
    runner = TaskRunner()
    failures: list[Exception] = []

    def work() -> None:
        raise ValueError("refused")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(work, on_failure=failures.append)
    assert isinstance(blocker.args[0], ValueError)
    assert failures == [blocker.args[0]]


def test_start_refuses_while_busy_and_enqueue_keeps_the_order(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    done: list[int] = []
    busy_changes: list[bool] = []
    runner.busy_changed.connect(busy_changes.append)
    assert runner.start(lambda: release.wait(10), lambda _r: done.append(1))
    assert not runner.start(lambda: None)  # a panel's second tap, a camera frame: dropped
    runner.enqueue(lambda: 2, done.append)
    runner.enqueue(lambda: 3, done.append)
    release.set()
    qtbot.waitUntil(lambda: done == [1, 2, 3], timeout=5000)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert busy_changes == [True, False]


def test_a_success_handler_may_start_the_next_step(qtbot: QtBot) -> None:
    runner = TaskRunner()
    steps: list[str] = []

    def first_done(_result: object) -> None:
        steps.append("first")
        runner.enqueue(lambda: "second", steps.append)

    runner.start(lambda: "first", first_done)
    qtbot.waitUntil(lambda: steps == ["first", "second"], timeout=5000)


def test_the_work_is_released_on_the_gui_thread(qtbot: QtBot) -> None:
    """Freeing Qt wrappers off the GUI thread crashes (kiosk/ui/gc_policy.py)."""
    runner = TaskRunner()
    released_on: list[threading.Thread] = []

    class Payload(QObject):
        pass

    def make_work() -> object:
        payload = Payload()
        weakref.finalize(payload, lambda: released_on.append(threading.current_thread()))
        return lambda: payload.objectName()

    runner.start(make_work())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(released_on), timeout=5000)
    assert released_on == [threading.main_thread()]


def test_finished_jobs_leave_nothing_behind(qtbot: QtBot) -> None:
    """A day of receipts and camera frames: each job's objects go once its outcome is in.

    PySide kept every ``QRunnable`` subclass the pool had run once it emitted from the
    worker (the runner's carrier does): one more object per job for the whole day.
    Counted here as the objects of this module's own types still alive.
    """
    runner = TaskRunner()
    done: list[object] = []
    for index in range(60):
        runner.enqueue(functools.partial(int, index), done.append)
    qtbot.waitUntil(lambda: len(done) == 60 and not runner.is_busy(), timeout=10_000)
    assert runner.wait(5000)
    gc.collect()
    left = [
        item
        for item in gc.get_objects()
        if type(item).__module__ == "kiosk.ui.background" and not isinstance(item, QObject)
    ]
    assert left == []
