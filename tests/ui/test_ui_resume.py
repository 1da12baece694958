"""The resume screen: a scanned card lists the citizen's drafts; a typed code opens one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService, format_resume_code
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.ui.screens.resume import ResumeScreen
from tests.ui_shell_support import EXAMPLE_1, all_texts, build_kiosk, catalogue, find, scan, tap

ACTOR = Actor.citizen("test-session")


@pytest.fixture
def screen(qtbot: QtBot, service: CaseService) -> ResumeScreen:
    widget = ResumeScreen(service, catalogue())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_scanned_card_lists_its_drafts_newest_first(
    qtbot: QtBot, screen: ResumeScreen, service: CaseService
) -> None:
    card = parse_id_card_qr(EXAMPLE_1)
    older = service.start_case("birth", ACTOR, card=card)
    newer = service.start_case("marital_status", ACTOR, card=card)
    service.start_case("death", ACTOR)  # someone else's (no card)
    scan(qtbot, screen, EXAMPLE_1, lambda: len(screen.draft_buttons) == 2)
    first = find(screen, "resume_draft_0", QPushButton)
    assert "Xác nhận tình trạng hôn nhân" in first.text()
    assert "Đăng ký khai sinh" in find(screen, "resume_draft_1", QPushButton).text()
    assert first.height() >= 60
    with qtbot.waitSignal(screen.case_chosen) as blocker:
        tap(qtbot, screen, "resume_draft_1")
    assert blocker.args == [older.id]
    assert newer.id != older.id


def test_card_without_drafts_says_so(qtbot: QtBot, screen: ResumeScreen) -> None:
    scan(qtbot, screen, EXAMPLE_1, lambda: screen.message_label.isVisible())
    assert "không có hồ sơ" in screen.message_label.text()
    assert screen.draft_buttons == []


@pytest.mark.parametrize("spelling", ["formatted", "lower", "spaces"])
def test_typed_resume_code_opens_the_draft(
    qtbot: QtBot, screen: ResumeScreen, service: CaseService, spelling: str
) -> None:
    case = service.start_case("birth", ACTOR)
    assert case.resume_code is not None
    code = {
        "formatted": format_resume_code(case.resume_code),
        "lower": case.resume_code.lower(),
        "spaces": " ".join(case.resume_code),
    }[spelling]
    screen.code_input.setText(code[:16])
    with qtbot.waitSignal(screen.case_chosen) as blocker:
        tap(qtbot, screen, "resume_find_button")
    assert blocker.args == [case.id]


@pytest.mark.parametrize("typed", ["ABCD-123", "", "😀😀", "\x00\x00\x00", "x" * 10_000])
def test_wrong_or_garbage_code_gets_a_message(
    qtbot: QtBot, screen: ResumeScreen, typed: str
) -> None:
    screen.code_input.setText(typed)
    with qtbot.assertNotEmitted(screen.case_chosen):
        tap(qtbot, screen, "resume_find_button")
    assert screen.message_label.isVisible()
    assert "Không tìm thấy" in screen.message_label.text()


def test_reset_forgets_code_and_drafts(
    qtbot: QtBot, screen: ResumeScreen, service: CaseService
) -> None:
    service.start_case("birth", ACTOR, card=parse_id_card_qr(EXAMPLE_1))
    scan(qtbot, screen, EXAMPLE_1, lambda: len(screen.draft_buttons) == 1)
    screen.code_input.setText("ABCD")
    screen.reset()
    assert screen.code_input.text() == ""
    assert screen.draft_buttons == []
    assert not any("khai sinh" in text for text in all_texts(screen))


def test_controller_opens_the_chosen_draft(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    case = kiosk.services.case_service.start_case("birth", ACTOR)
    tap(qtbot, kiosk.window, "welcome_resume_button")
    kiosk.controller.guard(kiosk.controller.resume.case_chosen.emit)(case.id)
    assert kiosk.controller.session.case_id == case.id
    assert kiosk.controller.current_screen_name() in ("wizard", "error")
