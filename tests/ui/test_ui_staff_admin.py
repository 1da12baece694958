"""The IT officer's screens: settings that survive a restart, enrolment against the
real training portal, backups, data subject requests (export and delete, audited)
and the audit log. Real SQLite, real HTTP on 127.0.0.1, PDFs parsed back."""

from __future__ import annotations

import csv
import json
import random
import socket
from typing import cast

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.admin.audit_log import AuditFilter
from kiosk.admin.personal_files import FolderNameError, export_folder
from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import complete_answers
from kiosk.config import KioskConfig, load
from kiosk.identity import parse_id_card_qr
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Case, Citizen
from kiosk.ui.controller import Overrides
from kiosk.ui.staff.audit_log import AuditLogModel
from kiosk.ui.staff.desk import StaffDeskOptions
from kiosk.ui.staff.settings import setting_name
from sync.credentials import load_credentials
from sync.training_portal.server import TrainingPortal
from sync.training_portal.testing import TRAINING_ENROLMENT_SECRET
from tests.ui_shell_support import EXAMPLE_1, Kiosk, catalogue, find, tap
from tests.ui_staff_support import (
    ADMIN_PIN,
    VOLUNTEER_PIN,
    build_staff_kiosk,
    make_accounts,
    sign_in,
    staff_home,
)


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def admin_kiosk(qtbot: QtBot, store: Store, config: KioskConfig | None = None) -> Kiosk:
    _lan, binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store, config)
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    return kiosk


def audit(store: Store, action: str) -> list[tuple[str, str | None, dict[str, object]]]:
    with store.sessions() as session:
        rows = session.execute(
            select(AuditEvent.actor_kind, AuditEvent.actor_id, AuditEvent.details).where(
                AuditEvent.action == action
            )
        ).all()
    return [(kind, actor, dict(details or {})) for kind, actor, details in rows]


def test_a_setting_changed_by_the_admin_survives_a_restart(
    qtbot: QtBot, store: Store, kiosk_layout: HomeLayout
) -> None:
    kiosk = admin_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_settings")
    kiosk_number = find(window, setting_name("kiosk_number"), QLineEdit)
    assert kiosk_number.text() == "1"

    # A bad value is refused next to its setting, and nothing is written.
    kiosk_number.setText("abc")
    tap(qtbot, window, "settings_save_button")
    error = find(window, "setting_kiosk_number_error", QLabel)
    assert error.isVisible() and "Số ki-ốt" in error.text() and "1 đến 99" in error.text()
    assert not kiosk_layout.config_file.exists()

    kiosk_number.setText("7")
    find(window, setting_name("ward.agency_code"), QLineEdit).setText("000.00.23.h42")
    tap(qtbot, window, "setting_printing_paper_80mm_button")
    tap(qtbot, window, "settings_save_button")
    assert not error.isVisible()
    assert "Đã lưu 3 thiết lập" in find(window, "settings_status_label", QLabel).text()

    restarted = load(kiosk_layout)  # what the next start reads
    assert restarted.kiosk_number == 7
    assert restarted.ward.agency_code == "000.00.23.H42"
    assert restarted.printing.paper == "80mm"
    (changed,) = audit(store, "settings_changed")
    assert changed[0] == "admin"
    assert set(cast(list[str], changed[2]["keys"])) == {
        "kiosk_number",
        "ward.agency_code",
        "printing.paper",
    }

    # A new kiosk window over the saved file shows the saved values.
    kiosk.window.close()
    again = build_staff_kiosk(qtbot, store, restarted)
    binh_id = [v for v in kiosk.controller.staff.service.list_volunteers() if v.role == "admin"]  # type: ignore[union-attr]
    sign_in(qtbot, again, binh_id[0].id, ADMIN_PIN)
    tap(qtbot, again.window, "staff_tab_settings")
    assert find(again.window, setting_name("kiosk_number"), QLineEdit).text() == "7"
    assert find(again.window, "setting_printing_paper_80mm_button", QPushButton).isChecked()


