"""The A5 receipt drawn straight on the canvas: the page platypus made, for half the work.

``kiosk.documents.receipt`` describes the receipt as a platypus story; laying that
story out (parsing each paragraph's markup, breaking lines through platypus's general
machinery, measuring the tables at wrap and again at draw) was most of a receipt's
time (docs/performance.md, issue 19). Here the same blocks are measured once with
:mod:`kiosk.documents.canvas_text` and placed as platypus's frame and tables place them
(the same spacing rules, the same float arithmetic), with the same canvas calls: the
PDF is byte for byte the one the story gives (``tests/documents/test_documents_receipt_canvas.py``).

What does not fit one page, or holds a word wider than its line, returns ``None``:
:func:`kiosk.documents.receipt.render_receipt` then builds the story, which can break
words and pages.

The story stays the reference: a change to what the A5 receipt says or how it is laid
out is made in both (``receipt._a5_story`` and :class:`_Receipt` here), and the tests
that compare the two fail until they agree.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.documents.canvas_text import (
    Run,
    TextBlock,
    break_run,
    draw_block,
    layout,
    markup_runs,
    text_runs,
)
from kiosk.documents.fonts import drawable_text
from kiosk.documents.labels import (
    NATIONAL_HEADER_EN,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    label,
    long_date,
    schedule_rows,
)
from kiosk.documents.layout import HEADER_GREY, Styles, balanced_lines, draw_watermark, styles_for
from kiosk.documents.qr import draw_qr, qr_matrix
from kiosk.documents.snapshot import CaseSnapshot

LEFT = RIGHT = 12 * mm
TOP = BOTTOM = 10 * mm
AUTHOR = "Công dân không viết"


class _Box(Protocol):
    """What a frame or a table cell places: a flowable after ``wrap``."""

    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def space_before(self) -> float: ...
    @property
    def space_after(self) -> float: ...
    def draw(self, canvas: Canvas, x: float, y: float) -> None: ...


class _TooHard(Exception):
    """Something platypus would split (a long word, a page): let it do the whole receipt."""


@dataclass(slots=True)
class _Text:
    block: TextBlock

    @property
    def width(self) -> float:
        return self.block.width

    @property
    def height(self) -> float:
        return self.block.height

    @property
    def space_before(self) -> float:
        return self.block.space_before

    @property
    def space_after(self) -> float:
        return self.block.space_after

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        draw_block(canvas, self.block, x, y)


@dataclass(slots=True)
class _Spacer:
    """platypus ``Spacer(1, height)``: takes room, draws nothing."""

    height: float
    width: float = 1.0
    space_before: float = 0.0
    space_after: float = 0.0

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.restoreState()


@dataclass(slots=True)
class _Rule:
    """``layout.short_rule``: an HRFlowable 0.6 pt thick, round caps."""

    width: float
    space_before: float = 2.5
    height: float = 0.6
    space_after: float = 4.0

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.saveState()
        canvas.setLineWidth(self.height)
        canvas.setLineCap(1)
        canvas.setStrokeColor(black)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()
        canvas.restoreState()


@dataclass(slots=True)
class _QR:
    matrix: tuple[tuple[bool, ...], ...]
    size: float
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def width(self) -> float:
        return self.size

    @property
    def height(self) -> float:
        return self.size

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        draw_qr(canvas, self.matrix, self.size)
        canvas.restoreState()


@dataclass(slots=True)
class _CellStyle:
    valign: str = "BOTTOM"
    align: str = "LEFT"
    left: float = 6.0
    right: float = 6.0
    top: float = 3.0
    bottom: float = 3.0


@dataclass(slots=True)
class _Table:
    """A platypus ``Table`` of flowable cells: geometry as ``_calc_height`` and
    ``_listCellGeom`` compute it, drawn as ``Table.draw`` and ``_drawCell`` draw it."""

    cells: list[list[list[_Box]]]
    col_widths: list[float]
    style: _CellStyle
    grid: bool = False
    header_background: Color | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    col_positions: list[float] = field(default_factory=list)
    row_positions: list[float] = field(default_factory=list)
    row_heights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        width = 0.0
        self.col_positions = [0.0]
        for column_width in self.col_widths:
            width = width + column_width
            self.col_positions.append(width)
        style = self.style
        self.row_heights = [
            max(
                (_cell_height(cell) + style.bottom + style.top for cell in row),
                default=0.0,
            )
            for row in self.cells
        ]
        # Table._calc_height: row positions summed from the bottom, compensated.
        positions: list[float] = []
        height = compensation = 0.0
        for row_height in reversed(self.row_heights):
            positions.append(height)
            step = row_height - compensation
            total = height + step
            compensation = (total - height) - step
            height = total
        positions.append(height)
        positions.reverse()
        self.row_positions = positions

    @property
    def width(self) -> float:
        return self.col_positions[-1]

    @property
    def height(self) -> float:
        return self.row_positions[0]

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.saveState()
        if self.header_background is not None:
            canvas.setFillColor(self.header_background)
            top = self.row_positions[0]
            canvas.rect(0, top, self.width, self.row_positions[1] - top, stroke=0, fill=1)
        canvas.setFillColor(black)
        for row, row_position, row_height in zip(
            self.cells, self.row_positions[1:], self.row_heights, strict=True
        ):
            for cell, column_position, column_width in zip(
                row, self.col_positions[:-1], self.col_widths, strict=True
            ):
                self._draw_cell(
                    canvas, cell, column_position, row_position, column_width, row_height
                )
        canvas.saveState()
        if self.grid:
            self._draw_grid(canvas)
        canvas.restoreState()
        canvas.restoreState()
        canvas.restoreState()

    def _draw_cell(
        self,
        canvas: Canvas,
        cell: list[_Box],
        column_position: float,
        row_position: float,
        column_width: float,
        row_height: float,
    ) -> None:
        style = self.style
        content_height = _cell_height(cell)
        if style.valign == "TOP":
            y = row_position + row_height - style.top
        elif style.valign == "MIDDLE":
            y = row_position + (row_height + style.bottom - style.top + content_height) / 2.0
        else:
            y = row_position + style.bottom + content_height
        if cell:
            y += cell[0].space_before
        for box in cell:
            if style.align == "CENTER":
                x = column_position + (column_width + style.left - style.right - box.width) / 2.0
            else:
                x = column_position + style.left
            y -= box.space_before
            y -= box.height
            box.draw(canvas, x, y)
            y -= box.space_after

    def _draw_grid(self, canvas: Canvas) -> None:
        """``("GRID", (0, 0), (-1, -1), 0.5, black)``: the box, then the inner rules."""
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        canvas.setStrokeColor(black)
        canvas.setLineWidth(0.5)
        left, right = self.col_positions[0], self.col_positions[-1]
        top, bottom = self.row_positions[0], self.row_positions[-1]
        canvas.line(left, top, right, top)
        canvas.line(left, bottom, right, bottom)
        canvas.line(left, bottom, left, top)
        canvas.line(right, bottom, right, top)
        for y in self.row_positions[1:-1]:
            canvas.line(left, y, right, y)
        for x in self.col_positions[1:-1]:
            canvas.line(x, bottom, x, top)


def _cell_height(cell: Sequence[_Box]) -> float:
    """``Table._listCellGeom``: heights and spaces, less the first space before and last after."""
    if not cell:
        return 0.0
    total = 0.0
    for box in cell:
        total += box.height + box.space_after + box.space_before
    return total - cell[0].space_before - cell[-1].space_after


class _Receipt:
    """The blocks of one A5 receipt, in the order the story had them."""

    def __init__(self, snapshot: CaseSnapshot, styles: Styles, width: float) -> None:
        self.snapshot = snapshot
        self.styles = styles
        self.width = width
        fonts = styles.fonts
        self.regular, self.bold, self.italic = fonts.regular, fonts.bold, fonts.italic

    def text(self, runs: list[Run], style: ParagraphStyle, width: float | None = None) -> _Text:
        block = layout(runs, style, self.width if width is None else width)
        if block is None:
            raise _TooHard
        return _Text(block)

    def plain(self, text: str, style: ParagraphStyle, width: float | None = None) -> _Text:
        """A paragraph of markup-free ``text`` (labels): one fragment."""
        return self.text(text_runs(text, str(style.fontName)), style, width)

    def balanced(self, text: str, style: ParagraphStyle, width: float, cell: float) -> _Text:
        """``layout.balanced_markup`` in ``style``, laid out in a cell ``cell`` wide."""
        font = str(style.fontName)
        lines = balanced_lines(text, font, float(style.fontSize), width)
        runs = text_runs(lines[0], font)
        for line in lines[1:]:
            runs += [break_run(font), *text_runs(line, font)]
        return self.text(runs, style, cell)

    def blocks(self) -> list[_Box]:
        snapshot, styles = self.snapshot, self.styles
        language = snapshot.language
        blocks: list[_Box] = [
            self.header(),
            self.plain(self.date_line(), styles.italic_right),
            self.balanced(label(language, "receipt_title"), styles.title, self.width, self.width),
            *self.reference_lines(),
            _Spacer(2 * mm),
            *self.citizen_fields(),
            self.plain(f"1. {label(language, 'documents_heading')}:", styles.body),
            self.documents(),
            _Spacer(1.5 * mm),
            *self.schedule_fields(first=2),
            _Spacer(2 * mm),
            self.bottom(),
            self.plain(label(language, "bring_slip"), styles.small_italic_center),
        ]
        return blocks

    def header(self) -> _Table:
        snapshot, styles = self.snapshot, self.styles
        left_width, right_width = self.width * 0.42, self.width * 0.58
        agency_width = left_width - 4
        agency: list[_Box] = [
            self.balanced(
                snapshot.agency_name.upper(), styles.header_left, agency_width, left_width
            ),
            self.balanced(
                snapshot.receiving_unit.upper(),
                styles.header_bold_center,
                agency_width,
                left_width,
            ),
            _Rule(min(agency_width * 0.3, left_width)),
        ]
        motto = styles.header_bold_center
        national: list[_Box] = [
            self.plain(NATIONAL_NAME, motto, right_width),
            self.plain(NATIONAL_MOTTO, motto, right_width),
            _Rule(
                min(
                    stringWidth(NATIONAL_MOTTO, str(motto.fontName), float(motto.fontSize)),
                    right_width,
                )
            ),
        ]
        if snapshot.language == "en":
            national.append(self.plain(NATIONAL_HEADER_EN, styles.small_italic_center, right_width))
        return _Table(
            [[agency, national]],
            [left_width, right_width],
            _CellStyle(valign="TOP", align="CENTER", left=0, right=0),
        )

    def date_line(self) -> str:
        snapshot = self.snapshot
        when = long_date(snapshot.received_at.date(), snapshot.language)
        if snapshot.place_name:
            return f"{drawable_text(snapshot.place_name, 80)}, {when}"
        return when[0].upper() + when[1:]

    def field(self, prefix: str, value: str, limit: int) -> _Text:
        return self.text(
            markup_runs((f"{prefix}: ", self.regular), (drawable_text(value, limit), self.bold)),
            self.styles.body,
        )

    def reference_lines(self) -> list[_Box]:
        snapshot, styles = self.snapshot, self.styles
        language = snapshot.language
        if snapshot.dossier_code:
            dossier = (drawable_text(snapshot.dossier_code), self.bold)
        else:
            dossier = (f"({label(language, 'dossier_code_pending')})", self.italic)
        return [
            self.text(
                markup_runs((f"{label(language, 'dossier_code')}: ", self.regular), dossier),
                styles.body_center,
            ),
            self.text(
                markup_runs(
                    (f"{label(language, 'local_reference')}: ", self.regular),
                    (drawable_text(snapshot.local_reference), self.bold),
                ),
                styles.body_center,
            ),
        ]

    def citizen_fields(self) -> list[_Box]:
        snapshot = self.snapshot
        language = snapshot.language
        fields: list[_Box] = [
            self.field(label(language, "received_from"), snapshot.citizen_name, 200),
            self.field(label(language, "address"), snapshot.citizen_address, 400),
        ]
        contact: list[list[tuple[str, str]]] = []
        if snapshot.citizen_phone:
            contact.append(
                [
                    (f"{label(language, 'phone')}: ", self.regular),
                    (drawable_text(snapshot.citizen_phone, 40), self.bold),
                ]
            )
        if snapshot.citizen_email:
            contact.append(
                [
                    (f"{label(language, 'email')}: ", self.regular),
                    (drawable_text(snapshot.citizen_email, 120), self.bold),
                ]
            )
        if contact:
            # The parts joined by "&nbsp;&nbsp;&nbsp;".
            separator = [("\xa0\xa0\xa0", self.regular)]
            parts = [
                part
                for index, pair in enumerate(contact)
                for part in (separator if index else []) + pair
            ]
            fields.append(self.text(markup_runs(*parts), self.styles.body))
        fields.append(self.field(label(language, "request"), snapshot.procedure_title, 400))
        return fields

    def schedule_fields(self, first: int) -> list[_Box]:
        language = self.snapshot.language
        return [
            self.field(f"{first + index}. {label(language, name)}", value, 400)
            for index, (name, value) in enumerate(schedule_rows(self.snapshot))
        ]

    def documents(self) -> _Box:
        snapshot, styles = self.snapshot, self.styles
        language = snapshot.language
        if not snapshot.documents:
            return self.text(text_runs(label(language, "no_documents"), self.italic), styles.body)
        widths = [self.width * 0.09, self.width * 0.50, self.width * 0.28, self.width * 0.13]
        cell = _CellStyle(valign="MIDDLE", top=2, bottom=3)
        inner = [width - cell.left - cell.right for width in widths]
        rows: list[list[list[_Box]]] = [
            [
                [self.plain(label(language, key), styles.cell_header, inner[index])]
                for index, key in enumerate(
                    ("col_number", "col_document", "col_form", "col_quantity")
                )
            ]
        ]
        for number, item in enumerate(snapshot.documents, start=1):
            rows.append(
                [
                    [self.plain(str(number), styles.cell_center, inner[0])],
                    [
                        self.text(
                            text_runs(drawable_text(item.name, 300), self.regular),
                            styles.cell,
                            inner[1],
                        )
                    ],
                    [
                        self.plain(
                            label(language, item.original_or_copy), styles.cell_center, inner[2]
                        )
                    ],
                    [self.plain(f"{item.quantity:02d}", styles.cell_center, inner[3])],
                ]
            )
        return _Table(rows, widths, cell, grid=True, header_background=HEADER_GREY)

    def bottom(self) -> _Table:
        snapshot, styles = self.snapshot, self.styles
        language = snapshot.language
        widths = [self.width * 0.36, self.width * 0.32, self.width * 0.32]
        cell = _CellStyle(valign="TOP", left=1, right=1)
        inner = [width - cell.left - cell.right for width in widths]
        qr: list[_Box] = [
            _QR(qr_matrix(snapshot.tracking_payload), 27 * mm),
            self.text(
                text_runs(label(language, "scan_to_track"), self.italic),
                styles.small_center,
                inner[0],
            ),
            self.text(
                text_runs(drawable_text(snapshot.local_reference, 40), self.regular),
                styles.tiny_center,
                inner[0],
            ),
        ]
        hint = label(language, "sign_hint")
        return _Table(
            [
                [
                    qr,
                    self.signature(
                        label(language, "submitter"), hint, snapshot.citizen_name, inner[1]
                    ),
                    self.signature(label(language, "receiver"), hint, None, inner[2]),
                ]
            ],
            widths,
            cell,
        )

    def signature(self, title: str, hint: str, name: str | None, width: float) -> list[_Box]:
        styles = self.styles
        block: list[_Box] = [
            self.text(text_runs(title, self.bold), styles.small_center, width),
            self.plain(hint, styles.small_italic_center, width),
            _Spacer(16 * mm),
        ]
        if name:
            block.append(
                self.text(text_runs(drawable_text(name, 80), self.bold), styles.small_center, width)
            )
        return block


def _place(blocks: list[_Box], left: float, top: float, bottom: float, width: float) -> list[float]:
    """``Frame._add`` for each block: the y of each, or :class:`_TooHard` past the bottom."""
    y = top
    at_top = True
    previous_after = 0.0
    positions: list[float] = []
    for box in blocks:
        space = 0.0
        if not at_top:
            space = max(box.space_before - previous_after, 0.0)
        height = box.height + space
        y_before = y
        y -= height
        if y < bottom - rl_config._FUZZ:
            raise _TooHard
        positions.append(y)
        y -= box.space_after
        previous_after = box.space_after
        if y != y_before:
            at_top = False
    return positions


def pdf_title(snapshot: CaseSnapshot) -> str:
    """The PDF's title: the receipt's heading in sentence case."""
    return label(snapshot.language, "receipt_title").capitalize()


def render_a5(snapshot: CaseSnapshot) -> bytes | None:
    """The A5 receipt's PDF bytes, or ``None`` when it needs what only platypus does."""
    page_width, page_height = A5
    width = page_width - LEFT - RIGHT
    styles = styles_for(9.5)
    if not rl_config.overlapAttachedSpace:  # the frame's spacing rule mirrored in _place
        return None
    try:
        blocks = _Receipt(snapshot, styles, width).blocks()
        frame_height = page_height - TOP - BOTTOM
        positions = _place(blocks, LEFT, BOTTOM + frame_height, BOTTOM, width)
    except _TooHard:
        return None
    buffer = io.BytesIO()
    # As layout.build_pdf's document template makes its canvas: same bytes.
    options: dict[str, Any] = {"initialFontName": styles.fonts.regular}  # stub: a float
    canvas = Canvas(buffer, pagesize=A5, invariant=1, pageCompression=None, **options)
    canvas.setAuthor(AUTHOR)
    canvas.setTitle(pdf_title(snapshot))
    canvas.setSubject(None)  # "(unspecified)", as the template writes it
    canvas.setCreator(AUTHOR)
    if snapshot.training:
        draw_watermark(canvas, page_width, page_height)
    for box, y in zip(blocks, positions, strict=True):
        # Frame.add: a flowable narrower than the frame is centred if it asks (tables do).
        x = LEFT
        slack = width - box.width
        if slack and isinstance(box, _Table):
            x += 0.5 * slack
        box.draw(canvas, x, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
