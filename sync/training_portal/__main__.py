"""``kiosk-training-portal``: run the training portal in the foreground.

Example: ``kiosk-training-portal --host 127.0.0.1 --port 8765 --db portal.sqlite3``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.training_portal.app import PortalSettings
from sync.training_portal.codes import DEFAULT_AGENCY_CODE, check_agency_code
from sync.training_portal.schedule import StatusSchedule
from sync.training_portal.server import TrainingPortal


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-training-portal",
        description=(
            "Cổng dịch vụ công bản tập huấn: a local portal implementing docs/portal-api.yaml "
            "for demos, training mode and tests."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file of the portal")
    parser.add_argument(
        "--agency-code",
        default=DEFAULT_AGENCY_CODE,
        help=f"receiving agency identifier in dossier codes (default {DEFAULT_AGENCY_CODE})",
    )
    parser.add_argument(
        "--catalogue-dir", type=Path, help="procedure definitions to seed the catalogue from"
    )
    parser.add_argument("--token-ttl", type=int, default=600, help="token lifetime, seconds")
    parser.add_argument(
        "--processing-after", type=float, default=15.0, help="seconds until 'processing'"
    )
    parser.add_argument(
        "--decided-after", type=float, default=45.0, help="seconds until 'done' / 'needs_more'"
    )
    parser.add_argument(
        "--enrolment-secret",
        default="training-enrolment",
        help="the reusable enrolment secret kiosks may enrol with",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        check_agency_code(arguments.agency_code)
    except ValueError as error:
        parser.error(str(error))
    if arguments.token_ttl < 1:
        parser.error("--token-ttl must be at least 1")
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    settings = PortalSettings(
        agency_code=arguments.agency_code,
        token_ttl_seconds=arguments.token_ttl,
        status_schedule=StatusSchedule(arguments.processing_after, arguments.decided_after),
        enrolment_secret=arguments.enrolment_secret,
    )
    portal = TrainingPortal(
        arguments.db,
        arguments.host,
        arguments.port,
        settings=settings,
        catalogue_dir=arguments.catalogue_dir,
    )
    try:
        portal.start()
    except (OSError, sqlite3.Error) as error:
        print(f"kiosk-training-portal: cannot start: {error}", file=sys.stderr)
        return 2
    # Serving starts before the banner: an interrupt while it is printed (a script
    # interrupts at once), before serve_forever's own wait, must still close the
    # connections, or a handler thread waiting on a client keeps the interpreter alive.
    try:
        with contextlib.suppress(KeyboardInterrupt):
            print(f"Training portal at {portal.url} (Ctrl+C to stop)", flush=True)
            portal.serve_forever()
    finally:
        portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
