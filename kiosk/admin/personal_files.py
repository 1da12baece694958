"""Files in the kiosk home that hold a citizen's personal data: receipts and exports.

What a caller may rely on:
- a receipt is kept in ``documents/<reference>.pdf.sealed``, sealed with the
  store's key (:mod:`kiosk.store.sealed_files`): the paper the citizen took away
  is the only readable copy; :func:`open_receipt` gives the PDF back for a reprint;
- a data-subject export is written into ``exports/<folder>/`` in the clear (it is
  made to be handed to the citizen), mode 0600, and removed
  :data:`EXPORT_KEEP_DAYS` days later by the retention run, or at once when the
  citizen's data is deleted;
- :func:`remove_receipts`, :func:`remove_exports_of` and :func:`sweep` never
  raise for a file that is already gone, and count what they removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from kiosk.documents.errors import DocumentDataError
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.store.models import Case
from kiosk.store.sealed_files import SEALED_SUFFIX, read_sealed, write_sealed

log = logging.getLogger(__name__)

RECEIPT_PURPOSE = "receipt"
EXPORTS_FOLDER = "exports"
EXPORT_KEEP_DAYS = 7
"""An export is made to be handed over the same day; a week covers a forgotten USB stick."""
JSON_NAME = "du-lieu-ca-nhan.json"
PDF_NAME = "du-lieu-ca-nhan.pdf"
_SAFE_STEM = re.compile(r"[^0-9A-Za-z._-]+")
_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_RECEIPT_SUFFIXES = (".pdf" + SEALED_SUFFIX, ".pdf")


# -- receipts -----------------------------------------------------------------------------


def _stem(reference: str) -> str:
    return (_SAFE_STEM.sub("_", reference).strip("._") or "document")[:80]


def receipt_file(layout: HomeLayout, reference: str) -> Path:
    """Where the sealed receipt of the case with this local reference is kept."""
    return layout.documents / f"{_stem(reference)}.pdf{SEALED_SUFFIX}"


def keep_receipt(store: Store, pdf: bytes, reference: str) -> Path:
    """Seal and keep a rendered receipt (an existing one for the reference is replaced).

    Raises :class:`DocumentDataError` with a Vietnamese message when the disk refuses.
    """
    if not isinstance(pdf, bytes | bytearray) or not bytes(pdf[:5]) == b"%PDF-":
        raise DocumentDataError("Tệp cần lưu không phải là PDF.", "Not PDF bytes.")
    target = receipt_file(store.layout, reference)
    try:
        write_sealed(store.cipher, target, bytes(pdf), RECEIPT_PURPOSE)
    except OSError as error:
        raise DocumentDataError(
            "Không lưu được giấy tờ vào máy (ổ đĩa đầy hoặc không ghi được).",
            f"Cannot save the receipt into {target.parent}: {error.strerror}",
        ) from error
    # A receipt kept in the clear by an older version is now redundant.
    (store.layout.documents / f"{_stem(reference)}.pdf").unlink(missing_ok=True)
    return target


def open_receipt(store: Store, path: Path) -> bytes:
    """The PDF bytes of a receipt kept by :func:`keep_receipt` (for a reprint)."""
    return read_sealed(store.cipher, path, RECEIPT_PURPOSE)


def _reference_of(path: Path) -> str | None:
    for suffix in _RECEIPT_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return None


def remove_receipts(layout: HomeLayout, references: Iterable[str | None]) -> int:
    """Remove every kept receipt (sealed or, from older versions, plain) of these cases."""
    removed = 0
    for reference in references:
        if not reference:
            continue
        for suffix in _RECEIPT_SUFFIXES:
            path = layout.documents / f"{_stem(reference)}{suffix}"
            if path.exists():
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def sweep_receipts(store: Store, now: dt.datetime, retention_days: int) -> int:
    """Remove receipts whose case is gone or purged, or older than the retention period.

    A receipt kept in the clear by an older version, for a case still held, is
    sealed on the way. ``now`` is aware. Returns how many receipts were removed.
    """
    folder = store.layout.documents
    if not folder.is_dir():
        return 0
    files = [p for p in folder.iterdir() if p.is_file() and _reference_of(p) is not None]
    if not files:
        return 0
    references = {_reference_of(p) for p in files}
    with store.sessions() as session:
        live = set(
            session.scalars(
                select(Case.local_reference).where(
                    Case.local_reference.in_(references),
                    Case.purged_at.is_(None),
                    Case.status != "expired",
                )
            )
        )
    live_stems = {_stem(reference) for reference in live if reference}
    cutoff = now.timestamp() - retention_days * 86_400
    removed = 0
    for path in files:
        reference = _reference_of(path)
        with contextlib.suppress(FileNotFoundError):
            too_old = path.stat().st_mtime < cutoff
            if reference not in live_stems or too_old:
                path.unlink()
                removed += 1
            elif not path.name.endswith(SEALED_SUFFIX):
                keep_receipt(store, path.read_bytes(), reference or path.stem)
    return removed


# -- exports ------------------------------------------------------------------------------


class FolderNameError(Exception):
    def __init__(self) -> None:
        self.message = LocalText(
            "Tên thư mục chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang (tối đa 64 ký tự).",
            "The folder name may hold letters, digits, dot, hyphen, underscore (64 at most).",
        )
        super().__init__(self.message.en)


def exports_dir(layout: HomeLayout) -> Path:
    """``<kiosk home>/exports``, created readable by the kiosk user only."""
    folder = layout.root / EXPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def export_folder(layout: HomeLayout, name: str) -> Path:
    """``<home>/exports/<name>``, refused unless ``name`` is a plain folder name."""
    clean = name.strip()
    if not _FOLDER.fullmatch(clean) or clean.strip(".") == "":
        raise FolderNameError()
    return exports_dir(layout) / clean


def _export_folders(layout: HomeLayout) -> list[Path]:
    root = layout.root / EXPORTS_FOLDER
    if not root.is_dir():
        return []
    return [
        folder
        for folder in root.iterdir()
        if folder.is_dir() and ((folder / JSON_NAME).exists() or (folder / PDF_NAME).exists())
    ]


def _exported_citizen(folder: Path) -> int | None:
    try:
        export = json.loads((folder / JSON_NAME).read_text(encoding="utf-8"))
        citizen_id = export["citizen"]["id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return citizen_id if isinstance(citizen_id, int) else None


def _remove_export(folder: Path) -> None:
    for name in (JSON_NAME, PDF_NAME):
        (folder / name).unlink(missing_ok=True)
    # Anything else the IT officer put there goes too: the folder was made for this export.
    shutil.rmtree(folder, ignore_errors=True)


def remove_exports_of(layout: HomeLayout, citizen_id: int) -> int:
    """Remove every export folder made for this citizen; returns how many.

    A folder whose JSON is missing or unreadable cannot be attributed: it is left
    for :func:`prune_exports`, which removes it once it is old enough.
    """
    removed = 0
    for folder in _export_folders(layout):
        if _exported_citizen(folder) == citizen_id:
            _remove_export(folder)
            removed += 1
    return removed


def prune_exports(layout: HomeLayout, now: dt.datetime, keep_days: int = EXPORT_KEEP_DAYS) -> int:
    """Remove export folders written more than ``keep_days`` ago (``now`` aware)."""
    cutoff = now.timestamp() - keep_days * 86_400
    removed = 0
    for folder in _export_folders(layout):
        stamps = [
            (folder / name).stat().st_mtime
            for name in (JSON_NAME, PDF_NAME)
            if (folder / name).exists()
        ]
        if stamps and max(stamps) < cutoff:
            _remove_export(folder)
            removed += 1
    return removed
