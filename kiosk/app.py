"""``kiosk``: start the touch-screen application (and its maintenance commands).

Exit codes: 0 fine; 2 configuration error or a kiosk home that cannot be written
(one line says what to fix);
3 the database's key is missing or wrong; 4 Qt cannot start (one line names
what is missing: the display, or the Debian package to install); 5 another
kiosk UI already runs on this kiosk home (one line names it; see
:mod:`kiosk.single_instance`).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, KioskConfig, load
from kiosk.logs import configure_logging
from kiosk.paths import HomeLayout, HomeUnusable, kiosk_home
from kiosk.store import StoreUnavailable
from kiosk.store.database import Store, check_home_writable, open_store
from kiosk.store.keys import (
    KeyFileExposure,
    KeyMismatchError,
    KeyMissingError,
    KeyStore,
    secure_key_file,
)

log = logging.getLogger("kiosk.app")

EXIT_KEY_PROBLEM = 3
EXIT_QT_UNAVAILABLE = 4
EXIT_ALREADY_RUNNING = 5
# The ward's database server cannot be reached at start-up: the service starts the
# kiosk again (a server restart or a cable, not something to fix in the kiosk).
EXIT_DATABASE_UNREACHABLE = 6
SCHEMA_CACHE_FILE = "validated-definitions.json"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Công dân không viết: the ward-office touch kiosk."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test",
        choices=["startup", "walk"],
        help="startup: open the welcome screen, paint it once and quit with exit code 0; "
        "walk: also tap its first button and check the next screen opens (exit 1 if not)",
    )
    parser.add_argument(
        "--windowed", action="store_true", help="a normal window instead of full screen"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    seed = sub.add_parser(
        "seed", help="create synthetic citizens and submitted cases (training mode only)"
    )
    seed.add_argument("--cases", type=int, required=True, metavar="N")
    seed.add_argument("--procedure", metavar="ID", help="only this procedure (default: all)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    # Listed for --help only: main() hands `kiosk admin ...` to kiosk.admin.cli unparsed.
    sub.add_parser("admin", help="volunteer and IT-officer accounts (kiosk admin --help)")
    return parser


def seed_command(
    config: KioskConfig, store: Store, cases: int, procedure: str | None, seed: int
) -> int:
    """Synthetic submitted cases for training, demos and benchmarks; refused in live mode."""
    if not config.training:
        print(
            "kiosk: seed is refused in live mode: it would mix invented people with real ones",
            file=sys.stderr,
        )
        return EXIT_CONFIG_ERROR
    if cases < 1 or cases > 1_000_000:
        print("kiosk: --cases must be between 1 and 1,000,000", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    from kiosk.cases.seeding import BULK_THRESHOLD, seed_cases, seed_history
    from kiosk.paths import asset_dir
    from kiosk.procedures import load_catalogue

    catalogue = load_catalogue(asset_dir() / "procedures")
    if procedure is not None and procedure not in catalogue:
        print(
            f"kiosk: unknown procedure {procedure!r}; known: {', '.join(sorted(catalogue))}",
            file=sys.stderr,
        )
        return EXIT_CONFIG_ERROR
    if cases > BULK_THRESHOLD:
        created = seed_history(store, catalogue, config, cases, procedure_id=procedure, seed=seed)
        print(f"seeded {created} finished cases (history, written in bulk)")
        return 0
    created = seed_cases(store, catalogue, config, cases, procedure_id=procedure, seed=seed)
    print(f"seeded {created} submitted cases")
    return 0


def prepare(layout: HomeLayout) -> tuple[KioskConfig, Store]:
    """Configuration, logging and the database: everything before Qt."""
    config = load(layout)
    check_home_writable(layout)  # before the log file: one line, not a traceback
    configure_logging(layout.logs)
    log.info("kiosk %s starting in %s mode, home %s", __version__, config.mode, layout.root)
    # Definitions that passed JSON-Schema validation at an earlier start (same content,
    # same schema, same validator) are not validated again: see schema_cache.
    from kiosk.procedures import schema_cache

    schema_cache.use_file(layout.root / "cache" / SCHEMA_CACHE_FILE)
    exposure = secure_key_file(KeyStore(layout.secrets).key_file)
    store = open_store(layout, config)
    if store.recovery is not None:
        log.error("Start-up recovery: %s", store.recovery.message_vi())
    if store.lost_writes is not None:
        log.error("Start-up check: %s", store.lost_writes.message_vi())
    if exposure is not None:
        record_key_file_exposure(store, exposure)
    # The retention run is not here: the background sync thread runs it at its first
    # check, after the welcome screen has painted (kiosk.ui.application).
    return config, store


def record_key_file_exposure(store: Store, exposure: KeyFileExposure) -> None:
    """An audit event the IT officer sees in the staff screens' audit log."""
    from kiosk.cases import audit
    from kiosk.cases.audit import Actor

    with store.sessions.begin() as session:
        audit.record(
            session,
            Actor.system(),
            "key_file_mode_fixed" if exposure.fixed else "key_file_exposed",
            old_mode=f"{exposure.old_mode:04o}",
            fixed=exposure.fixed,
        )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["admin"]:  # the first admin account, from a terminal or the bundle
        from kiosk.admin.cli import main as admin_main

        return admin_main(arguments[1:])
    args = build_parser().parse_args(arguments)
    layout = HomeLayout(kiosk_home())
    if args.command is None:
        # The touch UI never runs the automatic cyclic collector: the GUI thread collects
        # (kiosk.ui.gc_policy). Switched off from here, the imports and widgets of the
        # start-up do not pay for collections either (about a tenth of the start).
        gc.disable()
        # The touch UI: one per home, taken before anything touches the database.
        from kiosk.single_instance import AlreadyRunning, InstanceLock

        instance = InstanceLock(layout.root)
        try:
            instance.acquire()
        except AlreadyRunning as error:
            print(f"kiosk: {error}; this one stops (exit 5)", file=sys.stderr)
            return EXIT_ALREADY_RUNNING
        except OSError as error:
            unusable = HomeUnusable(instance.path, error.strerror or str(error))
            print(f"kiosk: {unusable}", file=sys.stderr)
            return EXIT_CONFIG_ERROR
        try:
            return _run(args, layout)
        finally:
            instance.release()
    return _run(args, layout)


