"""The card reader through PC/SC (pcscd) with pyscard's thin ``scard`` layer.

Every PC/SC failure becomes a :class:`ReaderError` the volunteer can act on:
no service, no reader, no card, card removed. One :class:`PcscReader` per
thread: a PC/SC context must not be shared across threads. The client library
finds pcscd at ``/run/pcscd/pcscd.comm`` unless ``PCSCLITE_CSOCK_NAME`` says
otherwise (the tests' private pcscd uses that).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from smartcard import scard

from kiosk.identity.chip.errors import ReaderError

# Poll slices: short enough that a cancelled wait returns quickly.
_POLL_MS = 200
_REMOVED: frozenset[int] = frozenset(
    {
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_E_NO_SMARTCARD,
        scard.SCARD_W_RESET_CARD,
        scard.SCARD_W_UNPOWERED_CARD,
        scard.SCARD_E_READER_UNAVAILABLE,
        scard.SCARD_E_COMM_DATA_LOST,
        scard.SCARD_F_COMM_ERROR,
        scard.SCARD_E_NOT_TRANSACTED,
    }
)
_NO_SERVICE: frozenset[int] = frozenset({scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED})


def _ok(result: int) -> bool:
    return bool(int(result) == scard.SCARD_S_SUCCESS)


class PcscTransport:
    """A connected card: sends APDUs, turns PC/SC errors into ``card_removed``."""

    def __init__(self, card_handle: Any, protocol: int) -> None:
        self._card = card_handle
        self._protocol = protocol

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        result, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        if not _ok(result):
            raise ReaderError("card_removed", f"SCardTransmit {int(result) & 0xFFFFFFFF:08X}")
        if len(response) < 2:
            raise ReaderError("card_removed", "short response")
        sw = (response[-2] << 8) | response[-1]
        data = bytes(response[:-2])
        if response[-2] == 0x61:  # T=0: more data waiting (GET RESPONSE)
            more, sw = self.transmit(bytes([0x00, 0xC0, 0x00, 0x00, response[-1]]))
            data += more
        return data, sw

    def disconnect(self) -> None:
        scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)


class PcscReader:
    """One reader (the first PC/SC lists, or the one named) in one thread."""

    def __init__(self, reader_name: str | None = None) -> None:
        self._wanted = reader_name
        self._context: Any = None

    def __enter__(self) -> PcscReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def _ensure_context(self) -> Any:
        if self._context is None:
            result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if not _ok(result):
                raise ReaderError("pcsc_unavailable", f"{int(result) & 0xFFFFFFFF:08X}")
            self._context = context
        return self._context

    def reader_names(self) -> list[str]:
        """The readers PC/SC knows; empty when there are none."""
        result, names = scard.SCardListReaders(self._ensure_context(), [])
        if int(result) in _NO_SERVICE:
            self.close()
            raise ReaderError("pcsc_unavailable", "service gone")
        if not _ok(result):
            return []
        return list(names)

    def reader_name(self) -> str:
        names = self.reader_names()
        if self._wanted is not None:
            if self._wanted in names:
                return self._wanted
            raise ReaderError("no_reader", "configured reader absent")
        if not names:
            raise ReaderError("no_reader")
        return str(names[0])

    def card_present(self) -> bool:
        state = self._state(self.reader_name(), scard.SCARD_STATE_UNAWARE, 0)
        return bool(state & scard.SCARD_STATE_PRESENT)

    def _state(self, name: str, known: int, timeout_ms: int) -> int:
        result, states = scard.SCardGetStatusChange(
            self._ensure_context(), timeout_ms, [(name, known)]
        )
        if int(result) == scard.SCARD_E_TIMEOUT:
            return known
        if int(result) in _NO_SERVICE:
            self.close()
            raise ReaderError("pcsc_unavailable", "service gone")
        if not _ok(result):
            raise ReaderError("no_reader", f"{int(result) & 0xFFFFFFFF:08X}")
        return int(states[0][1])

    def wait_for_card(self, timeout_s: float, cancelled: Callable[[], bool]) -> None:
        """Return once a card is on the reader; ``no_card`` after the timeout or when cancelled."""
        name = self.reader_name()
        deadline = time.monotonic() + timeout_s
        state = self._state(name, scard.SCARD_STATE_UNAWARE, 0)
        while not state & scard.SCARD_STATE_PRESENT:
            if cancelled() or time.monotonic() >= deadline:
                raise ReaderError("no_card")
            state = self._state(name, state & ~scard.SCARD_STATE_CHANGED, _POLL_MS)

    def wait_for_removal(self, timeout_s: float, cancelled: Callable[[], bool]) -> bool:
        """True once the reader is empty; False on timeout or cancel."""
        name = self.reader_name()
        deadline = time.monotonic() + timeout_s
        state = self._state(name, scard.SCARD_STATE_UNAWARE, 0)
        while state & scard.SCARD_STATE_PRESENT:
            if cancelled() or time.monotonic() >= deadline:
                return False
            state = self._state(name, state & ~scard.SCARD_STATE_CHANGED, _POLL_MS)
        return True

    def connect(self) -> PcscTransport:
        name = self.reader_name()
        result, card, protocol = scard.SCardConnect(
            self._ensure_context(),
            name,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if not _ok(result):
            if int(result) in _REMOVED:
                raise ReaderError("no_card", f"{int(result) & 0xFFFFFFFF:08X}")
            raise ReaderError("no_card", f"connect {int(result) & 0xFFFFFFFF:08X}")
        return PcscTransport(card, int(protocol))
