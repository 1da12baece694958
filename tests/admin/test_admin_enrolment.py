"""Enrolment and "Test connection" against real training portals on 127.0.0.1."""

from __future__ import annotations

import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.admin import enrolment
from kiosk.admin.errors import EnrolmentError
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig, PortalSettings
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent
from sync.credentials import TRAINING_CREDENTIALS, KioskCredentials, load_credentials
from sync.training_portal.server import TrainingPortal
from sync.training_portal.testing import (
    TRAINING_ENROLMENT_SECRET,
    self_signed_certificate,
    server_ssl_context,
)

ADMIN = Actor("admin", "1")


@pytest.fixture
def tls_portal(tmp_path: Path) -> Iterator[tuple[TrainingPortal, Path]]:
    cert, key = self_signed_certificate(tmp_path)
    running = TrainingPortal(tmp_path / "tls.db", ssl_context=server_ssl_context(cert, key))
    running.start()
    yield running, cert
    running.stop()


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def by_name(results: list[enrolment.CheckResult]) -> dict[str, enrolment.CheckResult]:
    assert [r.name for r in results] == list(enrolment.CHECK_NAMES)
    return {r.name: r for r in results}


def test_enrol_stores_credentials_that_work(
    portal: TrainingPortal, kiosk_layout: HomeLayout, store: Store
) -> None:
    result = enrolment.enrol(
        KioskConfig(),
        kiosk_layout,
        portal.url,
        " ward-20551.k1 ",
        TRAINING_ENROLMENT_SECRET,
        store=store,
        actor=ADMIN,
    )
    assert result.kiosk_id == "ward-20551.k1"
    saved = load_credentials(kiosk_layout)
    assert saved is not None and saved.client_id == result.client_id
    assert stat.S_IMODE(result.credentials_file.stat().st_mode) == 0o600
    assert TRAINING_ENROLMENT_SECRET not in result.credentials_file.read_text()
    checks = by_name(enrolment.test_connection(portal.url, None, saved))
    assert all(check.ok for check in checks.values()), checks
    assert checks["tls"].skipped and "http://" in checks["tls"].message_vi
    assert "ward-20551.k1" in checks["auth"].message_vi
    assert "huấn luyện" in checks["api_version"].message_vi
    with store.sessions() as session:
        details = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "kiosk_enrolled")
        ).one()
    assert details == {"kiosk_id": "ward-20551.k1"}


def test_a_wrong_enrolment_secret_is_refused(
    portal: TrainingPortal, kiosk_layout: HomeLayout
) -> None:
    with pytest.raises(EnrolmentError) as refused:
        enrolment.enrol(KioskConfig(), kiosk_layout, portal.url, "kiosk-1", "not-the-secret")
    assert "không đúng" in refused.value.message.vi
    assert load_credentials(kiosk_layout) is None


