"""Every shipped procedure, filled through the services, renders its receipt and declaration.

The PDFs are parsed back: the citizen's Vietnamese name is found exactly (NFC)
and the receipt's tracking QR decodes, from a rasterised page, to the case's
local reference.
"""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pypdf
import pytest

from kiosk.cases import Actor, CaseService
from kiosk.cases.snapshot import build_snapshot
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.documents import parse_tracking_payload, render_declaration, render_receipt
from kiosk.documents.receipt import a5_story_pdf
from kiosk.documents.receipt_a5 import render_a5
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from tests.documents_support import decode_qr_codes
from tests.sync_support import NOTICE

PROCEDURES = ["birth", "death", "marital_status", "certified_copy", "residence_ct01"]


def pdf_text(pdf: bytes) -> str:
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_receipt_and_declaration_for_each_procedure(
    store: Store, catalogue: Catalogue, procedure_id: str
) -> None:
    config = KioskConfig()
    service = CaseService(store, catalogue, config)
    rng = random.Random(11)
    card = synthetic_card(rng)
    definition = catalogue[procedure_id]
    case = service.start_case(procedure_id, Actor.citizen("s"), card=card)
    answers = complete_answers(definition, card, rng)
    service.save_answers(
        case.id, {k: v for k, v in answers.items() if definition.field(k).is_input}
    )
    service.promise_required_documents(case.id)
    reference = service.submit(case.id, Actor.citizen("s"), NOTICE).local_reference
    snapshot = build_snapshot(service, case.id, config, "vi", catalogue)

    for paper in ("A5", "80mm"):
        receipt = render_receipt(snapshot, paper=paper)
        if paper == "A5":
            # Drawn on the canvas, and byte for byte what the platypus story lays out.
            assert render_a5(snapshot) == receipt
            assert a5_story_pdf(snapshot) == receipt
        text = pdf_text(receipt)
        assert card.full_name in text
        assert reference in text
        payloads = decode_qr_codes(receipt)
        assert payloads, f"no QR decoded on the {paper} receipt"
        # A phone photographing the QR gets the tracking page of the configured portal.
        template = config.portal.tracking_url_template
        assert payloads[0] == template.replace("{reference}", reference)
        assert payloads[0].startswith("https://")
        assert parse_tracking_payload(payloads[0]).local_reference == reference
    declaration = render_declaration(snapshot)
    declaration_text = pdf_text(declaration)
    assert card.full_name in declaration_text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in declaration_text
    out = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / f"declaration-{procedure_id}.pdf").write_bytes(declaration)
        (Path(out) / f"receipt-{procedure_id}.pdf").write_bytes(render_receipt(snapshot))
