"""The JSON bodies the kiosk sends, built only from what is stored.

Dossier bodies are frozen at submit (:mod:`kiosk.cases.dossier_payload`); the
builder here serves entries queued before that. An account body must be the
same every time it is built for one outbox entry: the portal answers a resend
with the same Idempotency-Key and a *different* body with 409. So nothing here
depends on the attempt (no "sent at", no counters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from kiosk.cases import dossier_payload
from kiosk.cases.dossier_payload import consent_body, identity, latest_consent
from kiosk.store.models import AccountRequest, Case, Citizen

if TYPE_CHECKING:
    from kiosk.procedures import Catalogue


def dossier_body(
    session: Session, case: Case, kiosk_id: str, catalogue: Catalogue
) -> dict[str, Any]:
    """The body of an entry queued before bodies were frozen at submit (see dossier_payload)."""
    return dossier_payload.dossier_body(session, case, kiosk_id, catalogue)


def account_body(session: Session, request: AccountRequest, kiosk_id: str) -> dict[str, Any]:
    citizen = session.get(Citizen, request.citizen_id) if request.citizen_id else None
    body: dict[str, Any] = {
        "identity": identity(citizen),
        "phone": request.phone,
        "kiosk_id": kiosk_id,
        "consent": consent_body(latest_consent(session, account_request_id=request.id)),
    }
    if request.email:
        body["email"] = request.email
    return body
