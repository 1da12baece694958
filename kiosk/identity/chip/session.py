"""One chip read from the kiosk's reader, start to finish: what the UI's worker calls.

Waits for a card, reads and verifies it, lets go of the card. The CSCA list
is loaded on each read (a small file) so that an IT officer's new list
applies at once. Everything raised is a :class:`ChipError`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.identity.chip.access import AccessKey
from kiosk.identity.chip.errors import ChipError, ReaderError
from kiosk.identity.chip.reader import ChipReadResult, ProgressCallback, read_card

if TYPE_CHECKING:
    from cryptography import x509

    from kiosk.identity.chip.pcsc import PcscReader

DEFAULT_CSCA_LIST = Path("csca") / "csca-list.pem"
CARD_WAIT_SECONDS = 60.0


def csca_list_path(configured: str, home: Path) -> Path:
    """The configured CSCA list, or ``<home>/csca/csca-list.pem``."""
    return Path(configured) if configured else home / DEFAULT_CSCA_LIST


def open_reader(reader_name: str | None) -> PcscReader:
    """A reader handle; ``pcsc_unavailable`` when the PC/SC library itself is missing.

    pyscard loads libpcsclite when imported: imported here, late, so that a kiosk
    without the library starts and simply offers no chip reading.
    """
    try:
        from kiosk.identity.chip.pcsc import PcscReader
    except (ImportError, OSError) as error:
        raise ReaderError("pcsc_unavailable", type(error).__name__) from None
    return PcscReader(reader_name)


def reader_available(reader_name: str | None = None) -> bool:
    """Whether a PC/SC reader is there now (the UI hides the chip option otherwise)."""
    try:
        with open_reader(reader_name) as reader:
            reader.reader_name()
    except ChipError:
        return False
    return True


class KioskChipReader:
    """The kiosk's reader as the UI sees it: is one there, and read one card."""

    def __init__(self, csca_list: Path, reader_name: str | None = None) -> None:
        self.csca_list = csca_list
        self.reader_name = reader_name or None

    def available(self) -> bool:
        return reader_available(self.reader_name)

    def read(
        self,
        access_keys: Sequence[AccessKey],
        cancelled: Callable[[], bool],
        progress: ProgressCallback,
    ) -> ChipReadResult:
        return read_from_reader(
            access_keys,
            csca_list=self.csca_list,
            reader_name=self.reader_name,
            cancelled=cancelled,
            progress=progress,
        )


def read_from_reader(
    access_keys: Sequence[AccessKey],
    *,
    csca_list: Path,
    reader_name: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    progress: ProgressCallback | None = None,
    card_wait_seconds: float = CARD_WAIT_SECONDS,
    now: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
) -> ChipReadResult:
    """Wait for a card, read it, disconnect; ``progress('waiting', 0, 0)`` while waiting."""
    report: ProgressCallback = progress or (lambda step, done, total: None)
    with open_reader(reader_name) as reader:
        report("waiting", 0, 0)
        reader.wait_for_card(card_wait_seconds, cancelled)
        transport = reader.connect()
        try:
            return read_card(
                transport,
                access_keys,
                cscas=_load_csca_list(csca_list),
                now=now(),
                progress=report,
            )
        finally:
            transport.disconnect()


def _load_csca_list(path: Path) -> list[x509.Certificate]:
    """The trusted CSCA certificates, read at a card's first read (not at start-up)."""
    from kiosk.identity.chip.passive_auth import load_csca_list

    return load_csca_list(path)
