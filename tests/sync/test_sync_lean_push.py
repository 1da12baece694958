"""Issue 19: the push reads a batch's entries a window at a time, sends the declaration
without encoding it again, and `kiosk-sync run` starts without the libraries only a
lost declaration needs.

Real parts: cases submitted through CaseService into a real SQLite store, their
declarations drawn and sealed as the receipt's runner does, the real sync engine
and the real `kiosk-sync` process against the real training portal on 127.0.0.1.
The statements are counted with SQLAlchemy's cursor event on the engine's own
connections, nothing is replaced.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event, select

from kiosk.cases import CaseService
from kiosk.cases.declarations import attachment_body, attachment_json, declaration_pdf
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import Case
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import READ_AHEAD, SyncEngine
from sync.portal import EncodedJson
from sync.portal.encoded import encode_body
from sync.training_portal.server import TrainingPortal
from tests.sync_support import catalogue, submit_cases, training_client

ROOT = Path(__file__).resolve().parents[2]
# Only a lost declaration is drawn (reportlab, the QR code's numpy); only a legacy
# entry or a drawing needs the definitions checked against their schema (jsonschema).
DRAWING_ONLY = ("reportlab", "numpy", "jsonschema", "PySide6", "kiosk.ui", "kiosk.documents.qr")
# Nor does a run with frozen bodies and sealed declarations need the case and account
# services or the form engine's loader and fees (Babel): `kiosk.cases` and
# `kiosk.procedures` load their names on first use (issue 19, fourth pass).
SERVICES_ONLY = (
    "kiosk.cases.service",
    "kiosk.cases.accounts",
    "kiosk.procedures.loader",
    "kiosk.procedures.fees",
    "babel",
)
PRINT_MODULES = (
    "import json, sys\n"
    "from sync.cli import main\n"
    "code = main(['run', '--json'])\n"
    f"heavy = sorted(m for m in sys.modules if m.startswith({DRAWING_ONLY + SERVICES_ONLY!r}))\n"
    "print(json.dumps({'exit': code, 'heavy': heavy}))\n"
)


def kiosk_sync_environment(layout: HomeLayout, portal: TrainingPortal) -> dict[str, str]:
    """A `kiosk-sync` child's environment: this home, the training portal, the file key."""
    return {
        **os.environ,
        "KIOSK_HOME": str(layout.root),
        "KIOSK_PORTAL_URL": portal.url,
        "KIOSK_KEY_STORE": "file",
        "PYTHONPATH": str(ROOT),
    }


def python_lines(script: str, env: dict[str, str]) -> list[str]:
    """What ``script`` prints in a fresh interpreter (which must succeed), line by line."""
    finished = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.splitlines()


def test_a_pass_reads_the_outbox_a_window_at_a_time(store: Store, portal: TrainingPortal) -> None:
    count = READ_AHEAD + 10
    submit_cases(store, count)
    config = KioskConfig(key_store="file")
    with training_client(portal) as client:
        engine = SyncEngine(
            store,
            client,
            catalogue(),
            kiosk_id=TRAINING_KIOSK_ID,
            holder="t",
            config=config,
            batch_size=count,
        )
        outbox_reads: list[str] = []

        def count_reads(conn: object, cursor: object, statement: str, *args: object) -> None:
            if statement.lstrip().upper().startswith("SELECT") and "FROM outbox" in statement:
                outbox_reads.append(statement)

        event.listen(engine.store.engine, "before_cursor_execute", count_reads)
        try:
            result = engine.run_pass()
        finally:
            event.remove(engine.store.engine, "before_cursor_execute", count_reads)
            engine.close()
    assert (result.pushed, result.pending) == (count, 0)
    # The claim, two windows of entries, the pending counts at the end: a handful of
    # reads for 60 dossiers (one ORM get per entry made it more than 60).
    assert 2 <= len(outbox_reads) <= 10, outbox_reads
    assert sum(" IN (" in s or " IN (__" in s for s in outbox_reads) >= 2
    assert len(portal.app.dossiers.all_dossiers()) == count


