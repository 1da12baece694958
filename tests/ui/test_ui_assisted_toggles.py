"""Issue 15 #13: assisted mode showed «Chữ to» and «English» twice (badge and welcome)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from tests.ui_shell_support import find, tap
from tests.ui_staff_support import VOLUNTEER_PIN, build_staff_kiosk, make_accounts, sign_in


def shown_buttons(window: QWidget, text: str) -> list[str]:
    return [
        button.objectName()
        for button in window.findChildren(QAbstractButton)
        if button.isVisible() and button.text() == text
    ]


def test_each_switch_is_shown_once_while_a_volunteer_helps(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    window = kiosk.window
    assert shown_buttons(window, "Chữ to") == ["large_text_toggle"]
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    tap(qtbot, window, "staff_serve_citizen_button")
    assert kiosk.controller.current_screen_name() == "welcome"
    assert shown_buttons(window, "Chữ to") == ["badge_large_text_button"]
    assert shown_buttons(window, "English") == ["badge_language_button"]
    assert find(window, "high_contrast_toggle").isVisible()  # the badge has no such switch

    tap(qtbot, window, "badge_language_button")  # the one left still works
    assert kiosk.controller.language == "en"
    assert shown_buttons(window, "Tiếng Việt") == ["badge_language_button"]

    tap(qtbot, window, "volunteer_button")
    tap(qtbot, window, "staff_sign_out_button")  # signed out: the welcome's own come back
    assert find(window, "language_toggle").isVisible()
    assert find(window, "large_text_toggle").isVisible()
