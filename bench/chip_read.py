"""Reading an ID card's chip: card placed on the reader to data ready to show.

    python -m bench.chip_read [--reads N]

Both sides run on the same real PC/SC stack (a private pcscd with the vpcd
virtual reader, tests/pcsc_support.py) and the same emulated CCCD
(tests/chip_support.py: DG1, DG2 with a JPEG face, DG13, EF.COM, EF.SOD):

- ours: :meth:`KioskChipReader.read` from the moment the card is put on the
  reader: waiting for it, SELECT, BAC, secure messaging, every file, passive
  authentication against a CSCA list file, DG13 parsing, and the face made
  ready for a QPixmap (the UI's own drawing is not timed);
- baseline: a bare pyscard loop (CardRequest, then plain SELECT / READ BINARY
  with the same chunk size) reading the same files in the same order from the
  same card with access control switched off: the transport's floor.

The ratio is what access control, secure messaging, verification and parsing
cost on top of moving the bytes. The emulator answers at once, so a real
card (slower radio, slower chip) makes both sides slower and the ratio lower.
"Card placed" includes pcscd noticing the card (it polls the driver), the
same for both sides. Target: data ready within 3 s of the card being placed
(the issue: "a read takes seconds"). The read proper ("card seen to data
ready") is reported: its ratio is mostly 3DES and retail MACs, computed on
both ends of every APDU (the emulated chip is Python in this process, so the
card's half is on our side of the clock, as a real chip's would be).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Row, median, ms, percentile, print_table, verdict

READS = 10
# The order read_card reads them in: EF.COM, DG1, DG13, DG2, EF.SOD.
FILE_ORDER = (0x011E, 0x0101, 0x010D, 0x0102, 0x011D)
CHUNK = 0xDF


def _bare_pyscard_loop(file_ids: Sequence[int], marks: list[float]) -> int:
    """Wait for the card, then plain SELECT/READ BINARY of each file; bytes read.

    ``marks`` gets the moment the card was seen (the read proper starts there).
    """
    from smartcard.CardRequest import CardRequest
    from smartcard.CardType import AnyCardType

    service = CardRequest(timeout=10, cardType=AnyCardType()).waitforcard()
    marks.append(time.perf_counter())
    connection = service.connection
    connection.connect()
    total = 0
    try:
        connection.transmit([0x00, 0xA4, 0x04, 0x0C, 0x07, *bytes.fromhex("A0000002471001")])
        for file_id in file_ids:
            connection.transmit([0x00, 0xA4, 0x02, 0x0C, 0x02, file_id >> 8, file_id & 0xFF])
            header, _, _ = connection.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
            from kiosk.identity.chip.tlv import total_length

            size = total_length(bytes(header))
            offset = len(header)
            while offset < size:
                length = min(CHUNK, size - offset)
                chunk, _, _ = connection.transmit(
                    [0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, length]
                )
                offset += len(chunk)
            total += size
    finally:
        connection.disconnect()
    return total


def run(reads: int = READS) -> list[Row]:
    # The PC/SC client library reads this once per process: set it before any context.
    os.environ.setdefault("PCSCLITE_CSOCK_NAME", f"/tmp/kiosk-bench-pcscd-{os.getpid()}/pcscd.comm")
    import datetime as dt

    from kiosk.identity.chip.face import displayable_face
    from kiosk.identity.chip.passive_auth import load_csca_list
    from kiosk.identity.chip.pcsc import PcscReader
    from kiosk.identity.chip.reader import read_card
    from tests.chip_support import FATHER, CardFiles, EmulatedCccd, face_jpeg, make_pki
    from tests.pcsc_support import pcsc_stack

    pki = make_pki()
    # ~14 KiB of JPEG face: the size class of a real card's DG2.
    files = CardFiles.for_citizen(FATHER, pki, face=face_jpeg(720))
    key = FATHER.access_key()
    ours: list[float] = []
    bare: list[float] = []
    ours_read: list[float] = []
    bare_read: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chip-") as directory:
        folder = Path(directory)
        csca = folder / "csca-list.pem"
        csca.write_bytes(pki.csca_pem())
        with pcsc_stack(folder / "pcscd") as (_daemon, card):
            for _ in range(reads):
                # Ours: kiosk.identity.chip.session.read_from_reader, step by step, timed.
                started = time.perf_counter()
                card.insert(EmulatedCccd(files, key))
                with PcscReader() as reader:
                    reader.wait_for_card(10, lambda: False)
                    seen = time.perf_counter()
                    transport = reader.connect()
                    try:
                        result = read_card(
                            transport,
                            [key],
                            cscas=load_csca_list(csca),
                            now=dt.datetime.now(dt.UTC),
                        )
                    finally:
                        transport.disconnect()
                assert result.verified and result.face is not None
                displayable_face(result.face)
                finished = time.perf_counter()
                ours.append(finished - started)
                ours_read.append(finished - seen)
                card.lift()

                marks: list[float] = []
                started = time.perf_counter()
                card.insert(EmulatedCccd(files, key, plain_access=True))
                size = _bare_pyscard_loop(FILE_ORDER, marks)
                finished = time.perf_counter()
                bare.append(finished - started)
                bare_read.append(finished - marks[0])
                card.lift()
    ratio = median(ours) / median(bare)
    return [
        Row(
            f"ID chip read, card placed to data ready ({size / 1024:.0f} KiB, median of {reads})",
            ms(median(ours)),
            f"{ms(median(bare))} (bare pyscard loop, no BAC)",
            f"{ratio:.2f}x",
            "< 3 s",
            verdict(median(ours) < 3.0),
        ),
        Row(
            "ID chip read, p95",
            ms(percentile(ours, 0.95)),
            ms(percentile(bare, 0.95)),
            f"{percentile(ours, 0.95) / percentile(bare, 0.95):.2f}x",
            "",
            "",
        ),
        Row(
            "ID chip read, card seen to data ready (median)",
            ms(median(ours_read)),
            ms(median(bare_read)),
            f"{median(ours_read) / median(bare_read):.2f}x",
            "(reported)",
            "",
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=READS)
    args = parser.parse_args(argv)
    print_table(run(args.reads))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
