"""Shared helpers for the sync tests: submitted cases and a real training portal."""

from __future__ import annotations

import random
from pathlib import Path

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from sync.credentials import TRAINING_CREDENTIALS
from sync.portal import HttpPortalClient, PortalSession
from sync.training_portal.server import TrainingPortal
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
        service.submit(case.id, Actor.citizen("s"), NOTICE)
        ids.append(case.id)
    return ids


def start_portal(tmp_path: Path, **kwargs: object) -> TrainingPortal:
    portal = TrainingPortal(tmp_path / "portal.db", "127.0.0.1", 0, **kwargs)  # type: ignore[arg-type]
    return portal.start()


def training_client(
    portal: TrainingPortal, read_timeout: float = 5.0, contract: ContractChecker | None = None
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
