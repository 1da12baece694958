"""Issue 15 #9: every submitted case's filled declaration goes to the portal with its dossier.

Real parts: cases submitted through CaseService into a real SQLite store, the real
sync engine, the real training portal on 127.0.0.1; the PDF is parsed back.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import random
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import requests

from kiosk.cases import Actor, CaseService
from kiosk.cases.declarations import declaration_pdf
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal.server import TrainingPortal
from tests.sync_support import NOTICE, bearer, catalogue, start_portal, training_client

PROCEDURES = sorted(catalogue())


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    running = start_portal(tmp_path)
    yield running
    running.stop()


def pdf_text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in pages))


def submit(service: CaseService, procedure_id: str, seed: int = 3) -> tuple[str, str]:
    """A complete case of ``procedure_id``; returns (case id, card holder's name)."""
    rng = random.Random(seed)
    card = synthetic_card(rng)
    definition = service.catalogue[procedure_id]
    case = service.start_case(procedure_id, Actor.citizen("s"), card=card)
    answers = complete_answers(definition, card, rng)
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    service.promise_required_documents(case.id)
    service.submit(case.id, Actor.citizen("s"), NOTICE)
    return case.id, card.full_name


def test_every_procedures_declaration_reaches_the_portal_sealed_and_unchanged(
    store: Store, portal: TrainingPortal
) -> None:
    cat = catalogue()
    config = KioskConfig(key_store="file")
    service = CaseService(store, cat, config)
    cases = {procedure_id: submit(service, procedure_id) for procedure_id in PROCEDURES}
    with training_client(portal) as client:
        engine = SyncEngine(
            store, client, cat, kiosk_id=TRAINING_KIOSK_ID, holder="t", config=config
        )
        try:
            assert engine.run_until_done().pushed == len(PROCEDURES)
        finally:
            engine.close()
    by_reference = {d["local_reference"]: d for d in portal.app.dossiers.all_dossiers()}
    for procedure_id, (case_id, name) in cases.items():
        case = service.get(case_id)
        body = by_reference[case.local_reference]["body"]
        assert isinstance(body, dict)
        attached = body["declaration"]
        pdf = base64.b64decode(attached["content_base64"])
        assert attached["media_type"] == "application/pdf"
        assert attached["sha256"] == hashlib.sha256(pdf).hexdigest()
        text = pdf_text(pdf)
        title = cat[procedure_id].declaration_title.vi.upper()
        assert title.split()[0] in text.upper(), procedure_id
        assert name in text, procedure_id
        # Labels read as the paper form does, never as the kiosk's questions.
        assert "?" not in text, (procedure_id, [line for line in text.splitlines() if "?" in line])
        # Sealed at rest: the file under the home holds neither the PDF nor the name.
        sealed = store.layout.root / "declarations" / f"{case_id}.pdf.sealed"
        raw = sealed.read_bytes()
        assert b"%PDF" not in raw and name.encode("utf-8") not in raw
        # The same bytes for the counter's print and for every retry of the dossier.
        assert declaration_pdf(service, case_id, config, cat) == pdf


def test_the_portal_refuses_a_declaration_whose_digest_does_not_match(
    store: Store, portal: TrainingPortal
) -> None:
    cat = catalogue()
    config = KioskConfig(key_store="file")
    service = CaseService(store, cat, config)
    case_id, _ = submit(service, "birth")
    pdf = declaration_pdf(service, case_id, config, cat)
    http = requests.Session()
    headers = {**bearer(http, portal), "Idempotency-Key": "k1"}
    body = {
        "procedure_id": "birth",
        "procedure_version": cat["birth"].version,
        "answers": {},
        "documents": [],
        "local_reference": "20551-260101-01-0001-1",
        "kiosk_id": TRAINING_KIOSK_ID,
        "declaration": {
            "media_type": "application/pdf",
            "filename": "to-khai.pdf",
            "size": len(pdf),
            "sha256": "0" * 64,
            "content_base64": base64.b64encode(pdf).decode(),
        },
    }
    refused = http.post(f"{portal.url}/api/v1/dossiers", json=body, headers=headers, timeout=5)
    assert refused.status_code == 422, refused.text
    assert "declaration.sha256" in json.dumps(refused.json())
