"""Shared helpers for the sync tests: submitted cases and a real training portal."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Protocol

import requests

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from sync.credentials import TRAINING_CREDENTIALS
from sync.portal import HttpPortalClient, PortalSession
from sync.training_portal.server import TrainingPortal
from sync.training_portal.testing import TRAINING_CLIENT_ID, TRAINING_CLIENT_SECRET
from tests.cases_support import shipped_catalogue
from tests.contract_support import ContractChecker

NOTICE = ConsentNotice("Nộp hồ sơ trực tuyến", "Tôi đồng ý cho cơ quan xử lý dữ liệu.", "vi")


def catalogue() -> Catalogue:
    return shipped_catalogue()


def submit_cases(
    store: Store,
    count: int,
    *,
    procedure_id: str = "birth",
    seed: int = 1,
    identity_evidence: str | None = None,
) -> list[str]:
    """``count`` submitted cases (status ready, one outbox entry each); returns their ids."""
    cat = catalogue()
    service = CaseService(store, cat, KioskConfig())
    rng = random.Random(seed)
    definition = cat[procedure_id]
    first = synthetic_card(rng)
    template = complete_answers(definition, first, rng)
    inputs = {k: v for k, v in template.items() if definition.field(k).is_input}
    ids = []
    for _ in range(count):
        card = synthetic_card(rng)
        while card.sex != first.sex:  # the answers say "mother" or "father" of the card holder
            card = synthetic_card(rng)
        case = service.start_case(
            procedure_id, Actor.citizen("s"), card=card, identity_evidence=identity_evidence
        )
        answers = {k: v for k, v in inputs.items() if k not in case.answers}
        service.save_answers(case.id, answers)
        # No capture screen here: the required papers are promised for the counter.
        service.promise_required_documents(case.id)
        service.submit(case.id, Actor.citizen("s"), NOTICE)
        ids.append(case.id)
    return ids


def start_portal(tmp_path: Path, **kwargs: object) -> TrainingPortal:
    portal = TrainingPortal(tmp_path / "portal.db", "127.0.0.1", 0, **kwargs)  # type: ignore[arg-type]
    return portal.start()


class PortalAddress(Protocol):
    """A training portal anywhere (in this process, or its own: bench/portal_process.py)."""

    @property
    def url(self) -> str: ...


def training_client(
    portal: PortalAddress, read_timeout: float = 5.0, contract: ContractChecker | None = None
) -> HttpPortalClient:
    """The training kiosk's client; with ``contract``, every exchange is checked against it."""
    timeout = (2.0, read_timeout)

    def watched_session() -> PortalSession:
        session = PortalSession(timeout)
        if contract is not None:
            contract.watch(session)
        return session

    return HttpPortalClient(
        portal.url,
        TRAINING_CREDENTIALS.client_id,
        TRAINING_CREDENTIALS.client_secret,
        timeout=timeout,
        session_factory=watched_session,
    )


def bearer(http: requests.Session, portal: TrainingPortal) -> dict[str, str]:
    """The Authorization header of a fresh token for the training kiosk, asked over ``http``."""
    response = http.post(
        f"{portal.url}/api/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": TRAINING_CLIENT_ID,
            "client_secret": TRAINING_CLIENT_SECRET,
        },
        timeout=5,
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def submit_cases_with_attachments(
    store: Store, count: int, *, pages_per_document: int = 2, seed: int = 1
) -> list[str]:
    """Birth cases whose birth certificate was scanned (``pages_per_document`` pages,
    sealed, assembled into its PDF) before submitting; returns their ids."""
    from kiosk.attachments.pdf import assemble_pdf
    from kiosk.attachments.processing import compress_page
    from kiosk.attachments.samples import render_sample
    from kiosk.attachments.storage import PageStore

    cat = catalogue()
    service = CaseService(store, cat, KioskConfig())
    pages = PageStore(store)
    rng = random.Random(seed)
    definition = cat["birth"]
    template = complete_answers(definition, synthetic_card(rng), rng)
    inputs = {k: v for k, v in template.items() if definition.field(k).is_input}
    sample = compress_page(render_sample("birth_certificate"), dpi=150).jpeg
    ids = []
    for index in range(count):
        case = service.start_case("birth", Actor.citizen("s"), card=synthetic_card(rng))
        service.save_answers(case.id, {k: v for k, v in inputs.items() if k not in case.answers})
        # Each case's pages differ (a different last byte of comment), so digests differ.
        jpegs = [sample + f"{case.id}:{page}".encode() for page in range(pages_per_document)]
        for jpeg in jpegs:
            pages.add_page(case.id, "birth_certificate", jpeg)
        pdf = assemble_pdf(jpegs, f"Giấy chứng sinh {index}")
        pages.store_document(case.id, "birth_certificate", pdf, len(jpegs))
        service.submit(case.id, Actor.citizen("s"), NOTICE)
        ids.append(case.id)
    return ids
