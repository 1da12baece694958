"""A submitted case -> CaseSnapshot (receipt data) and its VietQR, on a real database."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import replace

import pypdf
import pytest

from kiosk.attachments.slots import BringLaterReason
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseNotFound, CaseService
from kiosk.cases.clock import VIETNAM
from kiosk.cases.snapshot import (
    build_snapshot,
    compact_reference,
    payment_request_for,
    payment_texts,
)
from kiosk.cases.synthetic import complete_answers
from kiosk.config import FeeAccount, KioskConfig
from kiosk.documents import (
    CalendarRangeError,
    DocumentDataError,
    render_declaration,
    render_receipt,
)
from kiosk.payments import PaymentDataError, parse_vietqr
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from tests.cases_support import CARD, NOTICE, birth_answers

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CITIZEN = Actor.citizen("session-snapshot")


@pytest.fixture
def config() -> KioskConfig:
    return KioskConfig(key_store="file")


@pytest.fixture
def service(store: Store, catalogue: Catalogue, config: KioskConfig) -> CaseService:
    return CaseService(store, catalogue, config)


def submitted_birth(service: CaseService) -> str:
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answers(case.id, birth_answers(True))
    # The papers are slots (the documents screen's job): the certificate comes to the counter.
    PageStore(service.store).set_bring_later(
        case.id, "birth_certificate", BringLaterReason.NOT_WITH_ME
    )
    service.submit(case.id, CITIZEN, NOTICE)
    return case.id


def test_snapshot_of_a_birth_registration(
    service: CaseService, config: KioskConfig, catalogue: Catalogue
) -> None:
    case_id = submitted_birth(service)
    case = service.get(case_id)
    snapshot = build_snapshot(service, case_id, config, "vi", catalogue)
    assert snapshot.local_reference == case.local_reference
    assert snapshot.citizen_name == "Nguyễn Văn An"
    assert snapshot.citizen_address.startswith("Tổ 3, Phường Vĩnh Điện")
    assert snapshot.procedure_title == "Đăng ký khai sinh"
    assert snapshot.fee_amount == 16_000 == case.fee_amount
    assert snapshot.training is True
    assert snapshot.agency_name == config.ward.agency_name
    assert snapshot.collect_at == config.ward.collect_at
    names = [item.name for item in snapshot.documents]
    assert len(names) == 2 and names[0].startswith("Giấy chứng sinh")
    assert {item.original_or_copy for item in snapshot.documents} == {"original"}
    # Birth registration is a same-day procedure: ready today, or the next working day.
    assert snapshot.processing_days == 0
    assert case.submitted_at is not None
    local_submit = case.submitted_at.replace(tzinfo=dt.UTC).astimezone(VIETNAM)
    assert snapshot.received_at == local_submit.replace(tzinfo=None)
    assert 0 <= (snapshot.ready_on - local_submit.date()).days <= 7
    rows = {row.label: row.value for s in snapshot.declaration_sections for row in s.rows}
    assert "Nguyễn Minh Khôi" in rows.values()
    assert any(value == "Bệnh viện Đa khoa Điện Bàn" for value in rows.values())
    template = config.portal.tracking_url_template
    assert snapshot.tracking_payload == template.replace("{reference}", case.local_reference or "")


def test_snapshot_renders_receipt_and_declaration(
    service: CaseService, config: KioskConfig, catalogue: Catalogue
) -> None:
    case_id = submitted_birth(service)
    snapshot = build_snapshot(service, case_id, config, "en", catalogue)
    assert snapshot.language == "en"
    assert snapshot.procedure_title == "Birth registration"
    receipt = pypdf.PdfReader(io.BytesIO(render_receipt(snapshot, "A5")))
    text = "".join(page.extract_text() for page in receipt.pages)
    assert snapshot.local_reference in text
    declaration = pypdf.PdfReader(io.BytesIO(render_declaration(snapshot)))
    assert "Khôi" in "".join(page.extract_text() for page in declaration.pages)


def test_snapshot_without_a_card_takes_the_name_from_the_answers(
    service: CaseService, config: KioskConfig, catalogue: Catalogue
) -> None:
    answers = complete_answers(catalogue["birth"], None, random.Random(3))
    answers["requester_name"] = "Lê Thị Hồng"
    case = service.start_case("birth", CITIZEN)
    service.save_answers(case.id, answers)
    service.submit(case.id, CITIZEN, NOTICE)
    snapshot = build_snapshot(service, case.id, config, "vi", catalogue)
    assert snapshot.citizen_name == "Lê Thị Hồng"
    assert snapshot.citizen_phone is None


def test_a_ready_date_past_the_holiday_calendar_is_an_error_not_a_weekday(
    store: Store, catalogue: Catalogue, config: KioskConfig
) -> None:
    # Friday 31/12/2100 after 15:00: the first counting day would be in 2101, which the
    # calendar does not cover. The receipt printer shows this message (DocumentDataError).
    late = dt.datetime(2100, 12, 31, 16, 0, tzinfo=VIETNAM)
    service = CaseService(store, catalogue, config, clock=lambda: late)
    case_id = submitted_birth(service)
    with pytest.raises(CalendarRangeError) as refused:
        build_snapshot(service, case_id, config, "vi", catalogue)
    assert isinstance(refused.value, DocumentDataError)
    assert "không tính được ngày hẹn" in refused.value.message_vi


def test_a_draft_has_no_snapshot(
    service: CaseService, config: KioskConfig, catalogue: Catalogue
) -> None:
    draft = service.start_case("birth", CITIZEN, card=CARD)
    with pytest.raises(CaseNotFound):
        build_snapshot(service, draft.id, config, "vi", catalogue)
    with pytest.raises(CaseNotFound):
        build_snapshot(service, "no-such-case", config, "vi", catalogue)


def test_payment_request_reads_back(service: CaseService, config: KioskConfig) -> None:
    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference
    assert reference is not None
    request = payment_request_for(service, case_id, config, "vi")
    assert request.amount == 16_000
    assert request.amount_figures == "16.000\u00a0₫"
    assert request.amount_words == "Mười sáu nghìn đồng"
    data = parse_vietqr(request.qr_payload)
    assert data["amount"] == 16_000
    assert data["bank_bin"] == config.fees.bank_bin
    assert data["bill_number"] == reference
    assert data["purpose"] == f"LE PHI {compact_reference(reference)}"
    assert len(data["purpose"] or "") <= 25


def test_payment_request_with_a_bad_account_is_a_vietnamese_error(
    service: CaseService, config: KioskConfig
) -> None:
    case_id = submitted_birth(service)
    broken = replace(config, fees=FeeAccount(bank_bin="12", account="x"))
    with pytest.raises(PaymentDataError, match="Mã ngân hàng"):
        payment_request_for(service, case_id, broken, "vi")


@pytest.mark.parametrize(
    "reference",
    ["20551-261129-01-0001-2", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789", "X"],
)
def test_payment_texts_fit_emvco_limits(reference: str) -> None:
    bill, purpose = payment_texts(reference)
    assert 1 <= len(bill) <= 25 and 1 <= len(purpose) <= 25
    assert purpose.isascii() and bill.isascii()
