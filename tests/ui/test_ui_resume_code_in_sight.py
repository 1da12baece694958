"""Issue 15 #1, the resume-code field: in assisted mode, while the keyboard is up, the
field and its label stay fully visible above the keyboard (1366x768 and 1920x1080,
normal and large text), and a tap aimed at the field lands on it.

The real kiosk window and controller, the kiosk's theme and fonts; a volunteer signs
in by taps (PIN pad), serves a citizen, opens "continue a dossier" and taps the field.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeoutError
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, format_resume_code
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import EXAMPLE_1, AppLook, finger_tap, scan, tap
from tests.ui_staff_support import VOLUNTEER_PIN, build_staff_kiosk, make_accounts, sign_in

SIZES = [(1366, 768), (1920, 1080)]


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    look = AppLook()
    load_kiosk_fonts()
    yield qapp
    look.restore()


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_resume_code_field_and_its_label_stay_above_the_keyboard(
    qtbot: QtBot,
    app_look: QApplication,
    store: Store,
    size: tuple[int, int],
    large_text: bool,
) -> None:
    apply_theme(app_look, high_contrast=False, large_text=large_text)
    lan, _admin = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store, size=size)
    window, controller = kiosk.window, kiosk.controller
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    tap(qtbot, window, "staff_serve_citizen_button")
    assert controller.volunteer_id == lan.id  # assisted mode
    controller.set_display_options(large_text=large_text, high_contrast=False)
    tap(qtbot, window, "welcome_resume_button")
    resume = controller.resume
    assert controller.current_screen_name() == "resume"
    dock = window.keyboard_dock
    field = resume.code_input
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dock.isVisible)
    parts: list[QWidget] = [field, resume.instructions_label, resume.find_button]
    scroll = resume.scroll_area
    assert scroll.objectName() == "resume_scroll"

    def hidden_parts() -> list[str]:
        viewport = global_rect(scroll.viewport())
        visible = viewport.intersected(global_rect(window))
        dock_top = dock.mapToGlobal(QPoint(0, 0)).y()
        return [
            f"{part.objectName()} {global_rect(part)} not in {visible} (dock at {dock_top})"
            for part in parts
            if not part.isVisible()
            or not visible.contains(global_rect(part))
            or global_rect(part).bottom() >= dock_top
        ]

    with contextlib.suppress(WaitTimeoutError):  # the screen settles (events, not time)
        qtbot.waitUntil(lambda: not hidden_parts(), timeout=2000)
    assert hidden_parts() == []
    centre = field.mapTo(window, field.rect().center())
    hit = window.childAt(centre)
    assert hit is field or (hit is not None and field.isAncestorOf(hit)), hit
    # Typing goes into the field while the keyboard is up.
    tap(qtbot, window, "keyboard_key_a")
    assert field.text().lower() == "a"

    # A finger on Find: the press, whatever the screen does in between, then the lift.
    finger_tap(resume.find_button)
    assert resume.message_label.isVisible()
    assert dock.isVisible(), "the keyboard stays up to correct the code"
    parts[:] = [resume.message_label, field]
    with contextlib.suppress(WaitTimeoutError):
        qtbot.waitUntil(lambda: not hidden_parts(), timeout=2000)
    assert hidden_parts() == []


def test_a_typed_code_opens_the_draft_and_the_next_visit_starts_without_keyboard(
    qtbot: QtBot, app_look: QApplication, store: Store
) -> None:
    kiosk = build_staff_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    case = kiosk.services.case_service.start_case("birth", Actor.citizen("s"))
    assert case.resume_code is not None
    tap(qtbot, window, "welcome_resume_button")
    resume = controller.resume
    qtbot.mouseClick(resume.code_input, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.keyboard_dock.isVisible)
    resume.code_input.setText(format_resume_code(case.resume_code))
    finger_tap(resume.find_button)
    assert controller.current_screen_name() == "wizard"
    assert controller.session.case_id == case.id
    controller.reset_session()
    tap(qtbot, window, "welcome_resume_button")
    assert controller.current_screen_name() == "resume"
    assert not resume.code_input.hasFocus()
    assert not window.keyboard_dock.isVisible(), "only a tap on the field opens the keyboard"


def test_a_listed_draft_opens_with_one_tap_while_the_keyboard_is_up(
    qtbot: QtBot, app_look: QApplication, store: Store
) -> None:
    kiosk = build_staff_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    card = parse_id_card_qr(EXAMPLE_1)
    case = kiosk.services.case_service.start_case("birth", Actor.citizen("s"), card=card)
    tap(qtbot, window, "welcome_resume_button")
    resume = controller.resume
    scan(qtbot, window, EXAMPLE_1, lambda: len(resume.draft_buttons) == 1)
    qtbot.mouseClick(resume.code_input, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.keyboard_dock.isVisible)
    button = resume.draft_buttons[0]
    resume.scroll_area.ensureWidgetVisible(button)
    finger_tap(button)
    assert controller.current_screen_name() == "wizard"
    assert controller.session.case_id == case.id
