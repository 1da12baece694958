"""Retention: expire abandoned drafts, purge finished cases, follow catalogue changes.

Purging keeps anonymous counts (day, procedure, final status, assisted or
not) in ``case_statistics`` so the ward's reports survive the data's deletion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, system_clock, to_storage
from kiosk.cases.declarations import forget_declaration
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import Case, CaseStatistic, Citizen

FINAL_PORTAL_STATUSES = frozenset({"done", "rejected", "result_returned", "withdrawn"})
BATCH = 500


def _count(session: Session, case: Case, final_status: str) -> None:
    day = (case.submitted_at or case.created_at).date()
    key = dict(
        day=day,
        procedure_id=case.procedure_id,
        final_status=final_status,
        assisted=case.assisted_by is not None,
    )
    row = session.scalars(select(CaseStatistic).filter_by(**key)).first()
    if row is None:
        row = CaseStatistic(count=0, **key)
        session.add(row)
    row.count += 1


def _wipe(session: Session, case: Case, now: dt.datetime) -> None:
    case.answers = {}
    case.resume_code = None
    case.citizen_id = None
    case.portal_message = None
    case.flagged_reason = None
    case.purged_at = now


def _delete_orphan_citizens(session: Session) -> int:
    orphan = ~exists().where(Case.citizen_id == Citizen.id)
    result = session.execute(delete(Citizen).where(orphan))
    return int(getattr(result, "rowcount", 0) or 0)


def expire_drafts(store: Store, config: KioskConfig, clock: Clock = system_clock) -> int:
    """Drafts untouched for ``draft_expiry_days``: data wiped, status ``expired``."""
    now = to_storage(clock())
    cutoff = now - dt.timedelta(days=config.retention.draft_expiry_days)
    expired = 0
    while True:
        with store.sessions.begin() as session:
            batch = session.scalars(
                select(Case).where(Case.status == "draft", Case.updated_at < cutoff).limit(BATCH)
            ).all()
            for case in batch:
                _count(session, case, "expired")
                _wipe(session, case, now)
                case.status = "expired"
                audit.record(session, Actor.system(), "draft_expired", case_id=case.id)
            _delete_orphan_citizens(session)
        expired += len(batch)
        if len(batch) < BATCH:
            return expired


def purge_finished(store: Store, config: KioskConfig, clock: Clock = system_clock) -> int:
    """Cases the portal finished more than ``retention_days`` ago lose their personal data."""
    now = to_storage(clock())
    cutoff = now - dt.timedelta(days=config.retention.retention_days)
    purged = 0
    while True:
        with store.sessions.begin() as session:
            batch = session.scalars(
                select(Case)
                .where(
                    Case.portal_status.in_(FINAL_PORTAL_STATUSES),
                    Case.finished_at < cutoff,
                    Case.purged_at.is_(None),
                )
                .limit(BATCH)
            ).all()
            for case in batch:
                _count(session, case, case.portal_status or "done")
                _wipe(session, case, now)
                audit.record(session, Actor.system(), "case_purged", case_id=case.id)
            # Consent rows stay (the notice text and time prove what was agreed);
            # they hold no personal data once the citizen row is gone.
            _delete_orphan_citizens(session)
        for case in batch:
            forget_declaration(store, case.id)
        purged += len(batch)
        if len(batch) < BATCH:
            return purged


@dataclass
class CatalogueMigration:
    """Drafts moved to the new version, and drafts set aside for a volunteer."""

    migrated: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)


def migrate_drafts(store: Store, catalogue: Catalogue) -> CatalogueMigration:
    """Move open drafts onto the newest version of their procedure.

    A draft whose every answered field still exists in the new version moves
    with all its answers. Otherwise it stays on its old version, untouched,
    and is flagged for a volunteer with the names of the fields that changed:
    no answer is ever dropped silently.
    """
    report = CatalogueMigration()
    with store.sessions.begin() as session:
        drafts = session.scalars(select(Case).where(Case.status.in_(("draft", "returned")))).all()
        for case in drafts:
            latest = catalogue[case.procedure_id]
            if latest.version <= case.procedure_version:
                continue
            missing = sorted(set(case.answers or {}) - set(latest.fields_by_id))
            if missing:
                reason = (
                    f"procedure {case.procedure_id} v{case.procedure_version} -> v{latest.version}:"
                    f" fields no longer asked: {', '.join(missing)}"
                )
                if case.flagged_reason != reason:
                    case.flagged_reason = reason
                    audit.record(
                        session,
                        Actor.system(),
                        "draft_flagged",
                        case_id=case.id,
                        to_version=latest.version,
                        fields=missing,
                    )
                    report.flagged.append(case.id)
                continue
            old_version = case.procedure_version
            case.procedure_version = latest.version
            case.flagged_reason = None
            if case.current_step not in {step.id for step in latest.steps}:
                case.current_step = latest.steps[0].id
            audit.record(
                session,
                Actor.system(),
                "draft_migrated",
                case_id=case.id,
                from_version=old_version,
                to_version=latest.version,
            )
            report.migrated.append(case.id)
    return report
