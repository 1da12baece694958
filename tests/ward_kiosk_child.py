"""Child process for tests/sync/test_ward_concurrency.py: one kiosk of a ward, no window.

Serves ``citizens`` birth registrations one answer at a time (each answer one
autosave, as the wizard does), submits each, and with ``--sync`` runs a sync pass
after every ``--sync-every`` citizens against the training portal. Prints
"submitted <case id> <reference>" after each submit has returned.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store
from sync.credentials import TRAINING_CREDENTIALS, TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.lease import holder_name
from sync.portal import HttpPortalClient
from tests.sync_support import NOTICE, catalogue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--kiosk", type=int, required=True)
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--portal")
    parser.add_argument("--sync-every", type=int, default=10)
    args = parser.parse_args()

    config = replace(
        KioskConfig(key_store="file"),
        kiosk_number=args.kiosk,
        database=DatabaseSettings(url=args.database_url),
    )
    store = open_store(HomeLayout(Path(args.home)), config)
    procedures = catalogue()
    service = CaseService(store, procedures, config)
    definition = procedures["birth"]
    rng = random.Random(args.kiosk)
    actor = Actor.citizen(f"kiosk-{args.kiosk}")
    client = engine = None
    if args.portal:
        client = HttpPortalClient(
            args.portal, TRAINING_CREDENTIALS.client_id, TRAINING_CREDENTIALS.client_secret
        )
        engine = SyncEngine(
            store,
            client,
            procedures,
            kiosk_id=TRAINING_KIOSK_ID,
            holder=holder_name(f"kiosk{args.kiosk}"),
            rng=random.Random(args.kiosk),
        )
    print("ready", flush=True)
    for index in range(args.citizens):
        card = synthetic_card(rng)
        case = service.start_case("birth", actor, card=card)
        answers = complete_answers(definition, card, rng)
        for field_id, value in answers.items():
            if definition.field(field_id).is_input and field_id not in case.answers:
                service.save_answer(case.id, field_id, value)
        service.promise_required_documents(case.id)
        result = service.submit(case.id, actor, NOTICE)
        print(f"submitted {case.id} {result.local_reference}", flush=True)
        if engine is not None and (index + 1) % args.sync_every == 0:
            engine.run_pass()
    if engine is not None and client is not None:
        engine.close()
        client.close()
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
