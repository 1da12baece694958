"""Shared drawing pieces of the kiosk's documents.

Paragraph styles on the bundled fonts, the national header block, a form row
with dotted leaders, the one ruled table (:func:`grid_table`), the training
watermark, and one ``build_pdf`` that turns
a story of flowables into deterministic PDF bytes (same snapshot, same bytes).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError
from reportlab.platypus.flowables import HRFlowable

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.fonts import FontSet, drawable_text, register_fonts
from kiosk.documents.labels import TRAINING_WATERMARK

WATERMARK_COLOR = Color(0.75, 0.1, 0.1, alpha=0.16)
FOOTER_COLOR = Color(0.35, 0.35, 0.35)
HEADER_GREY = Color(0.9, 0.9, 0.9)
# PDF viewers and printer drivers reject pages taller than 200 inches.
MAX_PAGE_HEIGHT = 14_000.0


def para(text: str, style: ParagraphStyle, limit: int = 1000) -> Paragraph:
    """A paragraph of untrusted text: made drawable and XML-escaped."""
    return Paragraph(escape(drawable_text(text, limit)), style)


def markup(text: str, limit: int = 1000) -> str:
    """Untrusted text made drawable and escaped, for mixing into Paragraph markup."""
    return escape(drawable_text(text, limit))


def balanced_markup(text: str, font: str, size: float, width: float, limit: int = 200) -> str:
    """Escaped ``text`` broken into two lines of similar length when it does not fit one.

    Headings like "ỦY BAN NHÂN DÂN / PHƯỜNG BA ĐÌNH" read better balanced than
    with one word left alone on the second line. Text that does not fit on two
    lines is returned unbroken for the paragraph to wrap.
    """
    return "<br/>".join(escape(line) for line in balanced_lines(text, font, size, width, limit))


def balanced_lines(text: str, font: str, size: float, width: float, limit: int = 200) -> list[str]:
    """The lines of :func:`balanced_markup`, not escaped: one or two."""
    words = drawable_text(text, limit).split()
    if _measure(" ".join(words), font, size) <= width:
        return [" ".join(words)]
    best: tuple[float, int] | None = None
    for cut in range(1, len(words)):
        widest = max(
            _measure(" ".join(words[:cut]), font, size),
            _measure(" ".join(words[cut:]), font, size),
        )
        if widest <= width and (best is None or widest < best[0]):
            best = (widest, cut)
    if best is None:
        return [" ".join(words)]
    cut = best[1]
    return [" ".join(words[:cut]), " ".join(words[cut:])]


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of one document size."""

    fonts: FontSet
    body: ParagraphStyle
    body_center: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    small_italic_center: ParagraphStyle
    tiny_center: ParagraphStyle
    italic_right: ParagraphStyle
    italic_center: ParagraphStyle
    header_left: ParagraphStyle
    header_bold_center: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_header: ParagraphStyle
    justified: ParagraphStyle
    list_item: ParagraphStyle


