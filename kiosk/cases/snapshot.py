"""From a submitted case to what its papers and payment screen show.

:func:`build_snapshot` copies a case into the documents' frozen
:class:`~kiosk.documents.CaseSnapshot` (the receipt and the declaration are
rendered from it, never from the database). :func:`payment_request_for` builds
the fee screen's VietQR for the same case. Both read the case through the
:class:`~kiosk.cases.CaseService` and the citizen record, and raise only
:class:`kiosk.cases.CaseError`, :class:`kiosk.documents.DocumentDataError` or
:class:`kiosk.payments.PaymentDataError`, each with a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt

from kiosk.attachments.slots import dossier_documents
from kiosk.attachments.storage import PageStore
from kiosk.cases.clock import VIETNAM, from_storage, local_date
from kiosk.cases.errors import CaseNotFound
from kiosk.cases.presentation import display_value, review_sections
from kiosk.cases.service import CaseService, CaseView
from kiosk.config import KioskConfig
from kiosk.documents import (
    CaseSnapshot,
    DeclarationRow,
    DeclarationSection,
    DocumentItem,
    add_working_days,
    load_holiday_calendar,
)
from kiosk.documents.snapshot import Language, OriginalOrCopy
from kiosk.documents.tracking import DOSSIER_CODE_PATTERN
from kiosk.payments import PaymentAccount, PaymentRequest, build_payment_request
from kiosk.payments.vietqr import MAX_BILL_NUMBER_LENGTH, MAX_PURPOSE_LENGTH
from kiosk.procedures import (
    Catalogue,
    ComputeFn,
    DocumentForm,
    FieldType,
    PrefillSource,
    ProcedureDefinition,
    applicable_documents,
)
from kiosk.store.models import Citizen

_FORMS: dict[DocumentForm, OriginalOrCopy] = {
    DocumentForm.ORIGINAL: "original",
    # A paper only shown at the counter is handed over as its original.
    DocumentForm.SHOW_ORIGINAL: "original",
    DocumentForm.COPY: "copy",
    DocumentForm.CERTIFIED_COPY: "certified_copy",
}
PAYMENT_PURPOSE_PREFIX = "LE PHI"


def _language(lang: str) -> Language:
    return "en" if lang == "en" else "vi"


def _citizen(case_service: CaseService, case: CaseView) -> Citizen | None:
    if case.citizen_id is None:
        return None
    with case_service.store.sessions() as session:
        citizen = session.get(Citizen, case.citizen_id)
        if citizen is not None:
            session.expunge(citizen)
        return citizen


def _answer_for(definition: ProcedureDefinition, case: CaseView, source: PrefillSource) -> str:
    """The answer of the first field the card prefills from ``source`` (no card case)."""
    for field in definition.top_level_fields():
        if field.prefill is source and field.id in case.answers:
            return display_value(field, case.answers[field.id], case.language)
    return ""


def _documents(
    definition: ProcedureDefinition, case: CaseView, pages: PageStore | None = None
) -> tuple[DocumentItem, ...]:
    """The case's papers, from its document slots (the checklist they replaced is gone).

    With the case's captured pages at hand: the papers only shown at the counter,
    and each slot scanned at the kiosk (with its pages) or promised for the
    counter (:func:`~kiosk.attachments.slots.dossier_documents`). Without them
    (a preview with no store), every applicable paper.
    """
    scanned: dict[str, int] = {}
    promised: set[str] = set()
    if pages is not None:
        for stored in pages.documents(case.id):
            document_id = stored.slot_key.split(".", 1)[0]
            if stored.sha256 is not None:
                scanned[document_id] = scanned.get(document_id, 0) + stored.page_count
            elif stored.bring_later_reason is not None:
                promised.add(document_id)
    if pages is None:
        chosen = applicable_documents(definition, case.answers)
    else:
        chosen = dossier_documents(definition, case.answers, scanned.keys() | promised)
    vi = case.language != "en"
    items = []
    for document in chosen:
        name = document.name.get(case.language)
        if document.id in scanned:
            count = scanned[document.id]
            name += f" (đã quét {count} trang)" if vi else f" (scanned, {count} pages)"
        elif pages is not None and document.capturable:
            name += " (mang bản giấy tới quầy)" if vi else " (paper brought to the counter)"
        items.append(
            DocumentItem(
                name=name, original_or_copy=_FORMS[document.form], quantity=document.quantity
            )
        )
    return tuple(items)


def _declaration(
    definition: ProcedureDefinition, case: CaseView, lang: str, today: dt.date
) -> tuple[DeclarationSection, ...]:
    """Answered fields grouped by step; the fee is not declared.

    The paper form states facts, not the kiosk's questions: a yes/no that only
    opens other questions ("Có khai thông tin về mẹ không?") and has no label of
    its own on the form is left out; the answers it opened say it.
    """
    sections: list[DeclarationSection] = []
    for section in review_sections(definition, case.answers, lang, today=today):
        rows: list[DeclarationRow] = []
        for item in section.items:
            field = definition.field(item.field_id)
            if not item.answered:
                continue
            if field.compute is not None and field.compute.fn is ComputeFn.FEE:
                continue
            if field.type is FieldType.YES_NO and not field.declaration_label:
                continue
            label = field.form_label if lang == "vi" else item.label
            rows.append(DeclarationRow(label=label, value=item.value))
        if rows:
            sections.append(DeclarationSection(title=section.title.upper(), rows=tuple(rows)))
    return tuple(sections)


def _received_at(case: CaseView) -> dt.datetime:
    """The office's wall-clock time of submission (naive), as the receipt prints it."""
    stored = case.submitted_at or case.updated_at
    return from_storage(stored).astimezone(VIETNAM).replace(tzinfo=None)


