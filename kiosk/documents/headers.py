"""The header blocks of an official Vietnamese document.

Left: the issuing agency over its unit; right (or centred): the national name
and motto, each underlined by a short rule, as Decree 30/2020/NĐ-CP lays out
administrative documents.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from kiosk.documents.labels import NATIONAL_HEADER_EN, NATIONAL_MOTTO, NATIONAL_NAME
from kiosk.documents.layout import Styles, balanced_markup, short_rule


def agency_block(
    agency_name: str, receiving_unit: str, styles: Styles, width: float
) -> list[Flowable]:
    """Agency name (upper case) over its receiving unit (bold), balanced, with a rule."""
    agency = styles.header_left
    unit = styles.header_bold_center
    return [
        Paragraph(
            balanced_markup(agency_name.upper(), agency.fontName, agency.fontSize, width),
            agency,
        ),
        Paragraph(
            balanced_markup(receiving_unit.upper(), unit.fontName, unit.fontSize, width),
            unit,
        ),
        short_rule(width * 0.3),
    ]


def national_block(language: str, styles: Styles) -> list[Flowable]:
    """The national name and motto, the motto underlined by a rule of its width."""
    motto = styles.header_bold_center
    block: list[Flowable] = [
        Paragraph(NATIONAL_NAME, motto),
        Paragraph(NATIONAL_MOTTO, motto),
        short_rule(stringWidth(NATIONAL_MOTTO, motto.fontName, motto.fontSize)),
    ]
    if language == "en":
        block.append(Paragraph(NATIONAL_HEADER_EN, styles.small_italic_center))
    return block
