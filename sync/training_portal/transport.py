"""HTTP transport of the training portal: parse, misbehave on purpose, answer.

Standard library only (``http.server``). Faults are applied to ``/api/v1``
requests after the body has been read and before the request is handled, so a
faulted request never changes data, except ``fail_after_commit``, which handles
the request and then closes the connection without answering.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import ssl
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sync.training_portal.app import PortalApp, PortalRequest
from sync.training_portal.faults import FaultDecision, FaultKind
from sync.training_portal.problems import PROBLEM_CONTENT_TYPE, ProblemError

_log = logging.getLogger(__name__)

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024
"""One attachment PUT: a whole PDF (20 pages of 300 KB and more) or one chunk of a larger one."""
IDLE_CONNECTION_TIMEOUT_SECONDS = 30

# Bodies a broken proxy or a half-deployed portal might answer with a 200.
_GARBAGE_BODIES: tuple[bytes, ...] = (
    b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    b'{"dossier_code": "000.00.21.H42-2601',
    b"[1, 2, 3]",
    b'{"status": "ok"}',
    b"\xff\xfe\x00garbage\x00",
)


class _DropConnection(Exception):
    """Close the socket without writing any response."""


class PortalHTTPServer(ThreadingHTTPServer):
    """A threading server that knows its open connections, to close them on stop."""

    daemon_threads = False  # stop() joins handler threads before the database closes
    block_on_close = True

    def __init__(
        self, address: tuple[str, int], app: PortalApp, ssl_context: ssl.SSLContext | None
    ) -> None:
        self.app = app
        self.ssl_context = ssl_context
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PortalRequestHandler)

    def get_request(self) -> tuple[Any, Any]:
        connection, address = super().get_request()
        if self.ssl_context is not None:
            # The handshake runs in the handler thread, so a client that refuses our
            # certificate cannot block the accept loop.
            connection = self.ssl_context.wrap_socket(
                connection, server_side=True, do_handshake_on_connect=False
            )
        with self._open_lock:
            self._open.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self) -> None:
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        _log.debug("training portal: connection error", exc_info=True)


class PortalRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TrainingPortal/1"
    timeout = IDLE_CONNECTION_TIMEOUT_SECONDS
    # Headers and body leave in one segment: no Nagle / delayed-ACK stall per answer.
    wbufsize = -1
    disable_nagle_algorithm = True
    server: PortalHTTPServer

    def handle(self) -> None:
        if isinstance(self.connection, ssl.SSLSocket):
            try:
                self.connection.do_handshake()
            except (ssl.SSLError, OSError):
                _log.debug("training portal: TLS handshake failed", exc_info=True)
                self.close_connection = True
                return
        super().handle()

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def __getattr__(self, name: str) -> Any:
        """Any other method (TRACE, OPTIONS, QUERY, ...) reaches the router too.

        The router answers its 405 (or 404) problem, as the contract's rules say,
        instead of the standard library's HTML 501 page.
        """
        method = name.removeprefix("do_")
        if name.startswith("do_") and method.isascii() and method.isalpha() and method.isupper():
            return self._serve
        raise AttributeError(name)

    def _serve(self) -> None:
        app = self.server.app
        parts = urllib.parse.urlsplit(self.path)
        try:
            body = self._read_body()
            if self.command == "PUT" and parts.path.startswith("/api/v1/attachments/"):
                app.note_attachment_bytes(len(body))
            request = PortalRequest(
                method=self.command,
                path=parts.path,
                query=urllib.parse.parse_qs(parts.query),
                headers=self.headers,
                body=body,
            )
            decision = FaultDecision(FaultKind.NONE)
            if self.command == "POST" and parts.path == "/api/v1/dossiers":
                app.note_dossier_connection(self.client_address[:2])
            if parts.path.startswith("/api/"):
                decision = self._misbehave_before(app)
            outcome = app.handle(request)
            if decision.kind is FaultKind.FAIL_AFTER_COMMIT:
                raise _DropConnection
            self._write_json(outcome.status, outcome.body, outcome.headers)
        except ProblemError as problem:
            self._write_problem(problem)
        except _DropConnection:
            self.close_connection = True
        except Exception:
            _log.exception("training portal: unexpected error on %s %s", self.command, parts.path)
            self._write_problem(
                ProblemError(
                    500,
                    "server_error",
                    "Internal error",
                    "Cổng dịch vụ công gặp sự cố tạm thời. Vui lòng thử lại sau.",
                )
            )

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise ProblemError(
                411, "length_required", "Content-Length required", "Thiếu độ dài dữ liệu."
            )
        length_text = self.headers.get("Content-Length", "0").strip() or "0"
        if not length_text.isdigit():
            self.close_connection = True
            raise ProblemError(400, "bad_length", "Bad Content-Length", "Độ dài dữ liệu sai.")
        length = int(length_text)
        attachment = self.command == "PUT" and self.path.startswith("/api/v1/attachments/")
        if length > (MAX_ATTACHMENT_BYTES if attachment else MAX_BODY_BYTES):
            self.close_connection = True
            raise ProblemError(
                413, "payload_too_large", "Body too large", "Dữ liệu gửi lên quá lớn."
            )
        return self.rfile.read(length) if length else b""

    def _misbehave_before(self, app: PortalApp) -> FaultDecision:
        """Apply the pre-handling fault drawn for this request (may raise or drop)."""
        settings = app.faults.settings
        decision = app.faults.decide()
        if settings.slow_ms and app.stopping.wait(settings.slow_ms / 1000):
            raise _DropConnection
        match decision.kind:
            case FaultKind.ERROR:
                status = (500, 502, 503)[decision.variant % 3]
                raise ProblemError(
                    status,
                    "server_error",
                    "Injected server error",
                    "Cổng dịch vụ công gặp sự cố tạm thời. Vui lòng thử lại sau.",
                )
            case FaultKind.DROP:
                raise _DropConnection
            case FaultKind.STALL:
                app.stopping.wait(settings.stall_seconds)
                raise _DropConnection
            case FaultKind.RATE_LIMIT:
                raise ProblemError(
                    429,
                    "rate_limited",
                    "Too many requests",
                    "Cổng dịch vụ công đang quá tải. Hồ sơ sẽ được gửi lại sau.",
                    headers={"Retry-After": str(settings.retry_after)},
                )
            case FaultKind.GARBAGE:
                garbage = _GARBAGE_BODIES[decision.variant % len(_GARBAGE_BODIES)]
                self.close_connection = True
                self._write(200, garbage, "application/json")
                raise _DropConnection
        return decision

    def _write_json(self, status: int, body: object, headers: dict[str, str]) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self._write(status, payload, "application/json; charset=utf-8", headers)

    def _write_problem(self, problem: ProblemError) -> None:
        payload = json.dumps(problem.as_json(), ensure_ascii=False).encode("utf-8")
        self._write(problem.status, payload, PROBLEM_CONTENT_TYPE, problem.headers)

    def _write(
        self,
        status: int,
        payload: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":  # a HEAD answer has headers only (RFC 9110)
                self.wfile.write(payload)
        except OSError:
            self.close_connection = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # The query string may hold a phone number (/training/otp?phone=): log the path only.
        path = urllib.parse.urlsplit(self.path).path
        _log.debug("training portal: %s %s -> %s", self.command, path, code)

    def log_message(self, format: str, *args: Any) -> None:
        _log.debug("training portal: " + format, *args)
