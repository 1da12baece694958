"""Reads through a real PC/SC stack: a private pcscd, the vpcd reader, the emulated CCCD.

See tests/pcsc_support.py for what runs: Debian's pcscd and vsmartcard-vpcd
for real; the card is the APDU-level double of tests/chip_support.py served
over vpcd's socket protocol (the Debian vpicc emulator's Python library lives
in the system Python 3.11, not in this 3.12 venv).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from kiosk.identity.chip.access import AccessKey
from kiosk.identity.chip.errors import AccessDeniedError, ReaderError
from kiosk.identity.chip.pcsc import PcscReader
from kiosk.identity.chip.reader import ChipReadResult, read_card
from tests.chip_support import FATHER, NOW, CardFiles, EmulatedCccd, Pki, make_pki
from tests.pcsc_support import READER_NAME_PREFIX, VirtualCard

NEVER = lambda: False  # noqa: E731


def _read_on_reader(
    card: VirtualCard, files: CardFiles, pki: Pki, key: AccessKey | None = None
) -> ChipReadResult:
    card.insert(EmulatedCccd(files, FATHER.access_key()))
    with PcscReader() as reader:
        reader.wait_for_card(10, NEVER)
        transport = reader.connect()
        try:
            return read_card(transport, [key or FATHER.access_key()], cscas=[pki.csca], now=NOW)
        finally:
            transport.disconnect()


def test_the_virtual_reader_is_listed(virtual_card: VirtualCard) -> None:
    with PcscReader() as reader:
        assert reader.reader_name().startswith(READER_NAME_PREFIX)
        assert not reader.card_present()


def test_a_verified_card_through_pcscd(virtual_card: VirtualCard, pki: Pki) -> None:
    result = _read_on_reader(virtual_card, CardFiles.for_citizen(FATHER, pki), pki)
    assert result.verified
    assert result.identity.card.full_name == FATHER.full_name
    assert result.identity.mother_name == FATHER.mother_name
    assert result.face is not None


def test_active_authentication_through_pcscd(virtual_card: VirtualCard, pki: Pki) -> None:
    chip_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    files = CardFiles.for_citizen(FATHER, pki, active_auth_key=chip_key)
    virtual_card.insert(EmulatedCccd(files, FATHER.access_key(), active_auth_key=chip_key))
    with PcscReader() as reader:
        reader.wait_for_card(10, NEVER)
        transport = reader.connect()
        try:
            result = read_card(transport, [FATHER.access_key()], cscas=[pki.csca], now=NOW)
        finally:
            transport.disconnect()
    assert (result.active_authentication, result.verified) == ("verified", True)


def test_an_altered_dg13_through_pcscd(virtual_card: VirtualCard, pki: Pki) -> None:
    files = CardFiles.for_citizen(FATHER, pki, tamper_dg13_after_signing=True)
    result = _read_on_reader(virtual_card, files, pki)
    assert (result.passive_auth.reason, result.passive_auth.failed_data_groups) == (
        "hash_mismatch",
        (13,),
    )


def test_an_unknown_signer_through_pcscd(virtual_card: VirtualCard, pki: Pki) -> None:
    result = _read_on_reader(virtual_card, CardFiles.for_citizen(FATHER, make_pki()), pki)
    assert result.passive_auth.reason == "unknown_signer"


def test_an_expired_signer_through_pcscd(virtual_card: VirtualCard) -> None:
    expired = make_pki(
        signer_valid=(NOW - datetime.timedelta(days=500), NOW - datetime.timedelta(days=2))
    )
    result = _read_on_reader(virtual_card, CardFiles.for_citizen(FATHER, expired), expired)
    assert result.passive_auth.reason == "expired_signer"


def test_wrong_access_data_through_pcscd(virtual_card: VirtualCard, pki: Pki) -> None:
    wrong = AccessKey("090001234", FATHER.date_of_birth, datetime.date(2031, 1, 1))
    with pytest.raises(AccessDeniedError):
        _read_on_reader(virtual_card, CardFiles.for_citizen(FATHER, pki), pki, wrong)


def test_card_removed_mid_read(virtual_card: VirtualCard, pki: Pki) -> None:
    virtual_card.remove_at_command = 12  # after BAC, while reading the files
    with pytest.raises(ReaderError) as caught:
        _read_on_reader(virtual_card, CardFiles.for_citizen(FATHER, pki), pki)
    assert caught.value.reason == "card_removed"
    assert "nhấc ra" in caught.value.message_vi
    with PcscReader() as reader:
        assert reader.wait_for_removal(10, NEVER)


def test_no_card_on_the_reader(virtual_card: VirtualCard) -> None:
    with PcscReader() as reader, pytest.raises(ReaderError) as caught:
        reader.wait_for_card(0.3, NEVER)
    assert caught.value.reason == "no_card"


def test_removal_is_reported(virtual_card: VirtualCard, pki: Pki) -> None:
    virtual_card.insert(EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key()))
    with PcscReader() as reader:
        reader.wait_for_card(10, NEVER)
        assert reader.card_present()
        virtual_card.remove()
        assert reader.wait_for_removal(10, NEVER)


def test_no_pcsc_service_is_a_clear_message(tmp_path: Path) -> None:
    # A child process: the PC/SC client library reads the socket path once per process.
    script = (
        "from kiosk.identity.chip.pcsc import PcscReader\n"
        "from kiosk.identity.chip.errors import ReaderError\n"
        "try:\n"
        "    PcscReader().reader_names()\n"
        "except ReaderError as error:\n"
        "    print(error.reason)\n"
    )
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "absent.comm")}
    completed = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.stdout.strip() == "pcsc_unavailable", completed.stderr


def test_without_the_pcsc_library_the_kiosk_offers_no_chip() -> None:
    # A child process where pyscard cannot load (as on a machine without libpcsclite):
    # the chip package still imports and says "no reader service".
    script = (
        "import sys\n"
        "sys.modules['smartcard'] = None\n"
        "from pathlib import Path\n"
        "from kiosk.identity.chip.errors import ReaderError\n"
        "from kiosk.identity.chip.session import KioskChipReader, open_reader\n"
        "print(KioskChipReader(Path('x')).available())\n"
        "try:\n"
        "    open_reader(None)\n"
        "except ReaderError as error:\n"
        "    print(error.reason)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert completed.stdout.split() == ["False", "pcsc_unavailable"], completed.stderr
