"""Helpers for tests that run against the training portal (this package's and sync's).

A settable clock, valid sample bodies, and a self-signed certificate for proving that
the client refuses it. Nothing here is used by the portal at run time.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from pathlib import Path

from sync.training_portal.timeutil import to_iso

TRAINING_CLIENT_ID = "training-kiosk"
TRAINING_CLIENT_SECRET = "training-secret"
TRAINING_ENROLMENT_SECRET = "training-enrolment"


class ManualClock:
    """A clock that moves only when told to; pass it as ``clock=`` to the portal."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._now = start or dt.datetime(2026, 1, 15, 2, 0, tzinfo=dt.UTC)  # a Thursday
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += dt.timedelta(seconds=seconds)


def sample_dossier_body(
    local_reference: str = "26734-260115-01-0001-K",
    *,
    procedure_id: str = "birth",
    procedure_version: str | int = 1,
    kiosk_id: str = TRAINING_CLIENT_ID,
) -> dict[str, object]:
    """A body the built-in catalogue (and the kiosk's ``birth.json`` v1) accepts."""
    return {
        "procedure_id": procedure_id,
        "procedure_version": procedure_version,
        "answers": {"child_full_name": "Nguyễn Thị Hoà", "child_sex": "female"},
        "documents": [{"name": "Giấy chứng sinh", "kind": "original", "quantity": 1}],
        "local_reference": local_reference,
        "kiosk_id": kiosk_id,
        "submitted_at": "2026-01-15T02:00:00Z",
    }


def sample_account_body(phone: str = "0912345678") -> dict[str, object]:
    return {
        "identity": {"full_name": "Trần Văn Đức", "id_number": "001203004567"},
        "phone": phone,
        "email": None,
        "consent": {
            "accepted": True,
            "given_at": to_iso(dt.datetime(2026, 1, 15, 2, 0, tzinfo=dt.UTC)),
            "notice_text": (
                "Tôi đồng ý để Cổng dịch vụ công dùng số điện thoại này để tạo tài khoản."
            ),
            "notice_version": "2026-01",
        },
        "kiosk_id": TRAINING_CLIENT_ID,
    }


def self_signed_certificate(
    directory: Path, host: str = "127.0.0.1", *, expired: bool = False
) -> tuple[Path, Path]:
    """Write ``cert.pem`` and ``key.pem`` for ``host`` (IP or name); return their paths.

    ``expired``: the certificate ended yesterday (for the connection test's message).
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    try:
        alternative: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        alternative = x509.DNSName(host)
    now = dt.datetime.now(dt.UTC)
    start, end = (
        (now - dt.timedelta(days=10), now - dt.timedelta(days=1))
        if expired
        else (now - dt.timedelta(minutes=5), now + dt.timedelta(days=1))
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName([alternative]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_ssl_context(cert_path: Path, key_path: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context
