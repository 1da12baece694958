"""Enrolment with the province's portal, and "Test connection" in plain words.

Enrolment exchanges the kiosk id and the one-time enrolment secret from the province
for client credentials, stored outside the database by
:func:`sync.credentials.save_credentials` (a 0600 file in the kiosk's secrets folder).
The enrolment secret itself is never stored or logged.

:func:`test_connection` runs the five checks of :mod:`sync.portal.diagnostics` (``dns``,
``tcp``, ``tls``, ``auth``, ``api_version``); this module opens no socket itself.
"""

from __future__ import annotations

import re
import socket
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from kiosk.admin.errors import EnrolmentError
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from sync.credentials import KioskCredentials, save_credentials
from sync.portal import HttpPortalClient, PortalError, diagnostics
from sync.portal.diagnostics import CHECK_NAMES, CheckResult, Resolver

__all__ = [
    "CHECK_NAMES",
    "CheckResult",
    "EnrolmentResult",
    "enrol",
    "test_connection",
]

# The contract's pattern for kiosk ids (docs/portal-api.yaml, EnrolmentRequest).
_KIOSK_ID = re.compile(r"[A-Za-z0-9._-]{3,64}")
MAX_SECRET_CHARS = 200


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


def test_connection(
    url: str,
    ca_bundle: str | None,
    credentials: KioskCredentials | None,
    *,
    timeout: float = 5.0,
    resolve: Resolver = socket.getaddrinfo,
) -> list[CheckResult]:
    """The five checks' results, in order (:func:`sync.portal.diagnostics.run_checks`)."""
    return diagnostics.run_checks(url, ca_bundle, credentials, timeout=timeout, resolve=resolve)


# Not a pytest test, despite its name (the screen's button is called "Test connection").
test_connection.__test__ = False  # type: ignore[attr-defined]
