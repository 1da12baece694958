"""The volunteers' work queue: the cases that need a person, one page at a time.

Five lists (``QueueKind``):

- ``drafts_today``: drafts last changed today (the ward office's day, UTC+7);
- ``returned``: cases the portal sent back, with its message;
- ``stuck``: cases waiting in the outbox (queued or sending) for more than a day;
- ``flagged``: drafts set aside after a catalogue change (``flagged_reason``);
- ``awaiting_document``: submitted cases still waiting for a paper the citizen
  chose to bring to the counter instead of scanning it (``attachment_slots``).

What a caller may rely on: filtering, sorting and paging happen in SQL, so a
page costs the same with 100 or 100,000 cases; only the page's rows are read and
only their citizens' names are decrypted (and never logged). The citizen's name is
for the signed-in volunteer's eyes: it is not a sort key, since the database only
holds it sealed. Sorting is stable (the case id breaks ties), so pages never
overlap or skip rows while the data stays the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import Select, asc, case, desc, exists, func, null, select

from kiosk.cases.clock import Clock, day_bounds_utc, local_date, system_clock, to_storage
from kiosk.identity.collation import vietnamese_sort_key
from kiosk.procedures import Catalogue
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.store.models import AttachmentSlot, Case, Citizen, OutboxEntry

QueueKind = Literal["drafts_today", "returned", "stuck", "flagged", "awaiting_document"]
SortKey = Literal[
    "updated_at", "created_at", "procedure", "status", "local_reference", "waiting_since"
]
QUEUE_KINDS: tuple[QueueKind, ...] = get_args(QueueKind)
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
STUCK_AFTER = dt.timedelta(days=1)
PENDING_OUTBOX_STATES = ("queued", "sending")
# Flags are only set on, and only matter for, cases a person can still edit.
_EDITABLE = ("draft", "returned")
MAX_PAGE = 500

QUEUE_TITLES: dict[QueueKind, LocalText] = {
    "drafts_today": LocalText("Hồ sơ đang làm dở hôm nay", "Drafts left unfinished today"),
    "returned": LocalText("Hồ sơ bị Cổng trả lại", "Returned by the portal"),
    "stuck": LocalText("Chờ gửi quá một ngày", "Waiting to sync for over a day"),
    "flagged": LocalText("Cần kiểm tra do thủ tục thay đổi", "Flagged after a catalogue change"),
    "awaiting_document": LocalText(
        "Chờ công dân mang giấy tờ tới quầy", "Waiting for a paper brought to the counter"
    ),
}
_WAITING_STATUSES = ("ready", "sent", "returned")
"""Submitted and not finished: a promised paper still matters to these."""


@dataclass(frozen=True)
class QueueRow:
    """One case in a queue list. ``updated_at`` and ``waiting_since`` are naive UTC."""

    kind: QueueKind
    case_id: str
    procedure_id: str
    procedure_version: int
    procedure_title: LocalText
    status: str
    updated_at: dt.datetime
    local_reference: str | None
    resume_code: str | None
    message: str | None
    citizen_name: str | None
    waiting_since: dt.datetime | None = None
    attempts: int | None = None
    # The kiosk the case was started at (a ward's shared database lists every kiosk's).
    kiosk_number: int | None = None


class WorkQueue:
    """Paged, sortable queue lists over the cases table; give it the catalogue for titles."""

    def __init__(
        self, store: Store, catalogue: Catalogue | None = None, clock: Clock = system_clock
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.clock = clock

    # -- the lists -----------------------------------------------------------------------

    def count(self, kind: QueueKind) -> int:
        if kind == "stuck":  # the outbox alone answers it: no need to visit the cases
            query = select(func.count()).select_from(OutboxEntry).where(*self._stuck_entries())
        else:
            query = self._filtered(select(func.count()).select_from(Case), kind)
        with self.store.sessions() as session:
            return int(session.scalar(query) or 0)

    def counts(self) -> dict[QueueKind, int]:
        """Every list's size, for the badges on the queue's tabs."""
        return {kind: self.count(kind) for kind in QUEUE_KINDS}

    def page(
        self,
        kind: QueueKind,
        *,
        sort_by: SortKey = "updated_at",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QueueRow]:
        """Rows ``offset`` to ``offset + limit`` of one list, in the order asked for.

        Two steps in one statement: the page's case ids are picked from the narrow,
        indexed columns first; only those cases' rows (and names) are then read.
        """
        if kind not in QUEUE_KINDS:
            raise ValueError(f"unknown queue {kind!r}")
        if sort_by not in SORT_KEYS:
            raise ValueError(f"cannot sort the queue by {sort_by!r}")
        if not 1 <= limit <= MAX_PAGE or offset < 0:
            raise ValueError(f"page must have 1-{MAX_PAGE} rows and a non-negative offset")
        direction = desc if descending else asc
        keys = self._page_keys(kind, sort_by, direction).limit(limit).offset(offset).subquery()
        stuck = kind == "stuck"
        columns: list[Any] = [
            Case.id,
            Case.procedure_id,
            Case.procedure_version,
            Case.status,
            Case.updated_at,
            Case.local_reference,
            Case.resume_code,
            self._message_column(kind),
            Citizen.full_name,
            OutboxEntry.created_at if stuck else null(),
            OutboxEntry.attempts if stuck else null(),
            Case.kiosk_number,
        ]
        query = (
            select(*columns)
            .select_from(keys)
            .join(Case, Case.id == keys.c.case_id)
            .outerjoin(Citizen, Citizen.id == Case.citizen_id)
        )
        if stuck:  # the very entry the keys were picked from, by its primary key
            query = query.join(OutboxEntry, OutboxEntry.id == keys.c.entry_id)
        query = query.order_by(direction(keys.c.sort_key), direction(keys.c.case_id))
        with self.store.sessions() as session:
            rows = session.execute(query).all()
        return [self._row(kind, row) for row in rows]

    # -- SQL pieces ----------------------------------------------------------------------

    def _stuck_entries(self) -> list[Any]:
        cutoff = to_storage(self.clock()) - STUCK_AFTER
        return [
            OutboxEntry.case_id.is_not(None),
            OutboxEntry.state.in_(PENDING_OUTBOX_STATES),
            OutboxEntry.created_at < cutoff,
        ]

    def _page_keys(self, kind: QueueKind, sort_by: SortKey, direction: Any) -> Any:
        """The ids of the list's cases with their sort key, in order (no paging yet)."""
        if kind == "stuck" and sort_by == "waiting_since":
            return (
                select(
                    OutboxEntry.case_id.label("case_id"),
                    OutboxEntry.created_at.label("sort_key"),
                    OutboxEntry.id.label("entry_id"),
                )
                .where(*self._stuck_entries())
                .order_by(direction(OutboxEntry.created_at), direction(OutboxEntry.case_id))
            )
        order = self._order_column(kind, sort_by)
        entry_id = OutboxEntry.id if kind == "stuck" else null()
        return self._filtered(
            select(
                Case.id.label("case_id"), order.label("sort_key"), entry_id.label("entry_id")
            ).select_from(Case),
            kind,
        ).order_by(direction(order), direction(Case.id))

    def _filtered(self, query: Select[Any], kind: QueueKind) -> Select[Any]:
        if kind == "drafts_today":
            start, end = day_bounds_utc(local_date(self.clock()))
            return query.where(
                Case.status == "draft", Case.updated_at >= start, Case.updated_at < end
            )
        if kind == "returned":
            return query.where(Case.status == "returned")
        if kind == "flagged":
            return query.where(Case.flagged_reason.is_not(None), Case.status.in_(_EDITABLE))
        if kind == "stuck":
            return query.join(OutboxEntry, OutboxEntry.case_id == Case.id).where(
                *self._stuck_entries()
            )
        if kind == "awaiting_document":
            promised = exists().where(
                AttachmentSlot.case_id == Case.id,
                AttachmentSlot.bring_later_reason.is_not(None),
            )
            return query.where(
                Case.status.in_(_WAITING_STATUSES), Case.purged_at.is_(None), promised
            )
        raise ValueError(f"unknown queue {kind!r}")

    @staticmethod
    def _message_column(kind: QueueKind) -> Any:
        if kind == "returned":
            return Case.portal_message
        if kind == "flagged":
            return Case.flagged_reason
        if kind == "stuck":
            return OutboxEntry.last_error
        return null()

    def _order_column(self, kind: QueueKind, sort_by: SortKey) -> Any:
        if sort_by == "procedure":
            return self._procedure_order()
        if sort_by == "waiting_since":
            # Only the stuck list has an outbox age; the others wait since their last change.
            return OutboxEntry.created_at if kind == "stuck" else Case.updated_at
        columns: dict[str, Any] = {
            "updated_at": Case.updated_at,
            "created_at": Case.created_at,
            "status": Case.status,
            "local_reference": Case.local_reference,
        }
        return columns[sort_by]

    def _procedure_order(self) -> Any:
        """The procedures in Vietnamese dictionary order of their titles, as a SQL CASE."""
        if not self.catalogue:
            return Case.procedure_id
        catalogue = self.catalogue
        ordered = sorted(catalogue, key=lambda pid: vietnamese_sort_key(catalogue[pid].title.vi))
        ranks = {pid: rank for rank, pid in enumerate(ordered)}
        return case(ranks, value=Case.procedure_id, else_=len(ranks))

    # -- rows ----------------------------------------------------------------------------

    def _title(self, procedure_id: str, version: int) -> LocalText:
        if self.catalogue is None:
            return LocalText(procedure_id, procedure_id)
        try:
            return self.catalogue.version(procedure_id, version).title
        except KeyError:
            try:
                return self.catalogue[procedure_id].title
            except KeyError:
                return LocalText(procedure_id, procedure_id)

    def _row(self, kind: QueueKind, row: Any) -> QueueRow:
        (
            case_id,
            procedure_id,
            version,
            status,
            updated_at,
            local_reference,
            resume_code,
            message,
            citizen_name,
            waiting_since,
            attempts,
            kiosk_number,
        ) = row
        return QueueRow(
            kind=kind,
            case_id=case_id,
            procedure_id=procedure_id,
            procedure_version=version,
            procedure_title=self._title(procedure_id, version),
            status=status,
            updated_at=updated_at,
            local_reference=local_reference,
            resume_code=resume_code,
            message=message,
            citizen_name=citizen_name,
            waiting_since=waiting_since,
            attempts=attempts,
            kiosk_number=kiosk_number,
        )