@pytest.mark.parametrize(
    ("url", "kiosk_id", "secret", "expected"),
    [
        ("ftp://x", "kiosk-1", "s", "https://"),
        ("http://127.0.0.1:1", "k", "s", "Mã ki-ốt"),
        ("http://127.0.0.1:1", "kiosk 1", "s", "Mã ki-ốt"),
        ("http://127.0.0.1:1", "kiosk-1😀", "s", "Mã ki-ốt"),
        ("http://127.0.0.1:1", "kiosk-1", "", "mã đăng ký"),
        ("http://127.0.0.1:1", "kiosk-1", "a\x00b", "mã đăng ký"),
        ("http://127.0.0.1:1", "kiosk-1", "x" * 10_000, "mã đăng ký"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    kiosk_layout: HomeLayout, url: str, kiosk_id: str, secret: str, expected: str
) -> None:
    with pytest.raises(EnrolmentError) as refused:
        enrolment.enrol(KioskConfig(), kiosk_layout, url, kiosk_id, secret)
    assert expected in refused.value.message.vi


def test_live_mode_refuses_plain_http(kiosk_layout: HomeLayout) -> None:
    live = KioskConfig(mode="live", portal=PortalSettings(url="https://x.vn"))
    with pytest.raises(EnrolmentError) as refused:
        enrolment.enrol(live, kiosk_layout, "http://127.0.0.1:1", "kiosk-1", "secret")
    assert "Chính thức" in refused.value.message.vi


def test_enrol_while_the_portal_is_down(kiosk_layout: HomeLayout) -> None:
    url = f"http://127.0.0.1:{unused_port()}"
    with pytest.raises(EnrolmentError) as refused:
        enrolment.enrol(KioskConfig(), kiosk_layout, url, "kiosk-1", "secret", timeout=(2, 2))
    assert "Chưa kết nối được" in refused.value.message.vi


def test_wrong_credentials_fail_auth_but_the_rest_works(portal: TrainingPortal) -> None:
    wrong = KioskCredentials("kiosk-9", "kiosk-9", "not-the-secret")
    checks = by_name(enrolment.test_connection(portal.url, None, wrong))
    assert [checks[n].ok for n in ("dns", "tcp", "tls")] == [True, True, True]
    assert not checks["auth"].ok and "đăng ký lại" in checks["auth"].message_vi
    assert checks["api_version"].ok


def test_an_unenrolled_kiosk_is_told_to_enrol(portal: TrainingPortal) -> None:
    checks = by_name(enrolment.test_connection(portal.url, None, None))
    assert not checks["auth"].ok and "chưa được đăng ký" in checks["auth"].message_vi
    assert checks["api_version"].ok


def test_a_self_signed_certificate_fails_the_tls_check(
    tls_portal: tuple[TrainingPortal, Path],
) -> None:
    portal, _ = tls_portal
    checks = by_name(enrolment.test_connection(portal.url, None, TRAINING_CREDENTIALS))
    assert checks["dns"].ok and checks["tcp"].ok
    assert not checks["tls"].ok
    assert "không được tin cậy" in checks["tls"].message_vi
    assert "CA" in checks["tls"].message_vi
    assert checks["auth"].skipped and checks["api_version"].skipped


def test_the_certificate_as_ca_bundle_passes_every_check(
    tls_portal: tuple[TrainingPortal, Path],
) -> None:
    portal, cert = tls_portal
    checks = by_name(enrolment.test_connection(portal.url, str(cert), TRAINING_CREDENTIALS))
    assert all(check.ok and not check.skipped for check in checks.values()), checks
    assert "TLS" in checks["tls"].message_vi


def test_https_to_a_plain_http_server_fails_the_handshake(portal: TrainingPortal) -> None:
    url = portal.url.replace("http://", "https://")
    checks = by_name(enrolment.test_connection(url, None, TRAINING_CREDENTIALS, timeout=3))
    assert checks["tcp"].ok and not checks["tls"].ok
    assert "TLS" in checks["tls"].message_vi


def test_nothing_listening_fails_the_tcp_check() -> None:
    port = unused_port()
    checks = by_name(enrolment.test_connection(f"http://127.0.0.1:{port}", None, None))
    assert checks["dns"].ok
    assert not checks["tcp"].ok and "từ chối kết nối" in checks["tcp"].message_vi
    assert str(port) in checks["tcp"].message_vi
    assert all(checks[n].skipped for n in ("tls", "auth", "api_version"))


def test_an_unknown_name_fails_the_dns_check() -> None:
    # Mocked: the test machine has no network and must not query a real resolver.
    def no_such_host(*_args: object, **_kwargs: object) -> list[tuple[object, ...]]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    checks = by_name(
        enrolment.test_connection(
            "https://dichvucong.example.invalid", None, None, resolve=no_such_host
        )
    )
    assert not checks["dns"].ok and "DNS" in checks["dns"].message_vi
    assert "dichvucong.example.invalid" in checks["dns"].message_vi
    assert all(checks[n].skipped for n in ("tcp", "tls", "auth", "api_version"))


@pytest.mark.parametrize("url", ["", "portal", "ftp://x", "http://", "http://h:port", "😀"])
def test_a_malformed_url_is_reported_not_raised(url: str) -> None:
    checks = by_name(enrolment.test_connection(url, None, None))
    assert not checks["dns"].ok and "không hợp lệ" in checks["dns"].message_vi
