"""Explicit wiring: every screen builds, a renamed signal fails loudly, known errors are calm.

Screens are built by typed builders that connect each signal by its attribute
name (kiosk/ui/controller.py): a screen that loses or renames a signal must
raise AttributeError the first time it is built, here, not go quiet.
"""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QScroller, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

import kiosk.ui.screens.wizard as wizard_module
from kiosk.store.database import Store
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.staff.sign_in import SignInScreen
from kiosk.ui.staff.staff_home import StaffHome
from kiosk.ui.translated import Retranslated
from tests.ui_shell_support import EXAMPLE_1, build_kiosk, find, scan, tap

EVERY_SCREEN = (
    "welcome",
    "scan",
    "catalogue",
    "resume",
    "lookup",
    "error",
    "wizard",
    "review",
    "documents",
    "consent",
    "payment",
    "done",
    "account",
    "draft_saved",
    "duplicate_draft",
    "sign_in",
    "staff_home",
)


def test_every_screen_builds_with_its_signals_connected(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller = kiosk.controller
    for name in EVERY_SCREEN:
        screen = controller.screen(name)
        assert controller.built_screens()[name] is screen
        assert kiosk.window.stack.indexOf(screen) >= 0, name
        assert isinstance(screen, Retranslated), f"{name} does not follow the language switch"
    assert isinstance(controller.screen("wizard"), WizardScreen)
    assert isinstance(controller.screen("done"), DoneScreen)
    assert isinstance(controller.screen("sign_in"), SignInScreen)
    assert isinstance(controller.screen("staff_home"), StaffHome)
    # One scroll-area helper everywhere: every scroll area follows a finger.
    areas = kiosk.window.findChildren(QScrollArea)
    assert len(areas) >= 10
    for area in areas:
        assert QScroller.hasScroller(area.viewport()), area.objectName()
        assert QScroller.grabbedGesture(area.viewport()).value != 0, area.objectName()
        assert area.accessibleName() == area.objectName() != ""
    # Built once: asking again gives the same widget.
    assert controller.screen("wizard") is controller.wizard_screen()
    with pytest.raises(KeyError):
        controller.screen("nowhere")


def test_the_start_builds_only_the_welcome_and_error_screens(qtbot: QtBot, store: Store) -> None:
    """The rest wait for first use, or for :meth:`Controller.prebuild` after the first paint."""
    controller = build_kiosk(qtbot, store).controller
    assert set(controller.built_screens()) == {"welcome", "error"}
    controller.prebuild()
    assert set(controller.built_screens()) == {"welcome", "error", "scan", "catalogue", "resume"}
    assert controller.screen("scan") is controller.scan


def test_a_renamed_signal_fails_when_the_screen_is_built(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    class RenamedWizard(QWidget):
        """The wizard's signals, one renamed (PySide keeps inherited signals, so no subclass)."""

        review_wanted = Signal(str)  # was review_requested
        back_requested = Signal()
        keyboard_needed = Signal(QWidget, str)

        def __init__(self, *_services: object, **_options: object) -> None:
            super().__init__()

    # The controller imports the wizard's module when it first builds the screen.
    monkeypatch.setattr(wizard_module, "WizardScreen", RenamedWizard)
    kiosk = build_kiosk(qtbot, store)
    with pytest.raises(AttributeError):
        kiosk.controller.wizard_screen()


def test_a_database_that_cannot_be_written_shows_the_calm_screen(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, "procedure_tile_birth")

    # From now on SQLite refuses every write with SQLITE_READONLY, as on a file
    # the kiosk may no longer write (tests/store/test_store_unavailable.py has the rest).
    def read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(store.engine, "connect", read_only)
    store.engine.dispose()
    caplog.set_level(logging.INFO)
    try:
        tap(qtbot, window, "start_procedure_button")
    finally:
        event.remove(store.engine, "connect", read_only)
        store.engine.dispose()
    assert controller.current_screen_name() == "error"
    detail = find(window, "error_detail_label", QLabel)
    assert detail.isVisible() and "chưa lưu được dữ liệu" in detail.text()
    assert not [record for record in caplog.records if record.name == "kiosk.crash"]
    messages = [record.getMessage() for record in caplog.records]
    assert "database unavailable (read_only)" in messages


def test_a_bug_is_still_a_crash_report(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = build_kiosk(qtbot, store)
    caplog.set_level(logging.ERROR, logger="kiosk.crash")
    kiosk.controller.guard(lambda: kiosk.controller.screen("nowhere"))()
    assert kiosk.controller.current_screen_name() == "error"
    assert not find(kiosk.window, "error_detail_label", QLabel).isVisible()
    assert any("KeyError" in record.getMessage() for record in caplog.records)
