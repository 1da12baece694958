"""``kiosk-sync``: the IT officer's command line for the portal sync.

Exit codes: 0 nothing pending; 2 configuration error; 3 items remain for later;
4 another sync holds the lease.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-sync",
        description="Send the kiosk's queued dossiers and account requests to the "
        "province portal and bring back their statuses.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk-sync {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return 0  # pragma: no cover - subcommands arrive with the sync engine


if __name__ == "__main__":
    sys.exit(main())
