"""Recording "I will bring it to the counter" for every required paper still empty.

A case made without a person at the capture screen (``kiosk seed``, the bench's
citizens, test helpers) must still meet the rule ``CaseService.submit``
enforces: each required paper scanned or promised. This records the promises
the way the capture screen's bring-later button does, with a reason.
"""

from __future__ import annotations

import datetime as dt

from kiosk.attachments.slots import (
    BringLaterReason,
    SlotState,
    resolve_slots,
    slot_statuses,
)
from kiosk.attachments.storage import PageStore
from kiosk.procedures import Answers, ProcedureDefinition


def promise_required_documents(
    pages: PageStore,
    case_id: str,
    definition: ProcedureDefinition,
    answers: Answers,
    reason: BringLaterReason = BringLaterReason.NOT_WITH_ME,
    *,
    today: dt.date | None = None,
) -> list[str]:
    """Promise each empty required slot that allows it; returns the slot keys promised.

    Of a "one of" group left wholly empty only the first alternative is
    promised (one paper is enough); optional papers are left alone. A slot
    that does not allow bring-later stays empty: submit then names it.
    """
    documents = pages.documents(case_id)
    scanned = {d.slot_key: d.page_count for d in documents if d.sha256 is not None}
    promised = {
        d.slot_key: d.bring_later_reason for d in documents if d.bring_later_reason is not None
    }
    statuses = slot_statuses(resolve_slots(definition, answers, today=today), scanned, promised)
    filled_groups = {
        status.slot.document.one_of
        for status in statuses
        if status.state is not SlotState.EMPTY and status.slot.document.one_of
    }
    recorded: list[str] = []
    for status in statuses:
        document = status.slot.document
        if status.state is not SlotState.EMPTY or not document.required:
            continue
        if not document.bring_later:
            continue
        if document.one_of is not None:
            if document.one_of in filled_groups:
                continue
            filled_groups.add(document.one_of)
        pages.set_bring_later(case_id, status.slot.key, reason)
        recorded.append(status.slot.key)
    return recorded
