"""One read of a CCCD chip: select, BAC, the files, passive authentication.

:func:`read_card` is synchronous and slow (seconds on a real reader): the UI
runs it off the GUI thread and receives progress through the callback.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.identity.chip import tlv
from kiosk.identity.chip.access import AccessKey, derive_bac_keys
from kiosk.identity.chip.active_auth import AA_FAILED, perform_active_authentication
from kiosk.identity.chip.apdu import (
    SW_OK,
    ApduTransport,
    read_binary,
    select_application,
    select_file,
)
from kiosk.identity.chip.bac import perform_bac
from kiosk.identity.chip.datagroups import (
    DG_FILE_IDS,
    FILE_COM,
    FILE_SOD,
    ChipIdentity,
    FaceImage,
    Mrz,
    parse_com,
    parse_dg1,
    parse_dg2,
    parse_dg13,
)
from kiosk.identity.chip.errors import AccessDeniedError, ChipDataError, ChipError, TlvError
from kiosk.identity.chip.secure_messaging import SecureChannel

if TYPE_CHECKING:
    # Verified after a read: the X.509 and CMS code loads then, not at the kiosk's start.
    from cryptography import x509

    from kiosk.identity.chip.passive_auth import PassiveAuthOutcome

EMRTD_AID = bytes.fromhex("A0000002471001")
# Short APDUs with secure messaging: 0xDF bytes of plain data fit in one response.
READ_CHUNK = 0xDF
_SW_END_OF_FILE = 0x6282
_SW_NOT_FOUND = frozenset({0x6A82, 0x6A88})

_CLONE_TEXT = (
    "Chưa xác thực được: chip không chứng minh được là chip gốc của thẻ (có thể là chip sao chép).",
    "Not verified: the chip could not prove it is the card's original chip (it may be a copy).",
)

ProgressCallback = Callable[[str, int, int], None]
"""(step, bytes read so far, bytes expected so far): steps are access, com, dg1, dg13,
dg2, dg14, dg15, sod, verify."""


@dataclass(frozen=True, slots=True)
class ChipReadResult:
    """Everything one read gives the kiosk; lives in memory for the session only."""

    identity: ChipIdentity
    mrz: Mrz
    face: FaceImage | None
    passive_auth: PassiveAuthOutcome
    data_groups_read: tuple[int, ...]
    active_authentication: str  # kiosk.identity.chip.active_auth: verified, failed, ...

    @property
    def verified(self) -> bool:
        """Data signed by the state (passive) and, where the chip can, the chip itself."""
        return self.passive_auth.verified and self.active_authentication != AA_FAILED

    def outcome_text(self, language: str = "vi") -> str:
        """Why the read is or is not verified, in the volunteer's words."""
        if self.passive_auth.verified and self.active_authentication == AA_FAILED:
            vi, en = _CLONE_TEXT
            return en if language == "en" else vi
        outcome = self.passive_auth
        return outcome.message_en if language == "en" else outcome.message_vi

    def __repr__(self) -> str:
        return f"ChipReadResult(verified={self.verified}, groups={self.data_groups_read})"


class _FileReader:
    def __init__(self, channel: SecureChannel, progress: ProgressCallback) -> None:
        self._channel = channel
        self._progress = progress
        self.bytes_read = 0
        self.bytes_expected = 0

    def read(self, file_id: int, step: str) -> bytes | None:
        """The whole file, or None if the chip does not have it."""
        _, status = self._channel.send(select_file(file_id))
        if status in _SW_NOT_FOUND:
            return None
        if status != SW_OK:
            raise ChipError("chip_error", f"SELECT {file_id:04X} {status:04X}")
        header = self._binary(0, 4)
        try:
            size = tlv.total_length(header)
        except TlvError as error:
            raise ChipDataError(f"file {file_id:04X} header") from error
        self.bytes_expected += size
        content = bytearray(header[:size])
        self._advance(step, len(content))
        while len(content) < size:
            chunk = self._binary(len(content), min(READ_CHUNK, size - len(content)))
            if not chunk:
                raise ChipDataError(f"file {file_id:04X} short")
            content += chunk
            self._advance(step, len(chunk))
        return bytes(content)

    def _binary(self, offset: int, length: int) -> bytes:
        data, status = self._channel.send(read_binary(offset, length))
        if status not in (SW_OK, _SW_END_OF_FILE):
            raise ChipError("chip_error", f"READ BINARY {status:04X}")
        return data

    def _advance(self, step: str, count: int) -> None:
        self.bytes_read += count
        self._progress(step, self.bytes_read, self.bytes_expected)


def _open_session(
    transport: ApduTransport,
    access_keys: Sequence[AccessKey],
    random_bytes: Callable[[int], bytes],
) -> SecureChannel:
    refusal: AccessDeniedError | None = None
    for key in access_keys:
        _, status = transport.transmit(select_application(EMRTD_AID).encode())
        if status != SW_OK:
            raise ChipError("not_an_id_chip", f"SELECT AID {status:04X}")
        try:
            session = perform_bac(
                transport, derive_bac_keys(key.mrz_information()), random_bytes=random_bytes
            )
        except AccessDeniedError as error:
            refusal = error
            continue
        return SecureChannel(transport, session)
    raise refusal or AccessDeniedError("no access key")


def read_card(
    transport: ApduTransport,
    access_keys: Sequence[AccessKey],
    *,
    cscas: list[x509.Certificate],
    now: datetime.datetime,
    progress: ProgressCallback | None = None,
    random_bytes: Callable[[int], bytes] = os.urandom,
) -> ChipReadResult:
    """Read and verify one card; a :class:`ChipError` says why not."""
    report: ProgressCallback = progress or (lambda step, done, total: None)
    report("access", 0, 0)
    channel = _open_session(transport, access_keys, random_bytes)
    files = _FileReader(channel, report)
    com = files.read(FILE_COM, "com")
    if com is None:
        raise ChipDataError("EF.COM missing")
    listed = set(parse_com(com))
    dg1 = files.read(DG_FILE_IDS[1], "dg1")
    if dg1 is None:
        raise ChipDataError("DG1 missing")
    mrz = parse_dg1(dg1)
    if mrz.issuing_state != "VNM" or not mrz.document_code.startswith("I"):
        raise ChipError("foreign_document", f"{mrz.document_code[:1]} {mrz.issuing_state}")
    read: dict[int, bytes] = {1: dg1}
    for number, step in ((13, "dg13"), (2, "dg2"), (14, "dg14"), (15, "dg15")):
        if number not in listed:
            continue
        content = files.read(DG_FILE_IDS[number], step)
        if content is not None:
            read[number] = content
    if 13 not in read:
        raise ChipDataError("DG13 missing")
    sod = files.read(FILE_SOD, "sod")
    active = perform_active_authentication(channel, read.get(15), random_bytes)
    report("verify", files.bytes_read, files.bytes_expected)
    from kiosk.identity.chip.passive_auth import PassiveAuthOutcome, verify_sod

    identity = parse_dg13(read[13])
    face = parse_dg2(read[2]) if 2 in read else None
    if sod is None:
        outcome = PassiveAuthOutcome(False, "malformed_sod")
    else:
        outcome = verify_sod(sod, read, cscas, at=now)
    return ChipReadResult(
        identity=identity,
        mrz=mrz,
        face=face,
        passive_auth=outcome,
        data_groups_read=tuple(sorted(read)),
        active_authentication=active,
    )
