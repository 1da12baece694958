"""Compare the database with the acknowledged-state ledger at start; flag a portal check.

See :mod:`kiosk.store.ledger` for why. When the database is behind (a damaged
WAL, a restore), every day's reference sequence is moved past the ledger so no
reference is issued twice, and :data:`PORTAL_CHECK` asks the sync engine to
pull this kiosk's dossiers back from the portal before anything else.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.office_day import office_today
from kiosk.store.ledger import Ledger, LedgerState, sequence_key
from kiosk.store.meta import meta_value, set_meta_value
from kiosk.store.models import DailySequence

log = logging.getLogger(__name__)

SUBMITS = "acknowledged_submits"
PORTAL_CHECK = "portal_check_pending"
LAST_PORTAL_CHECK = "last_portal_check"
UNKNOWN_FLOOR = 5000
"""Sequences start above this while a restore is unchecked and the ledger was lost too:
the portal may hold references this kiosk no longer knows of."""
LOOK_BACK_DAYS = 31


@dataclass(frozen=True)
class LostWrites:
    """The database is behind the ledger: acknowledged submits are missing."""

    submits_missing: int
    references_missing: int

    def message_vi(self) -> str:
        return (
            f"Cơ sở dữ liệu thiếu {self.submits_missing} lần nộp hồ sơ đã được xác nhận "
            f"({self.references_missing} số tham chiếu). Máy sẽ hỏi lại cổng dịch vụ công "
            "những hồ sơ cổng đã nhận; số tham chiếu mới không trùng số cũ."
        )


def submits_in(session: Session) -> int:
    return int(meta_value(session, SUBMITS) or 0)


def count_submit(session: Session) -> int:
    """One more acknowledged submit, in the submit's own transaction; returns the total."""
    total = submits_in(session) + 1
    set_meta_value(session, SUBMITS, str(total))
    return total


def _sequences(session: Session) -> dict[str, int]:
    return {
        sequence_key(row.day.isoformat(), row.kiosk_number): row.last_value
        for row in session.scalars(select(DailySequence))
    }


def portal_check(session: Session) -> dict[str, Any] | None:
    raw = meta_value(session, PORTAL_CHECK)
    return None if raw is None else dict(json.loads(raw))


def request_portal_check(
    session: Session, cause: str, *, restored: dict[str, int], ledger: dict[str, int] | None
) -> None:
    """Ask the sync engine to pull this kiosk's dossiers before the next push."""
    today = office_today()
    days = [dt.date.fromisoformat(key.split("/")[0]) for key in restored]
    since = max(min([*days, today]), today - dt.timedelta(days=LOOK_BACK_DAYS))
    previous = portal_check(session)
    if previous is not None:
        since = min(since, dt.date.fromisoformat(str(previous["since"])))
    document = {
        "cause": cause,
        "since": since.isoformat(),
        "restored_sequences": restored,
        "ledger_sequences": ledger,
        "floor": UNKNOWN_FLOOR if ledger is None else 0,
        "requested_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    set_meta_value(session, PORTAL_CHECK, json.dumps(document, sort_keys=True))


def sequence_floor(session: Session) -> int:
    check = portal_check(session)
    return 0 if check is None else int(check.get("floor", 0))


def reconcile_with_ledger(
    sessions: sessionmaker[Session], ledger: Ledger, *, restored: bool
) -> LostWrites | None:
    state = ledger.read()
    with sessions.begin() as session:
        db_submits = submits_in(session)
        db_sequences = _sequences(session)
        if state is None:
            if restored:
                request_portal_check(session, "restore", restored=db_sequences, ledger=None)
            ledger_state = LedgerState(db_submits, dict(db_sequences))
            lost = None
        else:
            missing_refs = sum(
                max(0, value - db_sequences.get(key, 0)) for key, value in state.sequences.items()
            )
            missing_submits = max(0, state.submits - db_submits)
            lost = None
            if missing_refs or missing_submits:
                lost = LostWrites(missing_submits, missing_refs)
                log.error(
                    "The database is behind the acknowledged state: %d submits, %d references "
                    "missing; sequences moved past them, portal check requested",
                    missing_submits,
                    missing_refs,
                )
                for key, value in state.sequences.items():
                    if value > db_sequences.get(key, 0):
                        day_text, number = key.split("/")
                        day = dt.date.fromisoformat(day_text)
                        row = session.get(DailySequence, (day, int(number)))
                        if row is None:
                            session.add(
                                DailySequence(day=day, kiosk_number=int(number), last_value=value)
                            )
                        else:
                            row.last_value = value
                set_meta_value(session, SUBMITS, str(max(db_submits, state.submits)))
            if lost is not None or restored:
                request_portal_check(
                    session,
                    "lost_writes" if lost is not None else "restore",
                    restored=db_sequences,
                    ledger=dict(state.sequences),
                )
            ledger_state = LedgerState(
                max(db_submits, state.submits),
                {
                    key: max(db_sequences.get(key, 0), state.sequences.get(key, 0))
                    for key in {*db_sequences, *state.sequences}
                },
            )
    try:
        ledger.merge(ledger_state)
    except OSError as error:
        log.warning("Could not write the acknowledged-state file: %s", error)
    return lost
