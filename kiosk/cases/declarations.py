"""The filled declaration (tờ khai) of a submitted case, kept sealed at rest.

Every submitted case has one: rendered once, in Vietnamese (the official form),
from the submitted answers, then sealed with the store's key (AES-GCM, the
cipher of every personal column) under ``<kiosk home>/declarations/``. From
then on the same bytes are printed at the counter for offices that still want
a signature and sent to the portal with the dossier: a retry of the same
dossier sends exactly what the first attempt sent (the Idempotency-Key
contract). A resubmission forgets the old file, so the new answers are
rendered; retention and a citizen's deletion forget it with the case.

The PDF is not kept in a plain file anywhere, and the renderer is invariant (no
timestamp, no random id), so a lost file renders back to the same bytes as long
as the case's answers and the ward's details are unchanged.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.paths import HomeLayout

if TYPE_CHECKING:
    from kiosk.cases.service import CaseService
    from kiosk.config import KioskConfig
    from kiosk.procedures import Catalogue
    from kiosk.store.database import Store

DECLARATIONS_DIR = "declarations"
# What a file name keeps of a case id: letters, digits and dashes (ids are UUIDs).
_UNSAFE = re.compile(r"[^\w-]|_", re.UNICODE)
MEDIA_TYPE = "application/pdf"


def _path(layout: HomeLayout, case_id: str) -> Path:
    safe = _UNSAFE.sub("", case_id)
    return layout.root / DECLARATIONS_DIR / f"{safe}.pdf.sealed"


def _context(case_id: str) -> str:
    return f"declaration:{case_id}"


def _write_sealed(path: Path, sealed: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sealing-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(sealed)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def declaration_pdf(
    case_service: CaseService, case_id: str, config: KioskConfig, catalogue: Catalogue
) -> bytes:
    """The case's declaration PDF: the sealed copy, or rendered and sealed now.

    Raises :class:`~kiosk.cases.errors.CaseNotFound` for a draft or a missing case.
    """
    store = case_service.store
    sealed = sealed_declaration(store, case_id)
    if sealed is not None:
        return sealed
    path = _path(store.layout, case_id)
    # Drawing needs reportlab and the QR code (numpy): imported only when a file is
    # missing, so `kiosk-sync run` starts without them (docs/performance.md).
    from kiosk.cases.snapshot import build_snapshot
    from kiosk.documents import render_declaration

    snapshot = build_snapshot(case_service, case_id, config, "vi", catalogue)
    pdf = render_declaration(snapshot)
    with contextlib.suppress(OSError):  # a full disk: the same bytes render again next time
        _write_sealed(path, store.cipher.seal(pdf, _context(case_id)))
    return pdf


def sealed_declaration(store: Store, case_id: str) -> bytes | None:
    """The case's sealed declaration PDF, or None when there is no file (draw it then)."""
    try:
        sealed = _path(store.layout, case_id).read_bytes()
    except FileNotFoundError:
        return None
    return store.cipher.open(sealed, _context(case_id))


def forget_declaration(store: Store, case_id: str) -> None:
    """Remove the case's sealed declaration (resubmission, retention, deletion)."""
    _path(store.layout, case_id).unlink(missing_ok=True)


def attachment_body(pdf: bytes, local_reference: str) -> dict[str, Any]:
    """The ``declaration`` member of a dossier (docs/portal-api.yaml, DeclarationFile)."""
    return {
        **_described(pdf, local_reference),
        "content_base64": base64.b64encode(pdf).decode("ascii"),
    }


def attachment_json(pdf: bytes, local_reference: str) -> bytes:
    """:func:`attachment_body` as JSON, the bytes ``json.dumps(..., ensure_ascii=False)``
    gives, built without scanning the base64 text for characters to escape (it has none)."""
    head = json.dumps(_described(pdf, local_reference), ensure_ascii=False).encode("utf-8")
    return head[:-1] + b', "content_base64": "' + base64.b64encode(pdf) + b'"}'


def _described(pdf: bytes, local_reference: str) -> dict[str, Any]:
    return {
        "media_type": MEDIA_TYPE,
        "filename": f"to-khai-{local_reference}.pdf",
        "size": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
    }
