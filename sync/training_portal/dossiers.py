"""Dossiers at the portal: catalogue, submission with idempotency, status schedule, feed.

What a caller may rely on: one dossier per (client, idempotency key); a replay
returns the first receipt byte for byte; every status change gets a strictly
increasing cursor; nothing is written when a request is refused.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sync.training_portal import codes, schedule
from sync.training_portal.catalogue import CatalogueEntry
from sync.training_portal.database import (
    Outcome,
    PortalDatabase,
    canonical_sha256,
    replay,
)
from sync.training_portal.problems import FieldError, ProblemError, validation_failed
from sync.training_portal.timeutil import VIETNAM_TIME, Clock, from_iso, to_iso
from sync.training_portal.validation import validate_dossier


class DossierDesk:
    """The receiving desk: takes dossiers, numbers them, moves them along."""

    def __init__(
        self,
        database: PortalDatabase,
        clock: Clock,
        agency_code: str,
        status_schedule: schedule.StatusSchedule,
    ) -> None:
        self._database = database
        self._clock = clock
        self._agency_code = codes.check_agency_code(agency_code)
        self._schedule = status_schedule

    def replace_catalogue(self, entries: Iterable[CatalogueEntry]) -> None:
        listed = list(entries)
        with self._database.transaction() as db:
            db.execute("DELETE FROM catalogue")
            db.execute("DELETE FROM catalogue_choices")
            db.executemany(
                "INSERT INTO catalogue VALUES (?, ?, ?, ?)",
                [(e.procedure_id, e.version, e.title, e.processing_days) for e in listed],
            )
            db.executemany(
                "INSERT INTO catalogue_choices VALUES (?, ?, ?, ?)",
                [
                    (e.procedure_id, e.choice_field, value, days)
                    for e in listed
                    if e.choice_field is not None
                    for value, days in e.days_by_choice
                ],
            )

    def catalogue(self) -> list[CatalogueEntry]:
        with self._database.read() as db:
            return list(_catalogue(db).values())

    def set_rejection(self, local_reference: str, message: str | None) -> None:
        """Make submissions with ``local_reference`` fail with ``message`` (None: stop)."""
        with self._database.transaction() as db:
            if message:
                db.execute(
                    "INSERT INTO rejections VALUES (?, ?) ON CONFLICT (local_reference) "
                    "DO UPDATE SET message = excluded.message",
                    (local_reference, message),
                )
            else:
                db.execute("DELETE FROM rejections WHERE local_reference = ?", (local_reference,))

    def submit_dossier(
        self, client_id: str, idempotency_key: str, body: Mapping[str, object]
    ) -> Outcome:
        """201 with a new receipt, 200 with the first receipt, or a 409/422 problem."""
        body_sha256 = canonical_sha256(body)
        now = self._clock()
        with self._database.transaction() as db:
            replayed = replay(db, "dossiers", client_id, idempotency_key, body_sha256)
            if replayed is not None:
                return replayed
            catalogue = _catalogue(db)
            errors = validate_dossier(body, catalogue)
            if errors:
                raise validation_failed(errors)
            local_reference = str(body["local_reference"])
            rejection = db.execute(
                "SELECT message FROM rejections WHERE local_reference = ?", (local_reference,)
            ).fetchone()
            if rejection is not None:
                raise ProblemError(
                    422,
                    "rejected",
                    "Dossier rejected by the receiving officer",
                    rejection["message"],
                    errors=[FieldError("local_reference", "rejected", rejection["message"])],
                )
            entry = catalogue[str(body["procedure_id"])]
            received_local = now.astimezone(VIETNAM_TIME).replace(tzinfo=None)
            received_on = received_local.date()
            day_key = received_on.isoformat()
            db.execute(
                "INSERT INTO day_sequences VALUES (?, 1) "
                "ON CONFLICT (day) DO UPDATE SET last_value = last_value + 1",
                (day_key,),
            )
            sequence = db.execute(
                "SELECT last_value FROM day_sequences WHERE day = ?", (day_key,)
            ).fetchone()[0]
            portal_id = str(uuid.uuid4())
            receipt: dict[str, object] = {
                "portal_id": portal_id,
                "dossier_code": codes.format_dossier_code(self._agency_code, received_on, sequence),
                "status": schedule.RECEIVED,
                "received_at": to_iso(now),
                "appointment_date": codes.appointment_date(
                    received_local, entry.days_for(_answers(body))
                ).isoformat(),
                "local_reference": local_reference,
            }
            db.execute(
                "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    portal_id,
                    client_id,
                    idempotency_key,
                    body_sha256,
                    json.dumps(body, ensure_ascii=False),
                    json.dumps(receipt, ensure_ascii=False),
                    receipt["dossier_code"],
                    local_reference,
                    receipt["received_at"],
                    receipt["appointment_date"],
                    schedule.RECEIVED,
                    schedule.STATUS_MESSAGES[schedule.RECEIVED],
                    receipt["received_at"],
                ),
            )
            self._record_change(db, portal_id, client_id, schedule.RECEIVED, now)
        return Outcome(201, receipt)

    def _record_change(
        self,
        db: sqlite3.Connection,
        portal_id: str,
        client_id: str,
        status: str,
        changed_at: datetime,
    ) -> None:
        message = schedule.STATUS_MESSAGES.get(status)
        db.execute(
            "INSERT INTO status_changes (portal_id, client_id, status, message, changed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (portal_id, client_id, status, message, to_iso(changed_at)),
        )
        db.execute(
            "UPDATE dossiers SET status = ?, status_message = ?, status_changed_at = ? "
            "WHERE portal_id = ?",
            (status, message, to_iso(changed_at), portal_id),
        )

    def apply_due_steps(self) -> int:
        """Take every step of the schedule that is due by now; return how many."""
        now = self._clock()
        taken = 0
        with self._database.transaction() as db:
            rows = db.execute(
                "SELECT portal_id, client_id, dossier_code, status, status_changed_at, "
                "appointment_date FROM dossiers WHERE status IN (?, ?) "
                "ORDER BY received_at, dossier_code",
                (schedule.RECEIVED, schedule.PROCESSING),
            ).fetchall()
            for row in rows:
                status, since = row["status"], from_iso(row["status_changed_at"])
                appointment = date.fromisoformat(row["appointment_date"])
                while True:
                    following = self._schedule.next_status(status, row["dossier_code"])
                    due = self._schedule.due_at(status, since, following, appointment)
                    if following is None or due is None or due > now:
                        break
                    self._record_change(db, row["portal_id"], row["client_id"], following, due)
                    status, since = following, due
                    taken += 1
        return taken

    def advance_all(self) -> int:
        """Move every unfinished dossier one step now, whatever the schedule says."""
        now = self._clock()
        with self._database.transaction() as db:
            rows = db.execute(
                "SELECT portal_id, client_id, dossier_code, status FROM dossiers "
                "WHERE status IN (?, ?) ORDER BY received_at, dossier_code",
                (schedule.RECEIVED, schedule.PROCESSING),
            ).fetchall()
            for row in rows:
                following = self._schedule.next_status(row["status"], row["dossier_code"])
                if following is not None:
                    self._record_change(db, row["portal_id"], row["client_id"], following, now)
        return len(rows)

    def changes(self, client_id: str, since: int, limit: int) -> dict[str, object]:
        """Changes of ``client_id``'s dossiers with a cursor above ``since``, oldest first."""
        self.apply_due_steps()
        with self._database.read() as db:
            rows = db.execute(
                "SELECT c.seq, c.status, c.message, c.changed_at, d.portal_id, d.dossier_code, "
                "d.local_reference FROM status_changes c JOIN dossiers d USING (portal_id) "
                "WHERE c.client_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?",
                (client_id, since, limit + 1),
            ).fetchall()
        page = rows[:limit]
        return {
            "changes": [
                {
                    "cursor": str(row["seq"]),
                    "portal_id": row["portal_id"],
                    "dossier_code": row["dossier_code"],
                    "local_reference": row["local_reference"],
                    "status": row["status"],
                    "message": row["message"],
                    "changed_at": row["changed_at"],
                }
                for row in page
            ],
            "next_cursor": str(page[-1]["seq"]) if page else str(since),
            "has_more": len(rows) > limit,
        }

    def kiosk_dossiers(
        self, client_id: str, first_day: str, last_day: str, offset: int, limit: int
    ) -> dict[str, object]:
        """``client_id``'s dossiers received on ``first_day``..``last_day`` (Vietnam dates).

        What a kiosk pulls back after a restore: which of its local references
        the portal holds, so it never issues one of them again.
        """
        self.apply_due_steps()
        with self._database.read() as db:
            rows = db.execute(
                "SELECT dossier_code, local_reference, status, received_at, body_json "
                "FROM dossiers WHERE client_id = ? ORDER BY received_at, dossier_code",
                (client_id,),
            ).fetchall()
        wanted = []
        for row in rows:
            day = from_iso(row["received_at"]).astimezone(VIETNAM_TIME).date().isoformat()
            if first_day <= day <= last_day:
                wanted.append(row)
        page = wanted[offset : offset + limit]
        items = []
        for row in page:
            body = json.loads(row["body_json"])
            items.append(
                {
                    "local_reference": row["local_reference"],
                    "dossier_code": row["dossier_code"],
                    "status": row["status"],
                    "procedure_id": body.get("procedure_id"),
                    "procedure_version": body.get("procedure_version"),
                    "submitted_at": body.get("submitted_at"),
                    "received_at": row["received_at"],
                }
            )
        more = offset + limit < len(wanted)
        return {"dossiers": items, "next_cursor": str(offset + len(page)), "has_more": more}

    def all_dossiers(self) -> list[dict[str, object]]:
        """Every dossier with its key, code, current status and body (for checking)."""
        self.apply_due_steps()
        with self._database.read() as db:
            rows = db.execute(
                "SELECT * FROM dossiers ORDER BY received_at, dossier_code"
            ).fetchall()
        return [
            {
                "portal_id": row["portal_id"],
                "client_id": row["client_id"],
                "idempotency_key": row["idempotency_key"],
                "dossier_code": row["dossier_code"],
                "local_reference": row["local_reference"],
                "status": row["status"],
                "status_message": row["status_message"],
                "received_at": row["received_at"],
                "appointment_date": row["appointment_date"],
                "identity_evidence": json.loads(row["body_json"]).get("identity_evidence"),
                "body": json.loads(row["body_json"]),
            }
            for row in rows
        ]


def _catalogue(db: sqlite3.Connection) -> dict[str, CatalogueEntry]:
    choices: dict[str, list[tuple[str, str, int]]] = {}
    for row in db.execute("SELECT * FROM catalogue_choices ORDER BY choice_value"):
        choices.setdefault(row["procedure_id"], []).append(
            (row["choice_field"], row["choice_value"], row["processing_days"])
        )
    entries: dict[str, CatalogueEntry] = {}
    for r in db.execute("SELECT * FROM catalogue ORDER BY procedure_id"):
        by_choice = choices.get(r["procedure_id"], [])
        entries[r["procedure_id"]] = CatalogueEntry(
            r["procedure_id"],
            r["version"],
            r["title"],
            r["processing_days"],
            by_choice[0][0] if by_choice else None,
            tuple((value, days) for _, value, days in by_choice),
        )
    return entries


def _answers(body: Mapping[str, object]) -> Mapping[str, object]:
    answers = body.get("answers")
    return answers if isinstance(answers, Mapping) else {}
