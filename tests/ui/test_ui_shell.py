"""The main window and controller: navigation, session reset, language, theme, errors, quitting."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

import kiosk.ui.controller as controller_module
from kiosk import __version__
from kiosk.config import KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.store.models import Citizen
from kiosk.ui.controller import crash_report, install_exception_hook
from kiosk.ui.main_window import MainWindow, is_escape_shortcut
from kiosk.ui.sync_worker import SyncWorker
from tests.ui_shell_support import (
    EXAMPLE_1,
    EXAMPLE_NAME,
    all_texts,
    build_kiosk,
    find,
    tap,
    visible_texts,
)


def test_welcome_shows_every_choice_setting_and_corner(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window = kiosk.window
    assert kiosk.controller.current_screen_name() == "welcome"
    for name in (
        "welcome_submit_button",
        "welcome_account_button",
        "welcome_resume_button",
        "welcome_lookup_button",
        "language_toggle",
        "large_text_toggle",
        "high_contrast_toggle",
        "volunteer_button",
    ):
        button = find(window, name, QPushButton)
        assert button.isVisible()
        assert button.accessibleName() == name
        assert button.height() >= 60, name
    assert find(window, "language_toggle", QPushButton).text() == "English"
    assert find(window, "welcome_version_label", QLabel).text() == f"v{__version__}"
    assert "tháng" in find(window, "welcome_date_label", QLabel).text()
    assert find(window, "sync_status_label", QLabel).accessibleIdentifier() == "sync_status_label"


def test_window_is_frameless_and_shows_the_training_ribbon(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    assert kiosk.window.windowFlags() & Qt.WindowType.FramelessWindowHint
    ribbon = find(kiosk.window, "training_ribbon", QLabel)
    assert ribbon.isVisible()
    assert "BẢN DÙNG THỬ" in ribbon.text()


class FakeSyncSource(QObject):
    """Stands in for the SyncWorker's signal (the worker itself needs a portal)."""

    state_changed = Signal(bool, int, str)


