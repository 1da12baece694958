"""Autosave of one answer (durable) vs sqlite3 committing the same sealed bytes.

Ours: ``CaseService.save_answer`` on a draft answered on every page (a birth
registration with synthetic answers): normalising the answer, the copies the
definition asks for, sealing the whole answers dict (AES-GCM, the column name
as associated data) and the compare-and-swap ``UPDATE`` + ``COMMIT`` of
:mod:`kiosk.cases.draft_write`. Baseline: the stdlib ``sqlite3`` module on
the same file with the same pragmas (WAL, ``synchronous=FULL``) writing, to
another draft's ``answers``, exactly the sealed bytes ours wrote for the same
tap (collected outside the timing), one ``BEGIN``/``UPDATE``/``COMMIT`` each.

``--profile`` prints where ours spends its time (cProfile, top lines).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sqlite3

from sqlalchemy import LargeBinary, select, type_coerce

from bench.common import Row, median, ms, percentile, temporary_home, time_calls, verdict
from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import complete_answers
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store, open_store
from kiosk.store.models import Case

REPEAT = 400
CHUNK = 20


def _sealed_answers(store: Store, case_id: str) -> bytes:
    with store.engine.connect() as connection:
        sealed = connection.scalar(
            select(type_coerce(Case.answers, LargeBinary)).where(Case.id == case_id)
        )
    assert sealed is not None
    return bytes(sealed)


def run(repeat: int | None = None, *, profile: bool = False) -> list[Row]:
    repeat = REPEAT if repeat is None else repeat
    with temporary_home() as home:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        catalogue = load_catalogue(asset_dir() / "procedures")
        service = CaseService(store, catalogue, config)
        case = service.start_case("birth", Actor.citizen("bench"))
        other = service.start_case("birth", Actor.citizen("bench-baseline"))
        answers = complete_answers(catalogue["birth"], None, random.Random(19))
        service.save_answers(case.id, answers)
        counter = iter(range(10**9))
        written: list[bytes] = []

        def ours() -> None:
            service.save_answer(case.id, "child_birth_place", f"Bệnh viện số {next(counter)}")

        def ours_recorded() -> None:
            ours()
            written.append(_sealed_answers(store, case.id))

        for _ in range(20):  # warm
            ours()
        for _ in range(repeat + 20):  # the bytes the baseline will write, outside the timing
            ours_recorded()

        raw = sqlite3.connect(store.layout.database, isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        blobs = iter(written)

        def baseline() -> None:
            raw.execute("BEGIN")
            raw.execute("UPDATE cases SET answers = ? WHERE id = ?", (next(blobs), other.id))
            raw.execute("COMMIT")

        for _ in range(20):  # warm
            baseline()
        # Interleaved in chunks, so a burst of load on the shared machine hits both sides.
        ours_samples: list[float] = []
        base_samples: list[float] = []
        while len(ours_samples) < repeat:
            chunk = min(CHUNK, repeat - len(ours_samples))
            ours_samples += time_calls(ours, chunk)
            base_samples += time_calls(baseline, chunk)
        raw.close()
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(repeat):
                ours()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
        store.close()
    ratio = median(ours_samples) / median(base_samples)
    p99 = percentile(ours_samples, 0.99)
    blob = len(written[0])
    return [
        Row(
            f"autosave one answer (median; {blob} sealed bytes)",
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

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--profile", action="store_true", help="print ours' cProfile top lines")
    arguments = parser.parse_args()
    print_table(run(arguments.repeat, profile=arguments.profile))