@lru_cache(maxsize=8)
def styles_for(base_size: float) -> Styles:
    """Styles scaled from ``base_size`` points (9.5 on A5, 11.5 on A4, 8 on a roll)."""
    fonts = register_fonts()
    leading = base_size * 1.38

    def style(name: str, **overrides: Any) -> ParagraphStyle:
        values: dict[str, Any] = {
            "fontName": fonts.regular,
            "fontSize": base_size,
            "leading": leading,
            "alignment": TA_LEFT,
        }
        values.update(overrides)
        return ParagraphStyle(name=f"{name}-{base_size}", **values)

    small = base_size * 0.86
    return Styles(
        fonts=fonts,
        body=style("body", spaceAfter=base_size * 0.25),
        body_center=style("body_center", alignment=TA_CENTER),
        small=style("small", fontSize=small, leading=small * 1.3),
        small_center=style("small_center", fontSize=small, leading=small * 1.3, alignment=1),
        small_italic_center=style(
            "small_italic_center",
            fontName=fonts.italic,
            fontSize=small,
            leading=small * 1.3,
            alignment=TA_CENTER,
        ),
        tiny_center=style(
            "tiny_center", fontSize=base_size * 0.78, leading=base_size, alignment=TA_CENTER
        ),
        italic_right=style("italic_right", fontName=fonts.italic, alignment=TA_RIGHT),
        italic_center=style("italic_center", fontName=fonts.italic, alignment=TA_CENTER),
        header_left=style(
            "header_left", fontSize=base_size * 0.95, leading=leading, alignment=TA_CENTER
        ),
        header_bold_center=style(
            "header_bold_center",
            fontName=fonts.bold,
            fontSize=base_size * 0.95,
            leading=leading,
            alignment=TA_CENTER,
        ),
        title=style(
            "title",
            fontName=fonts.bold,
            fontSize=base_size * 1.3,
            leading=base_size * 1.7,
            alignment=TA_CENTER,
            spaceBefore=base_size * 0.6,
            spaceAfter=base_size * 0.3,
        ),
        section=style(
            "section",
            fontName=fonts.bold,
            spaceBefore=base_size * 0.6,
            spaceAfter=base_size * 0.2,
        ),
        cell=style("cell", fontSize=base_size * 0.92, leading=base_size * 1.2),
        cell_center=style(
            "cell_center", fontSize=base_size * 0.92, leading=base_size * 1.2, alignment=1
        ),
        cell_header=style(
            "cell_header",
            fontName=fonts.bold,
            fontSize=base_size * 0.92,
            leading=base_size * 1.2,
            alignment=TA_CENTER,
        ),
        justified=style("justified", alignment=TA_JUSTIFY),
        list_item=style(
            "list_item",
            leftIndent=base_size * 1.6,
            firstLineIndent=-base_size * 1.0,
            spaceAfter=base_size * 0.15,
        ),
    )


def short_rule(width: float, *, space_before: float = 2.5) -> HRFlowable:
    """The short centred line drawn under the motto and the agency name.

    Inside a table cell it is centred only when the cell's ALIGN is CENTER.
    """
    return HRFlowable(
        width=width,
        thickness=0.6,
        color=black,
        hAlign="CENTER",
        spaceBefore=space_before,
        spaceAfter=4,
    )


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A TableStyle whose cell font is ours: reportlab's default would name Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts().regular), *commands])


def grid_table(
    rows: Sequence[Sequence[Any]], col_widths: Sequence[float], *, header: bool = True
) -> Table:
    """The one ruled table of every document (receipt, declaration, reports, exports).

    Thin black rules, cells centred vertically; with ``header`` the first row is
    shaded grey and repeated on each new page.
    """
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY))
    table = Table(
        [list(row) for row in rows], colWidths=list(col_widths), repeatRows=1 if header else 0
    )
    table.setStyle(table_style(*commands))
    return table


