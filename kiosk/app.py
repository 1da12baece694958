"""``kiosk``: start the touch-screen application (and its maintenance commands).

Exit codes: 0 fine; 2 configuration error or a kiosk home that cannot be written
(one line says what to fix);
3 the database's key is missing or wrong; 4 Qt cannot start (one line names
what is missing: the display, or the Debian package to install); 5 another
kiosk UI already runs on this kiosk home (one line names it; see
:mod:`kiosk.single_instance`); 6 the ward's database server cannot be reached.

The touch UI opens the store only after its welcome screen has painted: codes 3
and 6 (and a home that turns out unwritable, a failed migration) are then shown
on the screen as well (:mod:`kiosk.startup_problems`, docs/operations.md "Exit
codes" says when the process ends with them).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, KioskConfig, load
from kiosk.logs import configure_logging
from kiosk.paths import HomeLayout, HomeUnusable, check_home_writable, kiosk_home
from kiosk.startup_problems import (
    EXIT_DATABASE_UNREACHABLE as EXIT_DATABASE_UNREACHABLE,
)
from kiosk.startup_problems import EXIT_KEY_PROBLEM as EXIT_KEY_PROBLEM
from kiosk.startup_problems import StartupProblem, classify

if TYPE_CHECKING:
    # Imported when the store opens: for the touch UI, after the welcome screen has
    # painted (SQLAlchemy and the ORM models are the largest part of a start).
    from kiosk.store.database import Store
    from kiosk.store.keys import KeyFileExposure

log = logging.getLogger("kiosk.app")

EXIT_QT_UNAVAILABLE = 4
EXIT_ALREADY_RUNNING = 5
SCHEMA_CACHE_FILE = "validated-definitions.json"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Công dân không viết: the ward-office touch kiosk."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test",
        choices=["startup", "walk"],
        help="startup: paint the welcome screen once, open the database, quit with exit code 0 "
        "(or the code of what stopped it); "
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


def prepare_early(layout: HomeLayout) -> KioskConfig:
    """Configuration and logging: what the window needs, before Qt and before the store."""
    config = load(layout)
    check_home_writable(layout)  # before the log file: one line, not a traceback
    configure_logging(layout.logs)
    log.info("kiosk %s starting in %s mode, home %s", __version__, config.mode, layout.root)
    return config


def open_kiosk_store(layout: HomeLayout, config: KioskConfig) -> Store:
    """The database, its key checked, migrated and reconciled (the touch UI: after the
    welcome screen's first paint; raises what :func:`kiosk.startup_problems.classify` sorts).
    """
    # Definitions that passed JSON-Schema validation at an earlier start (same content,
    # same schema, same validator) are not validated again: see schema_cache.
    from kiosk.procedures import schema_cache
    from kiosk.store.database import open_store
    from kiosk.store.keys import KeyStore, secure_key_file

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
    return store


def prepare(layout: HomeLayout) -> tuple[KioskConfig, Store]:
    """Configuration, logging and the database: the commands without a window."""
    config = prepare_early(layout)
    return config, open_kiosk_store(layout, config)


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
        config = prepare_early(layout)
    except ConfigError as error:
        print(f"kiosk: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except HomeUnusable as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    if args.command == "seed":
        try:
            store = open_kiosk_store(layout, config)
        except Exception as error:
            return _stopped_by(classify(error), error)
        try:
            return seed_command(config, store, args.cases, args.procedure, args.seed)
        finally:
            store.close()
    from kiosk import qtcheck

    problem = qtcheck.display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_QT_UNAVAILABLE
    try:
        from kiosk.ui.application import run_application
    except ImportError as error:
        missing = qtcheck.missing_libraries("offscreen")
        print(qtcheck.advice(missing) if missing else f"kiosk: Qt: {error}", file=sys.stderr)
        return EXIT_QT_UNAVAILABLE
    # The store opens after the welcome screen's first paint; what stops it is shown on
    # screen there (and printed as the same one line, with the same exit code).
    return run_application(
        config,
        lambda: open_kiosk_store(layout, config),
        self_test=args.self_test,
        windowed=args.windowed,
    )


def _stopped_by(problem: StartupProblem, error: BaseException) -> int:
    """One line on stderr and the problem's exit code; a traceback only for the unknown."""
    if problem.kind == "database_failed":
        raise error
    print(problem.line, file=sys.stderr)
    return problem.exit_code


if __name__ == "__main__":
    sys.exit(main())
