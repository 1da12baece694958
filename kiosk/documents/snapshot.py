"""The case snapshot: the only input of document rendering.

Rendering never reads the database. A caller (``kiosk.cases``) copies what a
document needs into these frozen dataclasses; the renderers are then pure
functions from a snapshot to PDF bytes, testable and repeatable.

Construction checks types and ranges and raises :class:`DocumentDataError`;
text is not cleaned here (the renderers make any text drawable), so a snapshot
keeps exactly what the case held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.tracking import tracking_payload_for

OriginalOrCopy = Literal["original", "copy", "certified_copy"]
Language = Literal["vi", "en"]
_ORIGINAL_OR_COPY: frozenset[str] = frozenset({"original", "copy", "certified_copy"})
_LANGUAGES: frozenset[str] = frozenset({"vi", "en"})
MAX_DOCUMENT_ITEMS = 50
MAX_DECLARATION_ROWS = 400


def _fail(field: str, message_vi: str) -> DocumentDataError:
    return DocumentDataError(message_vi, f"Invalid snapshot field {field!r}.")


def _require_text(value: object, field: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise _fail(field, f"Thông tin «{field}» của hồ sơ phải là văn bản.")


def _require_count(value: object, field: str, minimum: int, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _fail(field, f"Thông tin «{field}» phải là số nguyên từ {minimum} đến {maximum}.")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentItem:
    """One paper received: its name, original or copy, and how many."""

    name: str
    original_or_copy: OriginalOrCopy
    quantity: int = 1

    def __post_init__(self) -> None:
        _require_text(self.name, "name")
        if self.original_or_copy not in _ORIGINAL_OR_COPY:
            raise _fail(
                "original_or_copy",
                "Hình thức giấy tờ phải là bản chính, bản sao hoặc bản sao chứng thực.",
            )
        _require_count(self.quantity, "quantity", 1, 999)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclarationRow:
    """One line of a declaration form: the official label and the citizen's answer."""

    label: str
    value: str

    def __post_init__(self) -> None:
        _require_text(self.label, "label")
        _require_text(self.value, "value")


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclarationTable:
    """A repeat group drawn as a grid (e.g. household members on form CT01)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if not self.columns or not all(isinstance(column, str) for column in self.columns):
            raise _fail("columns", "Bảng trong tờ khai phải có tiêu đề cột.")
        for row in self.rows:
            if len(row) != len(self.columns) or not all(isinstance(cell, str) for cell in row):
                raise _fail("rows", "Mỗi dòng của bảng phải có đủ số cột như tiêu đề.")


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclarationSection:
    """A titled block of the form, its rows in official order, and an optional table."""

    title: str
    rows: tuple[DeclarationRow, ...]
    table: DeclarationTable | None = None

    def __post_init__(self) -> None:
        _require_text(self.title, "title")
        if not all(isinstance(row, DeclarationRow) for row in self.rows):
            raise _fail("rows", "Các dòng của tờ khai không hợp lệ.")


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseSnapshot:
    """Everything a receipt or a declaration shows about one case.

    ``processing_days`` is in working days, 0 meaning the same day;
    ``ready_on`` is already computed (see :mod:`kiosk.documents.working_days`).
    ``fee_amount`` is in dong, 0 when free. ``language`` selects the labels;
    the national header stays in Vietnamese. ``training`` puts a watermark on
    every page. ``place_name`` (e.g. "Phường Ba Đình") goes before the date
    line; ``declaration_title`` and ``form_code`` override the form's title
    ("TỜ KHAI " + procedure title) and show its official code (e.g. "CT01").
    ``tracking_url_template`` makes the tracking QR a URL a phone opens.
    """

    local_reference: str
    dossier_code: str | None = None
    procedure_id: str
    procedure_title: str
    agency_name: str
    receiving_unit: str
    citizen_name: str
    citizen_address: str
    citizen_phone: str | None = None
    citizen_email: str | None = None
    documents: tuple[DocumentItem, ...] = ()
    sets: int = 1
    processing_days: int
    received_at: datetime
    ready_on: date
    collect_at: str
    fee_amount: int = 0
    training: bool = False
    declaration_sections: tuple[DeclarationSection, ...] = ()
    language: Language = "vi"
    place_name: str | None = None
    declaration_title: str | None = None
    form_code: str | None = None
    tracking_url_template: str = ""

    def __post_init__(self) -> None:
        # Validates the reference and dossier code formats.
        tracking_payload_for(self.local_reference, self.dossier_code)
        for field in (
            "procedure_id",
            "procedure_title",
            "agency_name",
            "receiving_unit",
            "citizen_name",
            "citizen_address",
            "collect_at",
        ):
            _require_text(getattr(self, field), field)
        for field in (
            "citizen_phone",
            "citizen_email",
            "place_name",
            "declaration_title",
            "form_code",
        ):
            _require_text(getattr(self, field), field, optional=True)
        if not isinstance(self.documents, tuple) or not all(
            isinstance(item, DocumentItem) for item in self.documents
        ):
            raise _fail("documents", "Danh sách giấy tờ của hồ sơ không hợp lệ.")
        if len(self.documents) > MAX_DOCUMENT_ITEMS:
            raise _fail("documents", f"Một hồ sơ có tối đa {MAX_DOCUMENT_ITEMS} loại giấy tờ.")
        _require_count(self.sets, "sets", 1, 99)
        _require_count(self.processing_days, "processing_days", 0, 365)
        _require_count(self.fee_amount, "fee_amount", 0, 10**12)
        if not isinstance(self.received_at, datetime):
            raise _fail("received_at", "Thời điểm tiếp nhận hồ sơ không hợp lệ.")
        if isinstance(self.ready_on, datetime) or not isinstance(self.ready_on, date):
            raise _fail("ready_on", "Ngày hẹn trả kết quả không hợp lệ.")
        if self.ready_on < self.received_at.date():
            raise _fail("ready_on", "Ngày hẹn trả kết quả không được trước ngày tiếp nhận.")
        if not isinstance(self.training, bool):
            raise _fail("training", "Chế độ dùng thử phải là đúng hoặc sai.")
        if self.language not in _LANGUAGES:
            raise _fail("language", "Ngôn ngữ của giấy tờ chỉ có thể là tiếng Việt hoặc tiếng Anh.")
        if not isinstance(self.declaration_sections, tuple) or not all(
            isinstance(section, DeclarationSection) for section in self.declaration_sections
        ):
            raise _fail("declaration_sections", "Nội dung tờ khai không hợp lệ.")
        if sum(len(section.rows) for section in self.declaration_sections) > MAX_DECLARATION_ROWS:
            raise _fail("declaration_sections", "Tờ khai có quá nhiều dòng.")

    @property
    def tracking_payload(self) -> str:
        """What the tracking QR encodes: the tracking URL, or ``CDKV:<ref>[/<code>]``
        without a template (see :mod:`kiosk.documents.tracking`)."""
        return tracking_payload_for(
            self.local_reference, self.dossier_code, self.tracking_url_template
        )
