"""Document slots in the definitions: the schema, the semantic checks, the five procedures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.attachments.slots import dossier_documents
from kiosk.procedures import (
    ASSETS_DIRECTORY,
    DefinitionError,
    DocumentForm,
    SlotRequirement,
    load_catalogue,
    load_definition,
    missing_documents,
)

TODAY = dt.date(2026, 12, 1)


def shipped(name: str) -> dict[str, Any]:
    data = json.loads((ASSETS_DIRECTORY / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load_error(tmp_path: Path, data: object) -> str:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    return str(caught.value)


def document(data: dict[str, Any], document_id: str) -> dict[str, Any]:
    found = next(item for item in data["documents"] if item["id"] == document_id)
    assert isinstance(found, dict)
    return found


def test_birth_offers_the_certificate_or_a_witness_statement() -> None:
    birth = load_catalogue()["birth"]
    certificate = birth.document("birth_certificate")
    witness = birth.document("birth_witness_statement")
    assert certificate.one_of == witness.one_of == "birth_proof"
    assert certificate.form is DocumentForm.ORIGINAL
    assert (certificate.min_pages, certificate.max_pages) == (1, 4)
    assert certificate.bring_later and certificate.capturable
    assert not birth.document("requester_id_card").capturable


def test_a_one_of_group_is_missing_once_and_filled_by_any_member() -> None:
    birth = load_catalogue()["birth"]
    answers = {"requester_relationship": "mother"}
    missing = missing_documents(birth, answers, {"requester_id_card"}, today=TODAY)
    assert [name.vi for name in missing] == [
        "Giấy chứng sinh (do bệnh viện, trạm y tế cấp) hoặc Văn bản của người làm chứng "
        "xác nhận việc sinh, hoặc giấy cam đoan về việc sinh"
    ]
    assert " or " in missing[0].en
    for alternative in ("birth_certificate", "birth_witness_statement"):
        filled = {"requester_id_card", alternative}
        assert missing_documents(birth, answers, filled, today=TODAY) == ()


def test_the_dossier_lists_the_alternative_delivered_and_the_papers_shown() -> None:
    """What the old checklist said, from the slots: either alternative, never both."""
    birth = load_catalogue()["birth"]
    answers: dict[str, Any] = {"requester_relationship": "mother"}
    for alternative in ("birth_certificate", "birth_witness_statement"):
        listed = dossier_documents(birth, answers, {alternative}, today=TODAY)
        assert [item.id for item in listed] == [alternative, "requester_id_card"]
    assert [item.id for item in dossier_documents(birth, answers, (), today=TODAY)] == [
        "requester_id_card"
    ]
    answers["requester_relationship"] = "other"  # a power of attorney applies, if delivered
    listed = dossier_documents(birth, answers, {"power_of_attorney", "birth_certificate"})
    assert [item.id for item in listed] == [
        "birth_certificate",
        "requester_id_card",
        "power_of_attorney",
    ]


def test_an_optional_slot_is_never_missing() -> None:
    copy = load_catalogue()["certified_copy"]
    assert copy.document("copies_to_certify").requirement is SlotRequirement.OPTIONAL
    missing = missing_documents(copy, {}, {"originals", "requester_id_card"}, today=TODAY)
    assert missing == ()


def test_certified_copy_scans_each_original_with_its_counted_pages() -> None:
    originals = load_catalogue()["certified_copy"].document("originals")
    assert originals.form is DocumentForm.ORIGINAL
    assert originals.per_member is not None
    assert originals.per_member.group == "documents_to_copy"
    assert originals.per_member.pages_field == "document_pages"


@pytest.mark.parametrize(
    ("procedure", "slot_ids"),
    [
        ("death", {"death_notice"}),
        ("marital_status", {"divorce_judgement", "spouse_death_extract"}),
        ("residence_ct01", {"residence_proof", "rental_contract"}),
    ],
)
def test_each_procedure_has_its_capturable_slots(procedure: str, slot_ids: set[str]) -> None:
    definition = load_catalogue()[procedure]
    capturable = {item.id for item in definition.documents if item.capturable}
    assert slot_ids <= capturable


def test_residence_proofs_are_alternatives_of_one_right_to_reside() -> None:
    ct01 = load_catalogue()["residence_ct01"]
    assert ct01.document("residence_proof").one_of == "right_to_reside"
    assert ct01.document("rental_contract").one_of == "right_to_reside"


# --- broken slots ------------------------------------------------------------------------


def test_page_range_upside_down_is_refused(tmp_path: Path) -> None:
    data = shipped("death")
    document(data, "death_notice")["pages"] = {"min": 5, "max": 2}
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/pages/min: min 5 is greater than max 2"
    )


def test_zero_pages_is_refused_by_the_schema(tmp_path: Path) -> None:
    data = shipped("death")
    document(data, "death_notice")["pages"] = {"max": 0}
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/pages/max: 0 is less than the minimum of 1"
    )


def test_a_one_of_group_of_one_is_refused(tmp_path: Path) -> None:
    data = shipped("birth")
    del document(data, "birth_witness_statement")["one_of"]
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/one_of: 'one_of' group 'birth_proof' needs at least "
        "two alternatives"
    )


def test_an_optional_alternative_is_refused(tmp_path: Path) -> None:
    data = shipped("birth")
    document(data, "birth_certificate")["requirement"] = "optional"
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/requirement: an alternative in a 'one_of' group "
        "cannot be optional"
    )


def test_a_paper_shown_at_the_counter_is_never_scanned(tmp_path: Path) -> None:
    data = shipped("birth")
    document(data, "requester_id_card")["pages"] = {"max": 2}
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/2/pages: a paper only shown at the counter is never scanned"
    )
    data = shipped("birth")
    document(data, "requester_id_card")["bring_later"] = False
    assert load_error(tmp_path, data).endswith(
        "/documents/2/bring_later: a paper only shown at the counter must be allowed to be brought"
    )


def test_per_member_must_name_a_repeat_group_and_a_number_child(tmp_path: Path) -> None:
    data = shipped("certified_copy")
    document(data, "originals")["per_member"]["group"] = "requester_name"
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/per_member/group: 'requester_name' has type person_name, "
        "expected repeat_group"
    )
    data = shipped("certified_copy")
    document(data, "originals")["per_member"]["pages_field"] = "document_name"
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/per_member/pages_field: 'document_name' has type text, "
        "expected number"
    )


def test_per_member_pages_cannot_also_be_fixed(tmp_path: Path) -> None:
    data = shipped("certified_copy")
    document(data, "originals")["pages"] = {"max": 3}
    assert load_error(tmp_path, data) == (
        "broken.json: /documents/0/pages: the page count comes from 'per_member/pages_field'"
    )


def test_unknown_slot_key_is_refused(tmp_path: Path) -> None:
    data = shipped("death")
    document(data, "death_notice")["bring_latr"] = True
    assert "('bring_latr' was unexpected)" in load_error(tmp_path, data)
