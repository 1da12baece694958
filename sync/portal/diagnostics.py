""" "Test connection" in plain words: one function per check, from the URL to the API version.

The IT officer sees five lines (``dns``, ``tcp``, ``tls``, ``auth``, ``api_version``),
each saying in Vietnamese and English what works and what does not, so that a
phone call to the province can start with the right sentence. A check that cannot
run because an earlier one failed is ``skipped``. Nothing here raises for a network
problem: that is the answer it reports.

Each ``check_*`` function returns its line and, when it passed, what the next check
needs (the parsed target, the addresses, the connected socket).
"""

from __future__ import annotations

import socket
import ssl
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from kiosk.procedures.base import LocalText
from sync.credentials import KioskCredentials
from sync.portal.errors import AuthFailed, PortalError, PortalUnavailable, TlsError
from sync.portal.http_client import HttpPortalClient

CheckName = Literal["dns", "tcp", "tls", "auth", "api_version"]
CHECK_NAMES: tuple[CheckName, ...] = ("dns", "tcp", "tls", "auth", "api_version")
SUPPORTED_API_VERSIONS = frozenset({"1"})
# Enough addresses to get past a dead IPv6 route without making the officer wait.
MAX_ADDRESSES_TRIED = 4

type Resolver = Callable[..., Sequence[tuple[Any, ...]]]


@dataclass(frozen=True)
class CheckResult:
    """One line of the connection test. ``skipped``: not tried (an earlier step failed)."""

    name: CheckName
    ok: bool
    message: LocalText
    skipped: bool = False

    @property
    def message_vi(self) -> str:
        return self.message.vi

    @property
    def message_en(self) -> str:
        return self.message.en


@dataclass(frozen=True)
class Target:
    """Where the portal URL points."""

    url: str
    scheme: Literal["http", "https"]
    host: str
    port: int


def _failed(name: CheckName, vi: str, en: str) -> CheckResult:
    return CheckResult(name, False, LocalText(vi, en))


def _passed(name: CheckName, vi: str, en: str, *, skipped: bool = False) -> CheckResult:
    return CheckResult(name, True, LocalText(vi, en), skipped=skipped)


def skipped_after(failed: CheckName) -> list[CheckResult]:
    """The lines after ``failed``, each marked as not tried."""
    return [
        CheckResult(
            name,
            False,
            LocalText(
                "Chưa kiểm tra được vì bước trước chưa thành công.",
                "Not checked: an earlier step failed.",
            ),
            skipped=True,
        )
        for name in CHECK_NAMES[CHECK_NAMES.index(failed) + 1 :]
    ]


# -- the URL and DNS -----------------------------------------------------------------------


def check_url(url: object) -> Target | CheckResult:
    """The target, or the failed ``dns`` line saying the URL itself is not usable."""
    text = url.strip() if isinstance(url, str) else ""
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        parts, port = urllib.parse.urlsplit(""), None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return _failed(
            "dns",
            "Địa chỉ Cổng không hợp lệ: phải bắt đầu bằng https:// hoặc http://.",
            "The portal URL is not valid: it must start with https:// or http://.",
        )
    scheme: Literal["http", "https"] = "https" if parts.scheme == "https" else "http"
    return Target(text, scheme, host, port or (443 if scheme == "https" else 80))


