"""``kiosk``: start the touch-screen application (and its maintenance commands).

Exit codes: 0 fine; 2 configuration error (one line says what to fix);
3 the database's key is missing or wrong; 4 Qt cannot start (the message names
the Debian package to install).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, KioskConfig, load
from kiosk.logs import configure_logging
from kiosk.paths import HomeLayout, kiosk_home
from kiosk.store.database import Store, open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError

log = logging.getLogger("kiosk.app")

EXIT_KEY_PROBLEM = 3
EXIT_QT_UNAVAILABLE = 4


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Công dân không viết: the ward-office touch kiosk."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test",
        choices=["startup"],
        help="open the welcome screen, paint it once and quit with exit code 0",
    )
    parser.add_argument(
        "--windowed", action="store_true", help="a normal window instead of full screen"
    )
    return parser


def prepare(layout: HomeLayout) -> tuple[KioskConfig, Store]:
    """Configuration, logging and the database: everything before Qt."""
    config = load(layout)
    layout.ensure()
    configure_logging(layout.logs)
    log.info("kiosk %s starting in %s mode, home %s", __version__, config.mode, layout.root)
    store = open_store(layout, config)
    if store.recovery is not None:
        log.error("Start-up recovery: %s", store.recovery.message_vi())
    return config, store


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    layout = HomeLayout(kiosk_home())
    try:
        config, store = prepare(layout)
    except ConfigError as error:
        print(f"kiosk: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except (KeyMissingError, KeyMismatchError) as error:
        print(f"kiosk: encryption key problem: {error}", file=sys.stderr)
        return EXIT_KEY_PROBLEM
    try:
        from kiosk.ui.application import run_application
    except ImportError as error:
        from kiosk import qtcheck

        missing = qtcheck.missing_libraries("offscreen")
        print(qtcheck.advice(missing) if missing else f"kiosk: Qt: {error}", file=sys.stderr)
        return EXIT_QT_UNAVAILABLE
    try:
        return run_application(config, store, self_test=args.self_test, windowed=args.windowed)
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
