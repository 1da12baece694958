"""Autosave of one answer (durable) vs a raw sqlite3 UPDATE + COMMIT on the same file.

Both sides run with WAL and synchronous=FULL on the same database file; ours
includes normalising the answer, decrypting and re-sealing the answers, and
the ORM round trip.
"""

from __future__ import annotations

import sqlite3

from bench.common import Row, median, ms, percentile, temporary_home, time_calls, verdict
from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store

REPEAT = 400


def run() -> list[Row]:
    with temporary_home() as home:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        service = CaseService(store, load_catalogue(asset_dir() / "procedures"), config)
        case = service.start_case("birth", Actor.citizen("bench"))
        counter = iter(range(10**9))

        def ours() -> None:
            service.save_answer(case.id, "child_birth_place", f"Bệnh viện số {next(counter)}")

        raw = sqlite3.connect(store.layout.database, isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        other = service.start_case("birth", Actor.citizen("bench-baseline"))
        baseline_counter = iter(range(10**9))

        def baseline() -> None:
            # A changed value each time: SQLite skips writing an identical row.
            text = f"{next(baseline_counter):08d}" + "x" * 600  # about a sealed answers blob
            raw.execute("BEGIN")
            raw.execute("UPDATE cases SET portal_message = ? WHERE id = ?", (text, other.id))
            raw.execute("COMMIT")

        for _ in range(20):  # warm both
            ours()
            baseline()
        ours_samples = time_calls(ours, REPEAT)
        base_samples = time_calls(baseline, REPEAT)
        raw.close()
        store.close()
    ratio = median(ours_samples) / median(base_samples)
    p99 = percentile(ours_samples, 0.99)
    return [
        Row(
            "autosave one answer (median)",
            ms(median(ours_samples)),
            ms(median(base_samples)),
            f"{ratio:.2f}x",
            "<= 2x, p99 < 5 ms",
            verdict(ratio <= 2 and p99 < 0.005),
        ),
        Row("autosave one answer (p99)", ms(p99), ms(percentile(base_samples, 0.99)), "", "", ""),
    ]


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
