"""From a captured image to a sealed page, and from a slot's pages to its sealed PDF.

The one place the capture screen calls (on its background runner): process
the image in memory, check the slot's page limit, seal and store; rotate,
retake or delete a page; and on "done", assemble the slot's pages into one
PDF whose SHA-256 is what the portal will know it by. Every refusal is an
:class:`~kiosk.attachments.errors.AttachmentError` whose message the screen
shows as it is; pages already stored are never touched by a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.attachments import processing
from kiosk.attachments.errors import MSG_TOO_MANY_PAGES, AttachmentError
from kiosk.attachments.pdf import assemble_pdf
from kiosk.attachments.slots import MSG_TOO_FEW_PAGES, ResolvedSlot, page_count_problem
from kiosk.attachments.storage import PageStore, StoredPage


class Source(StrEnum):
    CAMERA = "camera"
    SCANNER = "scanner"


@dataclass(frozen=True)
class FinishedSlot:
    sha256: str
    pages: int
    pdf_bytes: int


class CaptureService:
    """Pages in and documents out for one kiosk's :class:`PageStore`."""

    def __init__(self, pages: PageStore, scan_dpi: int = 300) -> None:
        self.pages = pages
        self.scan_dpi = scan_dpi

    def _process(self, data: bytes, source: Source) -> processing.ProcessedPage:
        if source is Source.SCANNER:
            return processing.process_scan(data, dpi=self.scan_dpi)
        return processing.process_photo(data)

    def add(self, case_id: str, slot: ResolvedSlot, data: bytes, source: Source) -> StoredPage:
        """Process and store one more page of ``slot`` (refused past its last page)."""
        if len(self.pages.pages(case_id, slot.key)) >= slot.max_pages:
            raise AttachmentError(MSG_TOO_MANY_PAGES.format(limit=slot.max_pages))
        page = self._process(data, source)
        return self.pages.add_page(
            case_id,
            slot.key,
            page.jpeg,
            width=page.width,
            height=page.height,
            max_pages=slot.max_pages,
        )

    def retake(self, page: StoredPage, data: bytes, source: Source) -> StoredPage:
        processed = self._process(data, source)
        return self.pages.replace_page(
            page.id, processed.jpeg, width=processed.width, height=processed.height
        )

    def rotate(self, page: StoredPage) -> StoredPage:
        turned = processing.rotate_page(self.pages.read_page(page))
        return self.pages.replace_page(
            page.id, turned.jpeg, width=turned.width, height=turned.height
        )

    def delete(self, page: StoredPage) -> None:
        self.pages.delete_page(page.id)

    def finish(self, case_id: str, slot: ResolvedSlot, title: str) -> FinishedSlot:
        """Assemble the slot's pages into its sealed PDF (AttachmentError if too few/many)."""
        stored = self.pages.pages(case_id, slot.key)
        problem = page_count_problem(slot, len(stored))
        if problem is not None:
            raise AttachmentError(problem)
        if not stored:
            raise AttachmentError(MSG_TOO_FEW_PAGES.format(limit=max(1, slot.min_pages)))
        pdf = assemble_pdf([self.pages.read_page(page) for page in stored], title)
        digest = self.pages.store_document(case_id, slot.key, pdf, len(stored))
        return FinishedSlot(digest, len(stored), len(pdf))
