"""A signed-in volunteer helps citizens: the case, the audit, the report and "Today"
name them; the badge's switches change only the citizen's session; a case from the
work queue opens in the wizard as assisted.

Real SQLite, the shipped catalogue, the real screens. Shortcut, said where taken:
the wizard's pages are filled through the case service (the wizard itself is
tested by its own helper's e2e test); the receipt is "printed" to a PDF file.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.clock import local_date
from kiosk.cases.daily_report import build_report
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Case
from kiosk.ui.controller import Overrides
from kiosk.ui.printing import print_pdf_to_file
from kiosk.ui.staff.desk import StaffDeskOptions, page_text
from tests.ui_shell_support import EXAMPLE_1, catalogue, find, scan, tap
from tests.ui_staff_support import (
    VOLUNTEER_PIN,
    build_staff_kiosk,
    make_accounts,
    sign_in,
    staff_home,
    type_pin,
)


def test_a_volunteer_helps_a_citizen_finish_a_case(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    lan, _binh = make_accounts(store)
    printed = tmp_path / "receipt.pdf"

    def print_to_file(pdf: bytes) -> None:
        print_pdf_to_file(pdf, printed)

    kiosk = build_staff_kiosk(qtbot, store, overrides=Overrides(print_function=print_to_file))
    window, controller = kiosk.window, kiosk.controller
    cases = kiosk.services.case_service
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    tap(qtbot, window, "staff_stay_signed_in_button")  # Lan serves several citizens in a row
    tap(qtbot, window, "staff_serve_citizen_button")

    # The citizen's own path, with the volunteer beside them.
    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, "procedure_tile_birth")
    tap(qtbot, window, "start_procedure_button")
    assert controller.current_screen_name() == "wizard"
    case_id = controller.session.case_id
    assert case_id is not None
    assert cases.get(case_id).assisted_by == lan.id

    # Shortcut: the remaining answers through the service, then the review.
    definition = catalogue()["birth"]
    started = cases.get(case_id)
    answers = complete_answers(definition, parse_id_card_qr(EXAMPLE_1), random.Random(4))
    cases.save_answers(
        case_id,
        {
            key: value
            for key, value in answers.items()
            if definition.field(key).is_input and key not in started.answers
        },
    )
    controller.on_review_requested(case_id)
    # Supporting documents: the birth certificate will be brought to the counter.
    assert controller.current_screen_name() == "documents"
    tap(qtbot, window, "document_slot_birth_certificate")
    tap(qtbot, window, "document_bring_later_button")
    tap(qtbot, window, "documents_continue_button")
    tap(qtbot, window, "review_confirm_button")
    tap(qtbot, window, "consent_confirm_button")
    tap(qtbot, window, "submit_button")

    # The fee: the volunteer records the cash, then the receipt.
    assert controller.current_screen_name() == "payment"
    tap(qtbot, window, "paid_cash_button")
    tap(qtbot, window, "payment_continue_button")
    assert controller.current_screen_name() == "done"

    stored = cases.get(case_id)
    assert stored.status == "ready" and stored.assisted_by == lan.id
    with store.sessions() as session:
        details = dict(
            session.scalars(
                select(AuditEvent.details).where(
                    AuditEvent.case_id == case_id, AuditEvent.action == "case_submitted"
                )
            ).one()
        )
    assert details["assisted_by"] == lan.id
    report = build_report(store, local_date(dt.datetime.now(dt.UTC)))
    assert report.by_volunteer == {"Nguyễn Thị Lan": 1}

    # Finish: the citizen's session ends, the volunteer stays signed in ("Giữ đăng nhập").
    done = controller.screen("done")
    qtbot.waitUntil(lambda: done.last_outcome is not None, timeout=20_000)  # type: ignore[attr-defined]
    tap(qtbot, window, "finish_button")
    assert controller.current_screen_name() == "welcome"
    assert controller.volunteer_id == lan.id and controller.staff.badge.isVisible()
    assert controller.session.case_id is None

    # "Today" shows the same numbers as the report; after a citizen's session the staff
    # screens ask for the PIN again.
    tap(qtbot, window, "badge_staff_home_button")
    assert controller.current_screen_name() == "sign_in"
    tap(qtbot, window, f"volunteer_{lan.id}")
    type_pin(qtbot, window, VOLUNTEER_PIN)
    assert controller.current_screen_name() == "staff_home"
    home = staff_home(kiosk)
    tap(qtbot, window, "staff_tab_today")
    today = home.today_panel
    qtbot.waitUntil(lambda: today.summary is not None, timeout=10_000)
    assert [(bar.label, bar.value) for bar in today.volunteer_chart.bars()] == [
        ("Nguyễn Thị Lan", 1)
    ]
    assert today.values["helped"].text() == "1"
    assert today.values["submitted"].text() == "1"


def test_the_badge_switches_belong_to_the_citizens_session(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(
        qtbot,
        store,
        # The mock engine: this machine has no speech server (see kiosk/ui/speech.py).
        overrides=Overrides(
            staff=StaffDeskOptions(read_aloud_engine="mock", read_aloud_locale=None)
        ),
    )
    window, controller = kiosk.window, kiosk.controller
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    tap(qtbot, window, "staff_stay_signed_in_button")
    tap(qtbot, window, "staff_serve_citizen_button")
    tap(qtbot, window, "welcome_resume_button")

    tap(qtbot, window, "badge_large_text_button")
    assert controller.large_text
    tap(qtbot, window, "badge_language_button")
    assert controller.language == "en"
    assert find(window, "badge_language_button", QPushButton).text() == "Tiếng Việt"
    tap(qtbot, window, "badge_read_aloud_button")
    desk = controller.staff
    assert desk.read_aloud_on and desk.read_aloud is not None
    qtbot.waitUntil(desk.read_aloud.is_available, timeout=5000)
    assert page_text(window.current_screen())  # the page has something to say

    controller.reset_session()  # the citizen leaves (Finish or the idle timeout)
    assert not controller.large_text and controller.language == "vi"
    assert not desk.read_aloud_on
    assert not find(window, "badge_large_text_button", QPushButton).isChecked()
    assert not find(window, "badge_read_aloud_button", QPushButton).isChecked()
    assert controller.volunteer_id == lan.id and desk.badge.isVisible()


def test_a_returned_case_opens_from_the_queue_as_assisted(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    service = CaseService(store, catalogue(), KioskConfig())
    rng = random.Random(9)
    card = synthetic_card(rng)
    citizen = Actor.citizen("alone")
    case = service.start_case("marital_status", citizen, card=card)
    service.save_answers(case.id, complete_answers(catalogue()["marital_status"], card, rng))
    service.promise_required_documents(case.id)
    service.submit(case.id, citizen, ConsentNotice("procedure", "Đồng ý.", "vi"))
    with store.sessions.begin() as session:  # what sync does when the portal returns it
        session.execute(
            update(Case)
            .where(Case.id == case.id)
            .values(status="returned", portal_message="Thiếu ảnh chân dung.")
        )

    kiosk = build_staff_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    home = staff_home(kiosk)
    tap(qtbot, window, "queue_kind_returned_button")
    assert "(1)" in find(window, "queue_kind_returned_button", QPushButton).text()
    panel = home.queue_panel
    assert panel.model.rowCount() == 1
    row = panel.model.row_at(0)
    assert row is not None and row.message == "Thiếu ảnh chân dung."
    panel.table.selectRow(0)
    assert "Thiếu ảnh chân dung." in panel.status_label.text()
    tap(qtbot, window, "queue_open_button")

    assert controller.current_screen_name() == "wizard"
    assert controller.session.case_id == case.id
    assert service.get(case.id).assisted_by == lan.id
    assert panel.model.rowCount() == 0  # the citizen's name is no longer held there
    assert controller.staff.badge.isVisible()
    with store.sessions() as session:
        assisted = session.scalars(
            select(AuditEvent.actor_id).where(
                AuditEvent.case_id == case.id, AuditEvent.action == "case_assisted"
            )
        ).all()
    assert assisted == [str(lan.id)]
