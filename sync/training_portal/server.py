"""The embeddable training portal: a real HTTP server on a thread of this process.

``make run`` in training mode and the tests use it in-process; the console script
``kiosk-training-portal`` runs the same class in the foreground.
"""

from __future__ import annotations

import ipaddress
import logging
import ssl
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

from sync.training_portal.app import PortalApp, PortalSettings
from sync.training_portal.catalogue import CatalogueEntry, initial_catalogue
from sync.training_portal.faults import FaultSettings
from sync.training_portal.timeutil import Clock, system_clock
from sync.training_portal.transport import PortalHTTPServer

_log = logging.getLogger(__name__)


class TrainingPortal:
    """A training portal bound to ``host``:``port`` (0 picks a free port).

    ``catalogue`` wins over ``catalogue_dir``; without either, the kiosk's
    ``assets/procedures`` (or a built-in list) seeds the catalogue at every start.
    Pass ``ssl_context`` to serve HTTPS. Use as a context manager or call
    :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        db_path: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        settings: PortalSettings | None = None,
        faults: FaultSettings | None = None,
        catalogue: list[CatalogueEntry] | None = None,
        catalogue_dir: Path | None = None,
        clock: Clock = system_clock,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._db_path = Path(db_path)
        self._host = host
        self._port = port
        self._settings = settings or PortalSettings()
        self._faults = faults
        self._catalogue = catalogue if catalogue is not None else initial_catalogue(catalogue_dir)
        self._clock = clock
        self._ssl_context = ssl_context
        self._app: PortalApp | None = None
        self._server: PortalHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def app(self) -> PortalApp:
        """The running portal's state (dossiers, accounts, faults), for in-process use."""
        if self._app is None:
            raise RuntimeError("the training portal is not running")
        return self._app

    @property
    def url(self) -> str:
        """Base URL such as ``http://127.0.0.1:49152`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("the training portal is not running")
        host, port = self._server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        scheme = "https" if self._ssl_context is not None else "http"
        shown = f"[{host_text}]" if ":" in host_text else host_text
        return f"{scheme}://{shown}:{port}"

    def start(self) -> Self:
        """Open the database, bind and serve on a background thread."""
        if self._server is not None:
            raise RuntimeError("the training portal is already running")
        if not _is_loopback(self._host) and self._settings.training_api:
            _log.warning("training portal: /training endpoints exposed on %s", self._host)
        self._app = PortalApp(
            self._db_path,
            self._settings,
            clock=self._clock,
            catalogue=self._catalogue,
            faults=self._faults,
        )
        try:
            self._server = PortalHTTPServer((self._host, self._port), self._app, self._ssl_context)
        except BaseException:
            self._app.close()
            self._app = None
            raise
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="training-portal",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Start (unless running) and block until interrupted (Ctrl+C): what the CLI does."""
        if self._server is None:
            self.start()
        assert self._thread is not None
        try:
            while self._thread.is_alive():
                self._thread.join(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop serving, close every connection, wait for handlers, close the database."""
        if self._server is None or self._app is None:
            return
        self._app.stopping.set()
        self._server.shutdown()
        self._server.close_open_connections()
        self._server.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join()
        self._app.close()
        self._server = None
        self._app = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
