"""A tap on a page's button while the keyboard (or number pad) is up does what it says.

The finger's press takes the focus off the text field; if the keyboard went at once, the
page would leave its compact mode and re-lay out under the finger, and the lift would
land off the button: the tap only closed the keyboard. The real kiosk window, controller
and keyboard dock; the tap is a real press, the event loop running, then the lift at the
same point of the screen (``finger_tap``), as Xvfb clicks showed it. qtbot's mouseClick
delivers press and release in one go and never saw the bug.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.keyboard import KeyboardKind, keyboard_kind_for
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import AppLook, build_kiosk, catalogue, finger_tap

SIZE = (1366, 768)  # the smallest screen: the page moves the most when the keyboard goes


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    look = AppLook()
    load_kiosk_fonts()
    apply_theme(qapp, high_contrast=False, large_text=False)
    yield
    look.restore()


def editors_on_page(wizard: WizardScreen) -> list[QWidget]:
    return [
        e
        for e in wizard.page.findChildren(QWidget)
        if isinstance(e, QLineEdit | QPlainTextEdit) and e.isVisible() and not e.isReadOnly()
    ]


@pytest.mark.parametrize("kind", [KeyboardKind.LETTERS, KeyboardKind.DIGITS], ids=str)
def test_next_works_when_tapped_while_the_keyboard_is_up(
    qtbot: QtBot, themed: None, store: Store, kind: KeyboardKind
) -> None:
    kiosk = build_kiosk(qtbot, store, size=SIZE)
    window, controller = kiosk.window, kiosk.controller
    service = kiosk.services.case_service
    dock = window.keyboard_dock
    # The first page (of any procedure) with a field wanting this panel.
    for procedure_id in sorted(catalogue()):
        case_id = service.start_case(procedure_id, Actor.citizen("s")).id
        controller.open_case(case_id)
        wizard = controller.wizard_screen()
        wanted = [e for e in editors_on_page(wizard) if keyboard_kind_for(e) is kind]
        if wanted:
            break
    else:
        pytest.fail(f"no first page with a {kind} field")
    editor = wanted[0]
    window.activateWindow()  # focus moves with taps only in the active window
    qtbot.waitUntil(window.isActiveWindow)
    step_before = wizard.step_id
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.isVisible() and dock.current_panel() is kind)

    finger_tap(wizard.next_button)

    # Next ran: either the next page, or the page's message saying what to fix.
    qtbot.waitUntil(lambda: wizard.step_id != step_before or wizard.message_label.isVisible())
    # The tap left the field for a button: once the finger is up, the keyboard goes.
    assert QApplication.focusWidget() is wizard.next_button
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert not wizard.step_title.isHidden(), "the page left its compact mode"
