"""A whole read against the APDU-level card double (tests/chip_support.py), no reader.

Covers the outcomes of passive authentication and the refusals; the same
reads through a real pcscd are in test_chip_pcsc.py.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from kiosk.identity.chip.access import AccessKey
from kiosk.identity.chip.errors import AccessDeniedError, ChipError
from kiosk.identity.chip.reader import ChipReadResult, read_card
from tests.chip_support import (
    FATHER,
    NOW,
    CardFiles,
    Citizen,
    DirectTransport,
    EmulatedCccd,
    Pki,
    make_pki,
)


def _read(
    person: Citizen, files: CardFiles, pki: Pki, keys: list[AccessKey] | None = None
) -> ChipReadResult:
    chip = EmulatedCccd(files, person.access_key())
    return read_card(
        DirectTransport(chip), keys or [person.access_key()], cscas=[pki.csca], now=NOW
    )


def test_a_genuine_card_is_verified_and_parsed(pki: Pki) -> None:
    result = _read(FATHER, CardFiles.for_citizen(FATHER, pki), pki)
    assert result.passive_auth.verified
    assert result.passive_auth.reason == "verified"
    card = result.identity.card
    assert card.id_number == FATHER.id_number
    assert card.full_name == "Nguyễn Văn An"
    assert card.date_of_birth == FATHER.date_of_birth
    assert card.sex == "Nam"
    assert card.address == FATHER.residence
    assert card.old_id_number == "205123456"
    assert card.issue_date == FATHER.issue_date
    assert result.identity.father_name == "Nguyễn Văn Ba"
    assert result.identity.mother_name == "Lê Thị Tư"
    assert result.identity.expiry_date == FATHER.expiry_date
    assert result.identity.ethnicity == "Kinh"
    assert result.mrz.document_number == FATHER.id_number[-9:]
    assert result.mrz.optional_data.startswith(FATHER.id_number)
    assert result.face is not None and result.face.mime_type == "image/jpeg"
    assert result.data_groups_read == (1, 2, 13)


def test_dg13_altered_after_signing_is_a_hash_mismatch(pki: Pki) -> None:
    files = CardFiles.for_citizen(FATHER, pki, tamper_dg13_after_signing=True)
    result = _read(FATHER, files, pki)
    assert not result.passive_auth.verified
    assert result.passive_auth.reason == "hash_mismatch"
    assert result.passive_auth.failed_data_groups == (13,)
    assert "bị thay đổi" in result.passive_auth.message_vi


def test_a_sod_signed_under_an_unknown_csca_is_an_unknown_signer(pki: Pki) -> None:
    forged = make_pki(csca_name="Test CSCA Viet Nam")  # same name, other key
    result = _read(FATHER, CardFiles.for_citizen(FATHER, forged), pki)
    assert (result.passive_auth.verified, result.passive_auth.reason) == (False, "unknown_signer")


def test_an_expired_document_signer_is_reported(pki: Pki) -> None:
    expired = make_pki(
        signer_valid=(NOW - datetime.timedelta(days=400), NOW - datetime.timedelta(days=1))
    )
    chip = EmulatedCccd(CardFiles.for_citizen(FATHER, expired), FATHER.access_key())
    result = read_card(DirectTransport(chip), [FATHER.access_key()], cscas=[expired.csca], now=NOW)
    assert (result.passive_auth.verified, result.passive_auth.reason) == (False, "expired_signer")


def test_no_csca_list_means_not_verified(pki: Pki) -> None:
    chip = EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key())
    result = read_card(DirectTransport(chip), [FATHER.access_key()], cscas=[], now=NOW)
    assert (result.passive_auth.verified, result.passive_auth.reason) == (False, "no_csca_list")
    assert "CSCA" in result.passive_auth.message_vi


def test_wrong_access_data_is_refused_by_the_chip(pki: Pki) -> None:
    wrong = AccessKey(FATHER.id_number[-9:], FATHER.date_of_birth, datetime.date(2031, 3, 15))
    chip = EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key())
    with pytest.raises(AccessDeniedError) as caught:
        read_card(DirectTransport(chip), [wrong], cscas=[pki.csca], now=NOW)
    assert chip.refusals == 1
    assert "cán bộ nhập" in caught.value.message_vi


def test_the_second_candidate_key_opens_the_chip(pki: Pki) -> None:
    wrong = AccessKey(FATHER.id_number[-9:], FATHER.date_of_birth, datetime.date(2031, 3, 15))
    chip = EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key())
    result = read_card(
        DirectTransport(chip), [wrong, FATHER.access_key()], cscas=[pki.csca], now=NOW
    )
    assert result.passive_auth.verified and chip.refusals == 1


def test_a_foreign_document_is_named_as_such(pki: Pki) -> None:
    visitor = replace(FATHER, issuing_state="FRA", document_code="P<")
    chip = EmulatedCccd(CardFiles.for_citizen(visitor, pki), visitor.access_key())
    with pytest.raises(ChipError) as caught:
        read_card(DirectTransport(chip), [visitor.access_key()], cscas=[pki.csca], now=NOW)
    assert caught.value.reason == "foreign_document"
    assert "nước ngoài" in caught.value.message_vi


def test_a_card_without_the_emrtd_application(pki: Pki) -> None:
    class BankCard:
        def transmit(self, apdu: bytes) -> tuple[bytes, int]:
            return b"", 0x6A82

    with pytest.raises(ChipError) as caught:
        read_card(BankCard(), [FATHER.access_key()], cscas=[pki.csca], now=NOW)
    assert caught.value.reason == "not_an_id_chip"


def test_progress_reaches_the_whole_size(pki: Pki) -> None:
    files = CardFiles.for_citizen(FATHER, pki)
    chip = EmulatedCccd(files, FATHER.access_key())
    seen: list[tuple[str, int, int]] = []
    read_card(
        DirectTransport(chip),
        [FATHER.access_key()],
        cscas=[pki.csca],
        now=NOW,
        progress=lambda step, done, total: seen.append((step, done, total)),
    )
    assert seen[0][0] == "access" and seen[-1][0] == "verify"
    assert seen[-1][1] == seen[-1][2] == sum(len(content) for content in files.files.values())


@pytest.fixture(scope="module")
def chip_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def test_active_authentication_of_a_genuine_chip(pki: Pki, chip_key: rsa.RSAPrivateKey) -> None:
    files = CardFiles.for_citizen(FATHER, pki, active_auth_key=chip_key)
    chip = EmulatedCccd(files, FATHER.access_key(), active_auth_key=chip_key)
    result = read_card(DirectTransport(chip), [FATHER.access_key()], cscas=[pki.csca], now=NOW)
    assert result.data_groups_read == (1, 2, 13, 15)
    assert result.active_authentication == "verified"
    assert result.verified


def test_a_cloned_chip_fails_active_authentication(pki: Pki, chip_key: rsa.RSAPrivateKey) -> None:
    # The data groups (and their signature) copied from a genuine card onto a chip that
    # does not hold the genuine card's private key.
    files = CardFiles.for_citizen(FATHER, pki, active_auth_key=chip_key)
    clone_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    chip = EmulatedCccd(files, FATHER.access_key(), active_auth_key=clone_key)
    result = read_card(DirectTransport(chip), [FATHER.access_key()], cscas=[pki.csca], now=NOW)
    assert result.passive_auth.verified  # the copied data is genuine...
    assert result.active_authentication == "failed"
    assert not result.verified  # ...the chip is not
    assert "sao chép" in result.outcome_text("vi")


def test_without_dg15_active_authentication_is_not_offered(pki: Pki) -> None:
    result = _read(FATHER, CardFiles.for_citizen(FATHER, pki), pki)
    assert result.active_authentication == "not_offered"
