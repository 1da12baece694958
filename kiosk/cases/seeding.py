"""``kiosk seed``: many synthetic submitted cases, quickly, for training and benchmarks.

Answers are generated once per procedure and reused with a fresh synthetic card
per case. Up to :data:`BULK_THRESHOLD` cases go through the case services (they
are then waiting for sync, as a day's work would be); more are a ward's history,
written in bulk by :func:`seed_history`, so a million cases take minutes.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from sqlalchemy import func, insert, select, text

from kiosk.attachments.slots import BringLaterReason
from kiosk.cases import references
from kiosk.cases.audit import Actor
from kiosk.cases.clock import to_storage
from kiosk.cases.service import CaseService, ConsentNotice
from kiosk.cases.synthetic import answers_for_card, complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.procedures.base import JsonValue
from kiosk.store.database import Store
from kiosk.store.models import Case, Citizen, Consent

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
        card = synthetic_card(rng)
        case = service.start_case(pid, SEED_ACTOR, card=card)
        # The template fitted to this card: a rule may tie an answer to the citizen
        # (a woman is not the child's father), which the template's card did not.
        answers = answers_for_card(catalogue[pid], templates[pid], card, rng)
        service.save_answers(
            case.id, {k: v for k, v in answers.items() if case.answers.get(k) != v}
        )
        # Synthetic citizens carry no papers to scan: each required one is promised.
        service.promise_required_documents(case.id, BringLaterReason.PREFERS_COUNTER)
        service.submit(case.id, SEED_ACTOR, SEED_NOTICE)
    return count


# Above this many cases ``kiosk seed`` writes the history in bulk (see seed_history).
BULK_THRESHOLD = 10_000
_BULK_BATCH = 10_000
_HISTORY_DAYS = 80  # inside the default retention: nothing seeded is purged at once
_HISTORY_KIOSKS = 6


def seed_history(
    store: Store,
    catalogue: Catalogue,
    config: KioskConfig,
    count: int,
    *,
    procedure_id: str | None = None,
    seed: int = 1,
    now: dt.datetime | None = None,
) -> int:
    """``count`` cases a ward already finished: submitted, sent, decided by the portal.

    Why not :func:`seed_cases`: a million cases through the services (each submit one
    transaction with its audit, outbox and fsync) take hours. Here each case still gets
    what a real one has (a citizen with sealed fields and a keyed ID hash, sealed
    answers, a consent, a unique reference of one of six kiosks over the past 80 days),
    written with multi-row inserts, ten thousand rows per transaction. They are history:
    nothing is queued for sync, and today's sequences are left alone.
    """
    rng = random.Random(seed)
    moment = now or dt.datetime.now(dt.UTC)
    today = moment.date()
    procedure_ids = [procedure_id] if procedure_id else sorted(catalogue)
    templates: dict[str, dict[str, JsonValue]] = {}
    for pid in procedure_ids:
        definition = catalogue[pid]
        answers = complete_answers(definition, synthetic_card(rng), rng)
        templates[pid] = {k: v for k, v in answers.items() if definition.field(k).is_input}
    with store.sessions() as session:
        next_citizen = (session.scalar(select(func.max(Citizen.id))) or 0) + 1
        next_consent = (session.scalar(select(func.max(Consent.id))) or 0) + 1
        # A second seeding continues the first one's references and dossier codes.
        start = (
            session.scalar(
                select(func.count()).select_from(Case).where(Case.dossier_code.like("SEED-%"))
            )
            or 0
        )
    notice_hash = SEED_NOTICE.sha256
    written = 0
    while written < count:
        size = min(_BULK_BATCH, count - written)
        citizens: list[dict[str, object]] = []
        cases: list[dict[str, object]] = []
        consents: list[dict[str, object]] = []
        for offset in range(size):
            index = start + written + offset
            pid = procedure_ids[index % len(procedure_ids)]
            card = synthetic_card(rng, today)
            day = today - dt.timedelta(days=1 + index % _HISTORY_DAYS)
            kiosk = 1 + (index // _HISTORY_DAYS) % _HISTORY_KIOSKS
            sequence = 1 + index // (_HISTORY_DAYS * _HISTORY_KIOSKS)
            submitted = to_storage(
                dt.datetime.combine(day, dt.time(1, 0), dt.UTC)
                + dt.timedelta(seconds=index % 30_000)
            )
            citizen_id = next_citizen + written + offset
            case_id = str(uuid.uuid4())
            citizens.append(
                {
                    "id": citizen_id,
                    "id_number_hash": store.cipher.lookup_hash(card.id_number),
                    "id_number": card.id_number,
                    "full_name": card.full_name,
                    "address": card.address,
                    "created_at": submitted,
                    "updated_at": submitted,
                }
            )
            cases.append(
                {
                    "id": case_id,
                    "procedure_id": pid,
                    "procedure_version": catalogue[pid].version,
                    "citizen_id": citizen_id,
                    "answers": templates[pid],
                    "status": "sent",
                    "local_reference": references.local_reference(
                        config.ward.code, day, kiosk, sequence
                    ),
                    "dossier_code": f"SEED-{index:08d}",
                    "portal_status": "done" if index % 3 else "processing",
                    "channel": "in_person",
                    "fee_amount": 0,
                    "language": "vi",
                    "created_at": submitted,
                    "updated_at": submitted,
                    "submitted_at": submitted,
                    "sent_at": submitted,
                    "finished_at": submitted if index % 3 else None,
                    "kiosk_number": kiosk,
                }
            )
            consents.append(
                {
                    "id": next_consent + written + offset,
                    "citizen_id": citizen_id,
                    "case_id": case_id,
                    "purpose": SEED_NOTICE.purpose,
                    "notice_text": SEED_NOTICE.text,
                    "notice_sha256": notice_hash,
                    "language": "vi",
                    "given_at": submitted,
                }
            )
        with store.sessions.begin() as session:
            session.execute(insert(Citizen), citizens)
            session.execute(insert(Case), cases)
            session.execute(insert(Consent), consents)
        written += size
    if store.engine.dialect.name == "postgresql":
        # Explicit ids leave the serial sequences behind: set them past the new rows.
        with store.sessions.begin() as session:
            for table in ("citizens", "consents"):
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        # Fresh statistics for the planner (autovacuum would get there, later).
        with store.engine.connect() as connection:
            connection.execute(text("ANALYZE cases, citizens, consents"))
            connection.commit()
    return count