def test_enrolment_and_test_connection_against_the_training_portal(
    qtbot: QtBot, store: Store, kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    kiosk = admin_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_enrolment")
    panel = staff_home(kiosk).enrolment_panel
    find(window, "enrolment_portal_url", QLineEdit).setText(portal.url)
    find(window, "enrolment_kiosk_id", QLineEdit).setText("ward-20551.k2")

    # A wrong secret: refused in plain words, nothing stored.
    find(window, "enrolment_secret", QLineEdit).setText("not-the-secret")
    with qtbot.waitSignal(panel.enrolment_finished, timeout=20_000) as finished:
        tap(qtbot, window, "enrolment_submit_button")
    assert finished.args == [False]
    assert "không đúng" in find(window, "enrolment_message_label", QLabel).text()
    assert load_credentials(kiosk_layout) is None
    assert find(window, "enrolment_secret", QLineEdit).text() == ""

    find(window, "enrolment_secret", QLineEdit).setText(TRAINING_ENROLMENT_SECRET)
    with qtbot.waitSignal(panel.enrolment_finished, timeout=20_000) as finished:
        tap(qtbot, window, "enrolment_submit_button")
    assert finished.args == [True]
    saved = load_credentials(kiosk_layout)
    assert saved is not None and saved.kiosk_id == "ward-20551.k2"
    assert find(window, "enrolment_secret", QLineEdit).text() == ""
    assert load(kiosk_layout).portal.url == portal.url  # saved into the settings too
    checks = {
        name: find(window, f"enrolment_check_{name}", QLabel).text()
        for name in ("dns", "tcp", "tls", "auth", "api_version")
    }
    assert checks["auth"].startswith("Được") and "ward-20551.k2" in checks["auth"]
    assert checks["api_version"].startswith("Được")
    assert checks["tls"].startswith("Được") and "http://" in checks["tls"]
    (enrolled,) = audit(store, "kiosk_enrolled")
    assert enrolled[0] == "admin" and TRAINING_ENROLMENT_SECRET not in str(enrolled)

    # "Test connection" to a port nobody listens on: says what fails.
    find(window, "enrolment_portal_url", QLineEdit).setText(f"http://127.0.0.1:{unused_port()}")
    with qtbot.waitSignal(panel.test_finished, timeout=20_000):
        tap(qtbot, window, "enrolment_test_button")
    tcp = find(window, "enrolment_check_tcp", QLabel).text()
    assert tcp.startswith("Chưa được") and "từ chối kết nối" in tcp
    assert find(window, "enrolment_check_auth", QLabel).text().startswith("Chưa kiểm tra")


def test_backups_are_listed_taken_and_restored(
    qtbot: QtBot, store: Store, kiosk_layout: HomeLayout
) -> None:
    restarts: list[str] = []
    _lan, binh = make_accounts(store)
    # Leaving the event loop (exit code 75) would end the test run: record it instead.
    kiosk = build_staff_kiosk(
        qtbot,
        store,
        overrides=Overrides(staff=StaffDeskOptions(restart=lambda: restarts.append("75"))),
    )
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    kiosk.controller.staff._restart_timer.setInterval(50)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_backups")
    panel = staff_home(kiosk).backups_panel
    before = panel.list.count()
    with qtbot.waitSignal(panel.backup_taken, timeout=20_000):
        tap(qtbot, window, "backup_now_button")
    assert panel.list.count() == before + 1
    assert audit(store, "backup_taken")[0][0] == "admin"

    panel.list.setCurrentRow(0)
    assert panel.selected_entry() is not None
    tap(qtbot, window, "backup_restore_button")
    assert find(window, "backup_confirm_panel").isVisible()
    assert "quarantine" in find(window, "backup_confirm_label", QLabel).text()
    tap(qtbot, window, "backup_restore_cancel_button")
    assert not find(window, "backup_confirm_panel").isVisible()

    tap(qtbot, window, "backup_restore_button")
    with qtbot.waitSignal(panel.restart_required, timeout=20_000) as restored:
        tap(qtbot, window, "backup_restore_confirm_button")
    outcome = restored.args[0]
    assert outcome.kept_aside is not None and outcome.kept_aside.exists()
    assert outcome.kept_aside.parent == kiosk_layout.quarantine
    assert find(window, "backup_restart_button", QPushButton).isVisible()
    assert not find(window, "backup_now_button", QPushButton).isEnabled()
    qtbot.waitUntil(lambda: restarts == ["75"], timeout=5000)


def citizen_with_cases(store: Store) -> tuple[str, str]:
    """The domain example's citizen: one case submitted (not yet sent) and one draft."""
    service = CaseService(store, catalogue(), KioskConfig())
    card = parse_id_card_qr(EXAMPLE_1)
    actor = Actor.citizen("s1")
    submitted = service.start_case("marital_status", actor, card=card)
    service.save_answers(
        submitted.id,
        complete_answers(catalogue()["marital_status"], card, random.Random(2)),
    )
    from kiosk.cases import ConsentNotice

    service.promise_required_documents(submitted.id)
    service.submit(submitted.id, actor, ConsentNotice("procedure", "Đồng ý.", "vi"))
    draft = service.start_case("birth", actor, card=card)
    return submitted.id, draft.id


def test_a_citizens_data_is_exported_and_deleted_with_an_audit_trail(
    qtbot: QtBot, store: Store, kiosk_layout: HomeLayout
) -> None:
    submitted_id, draft_id = citizen_with_cases(store)
    kiosk = admin_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_data_requests")
    panel = staff_home(kiosk).data_requests_panel

    # Garbage is refused in plain words.
    find(window, "data_request_id_number", QLineEdit).setText("12ab😀")
    tap(qtbot, window, "data_request_find_button")
    assert find(window, "data_request_message_label", QLabel).text()
    assert not find(window, "data_request_actions").isVisible()

    find(window, "data_request_id_number", QLineEdit).setText("049090001234")
    tap(qtbot, window, "data_request_find_button")
    result = find(window, "data_request_result_label", QLabel).text()
    assert "Nguyễn Văn An" in result and "2 hồ sơ" in result

    folder = find(window, "data_request_folder", QLineEdit)
    folder.setText("../../etc")
    tap(qtbot, window, "data_request_export_button")
    qtbot.waitUntil(lambda: not panel.task.is_busy(), timeout=20_000)
    assert "Tên thư mục" in find(window, "data_request_message_label", QLabel).text()
    folder.setText("yeu-cau-an")
    with qtbot.waitSignal(panel.exported, timeout=30_000) as exported:
        tap(qtbot, window, "data_request_export_button")
    files = exported.args[0]
    assert files.folder == kiosk_layout.root / "exports" / "yeu-cau-an"
    document = json.loads(files.json_file.read_text(encoding="utf-8"))
    assert document["citizen"]["full_name"] == "Nguyễn Văn An"
    assert {case["id"] for case in document["cases"]} == {submitted_id, draft_id}
    pdf_text = "".join(page.extract_text() for page in PdfReader(files.pdf_file).pages)
    assert "Nguyễn Văn An" in pdf_text and "049090001234" in pdf_text
    assert files.json_file.stat().st_mode & 0o077 == 0

    # Delete: the confirmation lists the draft that was never sent.
    tap(qtbot, window, "data_request_delete_button")
    confirm = find(window, "data_request_confirm_label", QLabel).text()
    assert "Còn 2 hồ sơ chưa gửi" in confirm
    assert "Đăng ký khai sinh" in confirm and "đang làm dở" in confirm
    tap(qtbot, window, "data_request_cancel_delete_button")
    with store.sessions() as session:
        assert session.scalar(select(Citizen.id)) is not None
    tap(qtbot, window, "data_request_delete_button")
    assert find(window, "data_request_confirm_delete_button", QPushButton).text() == (
        "Xoá, kể cả hồ sơ chưa gửi"
    )
    with qtbot.waitSignal(panel.deleted, timeout=20_000):
        tap(qtbot, window, "data_request_confirm_delete_button")
    assert "Đã xoá" in find(window, "data_request_message_label", QLabel).text()
    assert "Nguyễn Văn An" not in find(window, "data_request_result_label", QLabel).text()
    with store.sessions() as session:
        assert session.scalar(select(Citizen.id)) is None
        assert session.get(Case, draft_id) is None
        # Submitted here but not yet at the portal: confirmed as lost, so deleted too.
        assert session.get(Case, submitted_id) is None

    admin_id = str(kiosk.controller.staff.signed_in.volunteer_id)  # type: ignore[union-attr]
    for action in ("subject_lookup", "subject_data_exported", "subject_data_deleted"):
        events = audit(store, action)
        assert events and all(event[:2] == ("admin", admin_id) for event in events), action
    deleted = audit(store, "subject_data_deleted")[0][2]
    assert deleted["confirmed_unsynced"] is True
    with store.sessions() as session:
        trail = " ".join(str(d) for d in session.scalars(select(AuditEvent.details)))
    assert "Nguyễn Văn An" not in trail and "049090001234" not in trail


def test_the_export_folder_never_leaves_exports(kiosk_layout: HomeLayout) -> None:
    assert export_folder(kiosk_layout, "ok-1").parent == kiosk_layout.root / "exports"
    for bad in ("..", "../x", "a/b", "", ".hidden", "x" * 65, "tên", "a\x00b"):
        with pytest.raises(FolderNameError):
            export_folder(kiosk_layout, bad)


def test_the_audit_log_filters_and_exports_csv(
    qtbot: QtBot, qtmodeltester: ModelTester, store: Store, kiosk_layout: HomeLayout
) -> None:
    kiosk = admin_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_audit_log")
    panel = staff_home(kiosk).audit_log_panel
    assert panel.model.total() >= 3  # two accounts created, one sign-in
    qtmodeltester.check(panel.model, force_py=True)

    panel.action_filter.setCurrentIndex(panel.action_filter.findData("volunteer_signed_in"))
    panel.apply_filters()
    assert panel.model.total() == 1
    assert panel.model.data(panel.model.index(0, 2)) == "volunteer_signed_in"
    assert "1 sự kiện" in find(window, "audit_status_label", QLabel).text()

    with qtbot.waitSignal(panel.exported, timeout=20_000) as exported:
        tap(qtbot, window, "audit_export_button")
    path = exported.args[0]
    assert path.parent == kiosk_layout.root / "exports"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["action"] for row in rows] == ["volunteer_signed_in"]


