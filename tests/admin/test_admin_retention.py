"""Retention that runs: with the clock moved on, nothing personal outlives the promise.

The consent notice promises drafts are deleted after ``draft_expiry_days`` (30) and
dossiers kept ``retention_days`` (90) after they reached the portal. These tests
file real cases and an account request, send them to the real training portal
(its database outside the kiosk home, where the province's portal would be), keep
a receipt and make an export as the app does, then move the clock 40 and 200 days
on and look at every row and every byte of every file in the kiosk home.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.admin.export_files import write_export
from kiosk.admin.personal_files import keep_receipt, open_receipt, receipt_file
from kiosk.admin.retention import retention_due, run_retention, run_retention_if_due
from kiosk.cases import AccountService, Actor, CaseService, ConsentNotice
from kiosk.cases.snapshot import build_snapshot
from kiosk.config import KioskConfig, Retention
from kiosk.documents import render_receipt
from kiosk.identity import parse_id_card_qr
from kiosk.identity.id_card import IdCard
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.backup import attachments_of, pre_migration_reason, take_backup
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, AuditEvent, Case, Citizen, Consent
from sync.credentials import TRAINING_CREDENTIALS
from sync.engine import SyncEngine
from sync.training_portal.server import TrainingPortal
from tests.personal_data_support import files_holding, rows_holding
from tests.sync_support import start_portal, training_client

CONFIG = KioskConfig(key_store="file", retention=Retention(draft_expiry_days=30, retention_days=90))
ACTOR = Actor.citizen("retention-test")
ADMIN = Actor("admin", "1")
NOTICE = ConsentNotice("Nộp hồ sơ", "Tôi đồng ý cho cơ quan xử lý dữ liệu.", "vi")

# Three people: one leaves a draft, one files and gets a receipt and an export,
# one asks for a portal account.
DRAFTER = ("048190001111", "Phạm Thị Hồng Nhung", "Tổ 9, Phường Hòa Khánh, Đà Nẵng", "01021990")
FILER = ("049085007777", "Võ Đình Trọng Nghĩa", "Thôn Phú Ân, Xã Điện Hòa, Đà Nẵng", "15071985")
ASKER = ("048170002222", "Huỳnh Gia Bảo Ngọc", "Khối phố 7, Phường An Hải, Đà Nẵng", "30121970")
ASKER_PHONE = "0905818283"
ASKER_EMAIL = "baongoc.huynh@example.vn"


def card(person: tuple[str, str, str, str]) -> IdCard:
    id_number, name, address, born = person
    sex = "Nữ" if "Thị" in name or "Ngọc" in name else "Nam"
    return parse_id_card_qr(f"{id_number}||{name}|{born}|{sex}|{address}|10082025")


def needles(person: tuple[str, str, str, str]) -> list[str]:
    id_number, name, address, born = person
    return [
        id_number,
        name,
        unicodedata.normalize("NFD", name),
        name.split()[-2] + " " + name.split()[-1],
        address.split(",")[0],
        f"{born[:2]}/{born[2:4]}/{born[4:]}",
    ]


class Clock:
    """Starts at the real time (file times are real) and moves on when told."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def days_on(self, days: int) -> None:
        self.now += dt.timedelta(days=days)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    folder = tmp_path / "province"
    folder.mkdir()
    running = start_portal(folder)
    yield running
    running.stop()


def file_case(service: CaseService, person: tuple[str, str, str, str]) -> str:
    case = service.start_case("certified_copy", ACTOR, card=card(person))
    service.save_answers(
        case.id,
        {
            "documents_to_copy": [
                {"document_name": "Bằng tốt nghiệp", "document_pages": 1, "document_copies": 2}
            ],
        },
    )
    service.promise_required_documents(case.id)
    service.submit(case.id, ACTOR, NOTICE)
    return case.id


