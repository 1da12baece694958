"""Filled declaration form (tờ khai) on A4, laid out like the paper form.

National header, the form's title, "Kính gửi" the agency, each section's rows
in the official order with dotted leaders, repeat groups as grids, the
commitment sentence and the requester's signature block. A small tracking QR
in the corner links the paper to the case at the counter.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.fonts import drawable_text
from kiosk.documents.headers import national_block
from kiosk.documents.labels import label, long_date
from kiosk.documents.layout import (
    FOOTER_COLOR,
    DottedFieldRow,
    PageDecorator,
    Styles,
    build_pdf,
    grid_table,
    markup,
    para,
    styles_for,
    table_style,
)
from kiosk.documents.qr import QRFlowable
from kiosk.documents.snapshot import CaseSnapshot, DeclarationTable

BASE_SIZE = 11.5
LEFT_MARGIN = 20 * mm
RIGHT_MARGIN = 15 * mm
TOP_MARGIN = 14 * mm
BOTTOM_MARGIN = 16 * mm


def declaration_title(snapshot: CaseSnapshot) -> str:
    """The form's title: the official one if given, else "TỜ KHAI " + procedure title."""
    if snapshot.declaration_title:
        return drawable_text(snapshot.declaration_title, 160).upper()
    prefix = label(snapshot.language, "declaration_prefix")
    return f"{prefix} {drawable_text(snapshot.procedure_title, 160).upper()}"


def _header(snapshot: CaseSnapshot, styles: Styles, width: float) -> Flowable:
    qr_size = 21 * mm
    side = 33 * mm
    qr = QRFlowable(snapshot.tracking_payload, qr_size)
    qr.hAlign = "LEFT"
    # The reference itself is in every page's footer.
    left: list[Flowable] = [qr]
    center = national_block(snapshot.language, styles)
    right: list[Flowable] = []
    if snapshot.form_code:
        code = markup(snapshot.form_code, 20)
        right.append(
            Paragraph(f"<b>{label(snapshot.language, 'form_code')} {code}</b>", styles.small_center)
        )
    table = Table([[left, center, right]], colWidths=[side, width - 2 * side, side])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return table


def _grid(table_data: DeclarationTable, styles: Styles, width: float) -> Table:
    columns = len(table_data.columns)
    number_width = width * 0.07
    other_width = (width - number_width) / columns
    rows: list[list[Flowable]] = [
        [
            Paragraph("TT", styles.cell_header),
            *(para(column, styles.cell_header, 80) for column in table_data.columns),
        ]
    ]
    for number, row in enumerate(table_data.rows, start=1):
        rows.append(
            [
                Paragraph(str(number), styles.cell_center),
                *(para(cell, styles.cell, 200) for cell in row),
            ]
        )
    return grid_table(rows, [number_width] + [other_width] * columns)


def _body(snapshot: CaseSnapshot, styles: Styles, width: float) -> list[Flowable]:
    fonts = styles.fonts
    leading = BASE_SIZE * 1.75
    story: list[Flowable] = []
    for section in snapshot.declaration_sections:
        if section.title.strip():
            story.append(para(section.title, styles.section, 200))
        for row in section.rows:
            story.append(
                DottedFieldRow(
                    row.label, row.value, fonts=fonts, font_size=BASE_SIZE, leading=leading
                )
            )
        if section.table is not None:
            story += [Spacer(1, 1.5 * mm), _grid(section.table, styles, width)]
    return story


def _signature(snapshot: CaseSnapshot, styles: Styles, width: float) -> Flowable:
    language = snapshot.language
    when = long_date(snapshot.received_at.date(), language)
    date_line = f"{markup(snapshot.place_name, 80)}, {when}" if snapshot.place_name else when
    block: list[Flowable] = [
        Paragraph(date_line, styles.italic_center),
        Paragraph(f"<b>{label(language, 'requester')}</b>", styles.body_center),
        Paragraph(label(language, "requester_hint"), styles.italic_center),
        Spacer(1, 22 * mm),
        Paragraph(f"<b>{markup(snapshot.citizen_name, 80)}</b>", styles.body_center),
    ]
    table = Table([["", block]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def _footer(snapshot: CaseSnapshot) -> PageDecorator:
    styles = styles_for(BASE_SIZE)
    reference = (
        f"{label(snapshot.language, 'local_reference')}: "
        f"{drawable_text(snapshot.local_reference, 40)}"
    )
    if snapshot.dossier_code:
        reference += f" · {label(snapshot.language, 'dossier_code')}: {snapshot.dossier_code}"
    page_word = label(snapshot.language, "page")

    def decorate(canvas: Canvas, page_number: int) -> None:
        canvas.saveState()
        canvas.setFillColor(FOOTER_COLOR)
        canvas.setFont(styles.fonts.regular, 8)
        y = BOTTOM_MARGIN - 8 * mm
        canvas.drawString(LEFT_MARGIN, y, reference)
        canvas.drawRightString(A4[0] - RIGHT_MARGIN, y, f"{page_word} {page_number}")
        canvas.restoreState()

    return decorate


def render_declaration(snapshot: CaseSnapshot) -> bytes:
    """PDF bytes (A4) of the filled declaration form for ``snapshot``.

    Rows appear exactly in the order of ``snapshot.declaration_sections``.
    Pure and deterministic like :func:`~kiosk.documents.receipt.render_receipt`.
    """
    if not isinstance(snapshot, CaseSnapshot):
        raise DocumentDataError(
            "Thiếu dữ liệu hồ sơ để in tờ khai.", "render_declaration needs a CaseSnapshot."
        )
    styles = styles_for(BASE_SIZE)
    width = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
    language = snapshot.language
    title = declaration_title(snapshot)
    story: list[Flowable] = [
        _header(snapshot, styles, width),
        Spacer(1, 3 * mm),
        Paragraph(markup(title, 200), styles.title),
        Paragraph(
            f"{label(language, 'addressed_to')}: {markup(snapshot.agency_name, 160)}",
            styles.body_center,
        ),
        Spacer(1, 3 * mm),
        *_body(snapshot, styles, width),
        Spacer(1, 3 * mm),
    ]
    commitment = Paragraph("&nbsp;" * 8 + label(language, "commitment"), styles.justified)
    story.append(KeepTogether([commitment, Spacer(1, 3 * mm), _signature(snapshot, styles, width)]))
    return build_pdf(
        story,
        page_size=A4,
        margins=(LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN),
        training=snapshot.training,
        title=title.capitalize(),
        decorate=_footer(snapshot),
    )
