"""Retention: expire abandoned drafts, purge finished cases, follow catalogue changes.

Purging keeps anonymous counts (day, procedure, final status, assisted or
not) in ``case_statistics`` so the ward's reports survive the data's deletion.
A case's captured pages go with its personal data: their rows in the same
transaction, their sealed files right after it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Select, and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from kiosk.attachments.storage import PageStore, forget_case_rows
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, system_clock, to_storage
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, Case, CaseStatistic, Citizen, OutboxEntry

if TYPE_CHECKING:
    from kiosk.procedures import Catalogue

FINAL_PORTAL_STATUSES = frozenset({"done", "rejected", "result_returned", "withdrawn"})
BATCH = 500


@dataclass(frozen=True)
class RetentionReport:
    """What one run removed, as counts (nothing personal)."""

    drafts_expired: int = 0
    cases_purged: int = 0
    account_requests_purged: int = 0
    receipts_removed: int = 0
    exports_removed: int = 0
    backups_removed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    def summary(self) -> str:
        """One line for the log and the command line."""
        return (
            f"drafts expired {self.drafts_expired}, cases purged {self.cases_purged},"
            f" account requests purged {self.account_requests_purged},"
            f" receipts removed {self.receipts_removed}, exports removed {self.exports_removed},"
            f" pre-migration backups removed {self.backups_removed}"
        )


def retention_counts(details: object) -> dict[str, int]:
    """The counts of a ``retention_run`` audit event's details (tolerant of old shapes)."""
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return {}
    if not isinstance(details, dict):
        return {}
    fields = RetentionReport().as_dict()
    return {key: int(details.get(key, 0) or 0) for key in fields}


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
    forget_case_rows(session, case.id)


def _forget_sent_bodies(session: Session, case_ids: list[str]) -> None:
    """The frozen dossier bodies of these cases' finished outbox entries (they hold answers).

    An entry still waiting to be sent keeps its body: it must go out byte for byte.
    """
    if case_ids:
        session.execute(
            update(OutboxEntry)
            .where(
                OutboxEntry.case_id.in_(case_ids),
                OutboxEntry.state.not_in(("queued", "sending")),
            )
            .values(body=None)
        )


def _delete_orphan_citizens(session: Session, among: list[int] | None = None) -> int:
    """Citizens no case and no account request points at any more.

    ``among``: only these (the citizens of the batch just wiped), so that a nightly run
    costs the batch, not the whole citizens table (a ward's store holds years of them).
    """
    orphan = ~exists().where(Case.citizen_id == Citizen.id) & ~exists().where(
        AccountRequest.citizen_id == Citizen.id
    )
    if among is not None:
        if not among:
            return 0
        orphan = orphan & Citizen.id.in_(among)
    result = session.execute(delete(Citizen).where(orphan))
    return int(getattr(result, "rowcount", 0) or 0)


def _in_batches[Row](
    store: Store,
    rows: Select[Row],
    handle: Callable[[Session, Sequence[Row]], None],
) -> int:
    """Run ``handle`` over ``rows`` :data:`BATCH` at a time, one transaction each.

    Each batch ends by deleting the citizens it left without a case or request,
    so a long run holds no lock for long and loses nothing done if it stops.
    ``handle`` must take its rows out of ``rows``, or the loop would not end.
    """
    done = 0
    while True:
        with store.sessions.begin() as session:
            batch = session.scalars(rows.limit(BATCH)).all()
            # Only the batch's citizens can have become orphans: looking among them
            # costs the batch, not the whole citizens table (years of them).
            citizens = [
                citizen_id
                for row in batch
                if isinstance(citizen_id := getattr(row, "citizen_id", None), int)
            ]
            handle(session, batch)
            _delete_orphan_citizens(session, citizens)
        done += len(batch)
        if len(batch) < BATCH:
            return done


