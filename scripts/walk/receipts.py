"""The receipts a walk printed, as PDF files: run with the venv's Python after the kiosk quit.

Training mode with no printer configured keeps each receipt sealed in the kiosk home
(``documents/<reference>.pdf.sealed``, docs/operations.md); these are the very bytes the
print job was given. Opened here with the home's key, written out in the clear to the
walk's output folder (invented people only: a training home).

    .venv/bin/python -m scripts.walk.receipts KIOSK_HOME OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path


def export_receipts(home: Path, out_dir: Path) -> list[Path]:
    from kiosk.admin.personal_files import open_receipt
    from kiosk.app import prepare
    from kiosk.paths import HomeLayout

    config, store = prepare(HomeLayout(home))
    if config.mode != "training":
        store.close()
        raise SystemExit(f"{home} is not a training home: its receipts stay sealed")
    written: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for sealed in sorted(store.layout.documents.glob("*.pdf.sealed")):
            target = out_dir / sealed.name.removesuffix(".sealed")
            target.write_bytes(open_receipt(store, sealed))
            written.append(target)
    finally:
        store.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m scripts.walk.receipts KIOSK_HOME OUT_DIR", file=sys.stderr)
        return 2
    for path in export_receipts(Path(argv[0]), Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