def _processing_days(definition: ProcedureDefinition, case: CaseView) -> int:
    processing = definition.processing.for_answers(case.answers)
    return 0 if processing.same_day else processing.working_days


def _submitted(case_service: CaseService, case_id: str) -> CaseView:
    case = case_service.get(case_id)
    if case.local_reference is None:
        # A draft has no reference yet: nothing to print or pay.
        raise CaseNotFound()
    return case


def build_snapshot(
    case_service: CaseService,
    case_id: str,
    config: KioskConfig,
    lang: str,
    catalogue: Catalogue,
) -> CaseSnapshot:
    """Everything the receipt and the declaration show about a submitted case.

    ``ready_on`` is the portal's appointment date once the case was sent,
    else the statutory processing time counted in working days (holidays
    included) from the moment of submission. Raises :class:`CaseNotFound`
    for a missing case or one not submitted yet.
    """
    case = _submitted(case_service, case_id)
    definition = catalogue.version(case.procedure_id, case.procedure_version)
    language = _language(lang)
    received_at = _received_at(case)
    days = _processing_days(definition, case)
    ready_on = add_working_days(received_at, days, load_holiday_calendar())
    if case.appointment_date is not None and case.appointment_date >= received_at.date():
        ready_on = case.appointment_date
    citizen = _citizen(case_service, case)
    if citizen is not None:
        name, address = citizen.full_name, citizen.address or ""
        phone, email = citizen.phone, citizen.email
    else:
        name = _answer_for(definition, case, PrefillSource.FULL_NAME)
        address = _answer_for(definition, case, PrefillSource.ADDRESS)
        phone = email = None
    dossier_code = case.dossier_code
    if dossier_code is not None and not DOSSIER_CODE_PATTERN.fullmatch(dossier_code):
        dossier_code = None  # a portal outside the national format: the receipt omits it
    ward = config.ward
    return CaseSnapshot(
        local_reference=case.local_reference or "",
        dossier_code=dossier_code,
        procedure_id=definition.id,
        procedure_title=definition.title.get(language),
        agency_name=ward.agency_name,
        receiving_unit=ward.receiving_unit,
        citizen_name=name,
        citizen_address=address,
        citizen_phone=phone,
        citizen_email=email,
        documents=_documents(
            definition, case, PageStore(case_service.store, case_service.config.attachments)
        ),
        processing_days=days,
        received_at=received_at,
        ready_on=ready_on,
        collect_at=ward.collect_at,
        fee_amount=case.fee_amount,
        training=config.training,
        declaration_sections=_declaration(
            definition,
            case,
            language,
            local_date(from_storage(case.submitted_at or case.updated_at)),
        ),
        language=language,
        place_name=ward.name,
        declaration_title=definition.declaration_title.get(language),
        tracking_url_template=config.portal.tracking_url_template,
    )


def compact_reference(local_reference: str) -> str:
    """``20551-261129-01-0001-2`` -> ``205512611290100012`` (letters and digits only)."""
    return "".join(ch for ch in local_reference if ch.isalnum()).upper()


def payment_texts(local_reference: str) -> tuple[str, str]:
    """Bill number and transfer purpose for a case's VietQR, within EMVCo's 25 characters.

    Banking apps show the purpose (tag 62.08) as the transfer's description,
    and many drop the bill number, so the purpose carries the reference too:
    ``LE PHI 205512611290100012`` (25 characters for a ward's usual reference).
    The bill number keeps the printed form, dashes included, when it fits.
    """
    compact = compact_reference(local_reference)
    bill = local_reference if len(local_reference) <= MAX_BILL_NUMBER_LENGTH else compact
    purpose = f"{PAYMENT_PURPOSE_PREFIX} {compact}"
    if len(purpose) > MAX_PURPOSE_LENGTH:
        purpose = compact[-MAX_PURPOSE_LENGTH:]
    return bill[:MAX_BILL_NUMBER_LENGTH], purpose


def payment_request_for(
    case_service: CaseService, case_id: str, config: KioskConfig, lang: str
) -> PaymentRequest:
    """The fee of a submitted case in figures and words, and its VietQR text.

    Raises :class:`kiosk.payments.PaymentDataError` (Vietnamese message) for a
    free case or a bank account the configuration got wrong.
    """
    case = _submitted(case_service, case_id)
    bill, purpose = payment_texts(case.local_reference or "")
    account = PaymentAccount(
        bank_bin=config.fees.bank_bin,
        account=config.fees.account,
        # Shown on screen as written (the VietQR payload carries no name).
        account_name=config.fees.account_name,
        purpose=purpose,
    )
    return build_payment_request(account, case.fee_amount, bill, _language(lang))
