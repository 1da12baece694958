"""Slots resolved for a case: per-member originals, page limits, states."""

from __future__ import annotations

import datetime as dt

from kiosk.attachments.slots import (
    BringLaterReason,
    SlotState,
    filled_documents,
    page_count_problem,
    resolve_slots,
    slot_statuses,
)
from kiosk.procedures import JsonValue, load_catalogue, missing_documents

TODAY = dt.date(2026, 12, 1)
COPY_ANSWERS: dict[str, JsonValue] = {
    "documents_to_copy": [
        {"document_name": "Sổ đỏ", "document_pages": 3, "document_copies": 2},
        {"document_name": "Bằng tốt nghiệp", "document_pages": 1, "document_copies": 1},
    ]
}


def test_certified_copy_has_one_slot_per_original_with_its_page_count() -> None:
    slots = resolve_slots(load_catalogue()["certified_copy"], COPY_ANSWERS, today=TODAY)
    keys = [slot.key for slot in slots]
    assert keys == ["originals.0", "originals.1", "copies_to_certify", "requester_id_card"]
    first = slots[0]
    assert first.name.vi.endswith(": Sổ đỏ")
    assert (first.min_pages, first.max_pages) == (3, 3)
    assert page_count_problem(first, 4) is not None
    assert page_count_problem(first, 2) is not None
    assert page_count_problem(first, 3) is None


def test_states_scanned_promised_and_empty() -> None:
    definition = load_catalogue()["certified_copy"]
    slots = resolve_slots(definition, COPY_ANSWERS, today=TODAY)
    statuses = slot_statuses(
        slots,
        {"originals.0": 3, "originals.1": 2},
        {"copies_to_certify": BringLaterReason.NOT_WITH_ME},
    )
    by_key = {status.slot.key: status for status in statuses}
    assert by_key["originals.0"].state is SlotState.SCANNED
    assert by_key["originals.1"].state is SlotState.EMPTY  # 2 pages where 1 was counted
    assert by_key["copies_to_certify"].reason is BringLaterReason.NOT_WITH_ME
    assert by_key["requester_id_card"].reason is BringLaterReason.SHOWN_AT_COUNTER
    filled = filled_documents(statuses)
    assert "originals" not in filled  # one member still empty
    missing = missing_documents(definition, COPY_ANSWERS, filled, today=TODAY)
    assert [name.en for name in missing] == ["The originals of the papers to certify"]


def test_too_many_pages_has_a_vietnamese_message() -> None:
    birth = load_catalogue()["birth"]
    slot = next(s for s in resolve_slots(birth, {}, today=TODAY) if s.key == "birth_certificate")
    problem = page_count_problem(slot, 5)
    assert problem is not None
    assert problem.vi == "Giấy tờ này chỉ có tối đa 4 trang. Hãy xóa bớt trang thừa."
