"""The training portal as its own process, for the benches that talk to it over HTTP.

A ward's portal is another machine: in the bench's process the portal's threads and
both sides would share one GIL, and the kiosk's work could not overlap the portal's.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

# `kiosk-training-portal`, its holiday calendar loaded first: a portal loads it on its
# first dossier (0.1-0.4 s here), which adds the same fixed time to both sides of a
# short round and pulls their ratio towards 1.
_MAIN_HOLIDAYS_FIRST = (
    "import sys\n"
    "from kiosk.documents.working_days import load_holiday_calendar\n"
    "load_holiday_calendar()\n"
    "from sync.training_portal.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PortalProcess:
    """A fresh training portal on 127.0.0.1 with its database at ``db``, ready to answer.

    ``holidays_first``: load the holiday calendar before serving (see above).
    """

    def __init__(self, db: Path, *, holidays_first: bool = False) -> None:
        self.port = free_port()
        entry = ("-c", _MAIN_HOLIDAYS_FIRST) if holidays_first else ("-m", "sync.training_portal")
        arguments = ("--host", "127.0.0.1", "--port", str(self.port), "--db", str(db))
        self.process = subprocess.Popen(
            [sys.executable, *entry, *arguments],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = db
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/api/v1/meta", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("training portal did not start")

    def references(self) -> list[str]:
        """The local reference of every dossier the portal holds, once per dossier.

        Read from its database file: the training endpoint returns whole bodies, a
        gigabyte of declarations at 10,000 dossiers.
        """
        with contextlib.closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as db:
            return [str(row[0]) for row in db.execute("SELECT local_reference FROM dossiers")]

    def cpu_seconds(self) -> float | None:
        """The portal process's CPU time so far (Linux /proc; None elsewhere)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
