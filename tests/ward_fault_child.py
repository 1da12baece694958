"""Child process for tests/sync/test_ward_faults.py: a kiosk that keeps working while
the ward's PostgreSQL server is stopped and started under it.

Modes:
- ``autosave CASE_ID``: saves answers to one draft for ever, printing "saved N" after
  each save has returned (an acknowledged answer).
- ``submit``: serves ``--citizens`` birth registrations (each answer one autosave),
  prints "submitting" before each submit and "submitted <case id> <reference>" after
it has returned, and with
  ``--portal`` runs a sync pass after every citizen, then syncs until nothing is due.

Whatever step meets ``StoreUnavailable`` (the server is away) is tried again, as the
kiosk's UI does: "unavailable" is printed once per outage, "back" when a step succeeds
again. A submit whose commit was cut off is found afterwards by its case's status (the
kiosk asks the database again, it never guesses). Gives up after ``--patience``
seconds without the server.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from kiosk.cases import Actor, CaseService
from kiosk.cases.errors import CaseNotEditable
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import StoreUnavailable
from kiosk.store.database import open_store
from sync.credentials import TRAINING_CREDENTIALS, TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.lease import holder_name
from sync.portal import HttpPortalClient
from tests.sync_support import NOTICE, catalogue


class Patient:
    """Runs a step until the database answers; says when it went and came back."""

    def __init__(self, patience: float) -> None:
        self.patience = patience
        self.away_since: float | None = None

    def __call__[T](self, step: Callable[[], T]) -> T:
        while True:
            try:
                result = step()
            except StoreUnavailable:
                now = time.monotonic()
                if self.away_since is None:
                    self.away_since = now
                    print("unavailable", flush=True)
                elif now - self.away_since > self.patience:
                    print("gave up", flush=True)
                    sys.exit(1)
                time.sleep(0.05)  # a child process, not a test: the kiosk's retry period
                continue
            if self.away_since is not None:
                self.away_since = None
                print("back", flush=True)
            return result


def submit(service: CaseService, case_id: str, actor: Actor) -> str | None:
    try:
        return service.submit(case_id, actor, NOTICE).local_reference
    except CaseNotEditable:  # the commit went through before the line dropped
        return service.get(case_id).local_reference


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home")
    parser.add_argument("mode", choices=("autosave", "submit"))
    parser.add_argument("case_id", nargs="?")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--citizens", type=int, default=20)
    parser.add_argument("--portal")
    parser.add_argument("--patience", type=float, default=60.0)
    args = parser.parse_args()

    config = replace(
        KioskConfig(key_store="file"), database=DatabaseSettings(url=args.database_url)
    )
    store = open_store(HomeLayout(Path(args.home)), config)
    procedures = catalogue()
    service = CaseService(store, procedures, config)
    patient = Patient(args.patience)
    print("ready", flush=True)

    if args.mode == "autosave":
        counter = 0
        while True:
            counter += 1
            value = f"Nơi sinh số {counter}"
            patient(partial(service.save_answer, args.case_id, "child_birth_place", value))
            print(f"saved {counter}", flush=True)

    engine = None
    if args.portal:
        client = HttpPortalClient(
            args.portal, TRAINING_CREDENTIALS.client_id, TRAINING_CREDENTIALS.client_secret
        )
        engine = SyncEngine(
            store,
            client,
            procedures,
            kiosk_id=TRAINING_KIOSK_ID,
            holder=holder_name("fault-kiosk"),
            rng=random.Random(5),
        )
    definition = procedures["birth"]
    rng = random.Random(17)
    actor = Actor.citizen("fault-kiosk")
    for _ in range(args.citizens):
        card = synthetic_card(rng)
        case = patient(partial(service.start_case, "birth", actor, card=card))
        answers = complete_answers(definition, card, rng)
        for field_id, answer in answers.items():
            if definition.field(field_id).is_input and field_id not in case.answers:
                patient(partial(service.save_answer, case.id, field_id, answer))
        patient(partial(service.promise_required_documents, case.id))
        print("submitting", flush=True)
        reference = patient(partial(submit, service, case.id, actor))
        print(f"submitted {case.id} {reference}", flush=True)
        if engine is not None:
            patient(engine.run_pass)
    if engine is not None:
        patient(engine.run_until_done)
        engine.close()
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
