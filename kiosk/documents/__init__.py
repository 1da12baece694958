"""Receipts and filled declaration forms as PDF, and the QR codes they carry.

Pure functions from a :class:`CaseSnapshot` to PDF bytes: nothing here reads
the database or imports Qt. Fonts come from ``assets/fonts`` (Be Vietnam Pro,
SIL OFL 1.1), the holiday calendar from ``assets/holidays``.
"""

from kiosk.documents.assets import asset_dir, font_dir, holidays_file
from kiosk.documents.declaration import declaration_title, render_declaration
from kiosk.documents.errors import DocumentDataError
from kiosk.documents.fonts import FontSet, drawable_text, register_fonts
from kiosk.documents.output import save_pdf
from kiosk.documents.qr import qr_matrix, qr_png
from kiosk.documents.receipt import Paper, render_receipt
from kiosk.documents.snapshot import (
    CaseSnapshot,
    DeclarationRow,
    DeclarationSection,
    DeclarationTable,
    DocumentItem,
)
from kiosk.documents.tracking import (
    TrackingReference,
    parse_tracking_payload,
    tracking_payload_for,
)
from kiosk.documents.working_days import (
    HolidayCalendar,
    add_working_days,
    load_holiday_calendar,
)

__all__ = [
    "CaseSnapshot",
    "DeclarationRow",
    "DeclarationSection",
    "DeclarationTable",
    "DocumentDataError",
    "DocumentItem",
    "FontSet",
    "HolidayCalendar",
    "Paper",
    "TrackingReference",
    "add_working_days",
    "asset_dir",
    "declaration_title",
    "drawable_text",
    "font_dir",
    "holidays_file",
    "load_holiday_calendar",
    "parse_tracking_payload",
    "qr_matrix",
    "qr_png",
    "register_fonts",
    "render_declaration",
    "render_receipt",
    "save_pdf",
    "tracking_payload_for",
]
