"""The ward's PostgreSQL server stopped and started under a working kiosk.

Real processes (tests/ward_fault_child.py: a kiosk's services without a window),
the real throw-away PostgreSQL server stopped with ``pg_ctl stop -m immediate`` (as a
power cut or a crash would: no goodbye to the clients) at chosen moments, and the real
training portal. What must hold: every acknowledged answer and submit is in the
database, no case is half-written (a case has left "draft" exactly when it has its
consent, its reference and its outbox entry), every dossier reaches the portal once,
and the kiosk carries on by itself once the server is back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cases import Actor, CaseService
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import Case, Consent, OutboxEntry
from sync.training_portal.server import TrainingPortal
from tests import pg_support

pytestmark = [pytest.mark.backends("postgresql"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


class Child:
    """A kiosk child process whose printed lines the test reads one by one."""

    def __init__(self, layout: HomeLayout, url: str, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "tests.ward_fault_child", str(layout.root), *args]
        # stderr goes to a file, so stdout can be read to its end through the one text
        # reader without the child blocking on a full stderr pipe.
        self.stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            [*command, "--database-url", url],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
        )
        self.lines: list[str] = []

    def close(self) -> None:
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.stderr.close()

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read()[-3000:]

    def read_until(self, wanted: Callable[[str], bool]) -> str:
        """Lines up to the first one ``wanted`` (the child prints as it works)."""
        assert self.process.stdout is not None
        while True:
            line = self.process.stdout.readline()
            if not line:
                self.process.wait(timeout=30)
                raise AssertionError(f"the child ended early:\n{self.errors()}")
            line = line.strip()
            self.lines.append(line)
            if wanted(line):
                return line

    def finish(self, timeout: float = 600) -> None:
        """The rest of the child's lines, read through read_until's reader.

        ``communicate`` would read the pipe beneath it, and lose the lines that reader
        had already buffered: the last "submitted" line once went missing that way.
        The child gives up by itself after its --patience without the server.
        """
        assert self.process.stdout is not None
        self.lines += [line.strip() for line in self.process.stdout.read().splitlines()]
        self.process.wait(timeout=timeout)
        errors = self.errors()
        self.close()
        assert self.process.returncode == 0, errors


@pytest.fixture
def server(pg_cluster: pg_support.PgCluster) -> Iterator[pg_support.PgCluster]:
    """The session's server, started again after the test whatever happened."""
    yield pg_cluster
    if not pg_cluster.running():
        pg_cluster.start()


def saved(line: str) -> int:
    return int(line.split()[1])


def saved_at_least(target: int, line: str) -> bool:
    return line.startswith("saved ") and saved(line) >= target


def outage(child: Child, server: pg_support.PgCluster) -> None:
    """Cut the server off now; start it again once the child has noticed."""
    server.stop("immediate")
    child.read_until(lambda line: line == "unavailable")
    server.start()
    child.read_until(lambda line: line == "back")


def test_autosave_through_a_server_restart_loses_nothing_acknowledged(
    store: Store,
    service: CaseService,
    kiosk_layout: HomeLayout,
    ward_database_url: str,
    server: pg_support.PgCluster,
) -> None:
    case_id = service.start_case("birth", Actor.citizen("fault")).id
    service.release(case_id)
    child = Child(kiosk_layout, ward_database_url, "autosave", case_id)
    child.read_until(lambda line: line == "ready")
    acknowledged = 0
    for _ in range(3):
        target = acknowledged + 20
        line = child.read_until(partial(saved_at_least, target))
        acknowledged = saved(line)
        outage(child, server)
    line = child.read_until(partial(saved_at_least, acknowledged + 20))
    child.process.kill()
    assert child.process.stdout is not None
    # The same reader as read_until: lines it already buffered are not lost.
    out = child.process.stdout.read()
    child.process.wait(timeout=30)
    child.close()
    acknowledged = max(
        [int(text.split()[1]) for text in [line, *out.splitlines()] if text.startswith("saved ")]
    )
    stored = str(service.get(case_id).answers["child_birth_place"])
    assert int(stored.rsplit(" ", 1)[1]) in (acknowledged, acknowledged + 1)
    assert child.lines.count("unavailable") == 3  # it noticed each outage...
    assert child.lines.count("back") == 3  # ...and found its way back alone


def test_submit_and_sync_through_server_restarts_no_half_case_no_double_dossier(
    store: Store,
    kiosk_layout: HomeLayout,
    ward_database_url: str,
    portal: TrainingPortal,
    server: pg_support.PgCluster,
) -> None:
    child = Child(
        kiosk_layout, ward_database_url, "submit", "--citizens", "9", "--portal", portal.url
    )
    child.read_until(lambda line: line == "ready")
    # During a submit (cut as it starts), then during the sync pass that follows one.
    for _ in range(3):
        child.read_until(lambda line: line == "submitting")
        outage(child, server)
        child.read_until(lambda line: line.startswith("submitted "))
        outage(child, server)
    child.finish()
    acknowledged = {
        line.split()[1]: line.split()[2] for line in child.lines if line.startswith("submitted ")
    }
    assert len(acknowledged) == 9

    with store.sessions() as session:
        cases = list(session.scalars(select(Case)))
        consents = Counter(session.scalars(select(Consent.case_id)))
        entries = Counter(
            session.scalars(select(OutboxEntry.case_id).where(OutboxEntry.case_id.is_not(None)))
        )
    assert {case.id: case.local_reference for case in cases} == acknowledged
    for case in cases:  # whole or nothing: never a reference without its consent
        submitted = case.status != "draft"
        assert submitted == (consents[case.id] == 1) == (case.local_reference is not None)
        assert submitted == (entries[case.id] >= 1)
    assert all(case.dossier_code for case in cases)

    at_portal = Counter(
        dossier["local_reference"] for dossier in portal.app.dossiers.all_dossiers()
    )
    assert at_portal == Counter(acknowledged.values())  # each dossier at the portal once