def check_dns(
    target: Target, resolve: Resolver = socket.getaddrinfo
) -> tuple[CheckResult, list[tuple[Any, ...]]]:
    """Does the name lead anywhere? The addresses found (empty when not)."""
    try:
        addresses = list(resolve(target.host, target.port, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        addresses = []
    host = target.host
    if not addresses:
        return (
            _failed(
                "dns",
                f"Không tìm thấy máy chủ {host} (DNS). Kiểm tra địa chỉ Cổng và mạng của ki-ốt.",
                f"The name {host} could not be resolved (DNS). Check the URL and the network.",
            ),
            [],
        )
    shown = ", ".join(sorted({str(address[4][0]) for address in addresses})[:3])
    return _passed("dns", f"Tìm thấy máy chủ {host} ({shown}).", f"{host} is {shown}."), addresses


# -- TCP -----------------------------------------------------------------------------------


def _connect(
    addresses: Sequence[tuple[Any, ...]], timeout: float
) -> tuple[socket.socket | None, OSError | None]:
    """A connected socket to the first address that answers, or the last error."""
    last_error: OSError | None = None
    for family, kind, proto, _name, sockaddr in addresses[:MAX_ADDRESSES_TRIED]:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            last_error = error
            continue
        return sock, None
    return None, last_error


def check_tcp(
    target: Target, addresses: Sequence[tuple[Any, ...]], timeout: float
) -> tuple[CheckResult, socket.socket | None]:
    """Is something listening on the port? The connected socket when it is (caller closes)."""
    host, port = target.host, target.port
    sock, error = _connect(addresses, timeout)
    if sock is not None:
        return (
            _passed(
                "tcp", f"Kết nối được tới cổng {port} của máy chủ.", f"Port {port} is reachable."
            ),
            sock,
        )
    if isinstance(error, ConnectionRefusedError):
        result = _failed(
            "tcp",
            f"Máy chủ {host} từ chối kết nối ở cổng {port}: dịch vụ Cổng không chạy "
            "hoặc sai số cổng.",
            f"{host} refused the connection on port {port}: the portal is not running "
            "or the port is wrong.",
        )
    elif isinstance(error, TimeoutError):
        result = _failed(
            "tcp",
            f"Máy chủ {host} không trả lời sau {timeout:g} giây: mạng hoặc tường lửa đang chặn.",
            f"{host} did not answer within {timeout:g} s: a network or firewall blocks it.",
        )
    else:
        result = _failed(
            "tcp",
            f"Không có đường mạng tới máy chủ {host}. Kiểm tra dây mạng hoặc Wi-Fi.",
            f"No network route to {host} ({error}). Check the cable or Wi-Fi.",
        )
    return result, None


# -- TLS -----------------------------------------------------------------------------------


def _certificate_problem(error: ssl.SSLCertVerificationError, host: str) -> CheckResult:
    reason = (error.verify_message or str(error)).lower()
    if "expired" in reason:
        return _failed(
            "tls",
            "Chứng chỉ bảo mật của Cổng đã hết hạn (hoặc đồng hồ của máy sai ngày).",
            "The portal's certificate has expired (or this machine's clock is wrong).",
        )
    if "hostname" in reason or "ip address mismatch" in reason:
        return _failed(
            "tls",
            f"Chứng chỉ bảo mật không dành cho địa chỉ {host}: kiểm tra lại địa chỉ Cổng.",
            f"The certificate is not valid for {host}: check the portal URL.",
        )
    return _failed(
        "tls",
        "Chứng chỉ bảo mật của Cổng không được tin cậy (tự ký, hoặc do nơi chưa được "
        "khai báo cấp). Kiểm tra tệp chứng chỉ gốc (CA) trong phần Cài đặt.",
        "The portal's certificate is not trusted (self-signed or from an unknown "
        f"authority: {reason}). Check the CA bundle in the settings.",
    )


def check_tls(target: Target, sock: socket.socket, ca_bundle: str | None) -> CheckResult:
    """Is the certificate one we trust? Plain http:// passes as ``skipped`` (training only).

    The handshake runs on ``sock``; the caller still owns and closes it.
    """
    if target.scheme == "http":
        return _passed(
            "tls",
            "Địa chỉ dùng http:// nên không mã hoá: chỉ dùng khi huấn luyện.",
            "The URL uses http://, without encryption: for training only.",
            skipped=True,
        )
    try:
        context = ssl.create_default_context(cafile=ca_bundle or None)
    except (OSError, ssl.SSLError):
        return _failed(
            "tls",
            "Không đọc được tệp chứng chỉ gốc (CA) đã khai báo trong Cài đặt.",
            "The CA bundle named in the settings cannot be read.",
        )
    # A duplicate descriptor, so that closing the TLS wrapper leaves the caller's socket.
    plain = sock.dup()
    try:
        with context.wrap_socket(plain, server_hostname=target.host) as tls:
            version = tls.version() or "TLS"
    except ssl.SSLCertVerificationError as error:
        return _certificate_problem(error, target.host)
    except ssl.SSLError as error:
        return _failed(
            "tls",
            "Không thiết lập được kết nối bảo mật (TLS) với Cổng: máy chủ có thể không dùng "
            "https, hoặc dùng phiên bản TLS cũ.",
            f"The TLS handshake failed ({error.reason or error}): the server may not speak "
            "https, or uses an old TLS version.",
        )
    except OSError:
        return _failed(
            "tls",
            "Máy chủ ngắt kết nối khi thiết lập kết nối bảo mật (TLS).",
            "The server closed the connection during the TLS handshake.",
        )
    finally:
        plain.close()
    return _passed(
        "tls",
        f"Kết nối bảo mật ({version}) với chứng chỉ hợp lệ.",
        f"Secure connection ({version}) with a valid certificate.",
    )


# -- HTTP: the portal itself ---------------------------------------------------------------


def _portal_trouble(name: CheckName, error: PortalError) -> CheckResult:
    if isinstance(error, TlsError):
        return _failed(
            name,
            "Kết nối bảo mật với Cổng bị từ chối.",
            f"The TLS connection failed: {error.detail}",
        )
    if isinstance(error, PortalUnavailable) and error.reason == "garbage":
        return _failed(
            name,
            "Máy chủ trả lời nhưng không đúng giao diện của Cổng: kiểm tra lại địa chỉ Cổng.",
            f"The server answered outside the portal contract: {error.detail}",
        )
    return _failed(
        name,
        "Cổng không trả lời được lúc này (lỗi máy chủ hoặc mạng chập chờn). Thử lại sau.",
        f"The portal could not answer: {error.detail}",
    )


def check_auth(client: HttpPortalClient, credentials: KioskCredentials | None) -> CheckResult:
    """Does the portal accept this kiosk's credentials (a token request)?"""
    if credentials is None:
        return _failed(
            "auth",
            "Ki-ốt chưa được đăng ký với Cổng: hãy nhập mã ki-ốt và mã đăng ký do tỉnh cấp.",
            "This kiosk is not enrolled: enter the kiosk id and enrolment secret.",
        )
    try:
        client.fetch_token()
    except AuthFailed as error:
        return _failed(
            "auth",
            "Cổng từ chối thông tin đăng nhập của ki-ốt: cần đăng ký lại ki-ốt.",
            f"The portal refused this kiosk's credentials ({error.detail}): enrol again.",
        )
    except PortalError as error:
        return _portal_trouble("auth", error)
    return _passed(
        "auth",
        f"Cổng chấp nhận ki-ốt {credentials.kiosk_id}.",
        f"The portal accepts kiosk {credentials.kiosk_id}.",
    )


def check_api_version(client: HttpPortalClient) -> CheckResult:
    """Does the portal speak an API version this kiosk supports (``GET /meta``)?"""
    try:
        meta = client.meta()
    except PortalError as error:
        return _portal_trouble("api_version", error)
    supported = ", ".join(sorted(SUPPORTED_API_VERSIONS))
    if meta.api_version not in SUPPORTED_API_VERSIONS:
        return _failed(
            "api_version",
            f"Cổng dùng phiên bản giao diện {meta.api_version}, ki-ốt chỉ hỗ trợ "
            f"{supported}: cần cập nhật phần mềm ki-ốt.",
            f"The portal speaks API version {meta.api_version}; this kiosk supports "
            f"{supported}: update the kiosk software.",
        )
    training_vi = " (đây là Cổng huấn luyện)" if meta.training else ""
    training_en = " (a training portal)" if meta.training else ""
    return _passed(
        "api_version",
        f"Cổng dùng phiên bản giao diện {meta.api_version}, ki-ốt hỗ trợ{training_vi}.",
        f"The portal speaks API version {meta.api_version}, supported{training_en}.",
    )


# -- all of them ---------------------------------------------------------------------------


def run_checks(
    url: str,
    ca_bundle: str | None,
    credentials: KioskCredentials | None,
    *,
    timeout: float = 5.0,
    resolve: Resolver = socket.getaddrinfo,
) -> list[CheckResult]:
    """The five lines, in order; the first failure marks the rest ``skipped``.

    ``resolve`` is replaceable so that a test can ask about a name without a resolver.
    """
    target = check_url(url)
    if isinstance(target, CheckResult):
        return [target, *skipped_after("dns")]
    dns, addresses = check_dns(target, resolve)
    if not dns.ok:
        return [dns, *skipped_after("dns")]
    tcp, sock = check_tcp(target, addresses, timeout)
    if sock is None:
        return [dns, tcp, *skipped_after("tcp")]
    try:
        tls = check_tls(target, sock, ca_bundle)
    finally:
        sock.close()
    if not tls.ok:
        return [dns, tcp, tls, *skipped_after("tls")]
    with HttpPortalClient(
        target.url,
        credentials.client_id if credentials else None,
        credentials.client_secret if credentials else None,
        timeout=(timeout, timeout),
        ca_bundle=ca_bundle or None,
    ) as client:
        return [dns, tcp, tls, check_auth(client, credentials), check_api_version(client)]
