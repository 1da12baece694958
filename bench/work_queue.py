"""Benchmark: the volunteers' work queue over 100,000 cases.

Run from the repository root (takes a minute or two, most of it seeding)::

    PYTHONPATH=. python bench/work_queue.py              # 100,000 cases in a temp home
    PYTHONPATH=. python bench/work_queue.py --cases 20000 --explain

It seeds a fresh kiosk database with direct bulk inserts (citizens with sealed
names, cases with sealed answers of a realistic size, outbox rows) in a mix close
to a busy ward's: mostly sent cases, some drafts (half of them today), returned,
stuck and flagged ones. Then it times ``WorkQueue.count`` and ``WorkQueue.page``
for every list and prints each as a ratio to a baseline, ``SELECT count(*) FROM
cases`` on the same file (the cost of touching every row once). A ratio well under
1 means the list does not scan the table. ``--explain`` prints SQLite's query plans.

Nothing is asserted: the numbers depend on the machine. This is not run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from kiosk.cases.clock import to_storage
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store, open_store
from kiosk.store.models import Case, Citizen, OutboxEntry
from kiosk.volunteers.queue import QUEUE_KINDS, WorkQueue

BATCH = 5000
# Not in the schema yet: proposed to the lead with these numbers (see the report).
PROPOSED_INDEXES = """
CREATE INDEX ix_outbox_state_created ON outbox (state, created_at, case_id);
CREATE INDEX ix_cases_flagged_updated ON cases (updated_at) WHERE flagged_reason IS NOT NULL;
"""
NOW = dt.datetime.now(dt.UTC)
# A typical draft's answers: about 1.5 kB of JSON once sealed.
ANSWERS = {
    "requester_relationship": "father",
    "child_name": "Nguyễn Minh Khôi",
    "child_dob": "2026-01-02",
    "child_sex": "male",
    "child_birth_place": "Bệnh viện Đa khoa Điện Bàn",
    "mother_name": "Trần Thị Bình",
    "mother_address": {"province_code": 48, "ward_code": 20551, "street": "Tổ 3, thôn Phú Lộc"},
    "father_name": "Nguyễn Văn An",
    "father_address": {"province_code": 48, "ward_code": 20551, "street": "Tổ 3, thôn Phú Lộc"},
    "notes": "Giấy chứng sinh bản chính, đã đối chiếu. " * 12,
}


def ago(**delta: float) -> dt.datetime:
    return to_storage(NOW - dt.timedelta(**delta))


def seed(store: Store, count: int) -> None:
    rng = random.Random(1)
    procedures = sorted(load_catalogue(asset_dir() / "procedures"))
    citizens: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    outbox: list[dict[str, Any]] = []

    def flush(connection: Any) -> None:
        for table, rows in ((Citizen, citizens), (Case, cases), (OutboxEntry, outbox)):
            if rows:
                connection.execute(insert(table), rows)
                rows.clear()

    with store.engine.begin() as connection:
        for index in range(count):
            citizen_id = index // 2 + 1
            if index % 2 == 0:
                citizens.append(
                    {
                        "id": citizen_id,
                        "id_number_hash": uuid.uuid4().hex,
                        "full_name": f"Công dân số {citizen_id}",
                        "created_at": ago(days=90),
                        "updated_at": ago(days=90),
                    }
                )
            roll = rng.random()
            updated = ago(days=rng.uniform(0, 90))
            row: dict[str, Any] = {
                "id": str(uuid.uuid4()),
                "procedure_id": procedures[index % len(procedures)],
                "procedure_version": 1,
                "citizen_id": citizen_id,
                "answers": ANSWERS,
                "status": "sent",
                "resume_code": f"{index:08d}",
                "local_reference": f"20551-260101-01-{index:06d}-K",
                "flagged_reason": None,
                "portal_message": None,
                "created_at": updated,
                "updated_at": updated,
                "submitted_at": updated,
            }
            pending: tuple[str, dt.datetime] | None = None
            if roll < 0.70:
                pending = ("sent", updated)
            elif roll < 0.78:
                row["status"] = "draft"
                row["submitted_at"] = None
                row["updated_at"] = ago(hours=rng.uniform(0, 8)) if roll < 0.74 else updated
            elif roll < 0.82:
                row["status"] = "returned"
                row["portal_message"] = "Thiếu bản sao giấy chứng sinh."
            elif roll < 0.92:
                row["status"] = "ready"
                pending = ("queued", ago(hours=rng.uniform(0, 72)))
            elif roll < 0.93:
                row["status"] = "ready"
                pending = ("sending", ago(days=rng.uniform(1, 5)))
            elif roll < 0.95:
                row["status"] = "draft"
                row["submitted_at"] = None
                row["flagged_reason"] = "procedure changed: fields no longer asked: x"
            else:
                row["status"] = "expired"
                row["answers"] = {}
                row["resume_code"] = None
            cases.append(row)
            if pending is not None:
                outbox.append(
                    {
                        "kind": "case",
                        "case_id": row["id"],
                        "idempotency_key": str(uuid.uuid4()),
                        "state": pending[0],
                        "created_at": pending[1],
                        "updated_at": pending[1],
                        "attempts": 1,
                    }
                )
            if len(cases) >= BATCH:
                flush(connection)
        flush(connection)


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in milliseconds (after one warm-up call)."""
    action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def explain(store: Store, queue: WorkQueue) -> None:
    from sqlalchemy import func, select

    with store.engine.connect() as connection:
        for kind in QUEUE_KINDS:
            statement = queue._filtered(select(func.count()).select_from(Case), kind)
            compiled = statement.compile(store.engine, compile_kwargs={"literal_binds": True})
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
            print(f"  {kind}: " + " | ".join(str(step[-1]) for step in plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--explain", action="store_true", help="print SQLite's query plans")
    parser.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="first create the indexes proposed for the outbox and flagged lists",
    )
    parser.add_argument(
        "--analyze", action="store_true", help="run ANALYZE after seeding (a kiosk does not)"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as home:
        layout = HomeLayout(Path(home))
        store = open_store(layout, KioskConfig(key_store="file"))
        try:
            started = time.perf_counter()
            seed(store, arguments.cases)
            print(f"seeded {arguments.cases:,} cases in {time.perf_counter() - started:.1f} s")
            if arguments.proposed_indexes:
                with sqlite3.connect(layout.database) as raw:
                    raw.executescript(PROPOSED_INDEXES)
            if arguments.analyze:
                with sqlite3.connect(layout.database) as raw:
                    raw.execute("ANALYZE")
            catalogue = load_catalogue(asset_dir() / "procedures")
            queue = WorkQueue(store, catalogue)

            def baseline_count() -> int:
                with sqlite3.connect(layout.database) as raw:
                    return int(raw.execute("SELECT count(*) FROM cases").fetchone()[0])

            def full_scan() -> int:
                with sqlite3.connect(layout.database) as raw:
                    return int(raw.execute("SELECT sum(length(answers)) FROM cases").fetchone()[0])

            baseline = timed(baseline_count)
            print(f"baseline SELECT count(*) FROM cases: {baseline:.2f} ms (ratio below)")
            print(f"for scale, a full table scan: {timed(full_scan, repeat=3):.2f} ms")
            print(
                f"{'list':<14}{'rows':>8}{'count ms':>10}{'page ms':>9}{'by title':>10}"
                f"{'last page':>11}{'ratio':>8}"
            )
            for kind in QUEUE_KINDS:
                sort: Any = "waiting_since" if kind == "stuck" else "updated_at"
                size = queue.count(kind)
                count_ms = timed(partial(queue.count, kind))
                page_ms = timed(partial(queue.page, kind, sort_by=sort, limit=50))
                title_ms = timed(partial(queue.page, kind, sort_by="procedure", limit=50))
                last = max(size - 50, 0)
                last_ms = timed(partial(queue.page, kind, sort_by=sort, limit=50, offset=last))
                worst = max(count_ms, page_ms, title_ms, last_ms)
                print(
                    f"{kind:<14}{size:>8,}{count_ms:>10.2f}{page_ms:>9.2f}{title_ms:>10.2f}"
                    f"{last_ms:>11.2f}{worst / baseline:>8.2f}"
                )
            if arguments.explain:
                explain(store, queue)
        finally:
            store.close()


if __name__ == "__main__":
    main()
