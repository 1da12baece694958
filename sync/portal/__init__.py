"""Portal client: the sync engine's only way to talk to a public-service portal.

``PortalClient`` is the interface; ``HttpPortalClient`` implements the contract in
``docs/portal-api.yaml``. Errors are the typed ``PortalError`` family.
"""

from sync.portal.encoded import EncodedJson
from sync.portal.errors import (
    AuthFailed,
    FieldProblem,
    IdempotencyConflict,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    TlsError,
)
from sync.portal.http_client import HttpPortalClient
from sync.portal.models import (
    KNOWN_DOSSIER_STATUSES,
    AccessToken,
    AccountConfirmation,
    AccountRequestReceipt,
    CatalogueEntry,
    ChangesPage,
    ClientCredentials,
    DossierReceipt,
    KioskDossier,
    KioskDossiersPage,
    PortalMeta,
    StatusChange,
    UploadState,
)
from sync.portal.protocol import PortalClient
from sync.portal.session import DEFAULT_TIMEOUT, PortalSession

__all__ = [
    "DEFAULT_TIMEOUT",
    "KNOWN_DOSSIER_STATUSES",
    "AccessToken",
    "AccountConfirmation",
    "AccountRequestReceipt",
    "AuthFailed",
    "CatalogueEntry",
    "ChangesPage",
    "ClientCredentials",
    "DossierReceipt",
    "EncodedJson",
    "FieldProblem",
    "HttpPortalClient",
    "IdempotencyConflict",
    "KioskDossier",
    "KioskDossiersPage",
    "PortalClient",
    "PortalError",
    "PortalMeta",
    "PortalRejected",
    "PortalSession",
    "PortalUnavailable",
    "RateLimited",
    "StatusChange",
    "TlsError",
    "UploadState",
]
