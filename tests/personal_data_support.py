"""Shared helper for the privacy tests: which files in a kiosk home a person can be read from."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select

from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, AuditEvent, Case, Citizen, Consent, OutboxEntry


def _pdf_text(raw_path: Path) -> str:
    try:
        return "".join(page.extract_text() or "" for page in PdfReader(raw_path).pages)
    except (PdfReadError, ValueError, OSError):
        return ""


def files_holding(root: Path, words: list[str]) -> dict[str, list[str]]:
    """Every file under ``root`` where one of ``words`` can be read.

    Raw bytes are searched as UTF-8 and UTF-16 (NFC and NFD); a PDF's text is also
    extracted, since a PDF draws its letters as glyph codes a byte search misses.
    """
    forms = {w: {unicodedata.normalize("NFC", w), unicodedata.normalize("NFD", w)} for w in words}
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        text = _pdf_text(path) if raw.startswith(b"%PDF-") else ""
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        hits = [
            word
            for word, variants in forms.items()
            if any(v.encode("utf-8") in raw or v.encode("utf-16-le") in raw for v in variants)
            or unicodedata.normalize("NFC", word) in text
        ]
        if hits:
            found[str(path.relative_to(root))] = hits
    return found


def rows_holding(store: Store, words: list[str]) -> list[str]:
    """Every row, opened with the key, whose values hold one of ``words``."""
    hits: list[str] = []
    with store.sessions() as session:
        for model in (Citizen, Case, AccountRequest, Consent, AuditEvent, OutboxEntry):
            for row in session.scalars(select(model)):
                values = {
                    column.key: getattr(row, column.key) for column in model.__table__.columns
                }
                text = json.dumps(values, ensure_ascii=False, default=str)
                text += json.dumps(values, ensure_ascii=True, default=str)
                hits += [f"{model.__tablename__}: {w}" for w in words if w in text]
    return hits
