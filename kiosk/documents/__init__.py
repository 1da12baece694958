"""Receipts and filled declaration forms as PDF, and the QR codes they carry.

Pure functions from a :class:`CaseSnapshot` to PDF bytes: nothing here reads
the database or imports Qt. Fonts come from ``assets/fonts`` (Be Vietnam Pro,
SIL OFL 1.1), the ward's holiday exceptions from ``assets/holidays`` (the national calendar
from the ``holidays`` package).
"""

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_attributes

# Names load on first use: the welcome screen only needs a date label, not reportlab
# (about 0.3 s of start-up). Type checkers see the real imports below.
if TYPE_CHECKING:
    from kiosk.documents.assets import asset_dir, font_dir, ward_exceptions_file
    from kiosk.documents.declaration import declaration_title, render_declaration
    from kiosk.documents.draft_slip import DraftSlip, render_draft_slip
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
        CalendarRangeError,
        HolidayCalendar,
        add_working_days,
        load_holiday_calendar,
    )

_LAZY = {
    "CaseSnapshot": "kiosk.documents.snapshot",
    "DeclarationRow": "kiosk.documents.snapshot",
    "DeclarationSection": "kiosk.documents.snapshot",
    "DeclarationTable": "kiosk.documents.snapshot",
    "DocumentDataError": "kiosk.documents.errors",
    "DraftSlip": "kiosk.documents.draft_slip",
    "DocumentItem": "kiosk.documents.snapshot",
    "FontSet": "kiosk.documents.fonts",
    "CalendarRangeError": "kiosk.documents.working_days",
    "HolidayCalendar": "kiosk.documents.working_days",
    "Paper": "kiosk.documents.receipt",
    "TrackingReference": "kiosk.documents.tracking",
    "add_working_days": "kiosk.documents.working_days",
    "asset_dir": "kiosk.documents.assets",
    "declaration_title": "kiosk.documents.declaration",
    "drawable_text": "kiosk.documents.fonts",
    "font_dir": "kiosk.documents.assets",
    "ward_exceptions_file": "kiosk.documents.assets",
    "load_holiday_calendar": "kiosk.documents.working_days",
    "parse_tracking_payload": "kiosk.documents.tracking",
    "qr_matrix": "kiosk.documents.qr",
    "qr_png": "kiosk.documents.qr",
    "register_fonts": "kiosk.documents.fonts",
    "render_declaration": "kiosk.documents.declaration",
    "render_draft_slip": "kiosk.documents.draft_slip",
    "render_receipt": "kiosk.documents.receipt",
    "save_pdf": "kiosk.documents.output",
    "tracking_payload_for": "kiosk.documents.tracking",
}


__getattr__ = lazy_attributes(__name__, _LAZY, globals())


__all__ = [
    "CalendarRangeError",
    "CaseSnapshot",
    "DeclarationRow",
    "DeclarationSection",
    "DeclarationTable",
    "DocumentDataError",
    "DocumentItem",
    "DraftSlip",
    "FontSet",
    "HolidayCalendar",
    "Paper",
    "TrackingReference",
    "add_working_days",
    "asset_dir",
    "declaration_title",
    "drawable_text",
    "font_dir",
    "load_holiday_calendar",
    "parse_tracking_payload",
    "qr_matrix",
    "qr_png",
    "register_fonts",
    "render_declaration",
    "render_draft_slip",
    "render_receipt",
    "save_pdf",
    "tracking_payload_for",
    "ward_exceptions_file",
]
