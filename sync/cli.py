"""``kiosk-sync``: the IT officer's command line for the portal sync.

Exit codes (also in docs/operations.md):
  0  nothing is waiting to be sent (report: written)
  2  configuration error, no kiosk home or one that cannot be written, bad arguments or
     an unwritable report file (one line says what to fix); a bare ``kiosk-sync``
     prints its help
  3  items remain for later (portal down, retries scheduled, rejected items need a volunteer)
  4  another sync (the kiosk app or another kiosk-sync) holds the lease
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, load
from kiosk.logs import configure_logging
from kiosk.paths import HomeLayout, HomeUnusable, asset_dir, kiosk_home
from kiosk.store import StoreUnavailable
from kiosk.store.database import Store, check_home_writable, open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError

if TYPE_CHECKING:
    from kiosk.procedures import Catalogue

EXIT_OK = 0
EXIT_PENDING = 3
EXIT_LEASE_BUSY = 4


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-sync",
        description="Send the kiosk's queued dossiers and account requests to the "
        "province portal and bring back their statuses.",
        epilog="Exit codes: 0 nothing pending, 2 configuration error, "
        "3 items remain for later, 4 another sync is running.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk-sync {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="send everything that can be sent now, then apply the retention rules",
    )
    run.add_argument("--json", action="store_true", help="print a JSON summary")
    run.add_argument(
        "--max-wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="wait at most this long for retries that fall due soon (default 30)",
    )
    run.add_argument("--batch", type=int, default=50, help="entries per pass (default 50)")
    run.add_argument(
        "--connections",
        type=int,
        choices=(1, 2),
        default=2,
        help="send on up to this many connections when the portal allows (default 2)",
    )
    status = sub.add_parser("status", help="what is waiting, and the last runs")
    status.add_argument("--json", action="store_true")
    report = sub.add_parser("report", help="the day's report for the ward, as PDF or CSV")
    report.add_argument(
        "--date", required=True, type=_report_day, metavar="YYYY-MM-DD", help="the ward's day"
    )
    target = report.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="FILE")
    target.add_argument("--csv", metavar="FILE")
    return parser


class NoKioskHome(Exception):
    """The kiosk home holds no database: a typo in KIOSK_HOME, or a kiosk never started."""


def _report_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"
        ) from None


def _open(layout: HomeLayout, *, existing: bool = True) -> Store:
    """The kiosk's database; ``existing``: never a new one (it would hide a wrong KIOSK_HOME).

    ``run`` may create it (a scheduled sync on a kiosk not started yet finds nothing
    to send); ``status`` and ``report`` only read, so they refuse an empty home.
    """
    config = load(layout)
    if existing and not config.database.url and not layout.database.exists():
        raise NoKioskHome(
            f"no kiosk database at {layout.database}; set KIOSK_HOME to the kiosk's home"
            " (or start the kiosk there once)"
        )
    check_home_writable(layout)  # before the log file: one line, not a traceback
    configure_logging(layout.logs)
    return open_store(layout, config)


def _local_time(stored_utc: str | None) -> str:
    """A stored naive-UTC time as this computer's local time with its UTC offset."""
    if stored_utc is None:
        return "-"
    moment = dt.datetime.fromisoformat(stored_utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().isoformat(sep=" ", timespec="seconds")


def _progress_printer(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        if done == total:
            sys.stderr.write("\n")

    return show


def _catalogue_loader() -> Catalogue:
    """The shipped procedures, loaded (and checked against their schema) when needed."""
    from kiosk.procedures import load_catalogue

    return load_catalogue(asset_dir() / "procedures")


def command_run(args: argparse.Namespace, layout: HomeLayout) -> int:
    from kiosk.admin.retention import run_retention
    from kiosk.cases.housekeeping import RetentionReport
    from sync.connection import portal_connection
    from sync.engine import SyncEngine
    from sync.lease import holder_name

    config = load(layout)
    store = _open(layout, existing=False)
    try:
        with portal_connection(config, layout) as connection:
            engine = SyncEngine(
                store,
                connection.client,
                _catalogue_loader,
                kiosk_id=connection.credentials.kiosk_id,
                holder=holder_name("kiosk-sync"),
                batch_size=args.batch,
                config=config,
                max_connections=args.connections,
            )
            try:
                result = engine.run_until_done(
                    max_wait_seconds=args.max_wait,
                    progress=_progress_printer(sys.stderr.isatty() and not args.json),
                )
            finally:
                engine.close()
        # Retention runs after the pass: a case sent just now is not touched, and
        # statuses pulled back can make finished cases due.
        try:
            retention: RetentionReport | None = run_retention(store, config)
        except Exception:
            # The sync's own result stands; the app's daily run or the next night retries.
            logging.getLogger("sync.cli").exception("Retention run failed")
            retention = None
    finally:
        store.close()
    summary = result.as_dict()
    summary["retention"] = None if retention is None else retention.as_dict()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    else:
        print(
            f"pushed {result.pushed}, accounts {result.accounts_sent}, rejected {result.rejected},"
            f" failed attempts {result.failed}, pending {result.pending},"
            f" statuses updated {result.statuses_updated}"
        )
        if result.stopped_reason:
            print(f"stopped: {result.stopped_reason}")
        print(
            "retention: "
            + ("failed, see logs/kiosk.log" if retention is None else retention.summary())
        )
    if result.lease_busy:
        return EXIT_LEASE_BUSY
    return EXIT_OK if result.pending == 0 else EXIT_PENDING


def command_status(args: argparse.Namespace, layout: HomeLayout) -> int:
    from sync.status import outbox_status

    store = _open(layout)
    try:
        status = outbox_status(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, sort_keys=True, default=str))
    else:
        print("Outbox: " + ", ".join(f"{k} {v}" for k, v in sorted(status["outbox"].items())))
        if status["portal_check_pending"]:
            print("Portal check after a restore: pending (runs with the next sync)")
        check = status["last_portal_check"]
        if check and (check["recovered"] or check["lost"]):
            print(
                f"Last portal check {check['at'][:16]}: recovered {len(check['recovered'])},"
                f" lost {len(check['lost'])}: {' '.join(check['lost'][:10])}"
            )
        age = status["oldest_waiting_seconds"]
        print("Oldest waiting: " + ("-" if age is None else f"{age / 3600:.1f} h"))
        last_success = status["last_success"]
        print("Last successful sync: " + _local_time(last_success))
        for run in status["last_runs"]:
            print(
                f"  {_local_time(run['started_at'])}  {run['outcome'] or 'running'}"
                f"  pushed {run['pushed']} pending {run['pending']}"
            )
    return EXIT_OK


def command_report(args: argparse.Namespace, layout: HomeLayout) -> int:
    from kiosk.cases.daily_report import build_report, report_csv, report_pdf

    day: dt.date = args.date
    config = load(layout)
    store = _open(layout)
    try:
        report = build_report(store, day)
    finally:
        store.close()
    catalogue = _catalogue_loader()
    report.procedure_names = {pid: d.title.vi for pid, d in catalogue.items()}
    report.training = config.training
    target = Path(args.csv or args.pdf)
    content = report_csv(report).encode("utf-8") if args.csv else report_pdf(report, config)
    try:
        target.write_bytes(content)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print(f"kiosk-sync: cannot write the report to {target}: {reason}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    cases = sum(report.received.values())
    marker = " (TRAINING DATA, not real citizens)" if report.training else ""
    print(
        f"Report for {day:%Y-%m-%d} written to {target.resolve()}: {cases} cases received{marker}"
    )
    print(
        f"retention {day.isoformat()}: "
        + ", ".join(
            f"{key.replace('_', ' ')} {count}"
            for section, key, count in report.rows()
            if section == "retention"
        )
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    code = _main(argv)
    if argv is None:
        # The command's process ends now, and what it opened is closed (the store, the
        # portal's sessions; the log file by logging's own exit hook). Frozen, the
        # objects left are not walked one by one by the interpreter's last collection:
        # 10 ms of exit instead of about 80 (docs/performance.md, "Sync start, fourth
        # pass"); the process's memory goes back to the system all the same. Only for
        # the command line (argv None): a caller in the same process keeps collecting.
        gc.freeze()
    return code


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_CONFIG_ERROR
    layout = HomeLayout(kiosk_home())
    commands = {"run": command_run, "status": command_status, "report": command_report}
    try:
        return commands[args.command](args, layout)
    except ConfigError as error:
        print(f"kiosk-sync: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except (KeyMissingError, KeyMismatchError) as error:
        print(f"kiosk-sync: encryption key problem: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except (NoKioskHome, HomeUnusable) as error:
        print(f"kiosk-sync: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except StoreUnavailable as error:
        if error.kind != "unreachable":
            raise
        # The ward's database server is away: nothing was sent, the next run sends it.
        print("kiosk-sync: the ward's database server cannot be reached", file=sys.stderr)
        return EXIT_PENDING


if __name__ == "__main__":
    sys.exit(main())
