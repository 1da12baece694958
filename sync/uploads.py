"""The attachments a dossier still has to upload, and their confirmations.

Split from the engine so the bytes can be read, unsealed and checked on the
engine's thread (the database's) while the previous dossier is on the wire,
and so that the bookkeeping per document stays one indexed read per case and
one UPDATE per confirmed document (``bench/attachments.py``: the ORM's
load-then-flush cost about 3 ms a document, more than a loopback PUT of a
120 KB PDF).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update

from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.storage import PageStore
from kiosk.store.database import Store
from kiosk.store.models import AttachmentSlot, utcnow
from sync.portal import PortalError

MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class Upload:
    """One document's plain bytes, checked against the digest its dossier names."""

    slot: str
    sha256: str
    content: bytes


def pending_uploads(store: Store, case_id: str, body: dict[str, object]) -> list[Upload]:
    """What the dossier names and the portal has not confirmed, read and checked now.

    A confirmed document is never read nor sent again. Raises :class:`PortalError`
    (retried later, like any failed attempt) when a sealed file cannot be opened or
    no longer holds the bytes the frozen dossier names.
    """
    named = body.get("attachments")
    if not isinstance(named, list) or not named:
        return []
    with store.sessions() as session:
        confirmed = {
            (slot, digest)
            for slot, digest in session.execute(
                select(AttachmentSlot.slot_key, AttachmentSlot.sha256).where(
                    AttachmentSlot.case_id == case_id,
                    AttachmentSlot.confirmed_at.is_not(None),
                )
            )
        }
    pages = PageStore(store)
    uploads = []
    for item in named:
        assert isinstance(item, dict)
        slot, digest = str(item["slot"]), str(item["sha256"])
        if (slot, digest) in confirmed:
            continue
        try:
            content = pages.read_document(case_id, slot)
        except AttachmentError as error:
            raise PortalError(f"attachment {slot} unreadable: {error.message.en}") from None
        if hashlib.sha256(content).hexdigest() != digest:
            raise PortalError(f"attachment {slot} changed after the dossier was frozen")
        uploads.append(Upload(slot, digest, content))
    return uploads


def mark_confirmed(store: Store, case_id: str, uploads: list[Upload]) -> None:
    """The portal holds these documents: never send them again (one transaction).

    A slot whose document changed since (another digest) is left unconfirmed.
    """
    if not uploads:
        return
    now = utcnow()
    with store.sessions.begin() as session:
        for upload in uploads:
            session.execute(
                update(AttachmentSlot)
                .where(
                    AttachmentSlot.case_id == case_id,
                    AttachmentSlot.slot_key == upload.slot,
                    AttachmentSlot.sha256 == upload.sha256,
                )
                .values(confirmed_at=now)
            )
