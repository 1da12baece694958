"""The audit log viewer's queries: filtered, paged in SQL, exported to CSV as a stream.

Audit events hold ids and codes only (see :mod:`kiosk.cases.audit`), so the export is
safe to hand to an inspector. Times are stored in UTC; the CSV gives both UTC and the
ward office's local time (UTC+7). Cells that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Select, false, func, select

from kiosk.cases.clock import VIETNAM, from_storage, to_storage
from kiosk.fileio import atomic_write
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent

MAX_PAGE = 1000
EXPORT_BATCH = 1000
CSV_COLUMNS = ("id", "at_utc", "at_local", "actor_kind", "actor_id", "action", "case_id", "details")


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show; every field is optional. ``since``/``until`` are aware
    datetimes (``until`` exclusive)."""

    actions: Sequence[str] | None = None
    actor_kind: str | None = None
    actor_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # aware, UTC
    actor_kind: str
    actor_id: str | None
    action: str
    case_id: str | None
    details: dict[str, Any]

    @property
    def at_local(self) -> dt.datetime:
        return self.at.astimezone(VIETNAM)


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("audit filter times must be timezone-aware")
    return to_storage(moment)


def _unmatchable(value: object) -> bool:
    """Text no stored event can hold (lone surrogates cannot even be sent to SQLite)."""
    return not isinstance(value, str) or any("\ud800" <= ch <= "\udfff" for ch in value)


def _filtered(query: Select[Any], where: AuditFilter) -> Select[Any]:
    texts = [*(where.actions or ()), where.actor_kind, where.actor_id, where.case_id]
    if any(_unmatchable(text) for text in texts if text is not None):
        return query.where(false())
    if where.actions:
        query = query.where(AuditEvent.action.in_(list(where.actions)))
    if where.actor_kind:
        query = query.where(AuditEvent.actor_kind == where.actor_kind)
    if where.actor_id:
        query = query.where(AuditEvent.actor_id == where.actor_id)
    if where.since is not None:
        query = query.where(AuditEvent.at >= _aware(where.since))
    if where.until is not None:
        query = query.where(AuditEvent.at < _aware(where.until))
    if where.case_id:
        query = query.where(AuditEvent.case_id == where.case_id)
    return query


def _row(event: AuditEvent) -> AuditRow:
    return AuditRow(
        id=event.id,
        at=from_storage(event.at),
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        action=event.action,
        case_id=event.case_id,
        details=dict(event.details or {}),
    )


def query(
    store: Store,
    where: AuditFilter | None = None,
    *,
    limit: int = 100,
    offset: int = 0,
    newest_first: bool = True,
) -> list[AuditRow]:
    """One page of events matching ``where``, newest first by default."""
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise ValueError(f"page must have 1-{MAX_PAGE} rows and a non-negative offset")
    order = (
        (AuditEvent.at.desc(), AuditEvent.id.desc())
        if newest_first
        else (
            AuditEvent.at.asc(),
            AuditEvent.id.asc(),
        )
    )
    statement = _filtered(select(AuditEvent), where or AuditFilter()).order_by(*order)
    with store.sessions() as session:
        return [_row(e) for e in session.scalars(statement.limit(limit).offset(offset))]


def count(store: Store, where: AuditFilter | None = None) -> int:
    statement = _filtered(select(func.count()).select_from(AuditEvent), where or AuditFilter())
    with store.sessions() as session:
        return int(session.scalar(statement) or 0)


def known_actions(store: Store) -> list[str]:
    """The distinct actions recorded so far, for the filter's list."""
    with store.sessions() as session:
        return list(session.scalars(select(AuditEvent.action).distinct().order_by("action")))


def iter_events(store: Store, where: AuditFilter | None = None) -> Iterator[AuditRow]:
    """Every matching event, oldest first, read in batches by id (keyset, not offset)."""
    last_id = 0
    while True:
        statement = (
            _filtered(select(AuditEvent), where or AuditFilter())
            .where(AuditEvent.id > last_id)
            .order_by(AuditEvent.id)
            .limit(EXPORT_BATCH)
        )
        with store.sessions() as session:
            batch = [_row(e) for e in session.scalars(statement)]
        yield from batch
        if len(batch) < EXPORT_BATCH:
            return
        last_id = batch[-1].id


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def export_csv(store: Store, out: TextIO, where: AuditFilter | None = None) -> int:
    """Write the matching events to ``out`` as CSV (header first); returns the row count."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for row in iter_events(store, where):
        writer.writerow(
            [
                row.id,
                row.at.isoformat(),
                row.at_local.isoformat(),
                _cell(row.actor_kind),
                _cell(row.actor_id),
                _cell(row.action),
                _cell(row.case_id),
                _cell(json.dumps(row.details, ensure_ascii=False, sort_keys=True)),
            ]
        )
        written += 1
    return written


def export_csv_file(store: Store, path: Path, where: AuditFilter | None = None) -> int:
    """Write the matching events to ``path`` (UTF-8 with BOM for spreadsheets), durably.

    The log is read whole before writing so that a cut mid-export leaves the previous
    file (or none), never a truncated one that looks complete.
    """
    out = io.StringIO(newline="")
    written = export_csv(store, out, where)
    atomic_write(path, out.getvalue().encode("utf-8-sig"))
    return written
