"""The procedure catalogue the training portal accepts.

Seeded from the kiosk's own ``assets/procedures/*.json`` when that folder exists
(only the top-level ``id``, ``version``, ``title`` and ``processing`` are read, so
the portal does not depend on the rest of the definition format), else from a
small built-in list. ``processing`` is the one source of the processing time: the
kiosk's receipt and this portal's appointment date and status schedule all count
the same working days from it.
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
    # The definition's ``processing.by_choice``: the answer of ``choice_field`` picks
    # the working days (residence: permanent 7, temporary 3).
    choice_field: str | None = None
    days_by_choice: tuple[tuple[str, int], ...] = ()

    def days_for(self, answers: Mapping[str, object]) -> int:
        """Working days for a dossier with ``answers`` (0: the same day)."""
        if self.choice_field is not None:
            chosen = answers.get(self.choice_field)
            for value, days in self.days_by_choice:
                if chosen == value:
                    return days
        return self.processing_days

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
        days, choice_field, by_choice = _processing(document.get("processing"))
        entries[procedure_id] = CatalogueEntry(
            procedure_id,
            version,
            title if isinstance(title, str) else procedure_id,
            days,
            choice_field,
            by_choice,
        )
    return list(entries.values())


def _working_days(processing: Mapping[str, object]) -> int:
    if processing.get("same_day") is True:
        return 0
    days = processing.get("working_days")
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 365:
        return days
    return DEFAULT_PROCESSING_DAYS


def _processing(raw: object) -> tuple[int, str | None, tuple[tuple[str, int], ...]]:
    """(default working days, choice field, days per choice) of a definition's processing."""
    if not isinstance(raw, Mapping):
        return DEFAULT_PROCESSING_DAYS, None, ()
    by_choice = raw.get("by_choice")
    if not isinstance(by_choice, Mapping) or not isinstance(by_choice.get("field"), str):
        return _working_days(raw), None, ()
    cases = by_choice.get("cases")
    pairs = tuple(
        (str(value), _working_days(case))
        for value, case in (cases.items() if isinstance(cases, Mapping) else ())
        if isinstance(case, Mapping)
    )
    return _working_days(raw), str(by_choice["field"]), pairs


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
