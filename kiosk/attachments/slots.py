"""The document slots of one case, resolved from its definition, answers and pages.

A definition's slot may stand for several papers (one original per member of
the certified copy's list), and whether it applies depends on the answers;
this module turns all that into the concrete slots a capture screen, the
review, the receipt and the sync engine walk over, each with its state.
Pure: no store, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.procedures import (
    Answers,
    DocumentSlot,
    LocalText,
    ProcedureDefinition,
    applicable_documents,
)


class BringLaterReason(StrEnum):
    """Why a citizen will bring a paper to the counter instead of scanning it (recorded)."""

    NO_DEVICE = "no_device"
    """Neither a scanner nor a camera works on this kiosk."""
    NOT_WITH_ME = "not_with_me"
    """The citizen does not have the paper with them."""
    PREFERS_COUNTER = "prefers_counter"
    """The citizen would rather hand the paper to the officer."""
    SHOWN_AT_COUNTER = "shown_at_counter"
    """The paper (an ID card) is only ever shown at the counter."""


class SlotState(StrEnum):
    EMPTY = "empty"
    SCANNED = "scanned"
    BRING_LATER = "bring_later"


@dataclass(frozen=True)
class ResolvedSlot:
    """One paper this case needs: a definition slot, or one member's copy of it."""

    key: str
    """``document_id``, or ``document_id.N`` for member N of a per-member slot."""
    document: DocumentSlot
    name: LocalText
    min_pages: int
    max_pages: int
    member_index: int | None = None

    @property
    def capturable(self) -> bool:
        return self.document.capturable

    def accepts(self, page_count: int) -> bool:
        return self.min_pages <= page_count <= self.max_pages


@dataclass(frozen=True)
class SlotStatus:
    slot: ResolvedSlot
    state: SlotState
    pages: int = 0
    reason: BringLaterReason | None = None


MSG_TOO_MANY_PAGES = LocalText(
    "Giấy tờ này chỉ có tối đa {limit} trang. Hãy xóa bớt trang thừa.",
    "This document has at most {limit} pages. Please delete the extra pages.",
)
MSG_TOO_FEW_PAGES = LocalText(
    "Giấy tờ này cần {limit} trang. Hãy chụp thêm trang còn thiếu.",
    "This document needs {limit} pages. Please capture the missing pages.",
)


def _member_pages(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else None


def resolve_slots(
    definition: ProcedureDefinition, answers: Answers, *, today: dt.date | None = None
) -> tuple[ResolvedSlot, ...]:
    """The slots this case needs now, in definition order (members in list order)."""
    found: list[ResolvedSlot] = []
    for document in applicable_documents(definition, answers, today=today):
        member = document.per_member
        if member is None:
            found.append(
                ResolvedSlot(
                    document.id, document, document.name, document.min_pages, document.max_pages
                )
            )
            continue
        members = answers.get(member.group)
        for index, raw in enumerate(members if isinstance(members, list) else []):
            values = raw if isinstance(raw, Mapping) else {}
            pages = _member_pages(values.get(member.pages_field)) if member.pages_field else None
            title = values.get(member.name_field) if member.name_field else None
            name = document.name
            if isinstance(title, str) and title.strip():
                name = LocalText(f"{document.name.vi}: {title}", f"{document.name.en}: {title}")
            found.append(
                ResolvedSlot(
                    key=f"{document.id}.{index}",
                    document=document,
                    name=name,
                    min_pages=pages or document.min_pages,
                    max_pages=pages or document.max_pages,
                    member_index=index,
                )
            )
    return tuple(found)


def page_count_problem(slot: ResolvedSlot, page_count: int) -> LocalText | None:
    """The message when a scan of ``slot`` has too many or too few pages, else None."""
    if page_count > slot.max_pages:
        return MSG_TOO_MANY_PAGES.format(limit=slot.max_pages)
    if 0 < page_count < slot.min_pages:
        return MSG_TOO_FEW_PAGES.format(limit=slot.min_pages)
    return None


def slot_statuses(
    slots: Collection[ResolvedSlot],
    page_counts: Mapping[str, int],
    bring_later: Mapping[str, BringLaterReason],
) -> tuple[SlotStatus, ...]:
    """Each slot's state: scanned (with a page count it accepts), promised, or empty."""
    statuses = []
    for slot in slots:
        pages = page_counts.get(slot.key, 0)
        if not slot.capturable:
            statuses.append(
                SlotStatus(slot, SlotState.BRING_LATER, 0, BringLaterReason.SHOWN_AT_COUNTER)
            )
        elif pages and slot.accepts(pages):
            statuses.append(SlotStatus(slot, SlotState.SCANNED, pages))
        elif slot.key in bring_later and slot.document.bring_later:
            statuses.append(SlotStatus(slot, SlotState.BRING_LATER, 0, bring_later[slot.key]))
        else:
            statuses.append(SlotStatus(slot, SlotState.EMPTY, pages))
    return tuple(statuses)


def dossier_documents(
    definition: ProcedureDefinition,
    answers: Answers,
    delivered: Collection[str],
    *,
    today: dt.date | None = None,
) -> tuple[DocumentSlot, ...]:
    """The papers a dossier comes with, in definition order.

    Every applicable paper only shown at the counter (an ID card), and each
    capturable one whose document id is in ``delivered`` (scanned, or promised
    for the counter): an alternative or an optional paper left empty is not
    one of them. This replaces the checklist the citizen used to tick.
    """
    return tuple(
        document
        for document in applicable_documents(definition, answers, today=today)
        if not document.capturable or document.id in delivered
    )


def filled_documents(statuses: Collection[SlotStatus]) -> frozenset[str]:
    """Definition document ids every one of whose slots is scanned or promised.

    Feed this to :func:`kiosk.procedures.missing_documents` to know what is missing.
    """
    by_document: dict[str, list[bool]] = {}
    for status in statuses:
        by_document.setdefault(status.slot.document.id, []).append(
            status.state is not SlotState.EMPTY
        )
    return frozenset(document for document, filled in by_document.items() if all(filled))
