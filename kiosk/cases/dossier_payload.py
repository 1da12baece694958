"""The dossier body sent to the portal, built once at submit and frozen with the outbox entry.

The portal answers a resend with the same Idempotency-Key and a *different*
body with 409. Rebuilding the body on each retry from the citizen's current
row broke that promise whenever the row changed in between (a re-issued card
with a new address scanned before the retry). So :func:`freeze` serialises
the body at submit; the sync engine sends exactly that text on every attempt.

The kiosk's portal id is not known at submit (a kiosk may be enrolled later),
so the frozen body leaves it out and the sync engine adds it once, before the
first request, and stores the completed text (see ``sync.engine``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.attachments.slots import dossier_documents
from kiosk.store.models import AttachmentSlot, Case, Citizen, Consent

if TYPE_CHECKING:
    from kiosk.procedures import Catalogue

ISO_Z = "%Y-%m-%dT%H:%M:%SZ"
KIOSK_ID_FIELD = "kiosk_id"


def iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.strftime(ISO_Z)


def latest_consent(session: Session, **where: Any) -> Consent | None:
    return session.scalars(
        select(Consent).filter_by(**where).order_by(Consent.given_at.desc(), Consent.id.desc())
    ).first()


def consent_body(consent: Consent | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {
        "accepted": True,
        "purpose": consent.purpose,
        "notice_text": consent.notice_text,
        "notice_sha256": consent.notice_sha256,
        "language": consent.language,
        "given_at": iso(consent.given_at),
    }


def identity(citizen: Citizen | None) -> dict[str, Any] | None:
    if citizen is None:
        return None
    return {
        "full_name": citizen.full_name,
        "id_number": citizen.id_number,
        "date_of_birth": citizen.date_of_birth,
        "sex": citizen.sex,
        "address": citizen.address,
    }


def documents_of(session: Session, case: Case, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The dossier's papers: those only shown at the counter, and each slot scanned or promised.

    From the case's document slots (kiosk/attachments), which replaced the
    checklist of papers "brought"; the scanned ones are also in ``attachments``.
    """
    definition = catalogue.version(case.procedure_id, case.procedure_version)
    delivered = {
        slot_key.split(".", 1)[0]
        for slot_key in session.scalars(
            select(AttachmentSlot.slot_key).where(
                AttachmentSlot.case_id == case.id,
                or_(
                    AttachmentSlot.sha256.is_not(None),
                    AttachmentSlot.bring_later_reason.is_not(None),
                ),
            )
        )
    }
    return [
        {
            "id": document.id,
            "name": document.name.vi,
            # The contract knows original/copy/certified_copy; a paper only
            # shown at the counter is the original.
            "kind": "original" if document.form.value == "show_original" else document.form.value,
            "quantity": document.quantity,
        }
        for document in dossier_documents(definition, case.answers or {}, delivered)
    ]


def attachments_of(session: Session, case: Case, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The case's assembled documents, named by digest (uploaded before the dossier)."""
    definition = catalogue.version(case.procedure_id, case.procedure_version)
    names = {document.id: document.name.vi for document in definition.documents}
    rows = session.scalars(
        select(AttachmentSlot)
        .where(AttachmentSlot.case_id == case.id, AttachmentSlot.sha256.is_not(None))
        .order_by(AttachmentSlot.slot_key)
    ).all()
    return [
        {
            "slot": row.slot_key,
            "name": names.get(row.slot_key.split(".", 1)[0], row.slot_key),
            "sha256": row.sha256,
            "media_type": "application/pdf",
            "size": row.pdf_bytes,
            "pages": row.page_count,
        }
        for row in rows
    ]


def dossier_body(
    session: Session, case: Case, kiosk_id: str | None, catalogue: Catalogue
) -> dict[str, Any]:
    """The contract's dossier body; without ``kiosk_id`` when it is None (not yet known)."""
    body: dict[str, Any] = {
        "procedure_id": case.procedure_id,
        "procedure_version": case.procedure_version,
        "local_reference": case.local_reference,
    }
    if kiosk_id is not None:
        body[KIOSK_ID_FIELD] = kiosk_id
    body.update(
        {
            "submitted_at": iso(case.submitted_at),
            "channel": case.channel,
            "applicant": identity(case.citizen),
            # How the applicant's identity was established (qr_only, chip_verified,
            # chip_unverified; None without a card): docs/portal-api.yaml IdentityEvidence.
            "identity_evidence": case.identity_evidence,
            "answers": dict(case.answers or {}),
            "documents": documents_of(session, case, catalogue),
            "attachments": attachments_of(session, case, catalogue),
            "fee": {"amount_vnd": case.fee_amount},
            "assisted": case.assisted_by is not None,
            "consent": consent_body(latest_consent(session, case_id=case.id)),
        }
    )
    return body


def freeze(body: dict[str, Any]) -> str:
    """The text stored with the outbox entry (sealed by its column) and sent as is."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False)


def with_kiosk_id(frozen: str, kiosk_id: str) -> str | None:
    """``frozen`` completed with the kiosk's id, None when it already carries one.

    The id goes right after ``local_reference``, where :func:`dossier_body` puts it.
    """
    return loaded_with_kiosk_id(frozen, kiosk_id)[1]


def loaded_with_kiosk_id(frozen: str, kiosk_id: str) -> tuple[dict[str, Any], str | None]:
    """The body to send (``frozen`` parsed, with the kiosk's id) and :func:`with_kiosk_id`'s text.

    One parse for both: the sync sends the dict and stores the text, which parses
    back to the same dict.
    """
    body: dict[str, Any] = json.loads(frozen)
    if KIOSK_ID_FIELD in body:
        return body, None
    completed: dict[str, Any] = {}
    for key, value in body.items():
        completed[key] = value
        if key == "local_reference":
            completed[KIOSK_ID_FIELD] = kiosk_id
    completed.setdefault(KIOSK_ID_FIELD, kiosk_id)
    return completed, freeze(completed)
