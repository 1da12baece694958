"""The personal-data notice (Qt-free) and the consent screen in front of submit."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.cases.consent_notice import consent_notice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.ui.screens.consent import ConsentScreen


@pytest.mark.parametrize("procedure_id", ["birth", "death", "residence_ct01", "certified_copy"])
def test_notice_names_data_purpose_receiver_and_rights(
    catalogue: Catalogue, procedure_id: str
) -> None:
    config = KioskConfig()
    definition = catalogue[procedure_id]
    vi = consent_notice(definition, config, "vi")
    en = consent_notice(definition, config, "en")
    assert vi.language == "vi" and en.language == "en"
    assert vi.purpose == en.purpose == f"procedure:{procedure_id}:v{definition.version}"
    for notice in (vi, en):
        assert "91/2025/QH15" in notice.text and "356/2025" in notice.text
        assert config.ward.agency_name in notice.text
        assert definition.consent_purpose.get(notice.language) in notice.text
    assert "02 ngày làm việc" in vi.text and "2 working days" in en.text
    for word in ("xem", "sửa", "xoá", "rút lại"):
        assert word in vi.text
    assert consent_notice(definition, config, "vi") == vi  # the same text every time
    assert vi.sha256 != en.sha256


def test_notice_lists_the_collected_data(catalogue: Catalogue) -> None:
    text = consent_notice(catalogue["birth"], KioskConfig(), "vi").text
    assert "Họ, chữ đệm, tên người mẹ" in text
    assert "thẻ căn cước" in text
    ct01 = consent_notice(catalogue["residence_ct01"], KioskConfig(), "en").text
    assert "Household members" in ct01
    assert "so that the commune or ward police can decide" in ct01


def test_the_deciding_agency_reads_as_english_in_the_sentence(catalogue: Catalogue) -> None:
    """A proper name keeps its capitals after "the" (seen in the English walk: "so that
    the people's Committee of the commune or ward can decide")."""
    text = consent_notice(catalogue["birth"], KioskConfig(), "en").text
    assert "so that the People's Committee of the commune or ward can decide" in text


def show_consent(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue, case_id: str
) -> ConsentScreen:
    screen = ConsentScreen(service, catalogue, KioskConfig(), "vi")
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.load_case(case_id, Actor.citizen("s"))
    return screen


def button(screen: ConsentScreen, name: str) -> QPushButton:
    found = screen.findChild(QPushButton, name)
    assert found is not None and found.accessibleName() == name
    return found


def test_incomplete_case_sends_the_citizen_to_the_step_to_fix(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s")).id
    screen = show_consent(qtbot, service, catalogue, case_id)
    toggle, submit = button(screen, "consent_confirm_button"), button(screen, "submit_button")
    assert not toggle.isChecked() and not submit.isEnabled()
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert service.get(case_id).status == "draft"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert submit.isEnabled()
    with qtbot.waitSignal(screen.fix_requested) as blocker:
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    assert blocker.args == ["requester"]
    message = screen.findChild(QLabel, "consent_message")
    assert message is not None and message.isVisible()
    assert "chưa đầy đủ" in message.text()
    assert service.get(case_id).status == "draft"


def test_a_case_without_its_papers_is_refused_with_their_names(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    """The service's rule (issue 16), not the widget's: the screen shows its message."""
    card = synthetic_card(random.Random(7))
    case_id = service.start_case("birth", Actor.citizen("s"), card=card).id
    service.save_answers(case_id, complete_answers(catalogue["birth"], card, random.Random(7)))
    screen = show_consent(qtbot, service, catalogue, case_id)
    toggle, submit = button(screen, "consent_confirm_button"), button(screen, "submit_button")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(screen.submitted):
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    message = screen.findChild(QLabel, "consent_message")
    assert message is not None and message.isVisible()
    assert message.text().startswith("Hồ sơ còn thiếu giấy tờ: Giấy chứng sinh")
    assert submit.isEnabled(), "the citizen can try again once the paper is recorded"
    assert service.get(case_id).status == "draft"


def test_language_switch_clears_consent_and_a_second_submit_is_refused(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    card = synthetic_card(random.Random(7))
    case_id = service.start_case("birth", Actor.citizen("s"), card=card).id
    service.save_answers(case_id, complete_answers(catalogue["birth"], card, random.Random(7)))
    service.promise_required_documents(case_id)  # the documents screen's part
    screen = show_consent(qtbot, service, catalogue, case_id)
    toggle, submit = button(screen, "consent_confirm_button"), button(screen, "submit_button")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    screen.set_language("en")
    assert not toggle.isChecked() and not submit.isEnabled()
    notice = screen.findChild(QLabel, "consent_notice_text")
    assert notice is not None and notice.text().startswith("NOTICE ON THE PROCESSING")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.submitted) as done:
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    assert done.args[0].case.status == "ready"
    assert not submit.isEnabled()

    again = show_consent(qtbot, service, catalogue, case_id)
    qtbot.mouseClick(button(again, "consent_confirm_button"), Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(again.submitted):
        qtbot.mouseClick(button(again, "submit_button"), Qt.MouseButton.LeftButton)
    message = again.findChild(QLabel, "consent_message")
    assert message is not None and "đã được nộp" in message.text()

    again.reset()
    assert not any(card.full_name in label.text() for label in again.findChildren(QLabel))


@pytest.mark.parametrize(
    ("high_contrast", "large_text"), [(False, False), (True, False), (False, True)]
)
def test_a_disabled_submit_looks_disabled_and_a_tap_says_what_is_missing(
    qtbot: QtBot,
    qapp: QApplication,
    service: CaseService,
    catalogue: Catalogue,
    high_contrast: bool,
    large_text: bool,
) -> None:
    """Issue 15 #2: "Nộp hồ sơ" was the same red before consent and a tap said nothing."""
    from kiosk.ui.theme import apply_theme
    from tests.ui_shell_support import AppLook

    look = AppLook()  # the theme restyles the whole application: put it back after
    apply_theme(qapp, high_contrast=high_contrast, large_text=large_text)
    try:
        case_id = service.start_case("birth", Actor.citizen("s")).id
        screen = show_consent(qtbot, service, catalogue, case_id)
        qtbot.waitExposed(screen)
        toggle, submit = button(screen, "consent_confirm_button"), button(screen, "submit_button")
        back = button(screen, "consent_back_button")

        def fill(widget: QPushButton) -> QColor:
            image = widget.grab().toImage()
            return image.pixelColor(image.width() // 2, 6)  # the fill near the top edge

        disabled_fill = fill(submit)
        assert disabled_fill == fill(back), "a disabled main button looks like a plain one"
        message = screen.findChild(QLabel, "consent_message")
        assert message is not None and not message.isVisible()
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
        assert message.isVisible() and "Tôi đã đọc và đồng ý" in message.text()
        assert service.get(case_id).status == "draft"
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert submit.isEnabled() and not message.isVisible()
        assert fill(submit) != disabled_fill, "enabled, it takes the main button's colour"
    finally:
        look.restore()
