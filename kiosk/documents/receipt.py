"""Receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả).

One slip per call; the caller prints two copies (one kept by the office, one
for the citizen). ``paper="A5"`` gives the official two-column header and a
documents table; ``paper="80mm"`` gives a single column for a thermal roll,
its page exactly as tall as its content.

The A5 slip is drawn by ``receipt_a5.render_a5`` straight on the canvas, the same
bytes as the A5 story here for half the work; the story draws what it declines and is
the reference it is tested against: change both together.
"""

from __future__ import annotations

from typing import Literal, get_args

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.headers import agency_block, national_block
from kiosk.documents.labels import (
    label,
    long_date,
    schedule_rows,
)
from kiosk.documents.layout import (
    MAX_PAGE_HEIGHT,
    Styles,
    balanced_markup,
    build_pdf,
    grid_table,
    markup,
    para,
    story_height,
    styles_for,
    table_style,
)
from kiosk.documents.qr import QRFlowable
from kiosk.documents.receipt_a5 import BOTTOM as A5_BOTTOM
from kiosk.documents.receipt_a5 import LEFT as A5_LEFT
from kiosk.documents.receipt_a5 import RIGHT as A5_RIGHT
from kiosk.documents.receipt_a5 import TOP as A5_TOP
from kiosk.documents.receipt_a5 import pdf_title, render_a5
from kiosk.documents.snapshot import CaseSnapshot

Paper = Literal["A5", "80mm"]
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm


def _field(name: str, value: str, styles: Styles, language: str, limit: int = 400) -> Paragraph:
    return Paragraph(f"{label(language, name)}: <b>{markup(value, limit)}</b>", styles.body)


def _numbered(number: int, name: str, value: str, styles: Styles, language: str) -> Paragraph:
    return Paragraph(f"{number}. {label(language, name)}: <b>{markup(value, 400)}</b>", styles.body)


def _reference_lines(snapshot: CaseSnapshot, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    if snapshot.dossier_code:
        dossier = f"<b>{markup(snapshot.dossier_code)}</b>"
    else:
        dossier = f"<i>({label(language, 'dossier_code_pending')})</i>"
    return [
        Paragraph(f"{label(language, 'dossier_code')}: {dossier}", styles.body_center),
        Paragraph(
            f"{label(language, 'local_reference')}: <b>{markup(snapshot.local_reference)}</b>",
            styles.body_center,
        ),
    ]


def _citizen_fields(snapshot: CaseSnapshot, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    fields: list[Flowable] = [
        _field("received_from", snapshot.citizen_name, styles, language, 200),
        _field("address", snapshot.citizen_address, styles, language),
    ]
    contact = []
    if snapshot.citizen_phone:
        contact.append(f"{label(language, 'phone')}: <b>{markup(snapshot.citizen_phone, 40)}</b>")
    if snapshot.citizen_email:
        contact.append(f"{label(language, 'email')}: <b>{markup(snapshot.citizen_email, 120)}</b>")
    if contact:
        fields.append(Paragraph("&nbsp;&nbsp;&nbsp;".join(contact), styles.body))
    fields.append(_field("request", snapshot.procedure_title, styles, language))
    return fields


def _schedule_fields(snapshot: CaseSnapshot, styles: Styles, first: int) -> list[Flowable]:
    return [
        _numbered(first + index, name, value, styles, snapshot.language)
        for index, (name, value) in enumerate(schedule_rows(snapshot))
    ]


def _date_line(snapshot: CaseSnapshot) -> str:
    when = long_date(snapshot.received_at.date(), snapshot.language)
    if snapshot.place_name:
        return f"{markup(snapshot.place_name, 80)}, {when}"
    return when[0].upper() + when[1:]


def _title(language: str, styles: Styles, width: float) -> Paragraph:
    title = styles.title
    text = label(language, "receipt_title")
    return Paragraph(balanced_markup(text, title.fontName, title.fontSize, width), title)


def _a5_header(snapshot: CaseSnapshot, styles: Styles, width: float) -> list[Flowable]:
    left_width, right_width = width * 0.42, width * 0.58
    agency = agency_block(snapshot.agency_name, snapshot.receiving_unit, styles, left_width - 4)
    header = Table(
        [[agency, national_block(snapshot.language, styles)]],
        colWidths=[left_width, right_width],
    )
    header.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return [header, Paragraph(_date_line(snapshot), styles.italic_right)]


def _documents_table(snapshot: CaseSnapshot, styles: Styles, width: float) -> Flowable:
    language = snapshot.language
    if not snapshot.documents:
        return Paragraph(f"<i>{label(language, 'no_documents')}</i>", styles.body)
    rows: list[list[Flowable]] = [
        [
            Paragraph(label(language, key), styles.cell_header)
            for key in ("col_number", "col_document", "col_form", "col_quantity")
        ]
    ]
    for number, item in enumerate(snapshot.documents, start=1):
        rows.append(
            [
                Paragraph(str(number), styles.cell_center),
                para(item.name, styles.cell, 300),
                Paragraph(label(language, item.original_or_copy), styles.cell_center),
                Paragraph(f"{item.quantity:02d}", styles.cell_center),
            ]
        )
    return grid_table(rows, [width * 0.09, width * 0.50, width * 0.28, width * 0.13])


def _qr_block(snapshot: CaseSnapshot, styles: Styles, size: float) -> list[Flowable]:
    qr = QRFlowable(snapshot.tracking_payload, size)
    qr.hAlign = "CENTER"
    return [
        qr,
        Paragraph(f"<i>{label(snapshot.language, 'scan_to_track')}</i>", styles.small_center),
        para(snapshot.local_reference, styles.tiny_center, 40),
    ]


def _signature(title: str, hint: str, name: str | None, styles: Styles) -> list[Flowable]:
    block: list[Flowable] = [
        Paragraph(f"<b>{title}</b>", styles.small_center),
        Paragraph(hint, styles.small_italic_center),
        Spacer(1, 16 * mm),
    ]
    if name:
        block.append(Paragraph(f"<b>{markup(name, 80)}</b>", styles.small_center))
    return block


def _a5_story(snapshot: CaseSnapshot, width: float) -> list[Flowable]:
    styles = styles_for(9.5)
    language = snapshot.language
    story: list[Flowable] = [
        *_a5_header(snapshot, styles, width),
        _title(language, styles, width),
        *_reference_lines(snapshot, styles),
        Spacer(1, 2 * mm),
        *_citizen_fields(snapshot, styles),
        Paragraph(f"1. {label(language, 'documents_heading')}:", styles.body),
        _documents_table(snapshot, styles, width),
        Spacer(1, 1.5 * mm),
        *_schedule_fields(snapshot, styles, first=2),
        Spacer(1, 2 * mm),
    ]
    hint = label(language, "sign_hint")
    bottom = Table(
        [
            [
                _qr_block(snapshot, styles, 27 * mm),
                _signature(label(language, "submitter"), hint, snapshot.citizen_name, styles),
                _signature(label(language, "receiver"), hint, None, styles),
            ]
        ],
        colWidths=[width * 0.36, width * 0.32, width * 0.32],
    )
    bottom.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        )
    )
    story += [
        KeepTogether([bottom, Paragraph(label(language, "bring_slip"), styles.small_italic_center)])
    ]
    return story


