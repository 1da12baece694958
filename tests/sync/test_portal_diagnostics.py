"""sync/portal/diagnostics: each check against real sockets on 127.0.0.1.

A refused port, TLS servers with self-signed, expired and wrong-name certificates, a
server that speaks no TLS, HTTP servers answering 500 or garbage or an unknown API
version, and the real training portal. Only the DNS failure uses a stand-in resolver:
the test machine must not query a real one.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sync.credentials import TRAINING_CREDENTIALS, KioskCredentials
from sync.portal import HttpPortalClient
from sync.portal.diagnostics import (
    CHECK_NAMES,
    CheckResult,
    Target,
    check_api_version,
    check_auth,
    check_dns,
    check_tcp,
    check_tls,
    check_url,
    run_checks,
)
from sync.training_portal.server import TrainingPortal
from sync.training_portal.testing import self_signed_certificate, server_ssl_context

LOCAL = "127.0.0.1"


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL, 0))
        return int(probe.getsockname()[1])


def target(url: str) -> Target:
    parsed = check_url(url)
    assert isinstance(parsed, Target), parsed
    return parsed


@contextmanager
def raw_server(serve: Callable[[socket.socket], None]) -> Iterator[int]:
    """A listener on 127.0.0.1 whose every connection is handed to ``serve``; yields its port."""
    listener = socket.create_server((LOCAL, 0))
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            # OSError: the client gave up first, nothing to answer.
            with connection, contextlib.suppress(OSError):
                serve(connection)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
        listener.close()
        thread.join(timeout=5)
        assert not thread.is_alive()


def tls_answerer(cert: Path, key: Path) -> Callable[[socket.socket], None]:
    context = server_ssl_context(cert, key)

    def serve(connection: socket.socket) -> None:
        try:
            with context.wrap_socket(connection, server_side=True):
                pass
        except ssl.SSLError:
            pass  # the client refused our certificate: that is what is tested

    return serve


@contextmanager
def http_server(status: int, body: bytes) -> Iterator[str]:
    """An HTTP server answering every request with ``status`` and ``body``; yields its URL."""

    class Answer(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _answer
        do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            return  # keep the test output clean

    server = ThreadingHTTPServer((LOCAL, 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- URL and DNS ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "portal", "ftp://x", "http://", "http://h:port", "😀", None])
def test_an_unusable_url_is_a_failed_dns_line(url: object) -> None:
    result = check_url(url)
    assert isinstance(result, CheckResult)
    assert (result.name, result.ok) == ("dns", False)
    assert "không hợp lệ" in result.message_vi and "not valid" in result.message_en


def test_the_default_ports_follow_the_scheme() -> None:
    assert target(" https://dichvucong.example.vn/api/v1 ").port == 443
    assert target("http://127.0.0.1").port == 80
    assert target("http://127.0.0.1:8080").port == 8080


def test_an_address_resolves_to_itself() -> None:
    result, addresses = check_dns(target("http://127.0.0.1:9"))
    assert result.ok and "127.0.0.1" in result.message_vi
    assert addresses and addresses[0][4][0] == LOCAL


def test_an_unknown_name_fails_the_dns_check() -> None:
    # Mocked: the test machine has no network and must not query a real resolver.
    def no_such_host(*_args: object, **_kwargs: object) -> list[tuple[object, ...]]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    result, addresses = check_dns(target("https://cong.example.invalid"), no_such_host)
    assert not result.ok and addresses == []
    assert "DNS" in result.message_vi and "cong.example.invalid" in result.message_vi


# -- TCP -----------------------------------------------------------------------------------


def test_a_refused_port_names_the_port() -> None:
    port = unused_port()
    where = target(f"http://{LOCAL}:{port}")
    _, addresses = check_dns(where)
    result, sock = check_tcp(where, addresses, timeout=3)
    assert sock is None and not result.ok
    assert "từ chối kết nối" in result.message_vi and str(port) in result.message_vi


def test_a_listening_port_is_reachable_and_the_socket_is_handed_on() -> None:
    with raw_server(lambda connection: None) as port:
        where = target(f"http://{LOCAL}:{port}")
        _, addresses = check_dns(where)
        result, sock = check_tcp(where, addresses, timeout=3)
        assert result.ok and str(port) in result.message_vi
        assert sock is not None
        assert sock.getpeername() == (LOCAL, port)
        sock.close()


# -- TLS -----------------------------------------------------------------------------------


def tls_result(port: int, ca_bundle: str | None, host: str = LOCAL) -> CheckResult:
    where = target(f"https://{host}:{port}")
    _, addresses = check_dns(where)
    tcp, sock = check_tcp(where, addresses, timeout=3)
    assert tcp.ok and sock is not None
    try:
        return check_tls(where, sock, ca_bundle)
    finally:
        sock.close()


def test_a_self_signed_certificate_is_not_trusted(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with raw_server(tls_answerer(cert, key)) as port:
        result = tls_result(port, None)
    assert not result.ok
    assert "không được tin cậy" in result.message_vi and "CA" in result.message_vi


def test_the_certificate_as_ca_bundle_is_trusted(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with raw_server(tls_answerer(cert, key)) as port:
        result = tls_result(port, str(cert))
    assert result.ok and not result.skipped and "TLS" in result.message_vi


def test_an_expired_certificate_says_so(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path, expired=True)
    with raw_server(tls_answerer(cert, key)) as port:
        result = tls_result(port, str(cert))
    assert not result.ok and "hết hạn" in result.message_vi


def test_a_certificate_for_another_name_says_so(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path, "cong.example.vn")
    with raw_server(tls_answerer(cert, key)) as port:
        result = tls_result(port, str(cert))
    assert not result.ok and "không dành cho địa chỉ 127.0.0.1" in result.message_vi


def test_a_server_that_speaks_no_tls_fails_the_handshake() -> None:
    def garbage(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\nnot tls at all\r\n" * 4)

    with raw_server(garbage) as port:
        result = tls_result(port, None)
    assert not result.ok and "TLS" in result.message_vi


def test_a_server_that_hangs_up_fails_the_tls_line() -> None:
    with raw_server(lambda connection: connection.shutdown(socket.SHUT_RDWR)) as port:
        result = tls_result(port, None)
    assert not result.ok and "TLS" in result.message_vi


def test_an_unreadable_ca_bundle_is_named(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with raw_server(tls_answerer(cert, key)) as port:
        result = tls_result(port, str(tmp_path / "missing.pem"))
    assert not result.ok and "chứng chỉ gốc (CA)" in result.message_vi


def test_plain_http_skips_tls_with_a_warning() -> None:
    with raw_server(lambda connection: None) as port:
        result = tls_result_http(port)
    assert result.ok and result.skipped and "huấn luyện" in result.message_vi


def tls_result_http(port: int) -> CheckResult:
    with socket.create_connection((LOCAL, port), timeout=3) as sock:
        return check_tls(target(f"http://{LOCAL}:{port}"), sock, None)


# -- HTTP: auth and API version -------------------------------------------------------------


def client_for(url: str, credentials: KioskCredentials | None) -> HttpPortalClient:
    return HttpPortalClient(
        url,
        credentials.client_id if credentials else None,
        credentials.client_secret if credentials else None,
        timeout=(3, 3),
    )


def test_a_server_error_is_reported_as_the_portal_not_answering() -> None:
    with http_server(500, b'{"title": "boom"}') as url, client_for(url, TRAINING_CREDENTIALS) as c:
        auth, version = check_auth(c, TRAINING_CREDENTIALS), check_api_version(c)
    for result in (auth, version):
        assert not result.ok and "không trả lời được" in result.message_vi


def test_garbage_is_reported_as_not_the_portal() -> None:
    with http_server(200, b"<html>captive portal</html>") as url, client_for(url, None) as c:
        result = check_api_version(c)
    assert not result.ok and "không đúng giao diện" in result.message_vi


def test_an_unknown_api_version_asks_for_an_update() -> None:
    meta = {"api_version": "7", "server_time": "2026-01-15T02:00:00Z"}
    with http_server(200, json.dumps(meta).encode()) as url, client_for(url, None) as c:
        result = check_api_version(c)
    assert not result.ok and "cập nhật phần mềm" in result.message_vi and "7" in result.message_vi


def test_the_training_portal_accepts_its_kiosk(portal: TrainingPortal) -> None:
    with client_for(portal.url, TRAINING_CREDENTIALS) as c:
        auth, version = check_auth(c, TRAINING_CREDENTIALS), check_api_version(c)
    assert auth.ok and TRAINING_CREDENTIALS.kiosk_id in auth.message_vi
    assert version.ok and "huấn luyện" in version.message_vi


def test_wrong_credentials_ask_to_enrol_again(portal: TrainingPortal) -> None:
    wrong = KioskCredentials("kiosk-9", "kiosk-9", "not-the-secret")
    with client_for(portal.url, wrong) as c:
        assert "đăng ký lại" in check_auth(c, wrong).message_vi
    with client_for(portal.url, None) as c:
        assert "chưa được đăng ký" in check_auth(c, None).message_vi


# -- the five lines together ----------------------------------------------------------------


def test_a_good_training_portal_passes_every_line(portal: TrainingPortal) -> None:
    results = run_checks(portal.url, None, TRAINING_CREDENTIALS)
    assert [result.name for result in results] == list(CHECK_NAMES)
    assert all(result.ok for result in results), results


def test_the_first_failure_skips_the_rest() -> None:
    results = run_checks(f"http://{LOCAL}:{unused_port()}", None, TRAINING_CREDENTIALS)
    assert [result.name for result in results] == list(CHECK_NAMES)
    assert [result.ok for result in results] == [True, False, False, False, False]
    assert [result.skipped for result in results] == [False, False, True, True, True]
