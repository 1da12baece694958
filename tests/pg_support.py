"""A throw-away PostgreSQL server for the tests: its own cluster in a temporary folder.

Not a test module. Why not a server of the developer's: the suite must run the same on
a clean CI machine and on a laptop, and must never touch a real ward database. The
cluster listens on a Unix socket in its own folder only (no TCP port to clash or leak),
is stopped after the session, and its folder removed.

As root (CI, these machines) PostgreSQL refuses to run; the commands then run as the
``postgres`` system user that Debian's package creates, in a folder owned by it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

PG_ROOT = Path("/usr/lib/postgresql")
SYSTEM_USER = "postgres"


def server_bindir() -> Path | None:
    """The newest installed server's bin folder (Debian layout), or None without one."""
    if not PG_ROOT.is_dir():
        return None
    versions = sorted(
        (p for p in PG_ROOT.iterdir() if (p / "bin" / "initdb").exists()),
        key=lambda p: int(p.name) if p.name.isdigit() else 0,
    )
    return versions[-1] / "bin" if versions else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


@dataclass
class PgCluster:
    """One running cluster; ``url(name)`` gives an SQLAlchemy URL over its socket."""

    bindir: Path
    folder: Path

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SYSTEM_USER}@/{database}?host={self.socket_dir}"

    def _run(self, *args: str) -> None:
        subprocess.run(
            _as_server_user([str(self.bindir / args[0]), *args[1:]]),
            check=True,
            capture_output=True,
            text=True,
        )

    def start(self) -> None:
        options = f"-c listen_addresses='' -k {self.socket_dir} -c fsync=on"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )

    def running(self) -> bool:
        """Whether the server is up (``pg_ctl status`` exits 0 only then)."""
        result = subprocess.run(
            _as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]),
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given: far faster than migrating)."""
        copy = f" TEMPLATE {template}" if template else ""
        self.execute(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def execute(self, statement: str) -> None:
        """One statement as the superuser, outside a transaction (CREATE/DROP DATABASE)."""
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()


def start_cluster() -> PgCluster:
    """initdb + start; raises RuntimeError with the server's log when it cannot start."""
    bindir = server_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    cluster = PgCluster(bindir, folder)
    cluster.socket_dir.mkdir()
    if os.geteuid() == 0:
        account = pwd.getpwnam(SYSTEM_USER)
        for path in (folder, cluster.socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    try:
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            SYSTEM_USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        cluster.start()
    except subprocess.CalledProcessError as error:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr}\n{detail}") from error
    return cluster


def stop_cluster(cluster: PgCluster) -> None:
    try:
        cluster.stop("immediate")
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)


def drop_database(cluster: PgCluster, name: str) -> None:
    """Drop a test's database, ending sessions a test left open (WITH FORCE)."""
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def migrated_template(cluster: PgCluster) -> str:
    """A database at the migrations' head, with no key check: a template for each test."""
    from kiosk.store import migrate

    name = "kiosk_template"
    url = cluster.create_database(name)
    engine = create_engine(url, poolclass=NullPool)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return name