def _roll_story(snapshot: CaseSnapshot, width: float) -> list[Flowable]:
    styles = styles_for(8.0)
    language = snapshot.language
    story: list[Flowable] = [
        *agency_block(snapshot.agency_name, snapshot.receiving_unit, styles, width),
        Spacer(1, 2),
        *national_block(language, styles),
        Paragraph(_date_line(snapshot), styles.small_italic_center),
        _title(language, styles, width),
        *_reference_lines(snapshot, styles),
        HRFlowable(width="100%", thickness=0.5, dash=[2, 2], spaceBefore=3, spaceAfter=3),
        *_citizen_fields(snapshot, styles),
        Paragraph(f"1. {label(language, 'documents_heading')}:", styles.body),
    ]
    if not snapshot.documents:
        story.append(Paragraph(f"<i>{label(language, 'no_documents')}</i>", styles.body))
    for number, item in enumerate(snapshot.documents, start=1):
        story.append(
            Paragraph(
                f"{number}) {markup(item.name, 300)} "
                f"({label(language, item.original_or_copy)}) × {item.quantity}",
                styles.list_item,
            )
        )
    story += _schedule_fields(snapshot, styles, first=2)
    story.append(HRFlowable(width="100%", thickness=0.5, dash=[2, 2], spaceBefore=3, spaceAfter=4))
    story += _qr_block(snapshot, styles, 40 * mm)
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(label(language, "bring_slip"), styles.small_italic_center))
    return story


def render_receipt(snapshot: CaseSnapshot, paper: Paper = "A5") -> bytes:
    """PDF bytes of the receipt and appointment slip for ``snapshot``.

    Pure: reads nothing but its arguments and the bundled fonts; the same
    snapshot gives the same bytes. Raises :class:`DocumentDataError` for an
    unknown ``paper`` or content that cannot be laid out.
    """
    if not isinstance(snapshot, CaseSnapshot):
        raise DocumentDataError(
            "Thiếu dữ liệu hồ sơ để in giấy hẹn.", "render_receipt needs a CaseSnapshot."
        )
    if paper not in get_args(Paper):
        raise DocumentDataError(
            "Khổ giấy in phải là A5 hoặc cuộn 80 mm.", f"Unknown paper {paper!r}."
        )
    if paper == "A5":
        # Drawn straight on the canvas (kiosk/documents/receipt_a5.py): the bytes of the
        # story below for half the work; the story for what only platypus lays out.
        direct = render_a5(snapshot)
        return direct if direct is not None else a5_story_pdf(snapshot)
    story = _roll_story(snapshot, ROLL_WIDTH - 2 * ROLL_MARGIN)
    return roll_pdf(story, training=snapshot.training, title=pdf_title(snapshot))


def a5_story_pdf(snapshot: CaseSnapshot) -> bytes:
    """The A5 receipt laid out by platypus.

    It draws the receipts the canvas path declines (a word wider than its line, more
    than a page) and is the reference that path is held to, byte for byte
    (``tests/documents/test_documents_receipt_canvas.py``).
    """
    width = A5[0] - A5_LEFT - A5_RIGHT
    return build_pdf(
        _a5_story(snapshot, width),
        page_size=A5,
        margins=(A5_LEFT, A5_RIGHT, A5_TOP, A5_BOTTOM),
        training=snapshot.training,
        title=pdf_title(snapshot),
    )


def roll_pdf(story: list[Flowable], *, training: bool, title: str) -> bytes:
    """``story`` on an 80 mm roll, the page as long as the story (at least 80 mm)."""
    width = ROLL_WIDTH - 2 * ROLL_MARGIN
    vertical_margin = 5 * mm
    # Slack absorbs rounding between this measurement and the real layout.
    height = story_height(story, width) + 2 * vertical_margin + 12
    page_height = min(max(height, 80 * mm), MAX_PAGE_HEIGHT)
    return build_pdf(
        story,
        page_size=(ROLL_WIDTH, page_height),
        margins=(ROLL_MARGIN, ROLL_MARGIN, vertical_margin, vertical_margin),
        training=training,
        title=title,
    )
