"""BAC key derivation and secure messaging against ICAO 9303 part 11 Appendix D.

The MRZ information and the three document keys are the published worked
example (also in the team's PLATFORM.md). The mutual-authentication and
secure-messaging values (D.3, D.4) were reproduced from the same appendix; a
wrong value there would make these tests fail, not pass.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.chip.access import AccessKey, check_digit, derive_bac_keys
from kiosk.identity.chip.apdu import Command, read_binary, select_file
from kiosk.identity.chip.bac import perform_bac, session_keys_from, terminal_cryptogram
from kiosk.identity.chip.crypto import adjust_parity, pad, retail_mac, unpad
from kiosk.identity.chip.errors import AccessDeniedError, SecureMessagingError
from kiosk.identity.chip.secure_messaging import SessionKeys, protect, unprotect

MRZ_INFORMATION = "L898902C<369080619406236"
RND_IC = bytes.fromhex("4608F91988702212")
RND_IFD = bytes.fromhex("781723860C06C226")
K_IFD = bytes.fromhex("0B795240CB7049B01C19B33E32804F0B")
K_IC = bytes.fromhex("0B4F80323EB3191CB04970CB4052790B")
KS_ENC = bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226


def test_document_keys_match_the_worked_example() -> None:
    keys = derive_bac_keys(MRZ_INFORMATION)
    assert keys.seed.hex().upper() == "239AB9CB282DAF66231DC5A4DF6BFBAE"
    assert keys.encryption.hex().upper() == "AB94FDECF2674FDFB9B391F85D7F76F2"
    assert keys.mac.hex().upper() == "7962D9ECE03D1ACD4C76089DCE131543"


def test_mrz_information_of_the_worked_example() -> None:
    key = AccessKey("L898902C", datetime.date(1969, 8, 6), datetime.date(1994, 6, 23))
    assert key.mrz_information() == MRZ_INFORMATION


def test_check_digits() -> None:
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("<<<<<<") == "0"


def test_parity_bits_are_odd() -> None:
    for byte in adjust_parity(bytes(range(256))):
        assert bin(byte).count("1") % 2 == 1


def test_terminal_cryptogram_matches_the_worked_example() -> None:
    keys = derive_bac_keys(MRZ_INFORMATION)
    cryptogram = terminal_cryptogram(keys, RND_IC, RND_IFD, K_IFD)
    assert cryptogram.hex().upper() == (
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )


def test_session_keys_match_the_worked_example() -> None:
    session = session_keys_from(K_IFD, K_IC, RND_IC, RND_IFD)
    assert session.encryption == KS_ENC
    assert session.mac == KS_MAC
    assert session.ssc == SSC


class WorkedExampleChip:
    """Plays the chip's two answers of Appendix D.3 and checks what the terminal sent."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        if apdu[1] == 0x84:
            return RND_IC, 0x9000
        expected_data = bytes.fromhex(
            "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
        )
        if apdu[5:45] != expected_data:
            return b"", 0x6300
        return (
            bytes.fromhex(
                "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449"
            ),
            0x9000,
        )


def test_mutual_authentication_replays_the_worked_example() -> None:
    chip = WorkedExampleChip()
    randomness = iter([RND_IFD, K_IFD])
    session = perform_bac(
        chip, derive_bac_keys(MRZ_INFORMATION), random_bytes=lambda size: next(randomness)
    )
    assert chip.sent[0] == bytes.fromhex("0084000008")
    assert (session.encryption, session.mac, session.ssc) == (KS_ENC, KS_MAC, SSC)


def test_a_refused_external_authenticate_is_access_denied() -> None:
    chip = WorkedExampleChip()
    with pytest.raises(AccessDeniedError) as caught:
        perform_bac(chip, derive_bac_keys("L898902C<369080619406244"))
    assert caught.value.reason == "access_denied"
    assert "nhập số thẻ" in caught.value.message_vi


def worked_example_session() -> SessionKeys:
    return SessionKeys(KS_ENC, KS_MAC, SSC)


def test_protected_select_matches_the_worked_example() -> None:
    session = worked_example_session()
    assert protect(session, select_file(0x011E)).hex().upper() == (
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    data, status = unprotect(session, bytes.fromhex("990290008E08FA855A5D4C50A8ED"))
    assert (data, status) == (b"", 0x9000)


def test_protected_read_binary_matches_the_worked_example() -> None:
    session = worked_example_session()
    session.ssc += 2  # after the SELECT command and its response
    assert protect(session, read_binary(0, 4)).hex().upper() == (
        "0CB000000D9701048E08ED6705417E96BA5500"
    )
    data, status = unprotect(
        session, bytes.fromhex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED")
    )
    assert (data.hex().upper(), status) == ("60145F01", 0x9000)
    assert protect(session, read_binary(4, 0x12)).hex().upper() == (
        "0CB000040D9701128E082EA28A70F3C7B53500"
    )
    data, status = unprotect(
        session,
        bytes.fromhex(
            "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74"
        ),
    )
    assert data.hex().upper() == "04303130365F36063034303030305C026175"


def test_a_replayed_response_fails_the_mac() -> None:
    session = worked_example_session()
    protect(session, select_file(0x011E))
    response = bytes.fromhex("990290008E08FA855A5D4C50A8ED")
    unprotect(session, response)
    with pytest.raises(SecureMessagingError):
        unprotect(session, response)


def _chip_answer(session: SessionKeys, data: bytes, status: int) -> bytes:
    """What a chip sends back: the mirror of ``protect`` (used for round trips)."""
    from kiosk.identity.chip import tlv
    from kiosk.identity.chip.crypto import encrypt

    body = b""
    if data:
        body += tlv.encode(0x87, b"\x01" + encrypt(session.encryption, pad(data)))
    body += tlv.encode(0x99, status.to_bytes(2, "big"))
    ssc = session.next_ssc()
    return body + tlv.encode(0x8E, retail_mac(session.mac, pad(ssc + body)))


@given(st.binary(max_size=300), st.integers(min_value=0, max_value=(1 << 64) - 2))
def test_secure_messaging_round_trip(payload: bytes, ssc: int) -> None:
    terminal = SessionKeys(KS_ENC, KS_MAC, ssc)
    chip = SessionKeys(KS_ENC, KS_MAC, ssc)
    protect(terminal, Command(0x00, 0xB0, 0, 0, le=0))
    chip.next_ssc()
    data, status = unprotect(terminal, _chip_answer(chip, payload, 0x9000))
    assert (data, status) == (payload, 0x9000)


@given(st.binary(max_size=64))
def test_padding_round_trip(payload: bytes) -> None:
    padded = pad(payload)
    assert len(padded) % 8 == 0
    assert unpad(padded) == payload