def test_kiosk_sync_run_draws_nothing_when_the_declarations_are_sealed(
    store: Store, kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    cat = catalogue()
    config = KioskConfig(key_store="file")
    service = CaseService(store, cat, config)
    sealed = submit_cases(store, 2)
    pdfs = {case_id: declaration_pdf(service, case_id, config, cat) for case_id in sealed}
    env = kiosk_sync_environment(kiosk_layout, portal)

    def kiosk_sync_run() -> tuple[int, list[str]]:
        lines = python_lines(PRINT_MODULES, env)
        summary, modules = (json.loads(line) for line in lines[-2:])
        assert summary["pending"] == 0 and modules["exit"] == 0, summary
        return int(summary["pushed"]), list(modules["heavy"])

    assert kiosk_sync_run() == (2, [])

    # A case whose declaration was never sealed (the receipt's runner did not get to
    # it): drawn by the sync on its first send, which then loads what drawing needs.
    (lost,) = submit_cases(store, 1, seed=5)
    pushed, heavy = kiosk_sync_run()
    assert pushed == 1
    assert "reportlab" in heavy
    pdfs[lost] = declaration_pdf(service, lost, config, cat)  # the file it sealed
    with store.sessions() as session:
        references = {case.local_reference: case.id for case in session.scalars(select(Case))}
    dossiers = portal.app.dossiers.all_dossiers()
    assert len(dossiers) == 3
    for dossier in dossiers:
        body = dossier["body"]
        assert isinstance(body, dict)
        pdf = pdfs[references[str(dossier["local_reference"])]]
        declaration = body["declaration"]
        assert declaration["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert base64.b64decode(declaration["content_base64"]) == pdf


def test_the_spliced_declaration_gives_the_bytes_json_dumps_gave() -> None:
    pdf = bytes(range(256)) * 300
    reference = "20551-261206-01-0001-3"
    body: dict[str, object] = {
        "procedure_id": "birth",
        "local_reference": reference,
        "kiosk_id": TRAINING_KIOSK_ID,
        "answers": {"requester_name": "Nguyễn Thị Lan", "note": 'a "quote", a \\ and a\nline'},
    }
    as_before = json.dumps(
        {**body, "declaration": attachment_body(pdf, reference)}, ensure_ascii=False
    ).encode("utf-8")
    spliced = {**body, "declaration": EncodedJson(attachment_json(pdf, reference))}
    assert encode_body(spliced) == as_before
    # Not last: moved to the end, the same JSON object.
    first = {"declaration": EncodedJson(attachment_json(pdf, reference)), **body}
    assert json.loads(encode_body(first)) == json.loads(as_before)
    assert encode_body({"only": EncodedJson(b"[1, 2]")}) == b'{"only": [1, 2]}'


def test_the_command_line_freezes_what_is_left_before_it_exits(
    kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    """`kiosk-sync` (argv from the command line) spares the interpreter's last collection;
    a caller passing its arguments in the same process keeps collecting as before."""
    env = kiosk_sync_environment(kiosk_layout, portal)
    script = (
        "import gc, json, sys\n"
        "from sync.cli import main\n"
        "sys.argv = ['kiosk-sync', 'run', '--json']\n"
        "code = main()\n"
        "frozen = gc.get_freeze_count()\n"
        "gc.unfreeze()\n"
        "again = main(['run', '--json'])\n"
        "print(json.dumps([code, frozen, again, gc.get_freeze_count()]))\n"
    )
    code, frozen, again, frozen_after_caller = json.loads(python_lines(script, env)[-1])
    assert (code, again) == (0, 0)
    assert frozen > 10_000  # the modules, SQLAlchemy's mappings, ...
    assert frozen_after_caller == 0
