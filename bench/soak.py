"""Endurance run (``make soak``): a long day of citizens with a misbehaving portal.

One process, offscreen, the real main window, controller and background
:class:`~kiosk.ui.sync_worker.SyncWorker` (short check intervals). ``citizens``
scripted citizens (:mod:`bench.citizen`) walk a whole birth registration by
taps; every ``walk_away_every``-th one leaves in the middle of the wizard
(the idle timeout ends the session; the draft must stay). Meanwhile the
training portal, its own process on 127.0.0.1, misbehaves at random: every
few citizens new fault rates (errors, dropped connections, stalls, 429s,
garbage bodies, commits whose answer is lost), and now and then the network
"goes down" (the portal process is stopped for a few citizens, then started
again on the same port with the same database).

At the end the faults are cleared, the worker is asked for a pass and
stopped, and ``kiosk-sync run`` (the IT officer's command) pushes whatever
the back-off still holds until the outbox is empty. Then the checks:

* every submitted case is at the portal exactly once, nothing else is;
* no draft lost: every walk-away case is still a draft with its answers;
* no Qt warning;
* no leaked widgets, timers or threads (counts at the end equal those after
  the first ``warm`` citizens; no thread left once the worker has stopped);
* memory flat: resident memory grew less than 10% after the warm-up.

Prints a verdict table and exits 1 if any check fails. ``--gui-thread-gc``
runs with the work-around for the crash the memory run found (see
docs/performance.md): without it the process may die with SIGSEGV first.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import requests
from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.citizen import (
    QT_MESSAGES,
    Bot,
    Citizen,
    application,
    card_for,
    collect_garbage_in_gui_thread_only,
    open_kiosk,
)
from bench.common import Row, print_table, temporary_home, verdict
from bench.memory import rss_mb
from bench.portal_process import free_port
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store, open_store
from kiosk.store.models import Case
from kiosk.ui.sync_worker import SyncWorker, connector_for
from sync.scheduler import SyncIntervals, outbox_counts

CITIZENS = 300
WARM = 10
WALK_AWAY_EVERY = 10
INTERVALS = SyncIntervals(
    check_seconds=1.0, offline_probe_seconds=2.0, idle_seconds=10.0, soon_seconds=0.2
)


class FlakyPortal:
    """The training portal as a child process that can be stopped and started on one port."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def up(self) -> bool:
        return self.process is not None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "sync.training_portal"),
                *("--host", "127.0.0.1", "--port", str(self.port), "--db", str(self.database)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/api/v1/meta", timeout=1)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:  # the port is still held: try again
                    self.process = None
                    time.sleep(0.5)
                    return self.start()
                time.sleep(0.1)
        raise RuntimeError("the training portal did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None

    def set_faults(self, faults: dict[str, float | int]) -> None:
        requests.post(self.url + "/training/faults", json=faults, timeout=10).raise_for_status()

    def references(self) -> Counter[str]:
        answer = requests.get(self.url + "/training/dossiers", timeout=60)
        answer.raise_for_status()
        return Counter(str(d["local_reference"]) for d in answer.json()["dossiers"])


def random_faults(rng: random.Random) -> dict[str, float | int]:
    """Fault rates summing to 10-40%, every kind possible, short stalls."""
    kinds = (
        "error_rate",
        "drop_rate",
        "stall_rate",
        "rate_limit_rate",
        "garbage_rate",
        "fail_after_commit_rate",
    )
    weights = [rng.random() for _ in kinds]
    total = rng.uniform(0.1, 0.4)
    share = total / sum(weights)
    faults: dict[str, float | int] = {
        kind: round(weight * share, 3) for kind, weight in zip(kinds, weights, strict=True)
    }
    faults.update(stall_seconds=1.0, retry_after=1, seed=rng.randrange(10**6))
    return faults


@dataclass
class Census:
    """What lives in the process at one moment (at the welcome screen, between citizens)."""

    widgets: int
    top_level: int
    objects: int
    active_timers: int
    threads: Counter[str]
    rss_mb: float


def flush_events() -> None:
    """Deliver posted events, deletions too (plain processEvents leaves deleteLater pending)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def os_threads() -> Counter[str]:
    """Threads of this process by name, Qt's and Python's alike (Linux names, 15 chars)."""
    names: Counter[str] = Counter()
    for task in Path("/proc/self/task").iterdir():
        try:
            names[(task / "comm").read_text(encoding="utf-8", errors="replace").strip()] += 1
        except OSError:  # the thread ended meanwhile
            continue
    return names


def census(window: QObject) -> Census:
    flush_events()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    owned = window.findChildren(QObject) + app.findChildren(QObject)
    timers = window.findChildren(QTimer) + app.findChildren(QTimer)
    return Census(
        widgets=len(QApplication.allWidgets()),
        top_level=len(QApplication.topLevelWidgets()),
        objects=len(owned),
        active_timers=sum(1 for timer in timers if timer.isActive()),
        threads=os_threads(),
        rss_mb=rss_mb(),
    )


def drain(home: Path, url: str, attempts: int = 10) -> dict[str, object]:
    """``kiosk-sync run`` until nothing is pending (waiting out the back-off)."""
    env = {**os.environ, "KIOSK_HOME": str(home), "KIOSK_PORTAL_URL": url}
    summary: dict[str, object] = {}
    for _ in range(attempts):
        result = subprocess.run(
            [sys.executable, "-m", "sync.cli", "run", "--json", "--max-wait", "120"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        summary = json.loads(result.stdout) if result.stdout.strip() else {"error": result.stderr}
        if summary.get("pending") == 0:
            break
    return summary


@dataclass
class Day:
    submitted: dict[str, str]  # case id -> local reference
    walked_away: list[str]
    warm: Census
    end: Census
    threads_before_worker: Counter[str]
    worker_stopped: bool
    drain: dict[str, object]
    at_portal: Counter[str]
    drafts_kept: int
    outages: int
    fault_changes: int
    seconds: float


def check_drafts(store: Store, case_ids: Sequence[str]) -> int:
    """How many of ``case_ids`` are still drafts holding the child's name."""
    kept = 0
    with store.sessions() as session:
        for case_id in case_ids:
            case = session.get(Case, case_id)
            if case is not None and case.status == "draft" and case.answers.get("child_name"):
                kept += 1
    return kept


def live_a_day(
    citizens: int, warm: int, walk_away_every: int, seed: int, gui_thread_gc: bool = False
) -> Day:
    rng = random.Random(seed)
    if gui_thread_gc:
        collect_garbage_in_gui_thread_only()
    application()
    started = time.perf_counter()
    with temporary_home() as home:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        portal = FlakyPortal(home / "portal.sqlite3")
        portal.start()
        bot = Bot()
        worker: SyncWorker | None = None
        try:
            kiosk = open_kiosk(store, bot, config)
            citizen = Citizen(kiosk, bot)
            threads_before = os_threads()
            worker = SyncWorker(
                store,
                kiosk.services.catalogue,
                connector_for(config, store.layout, portal.url),
                intervals=INTERVALS,
            )
            kiosk.controller.attach_sync_worker(worker)
            worker.start()
            submitted: dict[str, str] = {}
            walked_away: list[str] = []
            outage_left = outages = fault_changes = 0
            warm_census: Census | None = None
            for index in range(citizens):
                if index % 7 == 0 and portal.up:
                    portal.set_faults(random_faults(rng))
                    fault_changes += 1
                if outage_left == 0 and not portal.up:
                    portal.start()
                    portal.set_faults(random_faults(rng))
                elif portal.up and index > 0 and rng.random() < 0.06:
                    portal.stop()
                    outage_left = rng.randint(1, 4)
                    outages += 1
                if walk_away_every and index % walk_away_every == walk_away_every - 1:
                    walked_away.append(citizen.walk_away_mid_wizard(card_for(index)))
                else:
                    result = citizen.register_birth(card_for(index))
                    submitted[result.case_id] = result.reference
                outage_left = max(0, outage_left - 1)
                if index + 1 == warm:
                    warm_census = census(kiosk.window)
                if (index + 1) % 10 == 0 or index + 1 == citizens:
                    waiting = outbox_counts(store).waiting
                    print(
                        f"  soak: {index + 1}/{citizens} citizens, {waiting} waiting to sync, "
                        f"portal {'up' if portal.up else 'DOWN'}, "
                        f"{time.perf_counter() - started:.0f} s",
                        file=sys.stderr,
                        flush=True,
                    )
            if not portal.up:
                portal.start()
            portal.set_faults({})
            worker.request_sync()
            deadline = time.monotonic() + 30  # what is due now; the back-off holds the rest
            while outbox_counts(store).waiting and time.monotonic() < deadline:
                QTest.qWait(200)
            stopped = worker.stop()
            worker = None
            pool = QThreadPool.globalInstance()
            pool.waitForDone(30_000)
            summary = drain(home, portal.url)
            # The receipt pool's idle threads end after its expiry timeout: wait it out,
            # so that any thread still there at the end is one that leaked.
            QTest.qWait(pool.expiryTimeout() + 1000)
            end_census = census(kiosk.window)
            assert warm_census is not None
            return Day(
                submitted=submitted,
                walked_away=walked_away,
                warm=warm_census,
                end=end_census,
                threads_before_worker=threads_before,
                worker_stopped=stopped,
                drain=summary,
                at_portal=portal.references(),
                drafts_kept=check_drafts(store, walked_away),
                outages=outages,
                fault_changes=fault_changes,
                seconds=time.perf_counter() - started,
            )
        finally:
            if worker is not None:
                worker.stop()
            bot.close_all()
            portal.stop()
            store.close()


def verdicts(day: Day) -> list[Row]:
    references = set(day.submitted.values())
    at_portal = day.at_portal
    missing = sum(1 for reference in references if at_portal[reference] == 0)
    doubled = sum(1 for reference in references if at_portal[reference] > 1)
    strangers = sum(1 for reference in at_portal if reference not in references)
    warm, end = day.warm, day.end
    growth = end.rss_mb / warm.rss_mb - 1
    pool_busy = QThreadPool.globalInstance().activeThreadCount()
    # Threads started once and kept (Qt Multimedia's, on the first visit to the scan
    # screen) are in the warm census; anything beyond it at the end has leaked.
    leaked = end.threads - warm.threads
    named_threads = ", ".join(f"{n}x {name}" for name, n in sorted(end.threads.items()))
    worker_left = sum(n for name, n in end.threads.items() if name.startswith("sync_worker"))
    return [
        Row(
            "submitted cases at the portal exactly once",
            f"{len(references) - missing - doubled} of {len(references)}",
            f"missing {missing}, doubled {doubled}, unknown {strangers}",
            "",
            "all, once",
            verdict(missing == 0 and doubled == 0 and strangers == 0),
        ),
        Row(
            "outbox empty at the end",
            f"pending {day.drain.get('pending')}",
            f"{day.outages} outages, {day.fault_changes} fault changes",
            "",
            "0 pending",
            verdict(day.drain.get("pending") == 0),
        ),
        Row(
            "drafts of citizens who walked away",
            f"{day.drafts_kept} kept",
            f"{len(day.walked_away)} started",
            "",
            "none lost",
            verdict(day.drafts_kept == len(day.walked_away)),
        ),
        Row(
            "Qt warnings",
            str(len(QT_MESSAGES.warnings)),
            "",
            "",
            "0",
            verdict(not QT_MESSAGES.warnings),
        ),
        Row(
            "widgets (all / top-level)",
            f"{end.widgets} / {end.top_level}",
            f"{warm.widgets} / {warm.top_level} after {WARM}",
            "",
            "no growth",
            verdict(end.widgets <= warm.widgets and end.top_level <= warm.top_level),
        ),
        Row(
            "QObjects and active timers (window + app)",
            f"{end.objects} / {end.active_timers}",
            f"{warm.objects} / {warm.active_timers} after {WARM}",
            "",
            "no growth",
            verdict(end.objects <= warm.objects and end.active_timers <= warm.active_timers),
        ),
        Row(
            "threads after the worker stopped",
            f"{end.threads.total()} ({named_threads})",
            f"{warm.threads.total()} after {WARM}, {day.threads_before_worker.total()} at start",
            "",
            "none new, no worker",
            verdict(day.worker_stopped and not leaked and not worker_left and pool_busy == 0),
        ),
        Row(
            "memory (RSS)",
            f"{end.rss_mb:.0f} MB",
            f"{warm.rss_mb:.0f} MB after {WARM}",
            f"{growth:+.1%}",
            "growth < 10%",
            verdict(growth < 0.10),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Endurance run of the kiosk UI and sync.")
    parser.add_argument("--citizens", type=int, default=CITIZENS)
    parser.add_argument("--walk-away-every", type=int, default=WALK_AWAY_EVERY)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--gui-thread-gc",
        action="store_true",
        help="automatic garbage collection off, collected on the GUI thread (crash work-around)",
    )
    args = parser.parse_args(argv)
    if args.citizens <= WARM:
        parser.error(f"--citizens must be more than {WARM}")
    faulthandler.enable()  # a crash prints every thread's stack: where it died
    day = live_a_day(args.citizens, WARM, args.walk_away_every, args.seed, args.gui_thread_gc)
    rows = verdicts(day)
    print_table(rows)
    for message in QT_MESSAGES.warnings[:10]:
        print(f"Qt warning: {message}")
    print(f"{args.citizens} citizens in {day.seconds:.0f} s")
    return 0 if all(row.verdict == "met" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
