"""Autosave survives SIGKILL at random moments: nothing acknowledged is ever lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_answer(kiosk_layout: HomeLayout) -> None:
    config = KioskConfig(key_store="file")
    catalogue = load_catalogue(asset_dir() / "procedures")
    store = open_store(kiosk_layout, config)
    case_id = CaseService(store, catalogue, config).start_case("birth", Actor.citizen("c")).id
    store.close()
    rng = random.Random(20261129)
    acknowledged = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for kill in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "crash_child.py"),
                str(kiosk_layout.root),
                case_id,
                str(acknowledged),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        saves_before_kill = rng.randint(0, 12)
        for _ in range(saves_before_kill):
            line = child.stdout.readline()
            acknowledged = int(line.split()[1])
        # Some kills land between saves, others in the middle of a commit.
        if rng.random() < 0.5:
            os.sched_yield()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for line in child.stdout.read().splitlines():  # acknowledged just before the kill
            acknowledged = int(line.split()[1])
        child.stdout.close()

        store = open_store(kiosk_layout, config)
        answers = CaseService(store, catalogue, config).get(case_id).answers
        store.close()
        if acknowledged:
            stored = int(str(answers["child_birth_place"]).rsplit(" ", 1)[1])
            assert stored in (acknowledged, acknowledged + 1), (
                f"kill {kill}: acknowledged {acknowledged}, database has {stored}"
            )
            acknowledged = stored
    assert acknowledged > KILLS, "the children should have saved many answers"
