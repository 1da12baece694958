"""Enrolment with the province's portal, and "Test connection" in plain words.

Enrolment exchanges the kiosk id and the one-time enrolment secret from the province
for client credentials, stored outside the database by
:func:`sync.credentials.save_credentials` (a 0600 file in the kiosk's secrets folder).
The enrolment secret itself is never stored or logged.

:func:`test_connection` runs five checks in order (``dns``, ``tcp``, ``tls``, ``auth``,
``api_version``) and says for each, in Vietnamese and English, what works and what
does not; a check that cannot run because an earlier one failed is ``skipped``.
It never raises for a network problem: that is the answer it reports.
"""

from __future__ import annotations

import re
import socket
import ssl
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.admin.errors import EnrolmentError
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from sync.credentials import KioskCredentials, save_credentials
from sync.portal import (
    AuthFailed,
    HttpPortalClient,
    PortalError,
    PortalUnavailable,
    TlsError,
)

CheckName = Literal["dns", "tcp", "tls", "auth", "api_version"]
CHECK_NAMES: tuple[CheckName, ...] = ("dns", "tcp", "tls", "auth", "api_version")
SUPPORTED_API_VERSIONS = frozenset({"1"})
# The contract's pattern for kiosk ids (docs/portal-api.yaml, EnrolmentRequest).
_KIOSK_ID = re.compile(r"[A-Za-z0-9._-]{3,64}")
MAX_SECRET_CHARS = 200

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
class EnrolmentResult:
    kiosk_id: str
    client_id: str
    credentials_file: Path


# -- enrolment ---------------------------------------------------------------------------


def _check_url(portal_url: str, config: KioskConfig) -> str:
    url = portal_url.strip() if isinstance(portal_url, str) else ""
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # ValueError for a port that is not a number
    except ValueError:
        parts = urllib.parse.urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EnrolmentError(
            LocalText(
                "Địa chỉ Cổng phải bắt đầu bằng https:// (hoặc http:// khi huấn luyện).",
                "The portal URL must start with https:// (or http:// in training).",
            )
        )
    if not config.training and parts.scheme != "https":
        raise EnrolmentError(
            LocalText(
                "Ở chế độ Chính thức, địa chỉ Cổng phải bắt đầu bằng https://.",
                "In live mode the portal URL must start with https://.",
            )
        )
    return url


def enrol(
    config: KioskConfig,
    layout: HomeLayout,
    portal_url: str,
    kiosk_id: str,
    enrolment_secret: str,
    *,
    store: Store | None = None,
    actor: Actor | None = None,
    timeout: tuple[float, float] = (3.05, 15.0),
) -> EnrolmentResult:
    """Enrol this kiosk and store its credentials; :class:`EnrolmentError` says why not.

    The portal URL is not saved here: the settings screen saves ``portal.url``. With
    ``store`` and ``actor`` the enrolment is audited (kiosk id only, never the secret).
    """
    url = _check_url(portal_url, config)
    clean_id = kiosk_id.strip() if isinstance(kiosk_id, str) else ""
    if not _KIOSK_ID.fullmatch(clean_id):
        raise EnrolmentError(
            LocalText(
                "Mã ki-ốt gồm 3 đến 64 ký tự: chữ không dấu, chữ số, dấu chấm, gạch ngang.",
                "The kiosk id is 3-64 characters: letters, digits, dot, hyphen, underscore.",
            )
        )
    secret = enrolment_secret.strip() if isinstance(enrolment_secret, str) else ""
    if not secret or len(secret) > MAX_SECRET_CHARS or not secret.isprintable():
        raise EnrolmentError(
            LocalText(
                "Vui lòng nhập đúng mã đăng ký do tỉnh cấp.",
                "Please enter the enrolment secret issued by the province.",
            )
        )
    try:
        with HttpPortalClient(
            url, timeout=timeout, ca_bundle=config.portal.ca_bundle or None
        ) as client:
            issued = client.enrol(clean_id, secret)
    except PortalError as error:
        raise EnrolmentError(
            LocalText(error.message_vi, f"Enrolment failed: {error.detail}")
        ) from None
    credentials = KioskCredentials(issued.kiosk_id, issued.client_id, issued.client_secret)
    try:
        path = save_credentials(layout, credentials)
    except OSError as error:
        raise EnrolmentError(
            LocalText(
                "Đã đăng ký nhưng không lưu được thông tin đăng nhập vào máy "
                "(ổ đĩa đầy hoặc không có quyền ghi). Hãy xin mã đăng ký mới.",
                f"Enrolled, but the credentials could not be saved: {error.strerror or error}",
            )
        ) from None
    if store is not None and actor is not None:
        with store.sessions.begin() as session:
            audit.record(session, actor, "kiosk_enrolled", kiosk_id=credentials.kiosk_id)
    return EnrolmentResult(credentials.kiosk_id, credentials.client_id, path)


# -- test connection ---------------------------------------------------------------------


def _text(vi: str, en: str) -> LocalText:
    return LocalText(vi, en)


