"""Data subject requests: find by ID number, export (JSON, PDF), delete, all audited."""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from kiosk.admin.data_requests import (
    UnsyncedDataError,
    delete_citizen,
    export_citizen,
    export_json,
    find_citizen,
    unsynced_items,
)
from kiosk.admin.errors import DataRequestError
from kiosk.admin.export_files import write_export
from kiosk.admin.personal_files import keep_receipt
from kiosk.cases import AccountService, Actor, CaseService, ConsentNotice
from kiosk.cases.snapshot import build_snapshot
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.documents import render_receipt, save_pdf
from kiosk.documents.data_export import render_data_export
from kiosk.identity import parse_id_card_qr
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import (
    AccountRequest,
    AuditEvent,
    Case,
    Citizen,
    Consent,
    OutboxEntry,
)
from tests.personal_data_support import files_holding, rows_holding

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CARD = parse_id_card_qr(
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
ADMIN = Actor("admin", "1")
NOTICE = ConsentNotice("Nộp hồ sơ", "Tôi đồng ý cho UBND phường xử lý dữ liệu của tôi.", "vi")
ACCOUNT_NOTICE = ConsentNotice("Tài khoản", "Tôi đồng ý dùng số điện thoại để tạo tài khoản.", "vi")


@dataclass
class Seeded:
    citizen_id: int
    draft: str
    ready: str
    sent: str
    other_case: str


def submitted_case(service: CaseService, catalogue: Catalogue, card: object, seed: int) -> str:
    rng = random.Random(seed)
    definition = catalogue["birth"]
    case = service.start_case("birth", Actor.citizen("s"), card=card)  # type: ignore[arg-type]
    answers = complete_answers(definition, card, rng)  # type: ignore[arg-type]
    service.save_answers(
        case.id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    service.promise_required_documents(case.id)
    service.submit(case.id, Actor.citizen("s"), NOTICE)
    return case.id


@pytest.fixture
def seeded(store: Store, catalogue: Catalogue) -> Seeded:
    service = CaseService(store, catalogue, KioskConfig())
    draft = service.start_case("birth", Actor.citizen("s"), card=CARD).id
    ready = submitted_case(service, catalogue, CARD, 1)
    sent = submitted_case(service, catalogue, CARD, 2)
    # What the sync engine does when the portal acknowledges a dossier.
    with store.sessions.begin() as session:
        session.execute(
            update(Case).where(Case.id == sent).values(status="sent", dossier_code="H42.99-1")
        )
        session.execute(update(OutboxEntry).where(OutboxEntry.case_id == sent).values(state="sent"))
    AccountService(store).request_account(
        CARD, "0912345678", None, ACCOUNT_NOTICE, Actor.citizen("s")
    )
    other_case = submitted_case(service, catalogue, synthetic_card(random.Random(9)), 3)
    with store.sessions() as session:
        citizen_id = session.scalars(select(Case.citizen_id).where(Case.id == draft)).one()
    assert citizen_id is not None
    return Seeded(citizen_id, draft, ready, sent, other_case)


def audit_text(store: Store) -> str:
    with store.sessions() as session:
        rows = session.execute(
            select(AuditEvent.actor_id, AuditEvent.action, AuditEvent.details)
        ).all()
    return json.dumps([list(row) for row in rows], ensure_ascii=False)


def test_find_by_id_number(store: Store, seeded: Seeded) -> None:
    match = find_citizen(store, " 049 090 001 234 ", ADMIN)
    assert match is not None
    assert match.citizen_id == seeded.citizen_id
    assert match.full_name == "Nguyễn Văn An" and match.date_of_birth == "1990-03-15"
    assert (match.case_count, match.account_request_count) == (3, 1)
    assert find_citizen(store, "001203004567", ADMIN) is None
    with pytest.raises(DataRequestError) as refused:
        find_citizen(store, "12345", ADMIN)
    assert "12 chữ số" in refused.value.message.vi
    text = audit_text(store)
    assert text.count("subject_lookup") == 2
    assert "049090001234" not in text and "Nguyễn Văn An" not in text


def test_export_holds_everything_and_prints(
    store: Store, seeded: Seeded, catalogue: Catalogue
) -> None:
    export = export_citizen(store, seeded.citizen_id, ADMIN, catalogue=catalogue)
    assert export["citizen"]["id_number"] == "049090001234"
    assert export["citizen"]["full_name"] == "Nguyễn Văn An"
    assert export["citizen"]["phone"] == "+84912345678"
    assert {case["id"] for case in export["cases"]} == {seeded.draft, seeded.ready, seeded.sent}
    ready = next(case for case in export["cases"] if case["id"] == seeded.ready)
    assert ready["answers"]["requester_name"] == "Nguyễn Văn An"
    assert ready["sync_state"] == "queued" and ready["local_reference"]
    assert ready["answer_labels"]["requester_name"]
    notices = {consent["notice_text"] for consent in export["consents"]}
    assert notices == {NOTICE.text, ACCOUNT_NOTICE.text}
    (request,) = export["account_requests"]
    assert request["phone"] == "+84912345678" and request["sync_state"] == "queued"
    actions = {event["action"] for event in export["audit_events"]}
    assert {"case_started", "case_submitted", "account_requested"} <= actions
    assert all(event["case_id"] != seeded.other_case for event in export["audit_events"])

    document = json.loads(export_json(export).decode("utf-8"))
    assert document == export
    assert "Nguyễn Văn An" in export_json(export).decode("utf-8")  # not \u-escaped

    pdf = render_data_export(export, "UBND Phường Điện Bàn")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Nguyễn Văn An" in text
    assert "049090001234" in text
    assert "Tôi đồng ý cho UBND phường" in text
    assert ready["local_reference"] in text
    assert "subject_data_exported" in audit_text(store)
    assert "049090001234" not in audit_text(store)


def test_the_pdf_survives_damaged_data(store: Store, seeded: Seeded) -> None:
    export = export_citizen(store, seeded.citizen_id, ADMIN)
    export["citizen"]["address"] = "Tổ 3\x00 😀 <b>&" + "x" * 10_000
    export["cases"][0]["answers"]["note"] = {"nested": ["\x07", None, 1.5]}
    pdf = render_data_export(export)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Tổ 3" in text and "<b>&" in text


def test_delete_refuses_while_cases_are_not_synced(
    store: Store, seeded: Seeded, catalogue: Catalogue
) -> None:
    with pytest.raises(UnsyncedDataError) as refused:
        delete_citizen(store, seeded.citizen_id, ADMIN, catalogue=catalogue)
    kinds = sorted((item.kind, item.status) for item in refused.value.items)
    assert kinds == [("account_request", "queued"), ("case", "draft"), ("case", "ready")]
    message = refused.value.message.vi
    assert "Còn 3 hồ sơ chưa gửi lên Cổng" in message
    assert catalogue["birth"].title.vi in message
    assert "đang làm dở" in message and "xoá hẳn" in message
    assert len(unsynced_items(store, seeded.citizen_id)) == 3
    with store.sessions() as session:
        assert session.get(Citizen, seeded.citizen_id) is not None, "nothing changed"
        assert session.scalar(select(func.count()).select_from(Case)) == 4


def test_confirmed_delete_erases_the_person_and_keeps_the_records(
    store: Store, seeded: Seeded
) -> None:
    report = delete_citizen(store, seeded.citizen_id, ADMIN, confirm_unsynced=True, backups_kept=14)
    assert set(report.cases_deleted) == {seeded.draft, seeded.ready}
    assert report.cases_wiped == (seeded.sent,)
    assert report.account_requests_deleted == 1
    assert "14 ngày" in report.note.vi
    with store.sessions() as session:
        assert session.get(Citizen, seeded.citizen_id) is None
        assert session.get(Case, seeded.draft) is None and session.get(Case, seeded.ready) is None
        kept = session.get(Case, seeded.sent)
        assert kept is not None
        assert kept.answers == {} and kept.citizen_id is None and kept.resume_code is None
        assert kept.status == "sent" and kept.dossier_code == "H42.99-1"
        assert kept.local_reference and kept.purged_at is not None
        assert (
            session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.case_id.in_([seeded.draft, seeded.ready]))
            )
            == 0
        )
        assert session.scalar(select(func.count()).select_from(AccountRequest)) == 0
        consents = session.scalars(select(Consent)).all()
        assert all(c.citizen_id is None for c in consents if c.case_id != seeded.other_case)
        other = session.get(Case, seeded.other_case)
        assert other is not None and other.citizen_id is not None and other.answers
    assert find_citizen(store, "049090001234", ADMIN) is None
    text = audit_text(store)
    assert "subject_data_deleted" in text and text.count("case_erased") == 3
    assert "049090001234" not in text and "Nguyễn Văn An" not in text
    assert "0912345678" not in text and "+84912345678" not in text


