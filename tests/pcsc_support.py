"""A real PC/SC stack for the tests: a private pcscd, the vpcd virtual reader, a card on it.

- ``pcscd`` (Debian) runs in the foreground with its own reader.conf folder and
  is handed its client socket by systemd-style socket activation (LISTEN_FDS):
  pcsc-lite 1.9's daemon ignores PCSCLITE_CSOCK_NAME, its client library
  honours it (tests/conftest.py sets it for the whole test process). As root,
  the daemon also gets a private /run/pcscd (a mount namespace), so the
  machine's own pcscd pid file is left alone.
- ``vsmartcard-vpcd`` is the reader driver. Debian's build listens on all
  interfaces (INADDR_ANY, in its opensock()) on the port the config names and
  the next one (two slots); its "reverse" mode (the driver connects to
  127.0.0.1) aborts pcscd on the first disconnect (waitforclient() on an
  invalid socket), so the listening mode is the one that works. The port pair
  is picked free by the OS.
- The card is :class:`tests.chip_support.EmulatedCccd`, served over vpcd's
  socket protocol (2-byte big-endian length, then an APDU or a 1-byte control
  code: 0 power off, 1 power on, 2 reset, 4 ATR) from a thread of the test
  process, connecting to 127.0.0.1. Putting the card on the reader is
  connecting; lifting it is closing the socket.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.chip_support import EmulatedCccd

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
READER_NAME_PREFIX = "Kiosk test reader"
# An ATR a contactless reader reports for an ISO 14443-4 card (PC/SC part 3).
PCSCD_EXTRA_ARGS: list[str] = []  # e.g. ["--debug"] when a stack misbehaves
CARD_ATR = bytes.fromhex("3B8880014241524353434F2D3430")

_LAUNCHER = (
    "import os, sys\n"
    "fd = int(sys.argv[1])\n"
    "if fd != 3:\n"  # the socket may already be fd 3 in a small process
    "    os.dup2(fd, 3); os.close(fd)\n"
    "os.environ['LISTEN_PID'] = str(os.getpid())\n"
    "os.execvp(sys.argv[2], sys.argv[2:])\n"
)


def _free_port_pair() -> int:
    """A port P with P and P+1 free on all interfaces (vpcd's two slots)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("0.0.0.0", 0))
            port = int(first.getsockname()[1])
            with socket.socket() as second:
                try:
                    second.bind(("0.0.0.0", port + 1))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port pair for vpcd")


class PrivatePcscd:
    """pcscd with one vpcd reader; ``stop()`` ends it and removes its files."""

    def __init__(self, workdir: Path) -> None:
        if not VPCD_DRIVER.exists() or shutil.which("pcscd") is None:
            raise RuntimeError("pcscd and vsmartcard-vpcd are needed (scripts/system-packages.txt)")
        self.port = _free_port_pair()
        conf = workdir / "reader.conf.d"
        conf.mkdir(parents=True)
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "{READER_NAME_PREFIX}"\n'
            f"DEVICENAME /dev/null:{self.port}\n"
            f"LIBPATH {VPCD_DRIVER}\n"
            f"CHANNELID {self.port}\n",
            encoding="ascii",
        )
        socket_path = Path(os.environ["PCSCLITE_CSOCK_NAME"])
        socket_path.parent.mkdir(parents=True, exist_ok=True)
        socket_path.unlink(missing_ok=True)
        self._socket_path = socket_path
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(socket_path))
        socket_path.chmod(0o666)
        listener.listen(16)
        command = ["pcscd", "--foreground", "--config", str(conf), "--error", *PCSCD_EXTRA_ARGS]
        if os.geteuid() == 0 and shutil.which("unshare") and Path("/run/pcscd").is_dir():
            command = [
                "unshare", "--mount", "--propagation", "private", "sh", "-c",
                'mount -t tmpfs tmpfs /run/pcscd && exec "$@"', "sh", *command,
            ]  # fmt: skip
        self.log_path = workdir / "pcscd.log"
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(listener.fileno()), *command],
                pass_fds=(listener.fileno(),),
                env={**os.environ, "LISTEN_FDS": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        listener.close()
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()  # never leave a daemon behind a failed start
            raise

    def _wait_until_ready(self) -> None:
        """Block until pcscd answers and lists the reader (vpcd is listening by then).

        The socket already exists (activation), so the client's handshake simply
        waits for pcscd to finish loading its readers; no polling sleep.
        """
        from kiosk.identity.chip.errors import ReaderError
        from kiosk.identity.chip.pcsc import PcscReader

        # Once (make bench, 17:00 on 2026-12-06) the first handshake was refused
        # (SCardEstablishContext: no service) although the daemon went on to start: a
        # refusal is asked again while the daemon runs, for up to ten seconds.
        deadline = time.monotonic() + 10.0
        while True:
            try:
                with PcscReader() as reader:
                    name = reader.reader_name()
                break
            except ReaderError as error:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    log = self.log_path.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"pcscd did not answer ({error.detail}):\n{log}") from error
                time.sleep(0.1)  # an external daemon's start: nothing to wait on but time
        if not name.startswith(READER_NAME_PREFIX):
            raise RuntimeError(f"unexpected reader {name!r}; see {self.log_path}")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._socket_path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self._socket_path.parent.rmdir()


