"""``kiosk seed``: many synthetic submitted cases, quickly, for training and benchmarks.

Answers are generated once per procedure and reused with a fresh synthetic card
per case, so seeding 100,000 cases takes minutes, not hours.
"""

from __future__ import annotations

import random

from kiosk.cases.audit import Actor
from kiosk.cases.service import CaseService, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.procedures.base import JsonValue
from kiosk.store.database import Store

SEED_ACTOR = Actor("system", "seed")
SEED_NOTICE = ConsentNotice(
    "Dữ liệu huấn luyện", "Dữ liệu giả lập dùng để huấn luyện; không phải người thật.", "vi"
)


def seed_cases(
    store: Store,
    catalogue: Catalogue,
    config: KioskConfig,
    count: int,
    *,
    procedure_id: str | None = None,
    seed: int = 1,
) -> int:
    rng = random.Random(seed)
    service = CaseService(store, catalogue, config)
    procedure_ids = [procedure_id] if procedure_id else sorted(catalogue)
    templates: dict[str, dict[str, JsonValue]] = {}
    for pid in procedure_ids:
        definition = catalogue[pid]
        answers = complete_answers(definition, synthetic_card(rng), rng)
        templates[pid] = {k: v for k, v in answers.items() if definition.field(k).is_input}
    for index in range(count):
        pid = procedure_ids[index % len(procedure_ids)]
        case = service.start_case(pid, SEED_ACTOR, card=synthetic_card(rng))
        service.save_answers(
            case.id, {k: v for k, v in templates[pid].items() if k not in case.answers}
        )
        service.submit(case.id, SEED_ACTOR, SEED_NOTICE)
    return count