def _run(args: argparse.Namespace, layout: HomeLayout) -> int:
    try:
        config, store = prepare(layout)
    except ConfigError as error:
        print(f"kiosk: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except (KeyMissingError, KeyMismatchError) as error:
        print(f"kiosk: encryption key problem: {error}", file=sys.stderr)
        return EXIT_KEY_PROBLEM
    except HomeUnusable as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except StoreUnavailable as error:
        if error.kind != "unreachable":
            raise
        print(
            "kiosk: the ward's database server cannot be reached; "
            "check the server and the network (docs/operations.md, "
            '"When the server is down")',
            file=sys.stderr,
        )
        return EXIT_DATABASE_UNREACHABLE
    if args.command == "seed":
        try:
            return seed_command(config, store, args.cases, args.procedure, args.seed)
        finally:
            store.close()
    from kiosk import qtcheck

    problem = qtcheck.display_problem()
    if problem is not None:
        store.close()
        print(problem, file=sys.stderr)
        return EXIT_QT_UNAVAILABLE
    try:
        from kiosk.ui.application import run_application
    except ImportError as error:
        missing = qtcheck.missing_libraries("offscreen")
        print(qtcheck.advice(missing) if missing else f"kiosk: Qt: {error}", file=sys.stderr)
        return EXIT_QT_UNAVAILABLE
    try:
        return run_application(config, store, self_test=args.self_test, windowed=args.windowed)
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
