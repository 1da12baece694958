"""A one-page A4 report of counts for the ward's files (the day's report).

Drawing only: the caller decides the tables and their titles; nothing here reads
the database. Counts only, so a citizen can never appear on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kiosk.documents.layout import build_pdf, grid_table, markup, para, styles_for

BASE_SIZE = 10.5
MARGINS = (20 * mm, 20 * mm, 20 * mm, 20 * mm)


@dataclass(frozen=True)
class CountTable:
    """One titled table: a row per key with its count, and the total under them."""

    title: str
    counts: Sequence[tuple[str, int]]


def render_counts_report(
    *,
    agency_name: str,
    kiosk_number: int,
    title: str,
    day: dt.date,
    tables: Sequence[CountTable],
    notes: Sequence[str] = (),
) -> bytes:
    """The report as PDF bytes (deterministic: the same input gives the same bytes)."""
    styles = styles_for(BASE_SIZE)
    number = ParagraphStyle("count", parent=styles.cell, alignment=TA_RIGHT)
    number_header = ParagraphStyle("count_header", parent=styles.cell_header, alignment=TA_RIGHT)
    width = A4[0] - MARGINS[0] - MARGINS[1]
    story: list[Flowable] = [
        para(agency_name.upper(), styles.body, 200),
        Paragraph(f"Ki-ốt số {kiosk_number}", styles.body),
        Spacer(1, 6 * mm),
        para(title.upper(), styles.title, 200),
        Paragraph(f"Ngày {day:%d/%m/%Y}", styles.body_center),
        Spacer(1, 4 * mm),
    ]
    for table in tables:
        rows: list[list[Flowable]] = [
            [Paragraph("", styles.cell), Paragraph("Số lượng", number_header)]
        ]
        rows += [
            [para(key, styles.cell, 200), Paragraph(str(count), number)]
            for key, count in table.counts
        ]
        total = sum(count for _, count in table.counts)
        rows.append(
            [Paragraph("<b>Tổng cộng</b>", styles.cell), Paragraph(f"<b>{total}</b>", number)]
        )
        story += [
            Paragraph(markup(table.title, 200), styles.section),
            grid_table(rows, [width * 0.8, width * 0.2]),
        ]
    story.append(Spacer(1, 4 * mm))
    story += [para(note, styles.body, 500) for note in notes]
    return build_pdf(story, page_size=A4, margins=MARGINS, training=False, title=title)
