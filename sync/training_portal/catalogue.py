"""The procedure catalogue the training portal accepts.

Seeded from the kiosk's own ``assets/procedures/*.json`` when that folder exists
(only the top-level ``id``, ``version`` and ``title`` are read, so the portal does
not depend on the rest of the definition format), else from a small built-in list.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sync.training_portal.problems import FieldError, validation_failed

_log = logging.getLogger(__name__)

DEFAULT_PROCESSING_DAYS = 3
REPO_PROCEDURES_DIR = Path(__file__).resolve().parents[2] / "assets" / "procedures"


@dataclass(frozen=True)
class CatalogueEntry:
    procedure_id: str
    version: str
    title: str
    processing_days: int = DEFAULT_PROCESSING_DAYS

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.procedure_id,
            "version": self.version,
            "title": self.title,
            "processing_days": self.processing_days,
        }


BUILT_IN_CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry("birth", "1", "Đăng ký khai sinh", 0),
    CatalogueEntry("death", "1", "Đăng ký khai tử", 0),
    CatalogueEntry("marital_status", "1", "Xác nhận tình trạng hôn nhân", 3),
    CatalogueEntry("certified_copy", "1", "Chứng thực bản sao từ bản chính", 0),
    CatalogueEntry("residence", "1", "Đăng ký thường trú, tạm trú (CT01)", 7),
)


def version_text(raw: object) -> str | None:
    """A procedure version as text (``3`` and ``"3"`` are the same version)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    return None


def load_procedures_dir(directory: Path) -> list[CatalogueEntry]:
    """Entries from every readable ``*.json`` in ``directory`` (schemas and broken files
    are skipped; a title ``{"vi": ..., "en": ...}`` gives its Vietnamese text)."""
    entries: dict[str, CatalogueEntry] = {}
    for path in sorted(directory.glob("*.json")):
        if path.name.endswith(".schema.json"):
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            _log.warning("catalogue: skipping unreadable %s (%s)", path.name, type(error).__name__)
            continue
        if not isinstance(document, dict):
            continue
        procedure_id, version = document.get("id"), version_text(document.get("version"))
        title = document.get("title")
        if isinstance(title, Mapping):  # a translated title such as {"vi": ..., "en": ...}
            title = title.get("vi") or next(iter(title.values()), None)
        if not isinstance(procedure_id, str) or not procedure_id or version is None:
            _log.warning("catalogue: %s has no usable id/version", path.name)
            continue
        entries[procedure_id] = CatalogueEntry(
            procedure_id, version, title if isinstance(title, str) else procedure_id
        )
    return list(entries.values())


def initial_catalogue(directory: Path | None) -> list[CatalogueEntry]:
    """The catalogue to start with: ``directory`` (default: the repo's assets) or built-in."""
    source = directory if directory is not None else REPO_PROCEDURES_DIR
    if source.is_dir():
        entries = load_procedures_dir(source)
        if entries:
            return entries
    return list(BUILT_IN_CATALOGUE)


def catalogue_from_json(document: object) -> list[CatalogueEntry]:
    """Parse ``{"procedures": [{id, version, title, processing_days?}]}`` or raise 422."""
    if not isinstance(document, Mapping) or not isinstance(document.get("procedures"), list):
        raise validation_failed(
            [FieldError("procedures", "required", "Cần danh sách thủ tục (procedures).")]
        )
    entries: list[CatalogueEntry] = []
    errors: list[FieldError] = []
    for index, item in enumerate(document["procedures"]):
        where = f"procedures.{index}"
        if not isinstance(item, Mapping):
            errors.append(FieldError(where, "not_object", "Cần một đối tượng."))
            continue
        procedure_id, version = item.get("id"), version_text(item.get("version"))
        title, days = item.get("title", item.get("id")), item.get("processing_days", 3)
        if isinstance(days, float) and days.is_integer():
            days = int(days)  # JSON has one number type: 3.0 is the integer 3
        if not isinstance(procedure_id, str) or not procedure_id:
            errors.append(FieldError(f"{where}.id", "required", "Thiếu mã thủ tục."))
        elif version is None:
            errors.append(FieldError(f"{where}.version", "required", "Thiếu phiên bản."))
        elif not isinstance(title, str):
            errors.append(FieldError(f"{where}.title", "not_string", "Tên thủ tục phải là chữ."))
        elif not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365:
            errors.append(FieldError(f"{where}.processing_days", "out_of_range", "Số ngày sai."))
        else:
            entries.append(CatalogueEntry(procedure_id, version, title, days))
    if errors:
        raise validation_failed(errors)
    return entries
