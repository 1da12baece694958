"""The draft slip's content for one case: what :mod:`kiosk.documents.draft_slip` prints.

Only an editable case with a resume code has a slip; the slip says which procedure,
the step reached and the last day the draft is kept (:mod:`kiosk.cases.draft_overview`),
never an answer. The QR holds :func:`kiosk.cases.references.resume_qr_payload`, which
the resume screen reads like a typed code.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.cases.draft_overview import COME_BACK, overview_of
from kiosk.cases.errors import CaseNotFound
from kiosk.cases.references import parse_resume_qr, resume_qr_payload
from kiosk.cases.service import EDITABLE, CaseService
from kiosk.config import KioskConfig
from kiosk.documents.draft_slip import DraftSlip
from kiosk.identity import IdCard, parse_id_card_qr
from kiosk.procedures import Catalogue


@dataclass(frozen=True)
class ScannedResumeCode:
    """A draft slip's QR read at the resume screen: the stored resume code."""

    code: str


def parse_resume_scan(payload: str) -> ScannedResumeCode | IdCard:
    """What the resume screen's scanner read: a draft slip's QR, else an ID card's.

    Raises ``ValueError`` (from :func:`kiosk.identity.parse_id_card_qr`, with its
    Vietnamese message) when it is neither.
    """
    code = parse_resume_qr(payload)
    if code is not None:
        return ScannedResumeCode(code)
    return parse_id_card_qr(payload)


def draft_slip_for(
    service: CaseService,
    case_id: str,
    config: KioskConfig,
    catalogue: Catalogue,
    language: str,
) -> DraftSlip | None:
    """The slip of the draft ``case_id`` in ``language``; None when it is no longer a draft."""
    try:
        case = service.get(case_id)
    except CaseNotFound:
        return None
    if case.status not in EDITABLE or not case.resume_code:
        return None
    overview = overview_of(case, catalogue, config)
    return DraftSlip(
        resume_code=overview.resume_code or "",
        qr_payload=resume_qr_payload(case.resume_code),
        procedure_title=overview.procedure_title.get(language),
        step_reached=overview.step.text.get(language),
        expires_on=overview.expires_on,
        come_back=COME_BACK.get(language),
        language="en" if language == "en" else "vi",
        agency_name=config.ward.agency_name,
        training=config.training,
    )
