"""The look-up screen: scan the receipt QR or type the reference; status in plain words."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.documents.tracking import tracking_payload_for
from kiosk.store.database import Store
from kiosk.store.models import Case
from kiosk.ui.screens.lookup import LookupScreen
from tests.ui_shell_support import build_kiosk, catalogue, scan, tap

ACTOR = Actor.citizen("test-session")
DOSSIER = "000.00.21.H42-260520-0007"


@pytest.fixture
def screen(qtbot: QtBot, service: CaseService) -> LookupScreen:
    widget = LookupScreen(service, catalogue())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def submitted_case(service: CaseService) -> str:
    """A real submitted marital-status case; returns its local reference."""
    rng = random.Random(7)
    card = synthetic_card(rng)
    case = service.start_case("marital_status", ACTOR, card=card)
    service.save_answers(case.id, complete_answers(catalogue()["marital_status"], card, rng))
    notice = ConsentNotice("procedure:marital_status:v1", "Đồng ý.", "vi")
    service.promise_required_documents(case.id)
    return service.submit(case.id, ACTOR, notice).local_reference


def mark_synced(store: Store, reference: str, status: str, message: str | None = None) -> None:
    """What a sync pass writes (sync.engine): dossier code, portal status, appointment."""
    with store.sessions.begin() as session:
        case = session.query(Case).filter(Case.local_reference == reference).one()
        case.status = "returned" if status == "needs_more" else "sent"
        case.dossier_code = DOSSIER
        case.portal_status = status
        case.portal_message = message
        case.appointment_date = dt.date(2026, 5, 25)


def test_scanned_receipt_shows_the_waiting_status(
    qtbot: QtBot, screen: LookupScreen, service: CaseService
) -> None:
    reference = submitted_case(service)
    scan(qtbot, screen, tracking_payload_for(reference), lambda: screen.result_panel.isVisible())
    assert screen.procedure_label.text() == "Xác nhận tình trạng hôn nhân"
    assert reference in screen.reference_label.text()
    assert "chờ gửi" in screen.status_label.text()
    assert not screen.appointment_label.isVisible()


def test_synced_status_with_appointment_and_dossier_code(
    qtbot: QtBot, screen: LookupScreen, service: CaseService, store: Store
) -> None:
    reference = submitted_case(service)
    mark_synced(store, reference, "processing")
    scan(
        qtbot,
        screen,
        tracking_payload_for(reference, DOSSIER),
        lambda: screen.result_panel.isVisible(),
    )
    assert screen.status_label.text() == "Hồ sơ đang được cán bộ xử lý."
    assert screen.appointment_label.text() == "Ngày hẹn trả kết quả: 25/05/2026"
    assert DOSSIER in screen.reference_label.text()


@pytest.mark.parametrize("synced", [False, True])
def test_scanned_or_typed_tracking_url_finds_the_case(
    qtbot: QtBot, screen: LookupScreen, service: CaseService, store: Store, synced: bool
) -> None:
    """The receipt's QR holds the portal's tracking URL; the kiosk's look-up reads it too."""
    reference = submitted_case(service)
    if synced:
        mark_synced(store, reference, "processing")
    template = KioskConfig().portal.tracking_url_template
    url = tracking_payload_for(reference, DOSSIER if synced else None, template)
    assert url.startswith("https://")
    scan(qtbot, screen, url, lambda: screen.result_panel.isVisible())
    assert screen.shown_case is not None and screen.shown_case.local_reference == reference
    screen.reset()
    assert screen.shown_case is None
    screen.code_input.setText(url)
    tap(qtbot, screen, "lookup_find_button")
    assert screen.shown_case is not None and screen.shown_case.local_reference == reference


def test_needs_more_shows_the_officers_note(
    qtbot: QtBot, screen: LookupScreen, service: CaseService, store: Store
) -> None:
    reference = submitted_case(service)
    mark_synced(store, reference, "needs_more", "Cần bản sao giấy khai sinh.")
    screen.code_input.setText(DOSSIER)
    tap(qtbot, screen, "lookup_find_button")
    assert "bổ sung" in screen.status_label.text()
    assert screen.note_label.text() == "Cần bản sao giấy khai sinh."


def test_typed_reference_in_lower_case_is_found(
    qtbot: QtBot, screen: LookupScreen, service: CaseService
) -> None:
    reference = submitted_case(service)
    screen.code_input.setText(f"  {reference.lower()} ")
    tap(qtbot, screen, "lookup_find_button")
    assert screen.shown_case is not None
    assert screen.shown_case.local_reference == reference


@pytest.mark.parametrize("typed", ["20551-260520-01-0001-K", "😀", "\x00abc", "z" * 10_000])
def test_unknown_or_garbage_reference_says_not_found(
    qtbot: QtBot, screen: LookupScreen, typed: str
) -> None:
    screen.code_input.setText(typed)
    tap(qtbot, screen, "lookup_find_button")
    assert screen.message_label.isVisible()
    assert not screen.result_panel.isVisible()


@pytest.mark.parametrize("payload", ["CDKV:!!bad!!", "hello world, not a receipt"])
def test_scanned_garbage_gets_a_vietnamese_message(
    qtbot: QtBot, screen: LookupScreen, payload: str
) -> None:
    scan(qtbot, screen, payload, lambda: screen.message_label.isVisible())
    assert screen.message_label.text()
    assert not screen.result_panel.isVisible()


def test_english_status_and_reset(
    qtbot: QtBot, screen: LookupScreen, service: CaseService, store: Store
) -> None:
    reference = submitted_case(service)
    mark_synced(store, reference, "done")
    screen.set_language("en")
    screen.code_input.setText(reference)
    tap(qtbot, screen, "lookup_find_button")
    assert screen.procedure_label.text() == "Confirmation of marital status"
    assert "result is ready" in screen.status_label.text()
    assert screen.appointment_label.text() == "Result expected on: 25/05/2026"
    screen.reset()
    assert screen.shown_case is None
    assert screen.code_input.text() == ""
    assert screen.status_label.text() == ""


def test_reached_from_the_welcome_screen(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    reference = submitted_case(kiosk.services.case_service)
    tap(qtbot, kiosk.window, "welcome_lookup_button")
    lookup = kiosk.controller.lookup
    scan(
        qtbot,
        kiosk.window,
        tracking_payload_for(reference),
        lambda: lookup.result_panel.isVisible(),
    )
    tap(qtbot, kiosk.window, "lookup_back_button")
    assert lookup.shown_case is None
