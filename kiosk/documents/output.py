"""Saving a rendered PDF so that a failed print never loses the paper.

When the printer is missing or fails, the kiosk keeps the PDF on disk (the
officer can print it later) and shows the tracking QR on screen.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.documents.errors import DocumentDataError
from kiosk.fileio import atomic_write

_SAFE_STEM = re.compile(r"[^0-9A-Za-z._-]+")


def save_pdf(pdf_bytes: bytes, directory: Path, stem: str) -> Path:
    """Write ``pdf_bytes`` to ``directory/<stem>.pdf`` atomically and durably.

    ``stem`` is reduced to ASCII letters, digits, ``.``, ``_`` and ``-`` (use a
    reference, never a citizen's name). An existing file of that name is
    replaced. Raises :class:`DocumentDataError` with a Vietnamese message when
    the disk refuses (full, read-only, missing drive).
    """
    if not isinstance(pdf_bytes, bytes | bytearray) or not bytes(pdf_bytes[:5]) == b"%PDF-":
        raise DocumentDataError("Tệp cần lưu không phải là PDF.", "Not PDF bytes.")
    safe_stem = _SAFE_STEM.sub("_", stem).strip("._") or "document"
    target = directory / f"{safe_stem[:80]}.pdf"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write(target, bytes(pdf_bytes))
    except OSError as error:
        raise DocumentDataError(
            "Không lưu được giấy tờ vào máy (ổ đĩa đầy hoặc không ghi được).",
            f"Cannot save PDF into {directory}: {error.strerror}",
        ) from error
    return target