def _skipped(names: Sequence[CheckName]) -> list[CheckResult]:
    return [
        CheckResult(
            name,
            False,
            _text(
                "Chưa kiểm tra được vì bước trước chưa thành công.",
                "Not checked: an earlier step failed.",
            ),
            skipped=True,
        )
        for name in names
    ]


def _remaining(after: CheckName) -> list[CheckName]:
    return list(CHECK_NAMES[CHECK_NAMES.index(after) + 1 :])


def _tls_message(error: ssl.SSLError, host: str) -> LocalText:
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = (error.verify_message or str(error)).lower()
        if "expired" in reason:
            return _text(
                "Chứng chỉ bảo mật của Cổng đã hết hạn (hoặc đồng hồ của máy sai ngày).",
                "The portal's certificate has expired (or this machine's clock is wrong).",
            )
        if "hostname" in reason or "ip address mismatch" in reason:
            return _text(
                f"Chứng chỉ bảo mật không dành cho địa chỉ {host}: kiểm tra lại địa chỉ Cổng.",
                f"The certificate is not valid for {host}: check the portal URL.",
            )
        return _text(
            "Chứng chỉ bảo mật của Cổng không được tin cậy (tự ký, hoặc do nơi chưa được "
            "khai báo cấp). Kiểm tra tệp chứng chỉ gốc (CA) trong phần Cài đặt.",
            "The portal's certificate is not trusted (self-signed or from an unknown "
            f"authority: {reason}). Check the CA bundle in the settings.",
        )
    return _text(
        "Không thiết lập được kết nối bảo mật (TLS) với Cổng: máy chủ có thể không dùng "
        "https, hoặc dùng phiên bản TLS cũ.",
        f"The TLS handshake failed ({error.reason or error}): the server may not speak "
        "https, or uses an old TLS version.",
    )


def _connect(
    addresses: Sequence[tuple[Any, ...]], timeout: float
) -> tuple[socket.socket | None, OSError | None]:
    """A connected socket to the first address that answers, or the last error."""
    last_error: OSError | None = None
    for family, kind, proto, _name, sockaddr in addresses[:4]:
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


