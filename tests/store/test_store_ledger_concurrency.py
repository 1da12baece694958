"""acknowledged.json updated by two processes at once (the kiosk app and kiosk-sync).

Each process records its own kiosk number's sequences, one submit at a time, as
fast as it can; at the end the file must hold each one's last value. A plain
read-then-write from each loses the other's latest value whenever the two
interleave; the ledger's lock and merge must not. Real processes, a real file.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from kiosk.store.ledger import Ledger, sequence_key

ACKNOWLEDGES = 300
DAY = "2026-12-06"


def _writer(path: str, kiosk_number: int, start: multiprocessing.synchronize.Event) -> None:
    ledger = Ledger(Path(path))
    start.wait(30)
    for sequence in range(1, ACKNOWLEDGES + 1):
        ledger.acknowledge(DAY, kiosk_number, sequence, sequence)


def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "acknowledged.json"
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    writers = [
        context.Process(target=_writer, args=(str(path), number, start)) for number in (1, 2)
    ]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    state = Ledger(path).read()
    assert state is not None
    assert state.sequences == {
        sequence_key(DAY, 1): ACKNOWLEDGES,
        sequence_key(DAY, 2): ACKNOWLEDGES,
    }
    assert state.submits == ACKNOWLEDGES
