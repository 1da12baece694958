"""How identity was established travels with the dossier and the portal records it."""

from __future__ import annotations

import random

from kiosk.store.database import Store
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal.catalogue import CatalogueEntry
from sync.training_portal.server import TrainingPortal
from sync.training_portal.validation import validate_dossier
from tests.sync_support import catalogue, submit_cases, training_client


def test_each_kind_of_evidence_reaches_the_portal(store: Store, portal: TrainingPortal) -> None:
    submit_cases(store, 1, seed=1)  # QR only (the default with a card)
    submit_cases(store, 1, seed=2, identity_evidence="chip_verified")
    submit_cases(store, 1, seed=3, identity_evidence="chip_unverified")
    with training_client(portal) as client:
        engine = SyncEngine(
            store,
            client,
            catalogue(),
            kiosk_id=TRAINING_KIOSK_ID,
            holder="test",
            backoff=BackoffPolicy(base_seconds=0.01, cap_seconds=0.2),
            rng=random.Random(4),
        )
        result = engine.run_until_done()
    assert (result.pushed, result.rejected) == (3, 0)
    recorded = sorted(str(d["identity_evidence"]) for d in portal.app.dossiers.all_dossiers())
    assert recorded == ["chip_unverified", "chip_verified", "qr_only"]


def test_the_portal_refuses_an_unknown_kind_of_evidence() -> None:
    body = {
        "procedure_id": "birth",
        "procedure_version": 1,
        "answers": {},
        "documents": [],
        "local_reference": "K1-0001",
        "kiosk_id": "kiosk-1",
        "identity_evidence": "looked_at_face",
    }
    entries: dict[str, CatalogueEntry] = {}
    fields = [error.field for error in validate_dossier(body, entries)]
    assert "identity_evidence" in fields
    body["identity_evidence"] = None
    assert "identity_evidence" not in [error.field for error in validate_dossier(body, entries)]
