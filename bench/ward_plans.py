"""The query plans behind bench/ward.py's growth figures: which index each look-up uses.

    python -m bench.ward_plans [--cases 20000]

Runs each operation of bench/ward.py once on a seeded store (SQLite, then a throw-away
PostgreSQL), records the SELECT statements it sends (SQLAlchemy's
``before_cursor_execute``) and prints each one's plan (``EXPLAIN QUERY PLAN`` /
``EXPLAIN``) with its real parameters. A "SCAN cases" or "Seq Scan on cases" line would
be a cost growing with the store; docs/performance.md keeps the output.
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import event

from bench.common import temporary_home
from bench.ward import NOTICE_ACTOR, backend_config
from kiosk.cases import CaseService
from kiosk.cases.clock import local_date
from kiosk.cases.daily_report import build_report
from kiosk.cases.housekeeping import purge_finished
from kiosk.cases.seeding import seed_history
from kiosk.cases.synthetic import synthetic_card
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store
from kiosk.volunteers import WorkQueue, today_summary


def plans(backend: str, cases: int) -> None:
    import datetime as dt
    import random

    catalogue = load_catalogue(asset_dir() / "procedures")
    with temporary_home() as home, backend_config(backend) as config:
        store = open_store(HomeLayout(home), config)
        seed_history(store, catalogue, config, cases)
        service = CaseService(store, catalogue, config)
        card = synthetic_card(random.Random(9))
        service.start_case("birth", NOTICE_ACTOR, card=card)
        reference = "20551-261201-01-0001-X"
        today = local_date(dt.datetime.now(dt.UTC))
        queue = WorkQueue(store, catalogue)
        operations: dict[str, Any] = {
            "resume by ID number": lambda: service.drafts_for_id_number(card.id_number),
            "look-up by reference": lambda: service.find_by_reference(reference),
            "queue open": lambda: (queue.counts(), queue.page("drafts_today")),
            '"Today"': lambda: today_summary(store, today, catalogue),
            "the day's report": lambda: build_report(store, today),
            "retention purge": lambda: purge_finished(store, config),
        }
        captured: list[tuple[str, Any]] = []

        def capture(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                captured.append((statement, parameters))

        explain = "EXPLAIN QUERY PLAN " if backend == "sqlite" else "EXPLAIN "
        print(f"\n## {backend}, {cases:,} cases")
        for name, operation in operations.items():
            captured.clear()
            event.listen(store.engine, "before_cursor_execute", capture)
            operation()
            event.remove(store.engine, "before_cursor_execute", capture)
            print(f"\n### {name}\n")
            seen: set[str] = set()
            with store.engine.connect() as connection:
                for statement, parameters in captured:
                    if statement in seen or "kiosk_meta" in statement:
                        continue
                    seen.add(statement)
                    first_line = " ".join(statement.split())[:110]
                    print(f"    -- {first_line}")
                    rows = connection.exec_driver_sql(explain + statement, parameters).all()
                    for row in rows:
                        print(f"    {row[-1] if backend == 'sqlite' else row[0]}")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    for backend in args.backends:
        plans(backend, args.cases)


if __name__ == "__main__":
    main()
