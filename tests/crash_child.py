"""Child process for tests/cases/test_cases_crash.py: autosave answers until killed.

Prints "saved N" after each save_answer call has returned, so the parent
knows which answers were promised to be durable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.cases import CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import open_store


def main() -> None:
    home, case_id, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
    config = KioskConfig(key_store="file")
    store = open_store(HomeLayout(Path(home)), config)
    service = CaseService(store, load_catalogue(asset_dir() / "procedures"), config)
    print("ready", flush=True)
    counter = start
    while True:
        counter += 1
        service.save_answer(case_id, "child_birth_place", f"Nơi sinh số {counter}")
        service.save_answer(case_id, "extract_copies", counter % 20)
        print(f"saved {counter}", flush=True)


if __name__ == "__main__":
    main()