def test_nothing_personal_outlives_the_promise(
    store: Store,
    kiosk_layout: HomeLayout,
    catalogue: Catalogue,
    portal: TrainingPortal,
) -> None:
    clock = Clock()
    service = CaseService(store, catalogue, CONFIG, clock=clock)
    draft = service.start_case("birth", ACTOR, card=card(DRAFTER))
    service.save_answer(draft.id, "child_name", "Phạm Minh Khôi")
    filed = file_case(service, FILER)
    AccountService(store, clock).request_account(
        card(ASKER), ASKER_PHONE, ASKER_EMAIL, NOTICE, ACTOR
    )
    client = training_client(portal)
    engine = SyncEngine(
        store,
        client,
        catalogue,
        kiosk_id=TRAINING_CREDENTIALS.kiosk_id,
        holder="retention-test",
        clock=clock,
    )
    try:
        result = engine.run_until_done()
    finally:
        engine.close()
        client.close()
    assert result.pending == 0 and result.pushed == 1 and result.accounts_sent == 1

    # The receipt as the print worker keeps it, and an export for the filer.
    snapshot = build_snapshot(service, filed, CONFIG, "vi", catalogue)
    kept = keep_receipt(store, render_receipt(snapshot, "A5"), snapshot.local_reference)
    assert kept == receipt_file(kiosk_layout, snapshot.local_reference)
    assert open_receipt(store, kept).startswith(b"%PDF-")
    assert service.get(filed).citizen_id is not None
    exported = write_export(
        store,
        kiosk_layout,
        service.get(filed).citizen_id or 0,
        "giao-tan-tay",
        ADMIN,
        catalogue,
        "",
    )
    everyone = needles(DRAFTER) + needles(FILER) + needles(ASKER) + [ASKER_EMAIL, "905818283"]
    # The export is made to be handed over, so it is readable; the receipt is sealed.
    assert set(files_holding(kiosk_layout.root, everyone)) == {
        str(exported.json_file.relative_to(kiosk_layout.root)),
        str(exported.pdf_file.relative_to(kiosk_layout.root)),
    }

    # Day 40: the draft is past its 30 days; the dossier and the account are not past 90.
    clock.days_on(40)
    report = run_retention(store, CONFIG, clock)
    assert report.drafts_expired == 1 and report.cases_purged == 0
    assert report.exports_removed == 1, "an export is removed a week after it was made"
    assert report.receipts_removed == 0
    assert rows_holding(store, needles(DRAFTER)) == []
    assert service.get(draft.id).answers == {} and service.get(draft.id).status == "expired"
    assert files_holding(kiosk_layout.root, everyone) == {}
    assert service.get(filed).answers, "a dossier sent 40 days ago is still within the promise"
    assert rows_holding(store, [FILER[1], ASKER_EMAIL]) != []
    assert kept.exists()

    # Day 200: everything is past the promise.
    clock.days_on(160)
    report = run_retention(store, CONFIG, clock)
    assert report.cases_purged == 1 and report.account_requests_purged == 1
    assert report.receipts_removed == 1 and not kept.exists()
    assert rows_holding(store, everyone) == []
    assert files_holding(kiosk_layout.root, everyone) == {}
    with store.sessions() as session:
        assert session.scalars(select(Citizen)).all() == []
        assert all(not case.answers for case in session.scalars(select(Case)))
        for request in session.scalars(select(AccountRequest)):
            assert (request.phone, request.email, request.citizen_id) == (None, None, None)
        assert all(c.citizen_id is None for c in session.scalars(select(Consent)))
        runs = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention_run")).all()
    assert [run.details["cases_purged"] for run in runs] == [0, 1]
    assert list(kiosk_layout.documents.iterdir()) == []


def test_the_run_is_due_daily_and_after_the_clock_went_back(store: Store) -> None:
    clock = Clock()
    assert retention_due(store, clock), "never run: due"
    assert run_retention_if_due(store, CONFIG, clock) is not None
    assert run_retention_if_due(store, CONFIG, clock) is None, "ran a moment ago"
    clock.days_on(1)
    assert run_retention_if_due(store, CONFIG, clock) is not None
    clock.days_on(-30)
    assert retention_due(store, clock), "a last run in the future must not block the next"
    assert run_retention_if_due(store, CONFIG, clock) is not None
    assert not retention_due(store, clock)


def test_pre_migration_backups_rotate_out_with_the_promise(store: Store) -> None:
    """They escape the "last 14" rule (an upgrade must be undoable), not the law."""
    layout = store.layout
    clock = Clock()
    page = layout.attachments / "case-1" / "page-1.sealed"  # a backup copies the pages too
    page.parent.mkdir(parents=True)
    page.write_bytes(b"sealed page bytes")
    upgrade = take_backup(
        layout.database,
        layout.backups,
        CONFIG.retention.backups_kept,
        pre_migration_reason("0008_x", "0009_y"),
        attachments=layout.attachments,
    )
    daily = take_backup(layout.database, layout.backups, CONFIG.retention.backups_kept, "daily")
    assert attachments_of(upgrade).is_dir()

    clock.days_on(CONFIG.retention.backups_kept - 1)
    assert run_retention(store, CONFIG, clock).backups_removed == 0
    assert upgrade.exists()

    clock.days_on(2)
    report = run_retention(store, CONFIG, clock)
    assert report.backups_removed == 1
    assert not upgrade.exists() and not attachments_of(upgrade).exists()
    assert daily.exists(), "the regular copies keep their own rule (the last 14)"
    with store.sessions() as session:
        details = session.scalars(
            select(AuditEvent.details)
            .where(AuditEvent.action == "retention_run")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert details is not None and details["backups_removed"] == 1
