"""Six kiosks of one ward at once on one PostgreSQL, two of them syncing, then a nightly run.

Real processes (tests/ward_kiosk_child.py: the services without windows), a real
throw-away PostgreSQL server and the real training portal on 127.0.0.1. What must
hold: every acknowledged submit is in the database and at the portal exactly once,
and no two cases share a reference.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.store.database import Store
from kiosk.store.models import Case
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal.server import TrainingPortal
from tests.sync_support import catalogue, training_client

pytestmark = [pytest.mark.backends("postgresql"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
KIOSKS = 6
CITIZENS_EACH = 50
SYNCING = {1, 4}


def ward_kiosk_home(tmp_path: Path, store: Store, number: int) -> Path:
    """A kiosk home holding the ward's key (what `kiosk admin import-ward-key` installs)."""
    home = tmp_path / f"kiosk-{number}"
    (home / "secrets").mkdir(parents=True)
    key_file = home / "secrets" / "field.key"
    shutil.copyfile(store.layout.secrets / "field.key", key_file)
    key_file.chmod(0o600)
    return home


def test_six_kiosks_300_citizens_no_loss_no_duplicate(
    store: Store, portal: TrainingPortal, tmp_path: Path, ward_database_url: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children: dict[int, subprocess.Popen[str]] = {}
    for number in range(1, KIOSKS + 1):
        command = [
            sys.executable,
            "-m",
            "tests.ward_kiosk_child",
            str(ward_kiosk_home(tmp_path, store, number)),
            "--database-url",
            ward_database_url,
            "--kiosk",
            str(number),
            "--citizens",
            str(CITIZENS_EACH),
        ]
        if number in SYNCING:
            command += ["--portal", portal.url]
        children[number] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    acknowledged: dict[str, str] = {}
    for number, child in children.items():
        out, err = child.communicate(timeout=900)
        assert child.returncode == 0, f"kiosk {number} failed:\n{err[-3000:]}"
        for line in out.splitlines():
            if line.startswith("submitted "):
                _, case_id, reference = line.split()
                acknowledged[case_id] = reference
    assert len(acknowledged) == KIOSKS * CITIZENS_EACH

    # The nightly run, from any machine of the ward.
    with training_client(portal) as client:
        nightly = SyncEngine(
            store,
            client,
            catalogue(),
            kiosk_id=TRAINING_KIOSK_ID,
            holder="nightly",
            rng=random.Random(1),
            batch_size=100,
        )
        result = nightly.run_until_done()
        nightly.close()
    assert result.pending == 0

    with store.sessions() as session:
        cases = list(session.scalars(select(Case)))
    assert len(cases) == KIOSKS * CITIZENS_EACH  # nothing lost...
    assert {case.id: case.local_reference for case in cases} == acknowledged
    assert len({case.local_reference for case in cases}) == len(cases)  # ...none shared
    assert Counter(case.kiosk_number for case in cases) == {
        number: CITIZENS_EACH for number in range(1, KIOSKS + 1)
    }
    # Every case reached the portal; by now the training portal's schedule may have
    # decided some ("needs_more" sends a case back to the volunteers as "returned").
    assert all(case.dossier_code for case in cases)
    assert {case.status for case in cases} <= {"sent", "returned"}

    at_portal = portal.app.dossiers.all_dossiers()
    by_reference = Counter(dossier["local_reference"] for dossier in at_portal)
    assert len(at_portal) == KIOSKS * CITIZENS_EACH  # none doubled at the portal
    assert set(by_reference.values()) == {1}
    assert set(by_reference) == set(acknowledged.values())