def expire_drafts(store: Store, config: KioskConfig, clock: Clock = system_clock) -> int:
    """Drafts untouched for ``draft_expiry_days``: data wiped, status ``expired``."""
    now = to_storage(clock())
    cutoff = now - dt.timedelta(days=config.retention.draft_expiry_days)

    def expire(session: Session, batch: Sequence[Case]) -> None:
        for case in batch:
            _count(session, case, "expired")
            _wipe(session, case, now)
            case.status = "expired"
            audit.record(session, Actor.system(), "draft_expired", case_id=case.id)

    drafts = select(Case).where(Case.status == "draft", Case.updated_at < cutoff)
    expired = _in_batches(store, drafts, expire)
    PageStore(store, config.attachments).clean_orphans()
    return expired


def purge_finished(store: Store, config: KioskConfig, clock: Clock = system_clock) -> int:
    """Cases past the promise of the consent notice lose their personal data.

    The notice promises ``retention_days`` after the dossier reached the portal,
    so a case is purged that many days after it was sent (whatever the portal
    says of it since), after the portal finished it, or, for a case the portal
    returned and nobody took up again, after it was last touched. Cases never
    sent (``ready``, waiting in the outbox) are kept: wiping them would lose a
    submission the citizen was promised.
    """
    now = to_storage(clock())
    cutoff = now - dt.timedelta(days=config.retention.retention_days)

    purged_ids: list[str] = []

    def purge(session: Session, batch: Sequence[Case]) -> None:
        purged_ids.extend(case.id for case in batch)
        for case in batch:
            if case.status == "returned":
                _count(session, case, "expired")
                case.status = "expired"
            else:
                _count(session, case, case.portal_status or "sent")
            _wipe(session, case, now)
            audit.record(session, Actor.system(), "case_purged", case_id=case.id)
        _forget_sent_bodies(session, [case.id for case in batch])
        # Consent rows stay (the notice text and time prove what was agreed);
        # they hold no personal data once the citizen row is gone.

    # "not purged" inside each way, so that each is one index range (SQLite's
    # multi-index OR, PostgreSQL's bitmap OR): ix_cases_purge_finished,
    # ix_cases_purge_sent, ix_cases_status_updated. A store holding years of purged
    # cases then costs what is due, not its size (docs/performance.md).
    kept = Case.purged_at.is_(None)
    finished = select(Case).where(
        or_(
            and_(kept, Case.finished_at < cutoff, Case.portal_status.in_(FINAL_PORTAL_STATUSES)),
            and_(kept, Case.sent_at < cutoff),
            and_(Case.status == "returned", Case.updated_at < cutoff, kept),
        )
    )
    purged = _in_batches(store, finished, purge)
    from kiosk.cases.declarations import forget_declaration  # reportlab: loaded on use

    for case_id in purged_ids:  # sealed files, once their rows are committed
        forget_declaration(store, case_id)
    PageStore(store, config.attachments).clean_orphans()
    return purged


def purge_account_requests(store: Store, config: KioskConfig, clock: Clock = system_clock) -> int:
    """Account requests the portal has had for ``retention_days`` lose phone, e-mail, citizen.

    Requests still waiting to be sent keep everything (the portal needs them).
    """
    now = to_storage(clock())
    cutoff = now - dt.timedelta(days=config.retention.retention_days)

    def purge(session: Session, batch: Sequence[AccountRequest]) -> None:
        for request in batch:
            request.phone = None
            request.email = None
            request.citizen_id = None
            request.portal_message = None
            audit.record(
                session, Actor.system(), "account_request_purged", account_request=request.id
            )

    answered = select(AccountRequest).where(
        AccountRequest.status != "queued",
        AccountRequest.updated_at < cutoff,
        or_(
            AccountRequest.citizen_id.is_not(None),
            AccountRequest.phone.is_not(None),
            AccountRequest.email.is_not(None),
        ),
    )
    return _in_batches(store, answered, purge)


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