def test_the_audit_model_pages_in_sql(qtmodeltester: ModelTester, store: Store) -> None:
    make_accounts(store)
    service = CaseService(store, catalogue(), KioskConfig())
    for index in range(12):
        service.start_case("birth", Actor.citizen(f"s{index}"))
    model = AuditLogModel(store, page_size=5)
    model.reload(AuditFilter(actions=["case_started"]))
    assert (model.rowCount(), model.total()) == (5, 12)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 12
    newest = model.row_at(0)
    model.sort(0)  # oldest first
    assert model.rowCount() == 5 and model.row_at(0) != newest
    # Checked last: pytest-qt's tester calls fetchMore from inside a model reset.
    qtmodeltester.check(model, force_py=True)


def test_the_it_officer_manages_staff_accounts(qtbot: QtBot, store: Store) -> None:
    kiosk = admin_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "staff_tab_accounts")
    panel = staff_home(kiosk).accounts_panel
    assert panel.list.count() == 2
    message = find(window, "accounts_message_label", QLabel)

    find(window, "account_name", QLineEdit).setText("Lê Văn Cường")
    find(window, "account_branch", QLineEdit).setText("Chi đoàn khu phố 2")
    find(window, "account_pin", QLineEdit).setText("1234")  # too easy
    tap(qtbot, window, "account_create_button")
    assert "quá dễ đoán" in message.text() and panel.list.count() == 2
    assert find(window, "account_pin", QLineEdit).text() == ""
    find(window, "account_pin", QLineEdit).setText("7302")
    tap(qtbot, window, "account_create_button")
    assert "Lê Văn Cường" in message.text() and panel.list.count() == 3

    # The last admin cannot be switched off.
    admin_row = next(i for i in range(3) if "quản trị" in panel.list.item(i).text())
    panel.list.setCurrentRow(admin_row)
    tap(qtbot, window, "account_active_button")
    assert "quản trị cuối cùng" in message.text()

    cuong_row = next(i for i in range(3) if "Lê Văn Cường" in panel.list.item(i).text())
    panel.list.setCurrentRow(cuong_row)
    tap(qtbot, window, "account_active_button")
    assert "đã ngừng" in panel.list.item(cuong_row).text()
    assert [event[1] for event in audit(store, "volunteer_deactivated")] == [
        str(kiosk.controller.staff.signed_in.volunteer_id)  # type: ignore[union-attr]
    ]
    names = [view.name for view in kiosk.controller.staff.service.list_volunteers()]  # type: ignore[union-attr]
    assert "Lê Văn Cường" not in names  # no button on the sign-in screen any more


def test_only_an_admin_can_quit_the_kiosk(qtbot: QtBot, store: Store) -> None:
    lan, binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    quit_button = find(kiosk.window, "staff_quit_button", QPushButton)
    assert not quit_button.isVisible(), "a volunteer cannot close the kiosk"
    kiosk.controller.staff.quit_kiosk()
    assert kiosk.window.isVisible()
    kiosk.controller.staff.sign_out("manual")
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    assert quit_button.isVisible()
    tap(qtbot, kiosk.window, "staff_quit_button")
    qtbot.waitUntil(lambda: not kiosk.window.isVisible(), timeout=3000)
