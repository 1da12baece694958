"""Sealed storage of captured pages and assembled documents, under the kiosk home.

Every page and every assembled PDF is a file ``attachments/<case id>/<name>``
holding only AES-GCM ciphertext made with the store's cipher
(:class:`kiosk.store.crypto.FieldCipher`); the associated data names the case,
the slot and the page, so a file copied into another case or slot fails to
open. A file is written with :func:`kiosk.fileio.atomic_write` (a temporary
file, already sealed, flushed and renamed), so a crash leaves either the old
file, the new one, or a sealed temporary that :meth:`PageStore.clean_orphans`
removes: nothing is ever on disk in the clear, temporary files included.
Processing happens in memory.

Why files and not a BLOB column: ``bench/attachment_storage.py`` stores 20
pages of 250 KB each way, autosaving an answer after each page. In a table the
WAL reached 4 MB and ``kiosk.db`` grew by 5 MB, which every daily backup
copies again and which SQLite does not give back after a purge without a
VACUUM; as files the WAL stayed at 1.5 MB (the autosave's own) and the
database grew by 0.2 MB. The autosave's median stayed in the same range both
ways (2.5 vs 1.0 ms on the shared 2-core machine, noise of the same order).
The rows (positions, sizes, digests, states) live in ``attachment_pages`` and
``attachment_slots``; rows are written after their file and deleted before it,
so the only possible leftover is a file without a row, cleaned at start-up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.attachments.errors import (
    MSG_CASE_QUOTA,
    MSG_DISK_FULL,
    MSG_KIOSK_QUOTA,
    MSG_PAGE_LOST,
    MSG_TOO_MANY_PAGES,
    AttachmentError,
)
from kiosk.attachments.slots import BringLaterReason
from kiosk.config import AttachmentSettings
from kiosk.fileio import atomic_write
from kiosk.store.crypto import DecryptionError
from kiosk.store.database import Store
from kiosk.store.models import AttachmentPage, AttachmentSlot, Case, new_uuid, utcnow

MIN_FREE_BYTES = 200 * 1024 * 1024
"""Disk left free for the database, logs and backups: no page is stored below this."""
_PAGE_SUFFIX = ".page"
_DOCUMENT_SUFFIX = ".pdf"


@dataclass(frozen=True)
class StoredPage:
    id: str
    case_id: str
    slot_key: str
    position: int
    media_type: str
    sealed_bytes: int
    width: int
    height: int


@dataclass(frozen=True)
class StoredDocument:
    """A slot's assembled PDF, or its "bring it to the counter" promise."""

    case_id: str
    slot_key: str
    bring_later_reason: BringLaterReason | None
    sha256: str | None
    pdf_bytes: int | None
    page_count: int
    confirmed_at: dt.datetime | None


def _page_of(row: AttachmentPage) -> StoredPage:
    return StoredPage(
        row.id,
        row.case_id,
        row.slot_key,
        row.position,
        row.media_type,
        row.sealed_bytes,
        row.width,
        row.height,
    )


def _document_of(row: AttachmentSlot) -> StoredDocument:
    reason = row.bring_later_reason
    return StoredDocument(
        row.case_id,
        row.slot_key,
        BringLaterReason(reason) if reason else None,
        row.sha256,
        row.pdf_bytes,
        row.page_count,
        row.confirmed_at,
    )


def page_context(case_id: str, slot_key: str, page_id: str) -> str:
    """Associated data of a page: which case, slot and page it belongs to."""
    return f"cdkv attachment page v1|{case_id}|{slot_key}|{page_id}"


def document_context(case_id: str, slot_key: str) -> str:
    return f"cdkv attachment document v1|{case_id}|{slot_key}"


def _write_sealed(path: Path, sealed: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, sealed)


