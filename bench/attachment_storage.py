"""Where sealed pages live: a table in kiosk.db, or files under the kiosk home.

Both variants seal the same 20 A4 pages (about 250 KB each, the size the
image pipeline produces) with the store's cipher, and after each page run
the citizen's autosave of one answer. Reported per variant: the autosave's
median and p99 while pages are being stored, the largest WAL seen, and what
the database file grew by (which every daily backup copies again).
The baseline is the same autosave with no pages at all.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

from bench.common import Row, median, ms, percentile, temporary_home, time_calls
from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store

PAGES = 20
PAGE_BYTES = 250_000
AUTOSAVES_PER_PAGE = 5


def _wal_bytes(database: Path) -> int:
    wal = database.with_name(database.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _measure(variant: str, pages: int = PAGES) -> tuple[list[float], int, int]:
    with temporary_home() as home:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        service = CaseService(store, load_catalogue(asset_dir() / "procedures"), config)
        case = service.start_case("birth", Actor.citizen("bench"))
        counter = iter(range(10**9))
        database = store.layout.database
        size_before = database.stat().st_size
        raw = sqlite3.connect(database, isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE IF NOT EXISTS bench_pages (id TEXT PRIMARY KEY, sealed BLOB)")
        folder = Path(home) / "attachments"
        folder.mkdir()

        def autosave() -> None:
            service.save_answer(case.id, "child_birth_place", f"Bệnh viện số {next(counter)}")

        samples: list[float] = []
        biggest_wal = 0
        for _ in range(pages if variant != "none" else 1):
            page_id = str(uuid.uuid4())
            sealed = store.cipher.seal(os.urandom(PAGE_BYTES), f"bench:{page_id}")
            if variant == "table":
                raw.execute("BEGIN")
                raw.execute("INSERT INTO bench_pages VALUES (?, ?)", (page_id, sealed))
                raw.execute("COMMIT")
            elif variant == "files":
                part = folder / f"{page_id}.part"
                with part.open("wb") as handle:
                    handle.write(sealed)
                    handle.flush()
                    os.fsync(handle.fileno())
                part.rename(folder / f"{page_id}.sealed")
                raw.execute("BEGIN")
                raw.execute("INSERT INTO bench_pages VALUES (?, NULL)", (page_id,))
                raw.execute("COMMIT")
            biggest_wal = max(biggest_wal, _wal_bytes(database))
            samples += time_calls(
                autosave, AUTOSAVES_PER_PAGE * (pages if variant == "none" else 1)
            )
            biggest_wal = max(biggest_wal, _wal_bytes(database))
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
        grown = database.stat().st_size - size_before
        store.close()
    return samples, biggest_wal, grown


def run(pages: int = PAGES) -> list[Row]:
    base, base_wal, _ = _measure("none", pages)
    rows = []
    for variant in ("files", "table"):
        samples, wal, grown = _measure(variant, pages)
        rows.append(
            Row(
                f"autosave while storing {pages} pages in {variant} (median)",
                ms(median(samples)),
                ms(median(base)),
                f"{median(samples) / median(base):.2f}x",
                "files chosen",
                "met" if variant == "files" else "(compared)",
            )
        )
        rows.append(Row(f"  p99 ({variant})", ms(percentile(samples, 0.99)), "", "", "", ""))
        rows.append(
            Row(
                f"  largest WAL ({variant})",
                f"{wal / 1e6:.1f} MB",
                f"{base_wal / 1e6:.1f} MB",
                "",
                "",
                "",
            )
        )
        rows.append(Row(f"  kiosk.db grew ({variant})", f"{grown / 1e6:.1f} MB", "", "", "", ""))
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
