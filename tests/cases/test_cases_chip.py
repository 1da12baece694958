"""What a chip read adds to a case: the identity evidence recorded, a parent's block filled."""

from __future__ import annotations

import pytest

from kiosk.cases import Actor, CaseService
from kiosk.cases.chip_prefill import identity_evidence_of, parent_answers
from kiosk.identity.chip.datagroups import parse_dg13
from kiosk.identity.chip.reader import read_card
from kiosk.procedures import Catalogue
from tests.chip_support import (
    FATHER,
    MOTHER,
    NOW,
    CardFiles,
    DirectTransport,
    EmulatedCccd,
    dg13_bytes,
    make_pki,
)

CITIZEN = Actor.citizen("session-chip")


def test_evidence_defaults_to_qr_only_with_a_card_and_none_without(service: CaseService) -> None:
    card = parse_dg13(dg13_bytes(FATHER)).card
    assert service.start_case("birth", CITIZEN, card=card).identity_evidence == "qr_only"
    assert service.start_case("birth", CITIZEN).identity_evidence is None
    chip = service.start_case("birth", CITIZEN, card=card, identity_evidence="chip_verified")
    assert service.get(chip.id).identity_evidence == "chip_verified"


def test_unknown_evidence_is_a_bug_not_a_value(service: CaseService) -> None:
    card = parse_dg13(dg13_bytes(FATHER)).card
    with pytest.raises(ValueError):
        service.start_case("birth", CITIZEN, card=card, identity_evidence="looked_alike")


def test_evidence_follows_passive_authentication() -> None:
    pki = make_pki()
    good = EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key())
    result = read_card(DirectTransport(good), [FATHER.access_key()], cscas=[pki.csca], now=NOW)
    assert identity_evidence_of(result) == "chip_verified"
    altered = CardFiles.for_citizen(FATHER, pki, tamper_dg13_after_signing=True)
    chip = EmulatedCccd(altered, FATHER.access_key())
    result = read_card(DirectTransport(chip), [FATHER.access_key()], cscas=[pki.csca], now=NOW)
    assert identity_evidence_of(result) == "chip_unverified"


def test_parent_blocks_from_each_parents_chip(service: CaseService, catalogue: Catalogue) -> None:
    definition = catalogue["birth"]
    mother = parent_answers(definition, "mother", parse_dg13(dg13_bytes(MOTHER)))
    father = parent_answers(definition, "father", parse_dg13(dg13_bytes(FATHER)))
    assert mother["mother_name"] == MOTHER.full_name
    assert mother["mother_birth_year"] == 1995
    assert mother["mother_ethnicity"] == "Tày"
    assert mother["mother_nationality"] == "Việt Nam"
    assert father["father_known"] is True
    assert father["father_address"] == {
        "province_code": 48,
        "ward_code": 20551,
        "street": "Tổ 3",
        "card_text": FATHER.residence,
    }
    case = service.start_case("birth", CITIZEN)
    saved = service.save_answers(case.id, {**mother, **father})
    assert saved["father_name"] == FATHER.full_name
    with pytest.raises(ValueError):
        parent_answers(definition, "uncle", parse_dg13(dg13_bytes(FATHER)))


def test_a_procedure_without_parent_blocks_gets_nothing(catalogue: Catalogue) -> None:
    assert parent_answers(catalogue["death"], "mother", parse_dg13(dg13_bytes(MOTHER))) == {}
