"""A one-tap answer in an address does not open the keyboard on the next question.

Seen in the citizen's walk (docs/walk.md), under X at both sizes: in a residence
registration (CT01), tapping "the kiosk's ward" hides that button; Qt hands the focus
it had on to the next field of the tab chain ("Đề nghị khác"), and the keyboard, which
follows the focus, opened there and covered the page though the citizen had asked to
type nothing. The real window, controller and keyboard dock over a real SQLite store,
the taps are mouse clicks on an active window (focus moves as on the kiosk).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor
from kiosk.store.database import Store
from tests.ui_shell_support import build_kiosk, find


def test_the_kiosk_ward_tap_opens_no_keyboard_on_the_next_field(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window = kiosk.window
    service = kiosk.services.case_service
    case_id = service.start_case("residence_ct01", Actor.citizen("s")).id
    service.save_answers(case_id, {"request_type": "permanent"})
    kiosk.controller.open_case(case_id)
    wizard = kiosk.controller.wizard_screen()
    wizard.goto_step("request", return_to_review=False)
    home = find(window, "address_residence_address_home_ward", QPushButton)
    wizard.scroll_area.ensureWidgetVisible(home, 0, 40)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    home.setFocus(Qt.FocusReason.MouseFocusReason)  # what a press on it does
    assert home.hasFocus()

    qtbot.mouseClick(home, Qt.MouseButton.LeftButton)
    street = find(window, "address_residence_address_street", QLineEdit)
    qtbot.waitUntil(street.isVisible)
    QApplication.processEvents()

    focused = QApplication.focusWidget()
    note = find(window, "field_request_note", QLineEdit)
    assert not note.hasFocus()
    assert not window.keyboard_dock.isVisible(), (
        f"the keyboard opened for {focused.objectName() if focused else None}"
    )
    # A tap on a field still opens the keyboard for it.
    qtbot.mouseClick(street, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.keyboard_dock.isVisible)
