"""The one interface the sync engine uses to talk to a portal.

:class:`~sync.portal.http_client.HttpPortalClient` implements it for the contract in
``docs/portal-api.yaml`` (the training portal and any portal speaking it); another
province's API gets its own adapter implementing the same methods. Every method
either returns its documented value or raises a :class:`~sync.portal.errors.PortalError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from sync.portal.models import (
    AccessToken,
    AccountConfirmation,
    AccountRequestReceipt,
    CatalogueEntry,
    ChangesPage,
    ClientCredentials,
    DossierReceipt,
    KioskDossiersPage,
    PortalMeta,
    UploadState,
)


class PortalClient(Protocol):
    def fetch_token(self) -> AccessToken:
        """Get a fresh bearer token now (others are fetched and refreshed implicitly)."""
        ...

    def enrol(self, kiosk_id: str, enrolment_secret: str) -> ClientCredentials:
        """Exchange a one-time enrolment secret for this kiosk's client credentials."""
        ...

    def meta(self) -> PortalMeta:
        """API version and server time; a cheap reachability check."""
        ...

    def submit_dossier(self, idempotency_key: str, body: Mapping[str, object]) -> DossierReceipt:
        """Submit once per key: a repeat with the same body returns the first receipt."""
        ...

    def put_attachment(
        self, sha256: str, content: bytes, media_type: str, *, content_digest: bytes | None = None
    ) -> bool:
        """Upload a document by its SHA-256 (idempotent); True if stored now, False if held.

        ``content_digest``: the SHA-256 of ``content`` (32 bytes) when the caller
        already hashed these bytes, so they are not hashed a second time for the
        ``Content-Digest`` header; the portal still checks the body against both.
        """
        ...

    def attachment_state(self, sha256: str) -> UploadState:
        """How many bytes of this document the portal holds (HEAD), to resume from."""
        ...

    def put_attachment_chunk(
        self, sha256: str, chunk: bytes, start: int, total: int, media_type: str
    ) -> UploadState:
        """Send bytes ``start``.. of a document of ``total`` bytes; where the portal is now.

        A portal holding other bytes than ``start`` says so (its offset, not complete);
        a completed document that does not hash to ``sha256`` raises PortalRejected.
        """
        ...

    def create_account(
        self, idempotency_key: str, body: Mapping[str, object]
    ) -> AccountRequestReceipt:
        """Ask for a citizen's portal account; the portal texts a code to the phone."""
        ...

    def confirm_account(self, request_id: str, code: str) -> AccountConfirmation:
        """Confirm an account request with the code the citizen received."""
        ...

    def resend_code(self, request_id: str) -> AccountRequestReceipt:
        """Have the portal send a new code (rate limited by the portal)."""
        ...

    def changes(self, since: str | None, limit: int = 100) -> ChangesPage:
        """Status changes after cursor ``since`` (None: from the beginning)."""
        ...

    def kiosk_dossiers(
        self, first_day: dt.date, last_day: dt.date, cursor: str | None = None, limit: int = 200
    ) -> KioskDossiersPage:
        """This kiosk's dossiers received on ``first_day``..``last_day`` (at most 62 days)."""
        ...

    def catalogue(self) -> list[CatalogueEntry]:
        """The procedures and versions the portal accepts now."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
