"""Which required papers a case still lacks, read in the submit's own transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.attachments.slots import BringLaterReason, missing_slot_documents
from kiosk.procedures import ProcedureDefinition
from kiosk.procedures.base import LocalText
from kiosk.store.models import AttachmentSlot, Case


def _reason(value: str | None) -> BringLaterReason | None:
    try:
        return BringLaterReason(value) if value else None
    except ValueError:  # a reason this version does not know is still a promise
        return BringLaterReason.PREFERS_COUNTER


def documents_still_missing(
    session: Session, case: Case, definition: ProcedureDefinition, today: dt.date
) -> tuple[LocalText, ...]:
    """Names of the required papers neither scanned (assembled) nor promised for the counter.

    Read through ``session`` so the check and the submit see the same rows.
    """
    rows = session.scalars(select(AttachmentSlot).where(AttachmentSlot.case_id == case.id)).all()
    scanned = {row.slot_key: row.page_count for row in rows if row.sha256 is not None}
    promised = {row.slot_key: reason for row in rows if (reason := _reason(row.bring_later_reason))}
    return missing_slot_documents(definition, case.answers or {}, scanned, promised, today=today)
