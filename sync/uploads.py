"""The attachments a dossier still has to upload, and their confirmations.

Split from the engine so the bytes can be read, unsealed and checked on the
engine's thread (the database's) while the previous dossier is on the wire,
and so that the bookkeeping per document stays one indexed read per case and
one UPDATE per confirmed document (``bench/attachments.py``: the ORM's
load-then-flush cost about 3 ms a document, more than a loopback PUT of a
120 KB PDF).

A document above :attr:`ChunkPolicy.threshold_bytes` travels in chunks
(docs/portal-api.yaml: ``Content-Range`` PUTs, ``HEAD`` for the offset), so a
dropped connection costs at most the chunk on the wire: the next attempt asks
the portal how many bytes it holds and sends the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.storage import PageStore
from kiosk.store.database import Store
from kiosk.store.models import AttachmentSlot, utcnow
from sync.portal import PortalClient, PortalError, PortalUnavailable

MEDIA_TYPE = "application/pdf"
RESUMABLE_THRESHOLD_BYTES = 4 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ChunkPolicy:
    """Which documents go in chunks, and how big a chunk is (tests lower both)."""

    threshold_bytes: int = RESUMABLE_THRESHOLD_BYTES
    chunk_bytes: int = CHUNK_BYTES


@dataclass(frozen=True)
class Upload:
    """One document's plain bytes, checked against the digest its dossier names."""

    slot: str
    sha256: str
    content: bytes

    @property
    def content_digest(self) -> bytes:
        """SHA-256 of ``content``: ``sha256`` is its hex, checked when the upload was made,
        so the PUT's ``Content-Digest`` needs no second hash of the document."""
        return bytes.fromhex(self.sha256)


def send_upload(client: PortalClient, upload: Upload, policy: ChunkPolicy) -> None:
    """PUT one document: whole when small, else in chunks from the portal's offset.

    Returns when the portal holds it whole; raises PortalError otherwise (the
    engine retries the entry later, and that attempt resumes where this one
    stopped). A digest the portal refuses raises PortalRejected, as a whole PUT does.
    """
    content = upload.content
    if len(content) <= policy.threshold_bytes:
        client.put_attachment(
            upload.sha256, content, MEDIA_TYPE, content_digest=upload.content_digest
        )
        return
    state = client.attachment_state(upload.sha256)
    # Each round sends one chunk; a portal that keeps answering offsets that make no
    # progress (a broken adapter) must not hold the sender forever.
    rounds = 2 * (len(content) // policy.chunk_bytes + 1) + 2
    for _ in range(rounds):
        if state.complete:
            return
        start = state.offset if 0 <= state.offset < len(content) else 0
        chunk = content[start : start + policy.chunk_bytes]
        state = client.put_attachment_chunk(upload.sha256, chunk, start, len(content), MEDIA_TYPE)
    if not state.complete:
        raise PortalUnavailable("garbage", f"chunked upload of {upload.slot} made no progress")


def confirmed_slots(store: Store, case_ids: list[str]) -> dict[str, set[tuple[str, str]]]:
    """(slot, digest) pairs the portal confirmed, for a batch of cases in one query."""
    found: dict[str, set[tuple[str, str]]] = {case_id: set() for case_id in case_ids}
    if not case_ids:
        return found
    with store.sessions() as session:
        for case_id, slot, digest in session.execute(
            select(AttachmentSlot.case_id, AttachmentSlot.slot_key, AttachmentSlot.sha256).where(
                AttachmentSlot.case_id.in_(case_ids),
                AttachmentSlot.confirmed_at.is_not(None),
                AttachmentSlot.sha256.is_not(None),
            )
        ):
            found[case_id].add((slot, str(digest)))
    return found


def pending_uploads(
    store: Store,
    case_id: str,
    body: dict[str, object],
    confirmed: set[tuple[str, str]] | None = None,
) -> list[Upload]:
    """What the dossier names and the portal has not confirmed, read and checked now.

    ``confirmed``: the case's confirmed (slot, digest) pairs when the caller read a
    whole batch's at once (:func:`confirmed_slots`); read here otherwise. A
    confirmed document is never read nor sent again. Raises :class:`PortalError`
    (retried later, like any failed attempt) when a sealed file cannot be opened or
    no longer holds the bytes the frozen dossier names.
    """
    named = body.get("attachments")
    if not isinstance(named, list) or not named:
        return []
    if confirmed is None:
        confirmed = confirmed_slots(store, [case_id])[case_id]
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


def mark_confirmed(store: Store, confirmed: list[tuple[str, Upload]]) -> None:
    """The portal holds these (case, document) pairs: never send them again.

    One transaction for all; a slot whose document changed since (another digest)
    is left unconfirmed.
    """
    if not confirmed:
        return
    with store.sessions.begin() as session:
        write_confirmations(session, confirmed)


def write_confirmations(session: Session, confirmed: list[tuple[str, Upload]]) -> None:
    """:func:`mark_confirmed` in the caller's transaction (the engine's acknowledgements').

    One statement executed for all (``executemany``): the ORM's UPDATE per document
    cost about 1 ms each.
    """
    if not confirmed:
        return
    table = cast(Table, AttachmentSlot.__table__)
    statement = (
        update(table)
        .where(
            table.c.case_id == bindparam("p_case"),
            table.c.slot_key == bindparam("p_slot"),
            table.c.sha256 == bindparam("p_sha256"),
        )
        .values(confirmed_at=bindparam("p_at"), updated_at=bindparam("p_at"))
    )
    now = utcnow()
    session.connection().execute(
        statement,
        [
            {"p_case": case_id, "p_slot": u.slot, "p_sha256": u.sha256, "p_at": now}
            for case_id, u in confirmed
        ],
    )
