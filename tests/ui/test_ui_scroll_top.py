"""Issue 15 #7: every screen starts at its top for each citizen.

The procedure summary kept the previous citizen's scroll position. Driven through the
real window and controller, with large text so the summary really scrolls.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from kiosk.ui.screens.catalogue import CatalogueScreen
from tests.ui_shell_support import AppLook, build_kiosk, find


def summary_scroll(window: QWidget) -> QScrollArea:
    area = find(window, "summary_scroll", QScrollArea)
    assert isinstance(area, QScrollArea)
    return area


def test_the_summary_starts_at_its_top_for_each_citizen_and_each_procedure(
    qtbot: QtBot, store: Store
) -> None:
    look = AppLook()
    try:
        kiosk = build_kiosk(qtbot, store)
        window, controller = kiosk.window, kiosk.controller
        controller.set_display_options(large_text=True, high_contrast=False)
        catalogue = controller.screen("catalogue")
        assert isinstance(catalogue, CatalogueScreen)
        controller.go("catalogue")
        catalogue.open_summary("residence_ct01")
        bar = summary_scroll(window).verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        bar.setValue(bar.maximum())
        assert bar.value() > 0
        catalogue.open_summary("birth")  # another procedure, the same citizen
        assert bar.value() == 0

        bar.setValue(bar.maximum())
        controller.reset_session()  # the citizen walked away; the next one comes
        controller.set_display_options(large_text=True, high_contrast=False)
        controller.go("catalogue")
        catalogue.open_summary("birth")
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        assert bar.value() == 0
    finally:
        look.restore()