class VirtualCard:
    """The card on the vpcd reader: ``insert()`` connects, ``remove()`` disconnects."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._connection: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.chip: EmulatedCccd | None = None
        # Lift the card instead of answering the Nth command (None: never).
        self.remove_at_command: int | None = None
        self.commands_seen = 0

    def insert(self, chip: EmulatedCccd) -> None:
        self.remove()
        self.chip = chip
        self.commands_seen = 0
        connection = socket.create_connection(("127.0.0.1", self._port), timeout=10)
        connection.settimeout(None)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._connection = connection
        self._thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def lift(self) -> None:
        """Take the card off and wait until pcscd reports the reader empty.

        pcscd notices a lifted card at its next poll of the driver; a card put
        on before that would be read through the stale connection.
        """
        from kiosk.identity.chip.pcsc import PcscReader

        self.remove()
        with PcscReader() as reader:
            if not reader.wait_for_removal(10, lambda: False):
                raise RuntimeError("pcscd still sees a card on the reader")

    def _serve(self, connection: socket.socket) -> None:
        try:
            while True:
                message = self._receive(connection)
                if message is None:
                    return
                if len(message) == 1:
                    if message[0] == 4:
                        connection.sendall(struct.pack(">H", len(CARD_ATR)) + CARD_ATR)
                    elif message[0] in (0, 2) and self.chip is not None:
                        self.chip.application_selected = False  # power cycle
                        self.chip.session = None
                    continue
                self.commands_seen += 1
                if self.remove_at_command is not None and (
                    self.commands_seen >= self.remove_at_command
                ):
                    self.remove_at_command = None
                    connection.shutdown(socket.SHUT_RDWR)
                    return
                assert self.chip is not None
                response = self.chip.process(message)
                connection.sendall(struct.pack(">H", len(response)) + response)
        except OSError:
            return

    @staticmethod
    def _receive(connection: socket.socket) -> bytes | None:
        header = _receive_exactly(connection, 2)
        if header is None:
            return None
        (size,) = struct.unpack(">H", header)
        return _receive_exactly(connection, size)


def _receive_exactly(connection: socket.socket, size: int) -> bytes | None:
    buffer = b""
    while len(buffer) < size:
        # Debian's vpcd writes the length and the APDU separately; with Nagle on its side
        # and delayed ACKs on ours, each APDU would wait ~40 ms. Acknowledge at once.
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = connection.recv(size - len(buffer))
        if not chunk:
            return None
        buffer += chunk
    return buffer


@contextlib.contextmanager
def pcsc_stack(workdir: Path) -> Iterator[tuple[PrivatePcscd, VirtualCard]]:
    """A running pcscd with an empty virtual reader; everything stopped afterwards."""
    daemon = PrivatePcscd(workdir)
    card = VirtualCard(daemon.port)
    try:
        yield daemon, card
    finally:
        card.remove()
        daemon.stop()
