"""The JSON shapes of ``docs/portal-api.yaml`` as small frozen dataclasses.

Each ``parse_*`` function takes whatever JSON the portal answered and either
returns a value of the documented shape or raises :class:`ShapeError`; it never
raises anything else. The HTTP client turns ``ShapeError`` into
``PortalUnavailable("garbage")``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

#: Statuses the contract names; a portal may add more, which are passed through.
KNOWN_DOSSIER_STATUSES = frozenset({"received", "processing", "needs_more", "done", "rejected"})


class ShapeError(ValueError):
    """A portal answer that does not have the contract's shape."""


@dataclass(frozen=True)
class ClientCredentials:
    client_id: str
    client_secret: str
    kiosk_id: str

    def __repr__(self) -> str:  # keep the secret out of logs and tracebacks
        return f"ClientCredentials(client_id={self.client_id!r}, kiosk_id={self.kiosk_id!r})"


@dataclass(frozen=True)
class AccessToken:
    value: str
    expires_in_seconds: int

    def __repr__(self) -> str:
        return f"AccessToken(expires_in_seconds={self.expires_in_seconds})"


@dataclass(frozen=True)
class PortalMeta:
    api_version: str
    server_time: datetime
    portal_name: str | None
    agency_code: str | None
    training: bool
    max_connections: int = 1
    """Connections the portal lets one client use at once (the contract's default: 1)."""


@dataclass(frozen=True)
class DossierReceipt:
    """The portal's acknowledgement; ``replayed`` is True for a 200 (already received)."""

    portal_id: str
    dossier_code: str
    status: str
    received_at: datetime
    appointment_date: date
    local_reference: str | None
    replayed: bool


@dataclass(frozen=True)
class UploadState:
    """How many bytes of a document the portal holds (a chunked upload resumes there)."""

    offset: int
    complete: bool


@dataclass(frozen=True)
class AccountRequestReceipt:
    account_request_id: str
    status: str
    otp_expires_at: datetime
    replayed: bool


@dataclass(frozen=True)
class AccountConfirmation:
    account_request_id: str
    account_id: str


@dataclass(frozen=True)
class StatusChange:
    cursor: str
    portal_id: str | None
    dossier_code: str
    local_reference: str
    status: str
    message: str | None
    changed_at: datetime


@dataclass(frozen=True)
class ChangesPage:
    changes: tuple[StatusChange, ...]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True)
class KioskDossier:
    """One of this kiosk's dossiers as the portal holds it (listed after a restore)."""

    local_reference: str
    dossier_code: str
    status: str
    procedure_id: str | None
    procedure_version: int | None
    received_at: datetime


@dataclass(frozen=True)
class KioskDossiersPage:
    dossiers: tuple[KioskDossier, ...]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True)
class CatalogueEntry:
    procedure_id: str
    version: str
    title: str
    processing_days: int | None


