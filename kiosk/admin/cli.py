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
from pathlib import Path
from typing import TextIO

from kiosk.admin.ward import export_ward_key, import_ward_key, move_to_server, rotate_ward_key
from kiosk.cases.audit import Actor
from kiosk.config import EXIT_CONFIG_ERROR, ConfigError, load
from kiosk.paths import HomeLayout, HomeUnusable, kiosk_home
from kiosk.store import StoreUnavailable
from kiosk.store.database import Store, open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError
from kiosk.store.rotation import RotationRefused
from kiosk.store.transfer import TransferRefused
from kiosk.store.ward_key import WardKey, WardKeyError, open_ward_key
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
    export = sub.add_parser(
        "export-ward-key",
        help="write this kiosk's key, sealed with a passphrase read from stdin, to a file",
    )
    export.add_argument("--out", required=True, type=Path)
    rotate = sub.add_parser(
        "rotate-ward-key",
        help="a new ward key: every sealed value re-sealed in one transaction (all kiosks "
        "stopped); the new key written to a file sealed with a passphrase from stdin",
    )
    rotate.add_argument("--out", required=True, type=Path)
    imported = sub.add_parser(
        "import-ward-key", help="install the ward's key from a file (passphrase from stdin)"
    )
    imported.add_argument("file", type=Path)
    move = sub.add_parser(
        "move-to-server",
        help="copy this kiosk's data into the ward's PostgreSQL database, check it, switch",
    )
    move.add_argument("--url", required=True, help="postgresql+psycopg://user@server/ward")
    move.add_argument(
        "--ward-key",
        type=Path,
        help="the ward's key file (passphrase from stdin); "
        "leave out when this kiosk is the first on the server",
    )
    return parser


WARD_COMMANDS = frozenset(
    {"export-ward-key", "import-ward-key", "move-to-server", "rotate-ward-key"}
)


def read_passphrase(stdin: TextIO, stderr: TextIO) -> str:
    """The ward key's passphrase: from a terminal without echo, or a pipe's first line."""
    if stdin.isatty():
        return getpass.getpass("Mật khẩu của tệp khoá phường: ", stream=stderr)
    return stdin.readline().rstrip("\n")


def run_ward_command(
    arguments: argparse.Namespace,
    layout: HomeLayout,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Ward commands work before (or instead of) opening this kiosk's own store."""
    config = load(layout)
    try:
        if arguments.command == "export-ward-key":
            check = export_ward_key(layout, config, read_passphrase(stdin, stderr), arguments.out)
            print(f"Đã ghi khoá phường vào {arguments.out} (mã kiểm tra {check}).", file=stdout)
            return 0
        if arguments.command == "rotate-ward-key":
            check, rotated = rotate_ward_key(
                layout, config, read_passphrase(stdin, stderr), arguments.out
            )
            print(
                f"Đã đổi khoá phường (mã kiểm tra mới {check}): "
                f"{sum(rotated.resealed.values())} giá trị được niêm phong lại, "
                f"{rotated.hashes} mã tra cứu tính lại. Khoá mới ở {arguments.out}; "
                "cài nó vào từng ki-ốt khác bằng import-ward-key.",
                file=stdout,
            )
            return 0
        if arguments.command == "import-ward-key":
            installed = import_ward_key(
                layout, config, arguments.file.read_bytes(), read_passphrase(stdin, stderr)
            )
            print(f"Đã cài khoá phường (mã kiểm tra {installed.check_value}).", file=stdout)
            return 0
        joining: WardKey | None = None
        if arguments.ward_key is not None:
            joining = open_ward_key(arguments.ward_key.read_bytes(), read_passphrase(stdin, stderr))
        outcome = move_to_server(layout, config, arguments.url, joining)
    except (WardKeyError, TransferRefused, RotationRefused, FileExistsError, OSError) as error:
        print(f"kiosk admin: {error}", file=stderr)
        return EXIT_REFUSED
    rows = sum(outcome.report.copied.values())
    print(
        f"Đã chuyển {outcome.report.copied.get('cases', 0)} hồ sơ ({rows} dòng) lên "
        f"{outcome.server}; đã kiểm tra lại. Tệp dữ liệu cũ được giữ nguyên.",
        file=stdout,
    )
    if outcome.report.volunteers_deactivated:
        print(
            f"{outcome.report.volunteers_deactivated} tài khoản tình nguyện viên được chuyển "
            "nhưng tạm khoá: quản trị viên đặt lại mã PIN cho từng người.",
            file=stdout,
        )
    return 0


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
        if arguments.command in WARD_COMMANDS:
            return run_ward_command(arguments, layout, stdin, stdout, stderr)
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
    except StoreUnavailable as error:
        if error.kind != "unreachable":
            raise
        print("kiosk admin: the ward's database server cannot be reached", file=stderr)
        return EXIT_REFUSED
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