def _measure(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


class DottedFieldRow(Flowable):
    """``Label: value ..........`` as on a paper form, wrapping onto dotted lines.

    The label is in the regular face, the answer in bold; every line is filled
    with dots to the right margin, and an empty answer leaves a dotted line to
    fill by hand. Splits across pages line by line.
    """

    def __init__(
        self,
        label: str,
        value: str,
        *,
        fonts: FontSet,
        font_size: float,
        leading: float,
        lines: list[list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__()
        self.label = drawable_text(label, 300)
        self.value = drawable_text(value, 2000)
        self.fonts = fonts
        self.font_size = font_size
        self.leading = leading
        # Lines given by split() were laid out for this frame width already.
        self._lines = lines
        self._fixed = lines is not None
        self._laid_out_width: float | None = None

    def _tokens(self) -> list[tuple[str, str]]:
        tokens = [(word, self.fonts.regular) for word in self.label.split()]
        if tokens:
            last_word, font = tokens[-1]
            tokens[-1] = (last_word + ":", font)
        tokens += [(word, self.fonts.bold) for word in self.value.split()]
        return tokens

    def _break_long(self, word: str, font: str, width: float) -> list[str]:
        parts: list[str] = []
        current = ""
        for character in word:
            if current and _measure(current + character, font, self.font_size) > width:
                parts.append(current)
                current = character
            else:
                current += character
        if current:
            parts.append(current)
        return parts

    def _layout(self, width: float) -> list[list[tuple[str, str]]]:
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0.0
        for word, font in self._tokens():
            for piece in self._break_long(word, font, width * 0.98):
                text = (" " if lines[-1] else "") + piece
                piece_width = _measure(text, font, self.font_size)
                if lines[-1] and used + piece_width > width * 0.98:
                    lines.append([])
                    text, used = piece, 0.0
                    piece_width = _measure(text, font, self.font_size)
                if lines[-1] and lines[-1][-1][1] == font:
                    lines[-1][-1] = (lines[-1][-1][0] + text, font)
                else:
                    lines[-1].append((text, font))
                used += piece_width
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or (not self._fixed and self._laid_out_width != available_width):
            self._lines = self._layout(available_width)
            self._laid_out_width = available_width
        self.width = available_width
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self._lines is not None
        fitting = int(available_height // self.leading)
        if fitting < 1 or fitting >= len(self._lines):
            return []
        return [
            DottedFieldRow(
                "",
                "",
                fonts=self.fonts,
                font_size=self.font_size,
                leading=self.leading,
                lines=part,
            )
            for part in (self._lines[:fitting], self._lines[fitting:])
        ]

    def draw(self) -> None:
        assert self._lines is not None
        canvas: Canvas = self.canv
        descent = self.leading * 0.28
        for index, line in enumerate(self._lines):
            baseline = self.height - (index + 1) * self.leading + descent
            x = 0.0
            for text, font in line:
                canvas.setFont(font, self.font_size)
                canvas.drawString(x, baseline, text)
                x += _measure(text, font, self.font_size)
            start = x + self.font_size * 0.4
            if start < self.width - 2:
                canvas.saveState()
                canvas.setLineCap(1)
                canvas.setLineWidth(0.9)
                canvas.setDash([0.01, self.font_size * 0.28])
                canvas.line(start, baseline + 0.6, self.width, baseline + 0.6)
                canvas.restoreState()


def draw_watermark(canvas: Canvas, page_width: float, page_height: float) -> None:
    """The diagonal training watermark, tiled down tall pages (thermal rolls)."""
    fonts = register_fonts()
    text = TRAINING_WATERMARK
    unit_width = _measure(text, fonts.bold, 1.0)
    tile_height = page_height if page_height <= page_width * 1.6 else page_width * 1.2
    tiles = max(1, round(page_height / tile_height))
    tile_height = page_height / tiles
    angle = math.degrees(math.atan2(tile_height, page_width))
    diagonal = math.hypot(page_width, tile_height)
    size = min(64.0, diagonal * 0.8 / unit_width)
    canvas.saveState()
    canvas.setFillColor(WATERMARK_COLOR)
    canvas.setFont(fonts.bold, size)
    for tile in range(tiles):
        canvas.saveState()
        canvas.translate(page_width / 2, page_height - (tile + 0.5) * tile_height)
        canvas.rotate(angle)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()
    canvas.restoreState()


PageDecorator = Callable[[Canvas, int], None]


def build_pdf(
    story: Sequence[Flowable],
    *,
    page_size: tuple[float, float],
    margins: tuple[float, float, float, float],
    training: bool,
    title: str,
    decorate: PageDecorator | None = None,
) -> bytes:
    """Lay ``story`` out on pages of ``page_size`` and return the PDF bytes.

    ``margins`` are (left, right, top, bottom) points. Every page gets the
    training watermark first (content is drawn over it) and then ``decorate``
    (footer, page number). The output is invariant: no timestamp or random ID,
    so the same story gives the same bytes. Raises :class:`DocumentDataError`
    when something cannot be laid out.
    """
    left, right, top, bottom = margins
    width, height = page_size

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        if training:
            draw_watermark(canvas, width, height)
        if decorate is not None:
            decorate(canvas, document.page)

    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Công dân không viết",
        creator="Công dân không viết",
        invariant=1,
        # Otherwise every page names Helvetica as its starting font.
        initialFontName=register_fonts().regular,
    )
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    try:
        document.build(list(story))
    except LayoutError as error:
        raise DocumentDataError(
            "Nội dung quá dài, không dàn trang được để in.", f"Layout failed: {error}"
        ) from error
    return buffer.getvalue()


def story_height(story: Sequence[Flowable], width: float) -> float:
    """Height the flowables take in a frame of ``width`` (space between included)."""
    total = 0.0
    for index, flowable in enumerate(story):
        _, flowable_height = flowable.wrap(width, MAX_PAGE_HEIGHT)
        total += flowable_height + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total
