"""Issue 19, fourth pass: the portal session reads the environment once, with the same outcome.

requests reads the proxy variables, ``NO_PROXY`` and ``.netrc`` for every request;
:class:`PortalSession` reads them once per portal address. These tests send the
same requests through a plain ``requests.Session`` and a ``PortalSession`` under
each environment and compare what arrives, then count the reads.

Real parts: two HTTP servers on 127.0.0.1 (ports the OS picks), one standing for
the portal and one for an office proxy; each records the request line and the
``Authorization`` header it received. Nothing is mocked; the read counts wrap
requests' own functions and call them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
import requests.sessions

import sync.portal.session as session_module
from sync.portal import PortalSession


@dataclass
class Recorder:
    """A server on 127.0.0.1 that answers 200 and keeps what it was asked."""

    seen: list[tuple[str, str | None]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    recorders = (Recorder(), Recorder())
    threads = []
    for recorder in recorders:

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            seen = recorder.seen

            def do_GET(self) -> None:
                self.seen.append((self.requestline, self.headers.get("Authorization")))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test reads what ``seen`` records, not the server's log."""

        recorder.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=recorder.server.serve_forever, daemon=True)
        thread.start()
        threads.append(thread)
    yield recorders
    for recorder in recorders:
        assert recorder.server is not None
        recorder.server.shutdown()
        recorder.server.server_close()
    for thread in threads:
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))  # never the runner's own


def arrivals(
    session: requests.Session, portal: Recorder, proxy: Recorder
) -> list[tuple[str, str, str | None]]:
    """Where two requests from ``session`` arrived: (server, request line, Authorization)."""
    before = len(portal.seen), len(proxy.seen)
    with session:
        for _ in range(2):
            session.get(portal.url + "/api/v1/meta", timeout=5).raise_for_status()
    return [("portal", line, auth) for line, auth in portal.seen[before[0] :]] + [
        ("proxy", line, auth) for line, auth in proxy.seen[before[1] :]
    ]


def test_a_proxy_and_no_proxy_apply_as_requests_applies_them(
    servers: tuple[Recorder, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal, proxy = servers
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    plain = arrivals(requests.Session(), portal, proxy)
    ours = arrivals(PortalSession(), portal, proxy)
    assert [where for where, _line, _auth in plain] == ["proxy", "proxy"]
    assert ours == plain
    # The proxy got the absolute form of the portal's address.
    assert plain[0][1] == f"GET {portal.url}/api/v1/meta HTTP/1.1"

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a new session reads it
    plain = arrivals(requests.Session(), portal, proxy)
    ours = arrivals(PortalSession(), portal, proxy)
    assert [where for where, _line, _auth in plain] == ["portal", "portal"]
    assert ours == plain


def test_netrc_credentials_apply_as_requests_applies_them(
    servers: tuple[Recorder, Recorder], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    portal, proxy = servers
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login officer password s3cret\n", "utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    plain = arrivals(requests.Session(), portal, proxy)
    ours = arrivals(PortalSession(), portal, proxy)
    assert plain[0][2] is not None and plain[0][2].startswith("Basic ")
    assert ours == plain

    netrc.write_text("machine portal.example login officer password s3cret\n", "utf-8")
    plain = arrivals(requests.Session(), portal, proxy)
    ours = arrivals(PortalSession(), portal, proxy)
    assert [auth for _where, _line, auth in plain] == [None, None]
    assert ours == plain


def test_the_environment_is_read_once_per_session_and_address(
    servers: tuple[Recorder, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal, proxy = servers
    reads = {"proxies": 0, "netrc": 0}
    real_proxies = requests.sessions.get_environ_proxies
    real_netrc = requests.utils.get_netrc_auth

    def counted_proxies(url: str, no_proxy: str | None = None) -> dict[str, str]:
        reads["proxies"] += 1
        return real_proxies(url, no_proxy=no_proxy)

    def counted_netrc(url: str, raise_errors: bool = False) -> tuple[str, str] | None:
        reads["netrc"] += 1
        return real_netrc(url, raise_errors)

    monkeypatch.setattr(requests.sessions, "get_environ_proxies", counted_proxies)
    monkeypatch.setattr(session_module, "get_netrc_auth", counted_netrc)
    with PortalSession() as session:
        for _ in range(5):
            session.get(portal.url + "/api/v1/meta", timeout=5).raise_for_status()
        assert reads == {"proxies": 1, "netrc": 1}
        session.get(proxy.url + "/api/v1/meta", timeout=5).raise_for_status()  # another address
        assert reads == {"proxies": 2, "netrc": 2}
        # Proxies given with the request: requests' own merge, as before.
        session.get(portal.url + "/x", timeout=5, proxies={"http": proxy.url})
        assert reads["proxies"] == 3
    with requests.Session() as plain:
        for _ in range(5):
            plain.get(portal.url + "/api/v1/meta", timeout=5).raise_for_status()
    assert reads["proxies"] == 8  # a plain session reads it for every request
