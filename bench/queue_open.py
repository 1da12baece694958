"""Volunteer work queue over 100,000 cases: open and scroll it, vs a raw SQL count.

The database is seeded with ``bench.work_queue.seed`` (the queue helper's
realistic mix: mostly sent cases, drafts, returned, stuck and flagged ones,
sealed answers of a real size). "Open" is what the queue screen needs before
it can paint: every tab's count (``WorkQueue.counts``) and the first page of
the first list (50 rows, names decrypted). "Scroll" is one further page, at
offsets 50 to 500. The baseline is ``SELECT count(*) FROM cases`` on the same
file through a plain sqlite3 connection: touching every row once. Medians
over ``repeat`` runs after one warm-up (the kiosk's page cache is warm when a
volunteer opens the queue during the day).
"""

from __future__ import annotations

import sqlite3
import time

from bench.common import Row, median, ms, temporary_home, verdict
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store

CASES = 100_000
REPEAT = 5
OPEN_TARGET = 0.5


def run(cases: int = CASES, repeat: int = REPEAT) -> list[Row]:
    from bench.work_queue import seed  # the queue helper's seeding (another module)
    from kiosk.volunteers.queue import QUEUE_KINDS, WorkQueue

    with temporary_home() as home:
        layout = HomeLayout(home)
        store = open_store(layout, KioskConfig(key_store="file"))
        raw = sqlite3.connect(layout.database)
        try:
            started = time.perf_counter()
            seed(store, cases)
            print(f"  work queue: seeded {cases:,} cases in {time.perf_counter() - started:.0f} s")
            queue = WorkQueue(store, load_catalogue(asset_dir() / "procedures"))
            first = QUEUE_KINDS[0]

            def open_queue() -> None:
                queue.counts()
                queue.page(first, limit=50)

            def scroll() -> None:
                for offset in range(50, 550, 50):
                    queue.page(first, limit=50, offset=offset)

            def baseline() -> None:
                raw.execute("SELECT count(*) FROM cases").fetchone()

            samples: dict[str, list[float]] = {"open": [], "scroll": [], "base": []}
            for action in (open_queue, scroll, baseline):  # warm-up
                action()
            for _ in range(repeat):
                for name, action in (("open", open_queue), ("scroll", scroll), ("base", baseline)):
                    began = time.perf_counter()
                    action()
                    samples[name].append(time.perf_counter() - began)
            rows_in_first = queue.count(first)
        finally:
            raw.close()
            store.close()
    opened, base = median(samples["open"]), median(samples["base"])
    per_page = median(samples["scroll"]) / 10
    return [
        Row(
            f"volunteer queue, {cases:,} cases: open (counts + first page)",
            ms(opened),
            ms(base) + " (count(*))",
            f"{opened / base:.2f}x",
            "opens < 500 ms",
            verdict(opened < OPEN_TARGET),
        ),
        Row(
            f"volunteer queue: scroll, one page of 50 ({rows_in_first:,} in the list)",
            ms(per_page),
            ms(base) + " (count(*))",
            f"{per_page / base:.2f}x",
            "(reported)",
            "",
        ),
    ]


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
