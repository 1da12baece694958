"""After a restore or lost writes: learn what the portal holds before trusting the database.

:mod:`kiosk.store.acknowledged` raises the flag (and already moved every
sequence past the acknowledged-state ledger). Here the sync engine pulls this
kiosk's dossiers back for the days concerned (``GET /dossiers?from&to``, see
docs/portal-api.yaml) and:

- moves each day's sequence past every local reference the portal has seen,
  so no reference is issued twice even when the ledger was lost too;
- records each dossier the portal holds but this database lost as a *recovered*
  case: reference, dossier code, status and procedure, no answers (they are
  gone from this kiosk; the portal has them). Statuses keep flowing to it;
- lists the references issued after the restored copy that the portal never
  received: those dossiers are *lost* (the citizens must be called back).

The summary stays in ``kiosk_meta`` (:data:`LAST_PORTAL_CHECK`) for the staff
"Today" panel and ``kiosk-sync status``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, local_date, to_storage
from kiosk.store.acknowledged import LAST_PORTAL_CHECK, PORTAL_CHECK, portal_check
from kiosk.store.database import Store, set_meta_value
from kiosk.store.ledger import sequence_key
from kiosk.store.models import Case, DailySequence, Meta
from sync.portal import KioskDossier, PortalClient

log = logging.getLogger(__name__)

SYNC_ACTOR = Actor("sync", "sync")
MAX_PAGES = 200
RECOVERED_NOTE = (
    "Khôi phục từ Cổng sau sự cố dữ liệu: ki-ốt không còn câu trả lời của hồ sơ này; "
    "Cổng vẫn giữ hồ sơ đầy đủ."
)


@dataclass
class PortalCheckResult:
    recovered: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    portal_count: int = 0


def _parse_reference(reference: str) -> tuple[dt.date, int, int] | None:
    """``WARD-YYMMDD-KK-SSSS-C`` -> (day, kiosk number, sequence)."""
    parts = reference.split("-")
    if len(parts) != 5:
        return None
    try:
        day = dt.datetime.strptime(parts[1], "%y%m%d").date()
        return day, int(parts[2]), int(parts[3])
    except ValueError:
        return None


def _lost_references(
    restored: dict[str, int],
    ledger: dict[str, int] | None,
    known: set[tuple[str, int]],
    ward_code: str,
) -> list[str]:
    """References the ledger saw issued after the restored copy that nobody holds now."""
    from kiosk.cases.references import local_reference

    lost: list[str] = []
    for key, high in sorted((ledger or {}).items()):
        day_text, number = key.split("/")
        for sequence in range(restored.get(key, 0) + 1, high + 1):
            if (key, sequence) not in known:
                day = dt.date.fromisoformat(day_text)
                lost.append(local_reference(ward_code, day, int(number), sequence))
    return lost


def check_with_portal(
    store: Store, client: PortalClient, clock: Clock, default_ward: str = "20551"
) -> PortalCheckResult | None:
    """Run the pending check; None when none is pending. Portal errors propagate
    (the flag stays: the next pass tries again)."""
    with store.sessions() as session:
        pending = portal_check(session)
    if pending is None:
        return None
    first = dt.date.fromisoformat(str(pending["since"]))
    last = local_date(clock())
    first = max(first, last - dt.timedelta(days=62))
    listed: list[KioskDossier] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        page = client.kiosk_dossiers(first, last, cursor)
        listed.extend(page.dossiers)
        cursor = page.next_cursor
        if not page.has_more:
            break
    result = PortalCheckResult(portal_count=len(listed))
    now = to_storage(clock())
    known: set[tuple[str, int]] = set()
    with store.sessions.begin() as session:
        references = [d.local_reference for d in listed]
        held = set(
            session.scalars(
                select(Case.local_reference).where(Case.local_reference.in_(references))
            )
        )
        highest: dict[tuple[dt.date, int], int] = {}
        for dossier in listed:
            parsed = _parse_reference(dossier.local_reference)
            if parsed is not None:
                day, number, sequence = parsed
                highest[(day, number)] = max(highest.get((day, number), 0), sequence)
                known.add((sequence_key(day.isoformat(), number), sequence))
            if dossier.local_reference in held or dossier.procedure_id is None:
                continue
            case_id = str(uuid.uuid4())
            session.add(
                Case(
                    id=case_id,
                    procedure_id=dossier.procedure_id,
                    procedure_version=dossier.procedure_version or 1,
                    answers={},
                    status="sent",
                    local_reference=dossier.local_reference,
                    dossier_code=dossier.dossier_code,
                    portal_status=dossier.status,
                    flagged_reason=RECOVERED_NOTE,
                    submitted_at=to_storage(dossier.received_at),
                    sent_at=to_storage(dossier.received_at),
                    created_at=now,
                    updated_at=now,
                )
            )
            audit.record(
                session,
                SYNC_ACTOR,
                "case_recovered_from_portal",
                case_id=case_id,
                local_reference=dossier.local_reference,
                dossier_code=dossier.dossier_code,
            )
            result.recovered.append(dossier.local_reference)
        for (day, number), sequence in highest.items():
            row = session.get(DailySequence, (day, number))
            if row is None:
                session.add(DailySequence(day=day, kiosk_number=number, last_value=sequence))
            elif row.last_value < sequence:
                row.last_value = sequence
        ward_code = next(
            (r.split("-")[0] for r in [*references, *held] if r),
            session.scalar(select(Case.local_reference).where(Case.local_reference.is_not(None)))
            or default_ward,
        ).split("-")[0]
        result.lost = _lost_references(
            {k: int(v) for k, v in dict(pending.get("restored_sequences") or {}).items()},
            pending.get("ledger_sequences"),
            known,
            ward_code,
        )
        summary = {
            "at": now.isoformat(),
            "cause": pending.get("cause"),
            "portal_count": result.portal_count,
            "recovered": result.recovered,
            "lost": result.lost,
        }
        set_meta_value(session, LAST_PORTAL_CHECK, json.dumps(summary, ensure_ascii=False))
        flag = session.get(Meta, PORTAL_CHECK)
        if flag is not None:
            session.delete(flag)
        audit.record(
            session,
            SYNC_ACTOR,
            "portal_check_done",
            portal_count=result.portal_count,
            recovered=len(result.recovered),
            lost=len(result.lost),
        )
    for (day, number), sequence in highest.items():
        store.ledger.acknowledge(day.isoformat(), number, sequence, 0)
    log.warning(
        "Portal check after %s: the portal holds %d dossiers of this kiosk; %d recovered, "
        "%d references lost",
        pending.get("cause"),
        result.portal_count,
        len(result.recovered),
        len(result.lost),
    )
    return result