def test_connection(
    url: str,
    ca_bundle: str | None,
    credentials: KioskCredentials | None,
    *,
    timeout: float = 5.0,
    resolve: Resolver = socket.getaddrinfo,
) -> list[CheckResult]:
    """The five checks' results, in order. ``resolve`` is replaceable for tests only."""
    results: list[CheckResult] = []
    try:
        parts = urllib.parse.urlsplit(url.strip() if isinstance(url, str) else "")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        parts, port = urllib.parse.urlsplit(""), 0
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        results.append(
            CheckResult(
                "dns",
                False,
                _text(
                    "Địa chỉ Cổng không hợp lệ: phải bắt đầu bằng https:// hoặc http://.",
                    "The portal URL is not valid: it must start with https:// or http://.",
                ),
            )
        )
        return results + _skipped(_remaining("dns"))

    # DNS: does the name lead anywhere?
    try:
        addresses = list(resolve(host, port, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        addresses = []
    if not addresses:
        results.append(
            CheckResult(
                "dns",
                False,
                _text(
                    f"Không tìm thấy máy chủ {host} (DNS). Kiểm tra địa chỉ Cổng và mạng "
                    "của ki-ốt.",
                    f"The name {host} could not be resolved (DNS). Check the URL and the network.",
                ),
            )
        )
        return results + _skipped(_remaining("dns"))
    shown = ", ".join(sorted({str(a[4][0]) for a in addresses})[:3])
    results.append(
        CheckResult(
            "dns", True, _text(f"Tìm thấy máy chủ {host} ({shown}).", f"{host} is {shown}.")
        )
    )

    # TCP: is something listening on the port?
    sock, error = _connect(addresses, timeout)
    if sock is None:
        if isinstance(error, ConnectionRefusedError):
            message = _text(
                f"Máy chủ {host} từ chối kết nối ở cổng {port}: dịch vụ Cổng không chạy "
                "hoặc sai số cổng.",
                f"{host} refused the connection on port {port}: the portal is not running "
                "or the port is wrong.",
            )
        elif isinstance(error, TimeoutError):
            message = _text(
                f"Máy chủ {host} không trả lời sau {timeout:g} giây: mạng hoặc tường lửa "
                "đang chặn.",
                f"{host} did not answer within {timeout:g} s: a network or firewall blocks it.",
            )
        else:
            message = _text(
                f"Không có đường mạng tới máy chủ {host}. Kiểm tra dây mạng hoặc Wi-Fi.",
                f"No network route to {host} ({error}). Check the cable or Wi-Fi.",
            )
        results.append(CheckResult("tcp", False, message))
        return results + _skipped(_remaining("tcp"))
    results.append(
        CheckResult(
            "tcp",
            True,
            _text(f"Kết nối được tới cổng {port} của máy chủ.", f"Port {port} is reachable."),
        )
    )

    # TLS: is the certificate one we trust?
    try:
        if parts.scheme == "https":
            try:
                context = ssl.create_default_context(cafile=ca_bundle or None)
            except (OSError, ssl.SSLError):
                results.append(
                    CheckResult(
                        "tls",
                        False,
                        _text(
                            "Không đọc được tệp chứng chỉ gốc (CA) đã khai báo trong Cài đặt.",
                            "The CA bundle named in the settings cannot be read.",
                        ),
                    )
                )
                return results + _skipped(_remaining("tls"))
            try:
                with context.wrap_socket(sock, server_hostname=host) as tls:
                    version = tls.version() or "TLS"
            except ssl.SSLError as tls_error:
                results.append(CheckResult("tls", False, _tls_message(tls_error, host)))
                return results + _skipped(_remaining("tls"))
            except OSError:
                results.append(
                    CheckResult(
                        "tls",
                        False,
                        _text(
                            "Máy chủ ngắt kết nối khi thiết lập kết nối bảo mật (TLS).",
                            "The server closed the connection during the TLS handshake.",
                        ),
                    )
                )
                return results + _skipped(_remaining("tls"))
            results.append(
                CheckResult(
                    "tls",
                    True,
                    _text(
                        f"Kết nối bảo mật ({version}) với chứng chỉ hợp lệ.",
                        f"Secure connection ({version}) with a valid certificate.",
                    ),
                )
            )
        else:
            results.append(
                CheckResult(
                    "tls",
                    True,
                    _text(
                        "Địa chỉ dùng http:// nên không mã hoá: chỉ dùng khi huấn luyện.",
                        "The URL uses http://, without encryption: for training only.",
                    ),
                    skipped=True,
                )
            )
    finally:
        sock.close()

    with HttpPortalClient(
        url.strip(),
        credentials.client_id if credentials else None,
        credentials.client_secret if credentials else None,
        timeout=(timeout, timeout),
        ca_bundle=ca_bundle or None,
    ) as client:
        results.append(_check_auth(client, credentials))
        results.append(_check_api_version(client))
    return results


# Not a pytest test, despite its name (the screen's button is called "Test connection").
test_connection.__test__ = False  # type: ignore[attr-defined]


def _portal_trouble(error: PortalError) -> LocalText:
    if isinstance(error, TlsError):
        return _text(
            "Kết nối bảo mật với Cổng bị từ chối.", f"The TLS connection failed: {error.detail}"
        )
    if isinstance(error, PortalUnavailable) and error.reason == "garbage":
        return _text(
            "Máy chủ trả lời nhưng không đúng giao diện của Cổng: kiểm tra lại địa chỉ Cổng.",
            f"The server answered outside the portal contract: {error.detail}",
        )
    return _text(
        "Cổng không trả lời được lúc này (lỗi máy chủ hoặc mạng chập chờn). Thử lại sau.",
        f"The portal could not answer: {error.detail}",
    )


def _check_auth(client: HttpPortalClient, credentials: KioskCredentials | None) -> CheckResult:
    if credentials is None:
        return CheckResult(
            "auth",
            False,
            _text(
                "Ki-ốt chưa được đăng ký với Cổng: hãy nhập mã ki-ốt và mã đăng ký do tỉnh cấp.",
                "This kiosk is not enrolled: enter the kiosk id and enrolment secret.",
            ),
        )
    try:
        client.fetch_token()
    except AuthFailed as error:
        return CheckResult(
            "auth",
            False,
            _text(
                "Cổng từ chối thông tin đăng nhập của ki-ốt: cần đăng ký lại ki-ốt.",
                f"The portal refused this kiosk's credentials ({error.detail}): enrol again.",
            ),
        )
    except PortalError as error:
        return CheckResult("auth", False, _portal_trouble(error))
    return CheckResult(
        "auth",
        True,
        _text(
            f"Cổng chấp nhận ki-ốt {credentials.kiosk_id}.",
            f"The portal accepts kiosk {credentials.kiosk_id}.",
        ),
    )


def _check_api_version(client: HttpPortalClient) -> CheckResult:
    try:
        meta = client.meta()
    except PortalError as error:
        return CheckResult("api_version", False, _portal_trouble(error))
    supported = ", ".join(sorted(SUPPORTED_API_VERSIONS))
    if meta.api_version not in SUPPORTED_API_VERSIONS:
        return CheckResult(
            "api_version",
            False,
            _text(
                f"Cổng dùng phiên bản giao diện {meta.api_version}, ki-ốt chỉ hỗ trợ "
                f"{supported}: cần cập nhật phần mềm ki-ốt.",
                f"The portal speaks API version {meta.api_version}; this kiosk supports "
                f"{supported}: update the kiosk software.",
            ),
        )
    training_vi = " (đây là Cổng huấn luyện)" if meta.training else ""
    training_en = " (a training portal)" if meta.training else ""
    return CheckResult(
        "api_version",
        True,
        _text(
            f"Cổng dùng phiên bản giao diện {meta.api_version}, ki-ốt hỗ trợ{training_vi}.",
            f"The portal speaks API version {meta.api_version}, supported{training_en}.",
        ),
    )