def test_sync_state_reaches_the_welcome_corner(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    source = FakeSyncSource()
    # The fake has the one signal the controller connects; a real worker needs a portal.
    kiosk.controller.attach_sync_worker(cast(SyncWorker, source))
    label = find(kiosk.window, "sync_status_label", QLabel)
    source.state_changed.emit(False, 3, "")
    assert "Mất kết nối" in label.text()
    assert "3" in label.text()
    source.state_changed.emit(True, 0, "2026-05-20T10:00:00")
    assert "Đã kết nối" in label.text() and "đã gửi hết" in label.text()
    assert "chờ gửi" not in label.text()


def test_each_choice_opens_its_screen_and_back_returns(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    for choice, screen, back in (
        ("submit", "scan", "scan_back_button"),
        ("account", "scan", "scan_back_button"),
        ("resume", "resume", "resume_back_button"),
        ("lookup", "lookup", "lookup_back_button"),
    ):
        tap(qtbot, window, f"welcome_{choice}_button")
        assert controller.current_screen_name() == screen
        assert controller.idle.watcher.is_watching()
        tap(qtbot, window, back)
        assert controller.current_screen_name() == "welcome"
        assert not controller.idle.watcher.is_watching()


def test_manual_fallback_only_when_submitting(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "welcome_account_button")
    assert not find(window, "scan_manual_button", QPushButton).isVisible()
    tap(qtbot, window, "scan_back_button")
    tap(qtbot, window, "welcome_submit_button")
    tap(qtbot, window, "scan_manual_button")
    assert kiosk.controller.current_screen_name() == "catalogue"
    assert kiosk.controller.session.card is None


def test_language_switch_retranslates_every_screen(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    birth_tile_title = controller.catalogue_screen.tiles["birth"].title_label
    assert birth_tile_title.text() == "Đăng ký khai sinh"
    with qtbot.waitSignal(controller.language_changed) as blocker:
        tap(qtbot, window, "language_toggle")
    assert blocker.args == ["en"]
    assert birth_tile_title.text() == "Birth registration"
    assert find(window, "language_toggle", QPushButton).text() == "Tiếng Việt"
    tap(qtbot, window, "language_toggle")
    assert controller.language == "vi"
    assert birth_tile_title.text() == "Đăng ký khai sinh"


def test_reset_session_restores_language_and_display(
    qtbot: QtBot, store: Store, restore_app_look: QApplication
) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "language_toggle")
    tap(qtbot, window, "large_text_toggle")
    tap(qtbot, window, "high_contrast_toggle")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.property("kiosk_high_contrast") is True
    assert app.property("kiosk_large_text") is True
    assert "#000000" in app.styleSheet()
    controller.reset_session()
    assert controller.language == "vi"
    assert app.property("kiosk_high_contrast") is False
    assert not find(window, "high_contrast_toggle", QPushButton).isChecked()
    assert not find(window, "large_text_toggle", QPushButton).isChecked()


def test_translations_are_loaded_when_qm_files_exist(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")  # ships with PySide6
    folder = tmp_path / "assets" / "translations"
    folder.mkdir(parents=True)
    (folder / "kiosk_en.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="en" sourcelanguage="vi">\n'
        "<context><name>WelcomeScreen</name>\n"
        "<message><source>Nộp hồ sơ</source><translation>Submit a dossier</translation>"
        "</message></context>\n</TS>\n",
        encoding="utf-8",
    )
    subprocess.run(
        [str(lrelease), str(folder / "kiosk_en.ts"), "-qm", str(folder / "kiosk_en.qm")],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(controller_module, "asset_dir", lambda: tmp_path / "assets")
    kiosk = build_kiosk(qtbot, store)
    submit = find(kiosk.window, "welcome_submit_button", QPushButton)
    tap(qtbot, kiosk.window, "language_toggle")
    assert submit.text() == "Submit a dossier"
    tap(qtbot, kiosk.window, "language_toggle")
    assert submit.text() == "Nộp hồ sơ"


def test_unexpected_error_shows_the_calm_screen_and_logs_no_personal_data(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_submit_button")
    caplog.set_level(logging.ERROR, logger="kiosk.crash")

    # A bug inside a guarded slot: a KeyError whose text carries personal data.
    # (An unknown procedure is no longer one: start_case refuses it with a CaseError.)
    def buggy_slot(_procedure_id: str) -> None:
        raise KeyError("049090001234 Nguyễn Văn An")

    controller.catalogue_screen.start_requested.connect(controller.guard(buggy_slot))
    controller.catalogue_screen.start_requested.emit("birth")
    assert controller.current_screen_name() == "error"
    body = find(window, "error_body_label", QLabel).text()
    assert "đã được lưu" in body
    report = "\n".join(record.getMessage() for record in caplog.records)
    assert "KeyError" in report
    assert "049090001234" not in report
    assert EXAMPLE_NAME not in report
    tap(qtbot, window, "error_home_button")
    assert controller.current_screen_name() == "welcome"


def test_an_unknown_procedure_is_a_message_not_a_crash(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    tap(qtbot, kiosk.window, "welcome_submit_button")
    kiosk.controller.catalogue_screen.start_requested.emit("no_such_procedure")
    assert kiosk.controller.current_screen_name() == "error"
    detail = find(kiosk.window, "error_detail_label", QLabel)
    assert detail.text() == "Ki-ốt không có thủ tục này. Xin chọn lại trong danh sách."


def test_case_errors_show_their_own_message(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    from kiosk.cases import CaseNotFound

    kiosk.controller.handle_exception(CaseNotFound())
    detail = find(kiosk.window, "error_detail_label", QLabel)
    assert detail.isVisible()
    assert detail.text() == "Không tìm thấy hồ sơ này."


def test_excepthook_routes_uncaught_errors_to_the_error_screen(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    previous = install_exception_hook(kiosk.controller)
    try:
        try:
            raise ValueError("Nguyễn Văn An")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert kiosk.controller.current_screen_name() == "error"


def test_crash_report_names_types_and_places_only() -> None:
    try:
        try:
            raise KeyError("049090001234")
        except KeyError as inner:
            raise RuntimeError("Nguyễn Văn An lives here") from inner
    except RuntimeError as error:
        report = crash_report(error)
    assert "builtins.RuntimeError" in report
    assert "caused by builtins.KeyError" in report
    assert "test_ui_shell.py" in report
    assert "Nguyễn" not in report and "049090001234" not in report


def test_live_window_refuses_to_close_until_admin_quit(qtbot: QtBot, store: Store) -> None:
    config = KioskConfig(key_store="file", mode="live", portal=KioskConfig().portal)
    kiosk = build_kiosk(qtbot, store, config)
    window = kiosk.window
    assert window.locked
    assert not find(window, "training_ribbon", QLabel).isVisible()
    window.close()
    assert window.isVisible()
    assert kiosk.controller.request_quit(False) is False
    assert window.isVisible()
    assert kiosk.controller.request_quit(True) is True
    assert not window.isVisible()


@pytest.mark.parametrize(
    ("key", "modifiers", "blocked"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, True),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier, True),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, True),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, True),
        (Qt.Key.Key_Meta, Qt.KeyboardModifier.NoModifier, True),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, False),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier, False),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, False),
    ],
)
def test_escape_shortcuts_are_recognised(
    key: Qt.Key, modifiers: Qt.KeyboardModifier, blocked: bool
) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    assert is_escape_shortcut(event) is blocked


def test_live_window_swallows_ctrl_q_before_any_widget(qtbot: QtBot, store: Store) -> None:
    config = KioskConfig(key_store="file", mode="live")
    window = MainWindow(config)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: list[int] = []

    class Recorder(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.KeyPress:
                seen.append(1)
            return False

    recorder = Recorder()
    window.welcome.installEventFilter(recorder)
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window.welcome, event)
    assert seen == []
    window.allow_close()
    window.close()


def test_idle_timeout_clears_the_citizen_from_every_widget(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store, idle_ms=200, countdown_ms=300)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_submit_button")
    controller.scan.show_card(parse_id_card_qr(EXAMPLE_1))
    assert any(EXAMPLE_NAME in text for text in visible_texts(window))
    tap(qtbot, window, "scan_confirm_button")
    assert controller.current_screen_name() == "catalogue"
    controller.catalogue_screen.search_input.setText("khai sinh")
    with qtbot.waitSignal(controller.session_reset, timeout=5000):
        qtbot.waitUntil(lambda: controller.idle.overlay.isVisible(), timeout=3000)
    assert controller.current_screen_name() == "welcome"
    assert controller.session.card is None
    assert not any(EXAMPLE_NAME in text for text in all_texts(window))
    assert controller.catalogue_screen.search_input.text() == ""
    assert not window.keyboard_dock.isVisible()
    with store.sessions() as session:
        assert session.query(Citizen).count() == 0  # never confirmed into a case


def test_idle_continue_keeps_the_session(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store, idle_ms=150, countdown_ms=60_000)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_lookup_button")
    qtbot.waitUntil(lambda: controller.idle.overlay.isVisible(), timeout=3000)
    tap(qtbot, window, "idle_continue_button")
    assert not controller.idle.overlay.isVisible()
    assert controller.current_screen_name() == "lookup"


def test_idle_timeout_in_the_middle_of_the_wizard_leaves_no_trace(
    qtbot: QtBot, store: Store
) -> None:
    kiosk = build_kiosk(qtbot, store, idle_ms=400, countdown_ms=300)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_submit_button")
    controller.scan.show_card(parse_id_card_qr(EXAMPLE_1))
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, "procedure_tile_birth")
    tap(qtbot, window, "start_procedure_button")
    assert controller.current_screen_name() == "wizard"
    assert any(EXAMPLE_NAME in text for text in visible_texts(window)), "prefilled from the card"
    with qtbot.waitSignal(controller.session_reset, timeout=5000):
        qtbot.waitUntil(lambda: controller.idle.overlay.isVisible(), timeout=3000)
    assert controller.current_screen_name() == "welcome"
    assert not any(EXAMPLE_NAME in text for text in all_texts(window))
    with store.sessions() as session:
        assert session.query(Citizen).count() == 1, "the draft itself stays saved"
