"""The ward's PostgreSQL against the embedded SQLite file, and how both grow with the store.

    python -m bench.ward [--sizes 100000 1000000] [--backends sqlite postgresql]

Part 1, same run, same machine: autosave of one answer (p50, p99) and a submit on a
throw-away PostgreSQL server (tests/pg_support.py: initdb in a temporary folder, Unix
socket, fsync on) against the SQLite file (WAL, synchronous=FULL). The baseline column
is SQLite; the ratio is PostgreSQL / SQLite.

Part 2, growth: each operation is timed (median of 5) on a store holding a small
history (1,000 finished cases: the baseline) and again after ``kiosk seed`` has made it
``--sizes`` cases; the ratio is "at N / at 1,000". Flat or logarithmic means a ratio
near 1 (an index walk grows by a level or two). The operations: start-up (open the
store, with SQLite's quick_check), resume by ID number, look-up by reference, the
volunteers' queue opening (counts and the first page), "Today", the day's report, the
nightly retention purge (nothing due: the seeded history is younger than retention).
The seeding time of each size is reported too. The indexes that keep each flat, with
the query plans: docs/performance.md, "A ward's store".
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bench.common import Row, median, ms, percentile, print_table, temporary_home, time_calls
from kiosk.cases import Actor, CaseService
from kiosk.cases.clock import local_date
from kiosk.cases.daily_report import build_report
from kiosk.cases.housekeeping import purge_finished
from kiosk.cases.seeding import seed_history
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store.database import Store, open_store
from kiosk.volunteers import WorkQueue, today_summary

BASE = 1_000
AUTOSAVES = 300
SUBMITS = 30
REPEAT = 5
NOTICE_ACTOR = Actor.citizen("bench-ward")


@contextmanager
def backend_config(name: str) -> Iterator[KioskConfig]:
    config = KioskConfig(key_store="file", mode="training")
    if name == "sqlite":
        yield config
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests import pg_support

    cluster = pg_support.start_cluster()
    try:
        url = cluster.create_database("bench_ward")
        yield replace(config, database=DatabaseSettings(url=url))
    finally:
        pg_support.stop_cluster(cluster)


def _inputs(
    catalogue: Catalogue,
    procedure: str,
    case_answers: Mapping[str, object],
    card: object,
    rng: random.Random,
) -> dict[str, object]:
    definition = catalogue[procedure]
    answers = complete_answers(definition, card, rng)  # type: ignore[arg-type]
    return {
        k: v for k, v in answers.items() if definition.field(k).is_input and k not in case_answers
    }


def autosave_and_submit(
    store: Store, catalogue: Catalogue, config: KioskConfig
) -> tuple[list[float], list[float]]:
    from kiosk.cases import ConsentNotice

    service = CaseService(store, catalogue, config)
    case = service.start_case("birth", NOTICE_ACTOR)
    counter = iter(range(10**9))

    def autosave() -> None:
        service.save_answer(case.id, "child_birth_place", f"Bệnh viện số {next(counter)}")

    for _ in range(20):
        autosave()
    saves = time_calls(autosave, AUTOSAVES)
    notice = ConsentNotice("bench", "Đồng ý (bench).", "vi")
    rng = random.Random(3)
    submits: list[float] = []
    for _ in range(SUBMITS):
        card = synthetic_card(rng)
        draft = service.start_case("birth", NOTICE_ACTOR, card=card)
        service.save_answers(draft.id, _inputs(catalogue, "birth", draft.answers, card, rng))
        service.promise_required_documents(draft.id)  # a synthetic citizen brings the papers
        started = time.perf_counter()
        service.submit(draft.id, NOTICE_ACTOR, notice)
        submits.append(time.perf_counter() - started)
    return saves, submits


def operations(layout: HomeLayout, config: KioskConfig, catalogue: Catalogue) -> dict[str, float]:
    """Median seconds of each operation on the store as it is now."""
    store = open_store(layout, config)
    service = CaseService(store, catalogue, config)
    rng = random.Random(len(str(time.time())))
    card = synthetic_card(rng)
    draft = service.start_case("birth", NOTICE_ACTOR, card=card)  # one to resume
    service.release(draft.id)
    from sqlalchemy import select

    from kiosk.store.models import Case

    with store.sessions() as session:
        reference = session.scalars(
            select(Case.local_reference).where(Case.local_reference.is_not(None)).limit(1)
        ).first()
    assert reference is not None
    today = local_date(dt.datetime.now(dt.UTC))
    store.close()

    def startup() -> None:
        open_store(layout, config).close()

    results = {"start-up (open the store)": median(time_calls(startup, 3))}
    store = open_store(layout, config)
    service = CaseService(store, catalogue, config)
    queue = WorkQueue(store, catalogue)

    def queue_open() -> None:
        queue.counts()
        queue.page("drafts_today")

    timed: dict[str, Callable[[], object]] = {
        "resume by ID number": lambda: service.drafts_for_id_number(card.id_number),
        "look-up by reference": lambda: service.find_by_reference(reference),
        "queue open (counts + first page)": queue_open,
        '"Today"': lambda: today_summary(store, today, catalogue),
        "the day's report": lambda: build_report(store, today),
        "retention purge (nothing due)": lambda: purge_finished(store, config),
    }
    for name, function in timed.items():
        function()  # warm
        results[name] = median(time_calls(function, REPEAT))
    store.close()
    return results


def run(sizes: list[int], backends: list[str]) -> list[Row]:
    catalogue = load_catalogue(asset_dir() / "procedures")
    rows: list[Row] = []
    latency: dict[str, tuple[list[float], list[float]]] = {}
    growth: dict[str, dict[int, dict[str, float]]] = {}
    seeding: dict[str, dict[int, float]] = {}
    for backend in backends:
        with temporary_home() as home, backend_config(backend) as config:
            layout = HomeLayout(home)
            store = open_store(layout, config)
            latency[backend] = autosave_and_submit(store, catalogue, config)
            started = time.perf_counter()
            seed_history(store, catalogue, config, BASE)
            seeding[backend] = {BASE: time.perf_counter() - started}
            store.close()
            growth[backend] = {BASE: operations(layout, config, catalogue)}
            have = BASE
            for size in sizes:
                store = open_store(layout, config)
                started = time.perf_counter()
                seed_history(store, catalogue, config, size - have, seed=size)
                seeding[backend][size] = time.perf_counter() - started
                store.close()
                have = size
                print(
                    f"   {backend}: seeded to {size} in {seeding[backend][size]:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
                growth[backend][size] = operations(layout, config, catalogue)
    if "sqlite" in latency and "postgresql" in latency:
        (pg_saves, pg_submits), (lite_saves, lite_submits) = (
            latency["postgresql"],
            latency["sqlite"],
        )
        rows += [
            Row(
                "autosave p50, PostgreSQL vs SQLite",
                ms(median(pg_saves)),
                ms(median(lite_saves)),
                f"{median(pg_saves) / median(lite_saves):.2f}x",
                "",
                "",
            ),
            Row(
                "autosave p99, PostgreSQL vs SQLite",
                ms(percentile(pg_saves, 0.99)),
                ms(percentile(lite_saves, 0.99)),
                f"{percentile(pg_saves, 0.99) / percentile(lite_saves, 0.99):.2f}x",
                "",
                "",
            ),
            Row(
                "submit (median), PostgreSQL vs SQLite",
                ms(statistics.median(pg_submits)),
                ms(statistics.median(lite_submits)),
                f"{median(pg_submits) / median(lite_submits):.2f}x",
                "",
                "",
            ),
        ]
    for backend in backends:
        base = growth[backend][BASE]
        for size in sizes:
            rows.append(
                Row(
                    f"{backend}: kiosk seed to {size:,} cases",
                    f"{seeding[backend][size]:.0f} s",
                    "",
                    "",
                    "",
                    "",
                )
            )
            for name, seconds in growth[backend][size].items():
                ratio = seconds / base[name]
                rows.append(
                    Row(
                        f"{backend}: {name} at {size:,}",
                        ms(seconds),
                        ms(base[name]),
                        f"{ratio:.2f}x",
                        "flat/log",
                        "met" if ratio <= 3 else "MISSED",
                    )
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    print_table(run(sorted(args.sizes), args.backends))


if __name__ == "__main__":
    main()