def forget_case_rows(session: Session, case_id: str) -> None:
    """Delete a case's page and slot rows in the caller's transaction.

    Used where a case is wiped but its row kept (retention, a citizen's
    deletion); the files go with the next :meth:`PageStore.clean_orphans`.
    """
    session.execute(delete(AttachmentPage).where(AttachmentPage.case_id == case_id))
    session.execute(delete(AttachmentSlot).where(AttachmentSlot.case_id == case_id))


class PageStore:
    """Pages and documents of every case on this kiosk, sealed, within the quotas."""

    def __init__(
        self,
        store: Store,
        settings: AttachmentSettings | None = None,
        *,
        min_free_bytes: int = MIN_FREE_BYTES,
    ) -> None:
        self.store = store
        self.settings = settings or AttachmentSettings()
        self.min_free_bytes = min_free_bytes
        self.root = store.layout.attachments

    # -- paths and usage

    def _page_path(self, case_id: str, page_id: str) -> Path:
        return self.root / case_id / f"{page_id}{_PAGE_SUFFIX}"

    def _document_path(self, case_id: str, slot_key: str) -> Path:
        return self.root / case_id / f"{slot_key}{_DOCUMENT_SUFFIX}"

    def case_usage(self, case_id: str) -> int:
        """Sealed bytes this case holds (pages and documents)."""
        with self.store.sessions() as session:
            return self._usage(session, case_id)

    def kiosk_usage(self) -> int:
        with self.store.sessions() as session:
            return self._usage(session, None)

    @staticmethod
    def _usage(session: Session, case_id: str | None) -> int:
        pages = select(func.coalesce(func.sum(AttachmentPage.sealed_bytes), 0))
        documents = select(func.coalesce(func.sum(AttachmentSlot.pdf_bytes), 0))
        if case_id is not None:
            pages = pages.where(AttachmentPage.case_id == case_id)
            documents = documents.where(AttachmentSlot.case_id == case_id)
        return int(session.scalar(pages) or 0) + int(session.scalar(documents) or 0)

    def _check_room(self, session: Session, case_id: str, adding: int) -> None:
        mb = 1024 * 1024
        case_limit = self.settings.case_quota_mb * mb
        used = self._usage(session, case_id)
        if used + adding > case_limit:
            raise AttachmentError(
                MSG_CASE_QUOTA.format(used=round(used / mb, 1), limit=self.settings.case_quota_mb)
            )
        if self._usage(session, None) + adding > self.settings.kiosk_quota_mb * mb:
            raise AttachmentError(MSG_KIOSK_QUOTA)
        self.root.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(self.root).free - adding < self.min_free_bytes:
            raise AttachmentError(MSG_DISK_FULL)

    # -- pages

    def add_page(
        self,
        case_id: str,
        slot_key: str,
        data: bytes,
        *,
        media_type: str = "image/jpeg",
        width: int = 0,
        height: int = 0,
        max_pages: int | None = None,
    ) -> StoredPage:
        """Seal and keep one processed page as the slot's last page.

        Refused with an :class:`AttachmentError` (nothing stored, nothing
        lost) beyond ``max_pages`` or a quota, or when the disk is nearly full.
        """
        page_id = new_uuid()
        sealed = self.store.cipher.seal(data, page_context(case_id, slot_key, page_id))
        with self.store.sessions.begin() as session:
            if session.get(Case, case_id) is None:
                raise KeyError(case_id)
            count = int(
                session.scalar(
                    select(func.count())
                    .select_from(AttachmentPage)
                    .where(AttachmentPage.case_id == case_id, AttachmentPage.slot_key == slot_key)
                )
                or 0
            )
            if max_pages is not None and count >= max_pages:
                raise AttachmentError(MSG_TOO_MANY_PAGES.format(limit=max_pages))
            self._check_room(session, case_id, len(sealed))
            _write_sealed(self._page_path(case_id, page_id), sealed)
            row = AttachmentPage(
                id=page_id,
                case_id=case_id,
                slot_key=slot_key,
                position=count,
                media_type=media_type,
                sealed_bytes=len(sealed),
                width=width,
                height=height,
            )
            session.add(row)
            self._stale_document(session, case_id, slot_key)
            session.flush()
            return _page_of(row)

    def replace_page(
        self, page_id: str, data: bytes, *, width: int = 0, height: int = 0
    ) -> StoredPage:
        """New bytes for a page in its place (a retake, a rotation)."""
        with self.store.sessions.begin() as session:
            row = session.get(AttachmentPage, page_id)
            if row is None:
                raise KeyError(page_id)
            sealed = self.store.cipher.seal(data, page_context(row.case_id, row.slot_key, row.id))
            self._check_room(session, row.case_id, max(0, len(sealed) - row.sealed_bytes))
            _write_sealed(self._page_path(row.case_id, row.id), sealed)
            row.sealed_bytes = len(sealed)
            row.width, row.height = width, height
            self._stale_document(session, row.case_id, row.slot_key)
            session.flush()
            return _page_of(row)

    def delete_page(self, page_id: str) -> None:
        """Forget one page; the pages after it move up one place."""
        with self.store.sessions.begin() as session:
            row = session.get(AttachmentPage, page_id)
            if row is None:
                return
            case_id, slot_key, position = row.case_id, row.slot_key, row.position
            session.delete(row)
            for later in session.scalars(
                select(AttachmentPage).where(
                    AttachmentPage.case_id == case_id,
                    AttachmentPage.slot_key == slot_key,
                    AttachmentPage.position > position,
                )
            ):
                later.position -= 1
            self._stale_document(session, case_id, slot_key)
        self._page_path(case_id, page_id).unlink(missing_ok=True)

    def pages(self, case_id: str, slot_key: str | None = None) -> list[StoredPage]:
        query = select(AttachmentPage).where(AttachmentPage.case_id == case_id)
        if slot_key is not None:
            query = query.where(AttachmentPage.slot_key == slot_key)
        with self.store.sessions() as session:
            rows = session.scalars(
                query.order_by(AttachmentPage.slot_key, AttachmentPage.position)
            ).all()
            return [_page_of(row) for row in rows]

    def read_page(self, page: StoredPage) -> bytes:
        """The page's plain bytes, in memory only (AttachmentError if damaged or gone)."""
        try:
            sealed = self._page_path(page.case_id, page.id).read_bytes()
            return self.store.cipher.open(
                sealed, page_context(page.case_id, page.slot_key, page.id)
            )
        except (OSError, DecryptionError) as error:
            raise AttachmentError(MSG_PAGE_LOST) from error

    def page_counts(self, case_id: str) -> dict[str, int]:
        with self.store.sessions() as session:
            rows = session.execute(
                select(AttachmentPage.slot_key, func.count())
                .where(AttachmentPage.case_id == case_id)
                .group_by(AttachmentPage.slot_key)
            ).all()
            return {str(key): int(count) for key, count in rows}

    # -- slots: promises and assembled documents

    def _slot_row(self, session: Session, case_id: str, slot_key: str) -> AttachmentSlot:
        row = session.scalar(
            select(AttachmentSlot).where(
                AttachmentSlot.case_id == case_id, AttachmentSlot.slot_key == slot_key
            )
        )
        if row is None:
            row = AttachmentSlot(case_id=case_id, slot_key=slot_key, page_count=0)
            session.add(row)
        return row

    def _stale_document(self, session: Session, case_id: str, slot_key: str) -> None:
        """Pages changed: the assembled PDF no longer matches them (rebuilt on "done")."""
        row = session.scalar(
            select(AttachmentSlot).where(
                AttachmentSlot.case_id == case_id, AttachmentSlot.slot_key == slot_key
            )
        )
        if row is not None and row.sha256 is not None:
            row.sha256 = None
            row.pdf_bytes = None
            row.page_count = 0
            row.confirmed_at = None
            self._document_path(case_id, slot_key).unlink(missing_ok=True)
        if row is not None:
            row.bring_later_reason = None

    def set_bring_later(self, case_id: str, slot_key: str, reason: BringLaterReason | None) -> None:
        """Record (or withdraw, with None) "I will bring it to the counter" and why."""
        with self.store.sessions.begin() as session:
            row = self._slot_row(session, case_id, slot_key)
            row.bring_later_reason = None if reason is None else reason.value

    def bring_later(self, case_id: str) -> dict[str, BringLaterReason]:
        return {
            document.slot_key: document.bring_later_reason
            for document in self.documents(case_id)
            if document.bring_later_reason is not None
        }

    def store_document(self, case_id: str, slot_key: str, pdf: bytes, page_count: int) -> str:
        """Seal a slot's assembled PDF; returns its SHA-256, the portal's address for it."""
        digest = hashlib.sha256(pdf).hexdigest()
        sealed = self.store.cipher.seal(pdf, document_context(case_id, slot_key))
        with self.store.sessions.begin() as session:
            row = self._slot_row(session, case_id, slot_key)
            if row.sha256 == digest:
                return digest
            self._check_room(session, case_id, len(sealed) - (row.pdf_bytes or 0))
            _write_sealed(self._document_path(case_id, slot_key), sealed)
            row.sha256 = digest
            row.pdf_bytes = len(pdf)  # the size the portal will see (sealed: 29 more)
            row.page_count = page_count
            row.confirmed_at = None
            row.bring_later_reason = None
        return digest

    def read_document(self, case_id: str, slot_key: str) -> bytes:
        try:
            sealed = self._document_path(case_id, slot_key).read_bytes()
            return self.store.cipher.open(sealed, document_context(case_id, slot_key))
        except (OSError, DecryptionError) as error:
            raise AttachmentError(MSG_PAGE_LOST) from error

    def documents(self, case_id: str) -> list[StoredDocument]:
        with self.store.sessions() as session:
            rows = session.scalars(
                select(AttachmentSlot)
                .where(AttachmentSlot.case_id == case_id)
                .order_by(AttachmentSlot.slot_key)
            ).all()
            return [_document_of(row) for row in rows]

    def mark_confirmed(self, case_id: str, slot_key: str, sha256: str) -> bool:
        """The portal holds these bytes; False if the slot changed since (send again)."""
        with self.store.sessions.begin() as session:
            row = self._slot_row(session, case_id, slot_key)
            if row.sha256 != sha256:
                return False
            row.confirmed_at = utcnow()
            return True

    # -- whole cases

    def purge_case(self, case_id: str) -> None:
        """Forget every page and document of a case, rows first, then files."""
        with self.store.sessions.begin() as session:
            forget_case_rows(session, case_id)
        shutil.rmtree(self.root / case_id, ignore_errors=True)

    def _files(self) -> Iterator[tuple[str, Path]]:
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if folder.is_dir():
                for path in folder.iterdir():
                    yield folder.name, path
            else:
                yield "", folder

    def clean_orphans(self) -> int:
        """Remove sealed files no row names (a crash mid-write, a purge); returns how many."""
        with self.store.sessions() as session:
            pages = {
                (case_id, f"{page_id}{_PAGE_SUFFIX}")
                for case_id, page_id in session.execute(
                    select(AttachmentPage.case_id, AttachmentPage.id)
                )
            }
            documents = {
                (case_id, f"{slot_key}{_DOCUMENT_SUFFIX}")
                for case_id, slot_key in session.execute(
                    select(AttachmentSlot.case_id, AttachmentSlot.slot_key).where(
                        AttachmentSlot.sha256.is_not(None)
                    )
                )
            }
        kept = pages | documents
        removed = 0
        for case_id, path in list(self._files()):
            if (case_id, path.name) in kept:
                continue
            path.unlink(missing_ok=True)
            removed += 1
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
        return removed
