"""``python -m kiosk.admin.cli``: accounts from the command line, first of all the IT officer's.

A fresh kiosk has no admin account, so nobody can open the admin screens; the
technician creates the first one here::

    python -m kiosk.admin.cli create-volunteer --name "Trần Văn Bình" \\
        --branch "Chi đoàn phường" --role admin

The PIN is read from standard input, never from the command line (where it would
stay in the shell history and be visible in the process list): typed twice without
echo on a terminal, or the first line of piped input. ``list-volunteers`` prints the
accounts (id, role, active, name).

Exit codes: 0 done; 1 refused (the message says why: bad PIN, bad name...);
2 configuration error or a kiosk home that cannot be written;
3 the database's key is missing or wrong.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from typing import TextIO

from kiosk.cases.audit import Actor
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, load
from kiosk.paths import HomeLayout, HomeUnusable, kiosk_home
from kiosk.store.database import Store, open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError
from kiosk.volunteers.accounts import ROLES, VolunteerService
from kiosk.volunteers.errors import VolunteerError

EXIT_REFUSED = 1
EXIT_KEY_PROBLEM = 3
CLI_ACTOR = Actor("system", "admin-cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk admin", description="Volunteer and IT-officer accounts of this kiosk."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    create = sub.add_parser(
        "create-volunteer", help="create an account; the PIN (4-8 digits) is read from stdin"
    )
    create.add_argument("--name", required=True)
    create.add_argument("--branch", default="", help="union branch (chi đoàn)")
    create.add_argument("--role", choices=ROLES, default="volunteer")
    sub.add_parser("list-volunteers", help="list the accounts (never their PINs)")
    return parser


def read_pin(stdin: TextIO, stderr: TextIO) -> str:
    """The PIN from a terminal (asked twice, no echo) or the first line of a pipe."""
    if stdin.isatty():
        first = getpass.getpass("PIN (4-8 chữ số): ", stream=stderr)
        second = getpass.getpass("Nhập lại PIN: ", stream=stderr)
        if first != second:
            raise ValueError("Hai lần nhập mã PIN không giống nhau.")
        return first
    return stdin.readline().strip()


def _open(layout: HomeLayout) -> Store:
    return open_store(layout, load(layout))


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    arguments = build_parser().parse_args(argv)
    layout = HomeLayout(kiosk_home())
    try:
        store = _open(layout)
    except ConfigError as error:
        print(f"kiosk admin: {error}", file=stderr)
        return EXIT_CONFIG_ERROR
    except (KeyMissingError, KeyMismatchError) as error:
        print(f"kiosk admin: {error}", file=stderr)
        return EXIT_KEY_PROBLEM
    except HomeUnusable as error:
        print(f"kiosk admin: {error}", file=stderr)
        return EXIT_CONFIG_ERROR
    try:
        service = VolunteerService(store)
        if arguments.command == "list-volunteers":
            for account in service.list_volunteers(include_inactive=True):
                state = "active" if account.active else "inactive"
                print(f"{account.id}\t{account.role}\t{state}\t{account.name}", file=stdout)
            return 0
        try:
            pin = read_pin(stdin, stderr)
            created = service.create_volunteer(
                arguments.name, arguments.branch, pin, CLI_ACTOR, role=arguments.role
            )
        except VolunteerError as error:
            print(f"kiosk admin: {error.message.vi}", file=stderr)
            return EXIT_REFUSED
        except ValueError as error:
            print(f"kiosk admin: {error}", file=stderr)
            return EXIT_REFUSED
        print(f"Đã tạo tài khoản {created.role} số {created.id}.", file=stdout)
        return 0
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
