"""The JSON bodies the kiosk sends, built only from what is stored.

A body must be the same every time it is built for one outbox entry: the
portal answers a resend with the same Idempotency-Key and a *different* body
with 409. So nothing here depends on the attempt (no "sent at", no counters).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.procedures import Catalogue
from kiosk.store.models import AccountRequest, Case, Citizen, Consent

ISO_Z = "%Y-%m-%dT%H:%M:%SZ"


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.strftime(ISO_Z)


def _consent(session: Session, **where: Any) -> Consent | None:
    return session.scalars(
        select(Consent).filter_by(**where).order_by(Consent.given_at.desc())
    ).first()


def _consent_body(consent: Consent | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {
        "accepted": True,
        "purpose": consent.purpose,
        "notice_text": consent.notice_text,
        "notice_sha256": consent.notice_sha256,
        "language": consent.language,
        "given_at": _iso(consent.given_at),
    }


def _identity(citizen: Citizen | None) -> dict[str, Any] | None:
    if citizen is None:
        return None
    return {
        "full_name": citizen.full_name,
        "id_number": citizen.id_number,
        "date_of_birth": citizen.date_of_birth,
        "sex": citizen.sex,
        "address": citizen.address,
    }


def documents_of(case: Case, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The documents the citizen brought, from the procedure's checklist answer."""
    definition = catalogue.version(case.procedure_id, case.procedure_version)
    brought: set[str] = set()
    for field in definition.top_level_fields():
        if field.type.value == "document_checklist":
            value = (case.answers or {}).get(field.id)
            if isinstance(value, list):
                brought.update(str(item) for item in value)
    documents = []
    for document in definition.documents:
        if document.id in brought:
            documents.append(
                {
                    "id": document.id,
                    "name": document.name.vi,
                    # The contract knows original/copy/certified_copy; a paper only
                    # shown at the counter is the original.
                    "kind": "original"
                    if document.form.value == "show_original"
                    else document.form.value,
                    "quantity": document.quantity,
                }
            )
    return documents


def dossier_body(
    session: Session, case: Case, kiosk_id: str, catalogue: Catalogue
) -> dict[str, Any]:
    return {
        "procedure_id": case.procedure_id,
        "procedure_version": case.procedure_version,
        "local_reference": case.local_reference,
        "kiosk_id": kiosk_id,
        "submitted_at": _iso(case.submitted_at),
        "channel": case.channel,
        "applicant": _identity(case.citizen),
        "identity_evidence": case.identity_evidence,
        "answers": dict(case.answers or {}),
        "documents": documents_of(case, catalogue),
        "fee": {"amount_vnd": case.fee_amount},
        "assisted": case.assisted_by is not None,
        "consent": _consent_body(_consent(session, case_id=case.id)),
    }


def account_body(session: Session, request: AccountRequest, kiosk_id: str) -> dict[str, Any]:
    citizen = session.get(Citizen, request.citizen_id) if request.citizen_id else None
    body: dict[str, Any] = {
        "identity": _identity(citizen),
        "phone": request.phone,
        "kiosk_id": kiosk_id,
        "consent": _consent_body(_consent(session, account_request_id=request.id)),
    }
    if request.email:
        body["email"] = request.email
    return body