def test_delete_needs_no_confirmation_when_all_is_synced(store: Store, seeded: Seeded) -> None:
    with store.sessions.begin() as session:
        session.execute(
            update(Case).where(Case.citizen_id == seeded.citizen_id).values(status="sent")
        )
        session.execute(update(OutboxEntry).values(state="sent"))
        session.execute(update(AccountRequest).values(status="pending_otp"))
    report = delete_citizen(store, seeded.citizen_id, ADMIN)
    assert report.cases_deleted == () and len(report.cases_wiped) == 3
    assert report.account_requests_wiped == 1
    with store.sessions() as session:
        request = session.scalars(select(AccountRequest)).one()
        assert request.phone is None and request.citizen_id is None


def test_delete_removes_every_readable_copy(
    store: Store, seeded: Seeded, catalogue: Catalogue
) -> None:
    layout = store.layout
    config = KioskConfig()
    service = CaseService(store, catalogue, config)
    references = {}
    for case_id in (seeded.ready, seeded.sent, seeded.other_case):
        snapshot = build_snapshot(service, case_id, config, "vi", catalogue)
        pdf = render_receipt(snapshot, "A5")
        references[case_id] = snapshot.local_reference
        if case_id == seeded.ready:
            # Kept in the clear by an older version, before receipts were sealed.
            legacy = save_pdf(pdf, layout.documents, snapshot.local_reference)
        else:
            keep_receipt(store, pdf, snapshot.local_reference)
    mine = write_export(store, layout, seeded.citizen_id, "giao-cong-dan", ADMIN, catalogue, "")
    other_citizen = service.get(seeded.other_case).citizen_id
    assert other_citizen is not None
    theirs = write_export(store, layout, other_citizen, "nguoi-khac", ADMIN, catalogue, "")
    person = ["049090001234", "Nguyễn Văn An", "Tổ 3, Phường Vĩnh Điện", "15/03/1990"]
    readable = files_holding(layout.root, person)
    assert set(readable) == {
        "exports/giao-cong-dan/du-lieu-ca-nhan.json",
        "exports/giao-cong-dan/du-lieu-ca-nhan.pdf",
        f"documents/{references[seeded.ready]}.pdf",
    }
    assert not any(name.endswith(".sealed") for name in readable), "kept receipts are sealed"

    report = delete_citizen(store, seeded.citizen_id, ADMIN, confirm_unsynced=True, backups_kept=14)

    assert files_holding(layout.root, person) == {}
    assert rows_holding(store, person) == [], "no row, opened with the key, holds them"
    assert not mine.folder.exists() and not legacy.exists()
    assert report.exports_removed == 1
    assert report.receipts_removed == 2, "the sent case's sealed receipt and the legacy one"
    assert "2 giấy hẹn, 1 thư mục trích xuất" in report.note.vi
    assert "sao lưu" in report.note.vi and "14 ngày" in report.note.vi
    kept = sorted(p.name for p in layout.documents.iterdir())
    assert kept == [f"{references[seeded.other_case]}.pdf.sealed"], "another person's stays"
    assert theirs.json_file.exists() and theirs.pdf_file.exists()


def test_unknown_citizen(store: Store) -> None:
    with pytest.raises(DataRequestError):
        export_citizen(store, 12345, ADMIN)
    with pytest.raises(DataRequestError):
        delete_citizen(store, 12345, ADMIN, confirm_unsynced=True)
