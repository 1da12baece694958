"""The draft slip (Phiếu hồ sơ đang làm): what a citizen leaving a draft takes away.

A small slip, one copy, printed when a citizen walks away from a draft or ends the
session with one: the resume code in large letters and as a QR (the resume screen
reads it), the procedure, the step reached, the last day the draft is kept and how
to come back. It carries no name, ID number or answer: whoever finds it learns no
more than which procedure was started. The caller decides what it says
(:class:`DraftSlip`, built by :mod:`kiosk.cases.draft_slip`); nothing here reads
the store or imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.labels import label, short_date
from kiosk.documents.layout import build_pdf, markup, styles_for
from kiosk.documents.qr import QRFlowable
from kiosk.documents.receipt import Paper, roll_pdf


@dataclass(frozen=True)
class DraftSlip:
    """Everything the slip prints, already in ``language`` (``"vi"`` or ``"en"``)."""

    resume_code: str
    """For people: ``ABCD-123``."""
    qr_payload: str
    procedure_title: str
    step_reached: str
    expires_on: dt.date
    come_back: str
    language: str = "vi"
    agency_name: str = ""
    training: bool = False


def _story(slip: DraftSlip, base_size: float, qr_size: float) -> list[Flowable]:
    styles = styles_for(base_size)
    language = slip.language
    code_style = styles.title.clone(
        "draft-slip-code",
        fontSize=base_size * 2.6,
        leading=base_size * 3.2,
        spaceBefore=0,
        spaceAfter=base_size * 0.4,
    )

    def field(key: str, value: str) -> Paragraph:
        return Paragraph(f"{label(language, key)}: <b>{markup(value, 300)}</b>", styles.body)

    qr = QRFlowable(slip.qr_payload, qr_size)
    qr.hAlign = "CENTER"
    story: list[Flowable] = []
    if slip.agency_name:
        story.append(Paragraph(markup(slip.agency_name, 120), styles.header_bold_center))
    story += [
        Paragraph(label(language, "draft_slip_title"), styles.title),
        Paragraph(label(language, "resume_code"), styles.body_center),
        Paragraph(markup(slip.resume_code, 20), code_style),
        qr,
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.5, dash=[2, 2], spaceBefore=2, spaceAfter=4),
        field("procedure", slip.procedure_title),
        field("step_reached", slip.step_reached),
        field("draft_kept_until", short_date(slip.expires_on)),
        Spacer(1, 2 * mm),
        Paragraph(markup(slip.come_back, 400), styles.body),
        Paragraph(f"<i>{label(language, 'keep_code_private')}</i>", styles.small_italic_center),
    ]
    return story


def render_draft_slip(slip: DraftSlip, paper: Paper = "A5") -> bytes:
    """PDF bytes of the draft slip: an A5 page, or an 80 mm roll as tall as its content.

    Pure: the same slip gives the same bytes. Raises :class:`DocumentDataError` for
    an unknown ``paper`` or a slip without a code.
    """
    if not isinstance(slip, DraftSlip) or not slip.resume_code or not slip.qr_payload:
        raise DocumentDataError("Thiếu mã tiếp tục để in phiếu.", "render_draft_slip needs a code.")
    if paper not in get_args(Paper):
        raise DocumentDataError(
            "Khổ giấy in phải là A5 hoặc cuộn 80 mm.", f"Unknown paper {paper!r}."
        )
    title = label(slip.language, "draft_slip_title").capitalize()
    if paper == "A5":
        margin = 14 * mm
        return build_pdf(
            _story(slip, 11.0, 45 * mm),
            page_size=A5,
            margins=(margin, margin, margin, margin),
            training=slip.training,
            title=title,
        )
    return roll_pdf(_story(slip, 8.5, 36 * mm), training=slip.training, title=title)