class _Fields:
    """Typed access to one JSON object; every miss is a :class:`ShapeError`."""

    def __init__(self, document: object, what: str) -> None:
        if not isinstance(document, Mapping):
            raise ShapeError(f"{what}: expected an object, got {type(document).__name__}")
        self._document = document
        self._what = what

    def text(self, name: str) -> str:
        value = self._document.get(name)
        if not isinstance(value, str) or not value:
            raise ShapeError(f"{self._what}.{name}: expected a non-empty string")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._document.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ShapeError(f"{self._what}.{name}: expected a string or null")
        return value

    def integer(self, name: str) -> int:
        value = self._document.get(name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ShapeError(f"{self._what}.{name}: expected an integer")
        return value

    def optional_integer(self, name: str) -> int | None:
        return None if self._document.get(name) is None else self.integer(name)

    def boolean(self, name: str, default: bool | None = None) -> bool:
        value = self._document.get(name, default)
        if not isinstance(value, bool):
            raise ShapeError(f"{self._what}.{name}: expected a boolean")
        return value

    def instant(self, name: str) -> datetime:
        text = self.text(name)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ShapeError(f"{self._what}.{name}: not an ISO 8601 timestamp") from None
        if parsed.tzinfo is None:
            raise ShapeError(f"{self._what}.{name}: timestamp without a timezone")
        return parsed.astimezone(UTC)

    def day(self, name: str) -> date:
        try:
            return date.fromisoformat(self.text(name))
        except ValueError:
            raise ShapeError(f"{self._what}.{name}: not an ISO 8601 date") from None

    def version(self, name: str) -> str:
        value = self._document.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(name)

    def items(self, name: str) -> list[object]:
        value = self._document.get(name)
        if not isinstance(value, list):
            raise ShapeError(f"{self._what}.{name}: expected an array")
        return value


def parse_token(document: object) -> AccessToken:
    fields = _Fields(document, "token")
    token_type = fields.text("token_type")
    if token_type.lower() != "bearer":
        raise ShapeError(f"token.token_type: unsupported {token_type!r}")
    expires_in = fields.integer("expires_in")
    if expires_in < 1:
        raise ShapeError("token.expires_in: must be positive")
    return AccessToken(fields.text("access_token"), expires_in)


def parse_credentials(document: object) -> ClientCredentials:
    fields = _Fields(document, "credentials")
    return ClientCredentials(
        fields.text("client_id"), fields.text("client_secret"), fields.text("kiosk_id")
    )


def parse_meta(document: object) -> PortalMeta:
    fields = _Fields(document, "meta")
    return PortalMeta(
        api_version=fields.text("api_version"),
        server_time=fields.instant("server_time"),
        portal_name=fields.optional_text("portal_name"),
        agency_code=fields.optional_text("agency_code"),
        training=fields.boolean("training", default=False),
        max_connections=max(1, fields.optional_integer("max_connections") or 1),
    )


def parse_dossier_receipt(document: object, *, replayed: bool) -> DossierReceipt:
    fields = _Fields(document, "dossier_receipt")
    return DossierReceipt(
        portal_id=fields.text("portal_id"),
        dossier_code=fields.text("dossier_code"),
        status=fields.text("status"),
        received_at=fields.instant("received_at"),
        appointment_date=fields.day("appointment_date"),
        local_reference=fields.optional_text("local_reference"),
        replayed=replayed,
    )


def check_attachment_receipt(document: object, sha256: str, size: int) -> None:
    """An AttachmentReceipt for this very document, or ShapeError.

    A 2xx answer to a PUT is the kiosk's proof that the portal holds the bytes: it
    marks the document confirmed and never sends it again. A proxy's ``200 {"status":
    "ok"}`` (or any other body) proves nothing, and trusting it sent the dossier
    without its attachment (422 ``attachment_missing``, the case back to the
    volunteers; found by ``tests/sync/test_sync_connections.py``'s fault run).
    """
    fields = _Fields(document, "attachment_receipt")
    if fields.text("sha256").lower() != sha256.lower():
        raise ShapeError("attachment_receipt.sha256: another document's receipt")
    if fields.integer("size") != size:
        raise ShapeError("attachment_receipt.size: not the size sent")
    fields.instant("received_at")


def parse_account_receipt(document: object, *, replayed: bool) -> AccountRequestReceipt:
    fields = _Fields(document, "account_receipt")
    return AccountRequestReceipt(
        account_request_id=fields.text("account_request_id"),
        status=fields.text("status"),
        otp_expires_at=fields.instant("otp_expires_at"),
        replayed=replayed,
    )


def parse_account_confirmation(document: object) -> AccountConfirmation:
    fields = _Fields(document, "account_confirmation")
    if fields.text("status") != "confirmed":
        raise ShapeError("account_confirmation.status: expected 'confirmed'")
    return AccountConfirmation(fields.text("account_request_id"), fields.text("account_id"))


def parse_changes_page(document: object) -> ChangesPage:
    fields = _Fields(document, "changes_page")
    changes: list[StatusChange] = []
    for index, item in enumerate(fields.items("changes")):
        change = _Fields(item, f"changes.{index}")
        changes.append(
            StatusChange(
                cursor=change.text("cursor"),
                portal_id=change.optional_text("portal_id"),
                dossier_code=change.text("dossier_code"),
                local_reference=change.text("local_reference"),
                status=change.text("status"),
                message=change.optional_text("message"),
                changed_at=change.instant("changed_at"),
            )
        )
    return ChangesPage(tuple(changes), fields.text("next_cursor"), fields.boolean("has_more"))


def parse_kiosk_dossiers_page(document: object) -> KioskDossiersPage:
    fields = _Fields(document, "kiosk_dossiers")
    found: list[KioskDossier] = []
    for index, item in enumerate(fields.items("dossiers")):
        dossier = _Fields(item, f"dossiers.{index}")
        version = item.get("procedure_version") if isinstance(item, Mapping) else None
        found.append(
            KioskDossier(
                local_reference=dossier.text("local_reference"),
                dossier_code=dossier.text("dossier_code"),
                status=dossier.text("status"),
                procedure_id=dossier.optional_text("procedure_id"),
                procedure_version=version
                if isinstance(version, int) and not isinstance(version, bool)
                else None,
                received_at=dossier.instant("received_at"),
            )
        )
    return KioskDossiersPage(tuple(found), fields.text("next_cursor"), fields.boolean("has_more"))


def parse_catalogue(document: object) -> list[CatalogueEntry]:
    fields = _Fields(document, "catalogue")
    entries: list[CatalogueEntry] = []
    for index, item in enumerate(fields.items("procedures")):
        entry = _Fields(item, f"procedures.{index}")
        entries.append(
            CatalogueEntry(
                procedure_id=entry.text("id"),
                version=entry.version("version"),
                title=entry.text("title"),
                processing_days=entry.optional_integer("processing_days"),
            )
        )
    return entries
