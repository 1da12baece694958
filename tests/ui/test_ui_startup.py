"""The welcome screen first, the store after: taps kept, start-up problems on screen.

Real parts: a real kiosk home and store opened by ``kiosk.app.open_kiosk_store``
(the key file really removed and restored), the real main window, controller
and screens, taps through qtbot. The ward server out of reach is a Unix socket
folder where nothing listens (what a stopped PostgreSQL looks like to psycopg).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import EXIT_DATABASE_UNREACHABLE, open_kiosk_store
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.ui.controller import Controller, KioskServices, Overrides
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.documents import CaptureSources
from kiosk.ui.startup import KioskStartup
from tests.ui_shell_support import AppLook


def find[W: QWidget](window: QWidget, name: str, kind: type[W]) -> W:
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def quiet_controller(window: MainWindow, services: KioskServices) -> Controller:
    """The real controller; no scanner or camera probed (none can run here)."""
    sources = CaptureSources(training_samples=True)
    return Controller(window, services, overrides=Overrides(capture_sources=sources))


@pytest.fixture
def config() -> KioskConfig:
    return KioskConfig(key_store="file")


@pytest.fixture
def initialised_home(tmp_path: Path, config: KioskConfig) -> HomeLayout:
    """A home whose database and key exist (the kiosk's daily start)."""
    layout = HomeLayout(tmp_path / "home")
    open_kiosk_store(layout, config).close()
    return layout


@pytest.fixture
def look() -> Iterator[None]:
    saved = AppLook()
    yield
    saved.restore()


def shown(qtbot: QtBot, config: KioskConfig, layout: HomeLayout) -> KioskStartup:
    window = MainWindow(config)
    qtbot.addWidget(window)
    startup = KioskStartup(
        window, config, lambda: open_kiosk_store(layout, config), build_controller=quiet_controller
    )
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return startup


def close_store(startup: KioskStartup) -> None:
    if startup.controller is not None:
        startup.controller.collector.stop()
    store: Store | None = startup.store
    if store is not None:
        store.close()


def test_the_store_opens_after_the_first_paint(
    qtbot: QtBot, config: KioskConfig, initialised_home: HomeLayout
) -> None:
    startup = shown(qtbot, config, initialised_home)
    assert startup.controller is None, "nothing opened before the paint was asked for"
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        startup.open_after_first_paint()
        startup.window.update()
    assert startup.controller is not None and startup.controller.current_screen_name() == "welcome"
    close_store(startup)


def test_a_tap_before_the_store_is_open_is_kept_and_replayed(
    qtbot: QtBot, config: KioskConfig, initialised_home: HomeLayout
) -> None:
    startup = shown(qtbot, config, initialised_home)
    window = startup.window
    greeting = find(window, "welcome_greeting_label", QLabel).text()
    qtbot.mouseClick(find(window, "welcome_submit_button", QPushButton), Qt.MouseButton.LeftButton)
    # Nothing to navigate with yet: the welcome screen stays and says why.
    assert window.current_screen() is window.welcome
    assert startup.pending.waiting
    assert find(window, "welcome_greeting_label", QLabel).text() != greeting
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        startup.open()
        # The store opens on a worker: the welcome screen still takes taps meanwhile.
        # A second tap is not a second navigation.
        assert startup.controller is None
        qtbot.mouseClick(
            find(window, "welcome_lookup_button", QPushButton), Qt.MouseButton.LeftButton
        )
        assert window.current_screen() is window.welcome
    controller = startup.controller
    assert controller is not None
    assert controller.current_screen_name() == "scan", "the kept tap was replayed"
    assert controller.session.purpose == "submit"
    assert find(window, "welcome_greeting_label", QLabel).text() == greeting
    close_store(startup)


def test_a_display_toggle_before_the_store_is_open_is_applied(
    qtbot: QtBot, config: KioskConfig, initialised_home: HomeLayout, look: None
) -> None:
    startup = shown(qtbot, config, initialised_home)
    qtbot.mouseClick(
        find(startup.window, "large_text_toggle", QPushButton), Qt.MouseButton.LeftButton
    )
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        startup.open()
    assert startup.controller is not None and startup.controller.large_text
    assert startup.controller.current_screen_name() == "welcome"
    close_store(startup)


def test_a_missing_key_is_said_on_screen_and_retry_opens_once_restored(
    qtbot: QtBot, config: KioskConfig, initialised_home: HomeLayout, tmp_path: Path
) -> None:
    key = initialised_home.secrets / "field.key"
    kept = tmp_path / "offline-copy.key"
    key.rename(kept)
    startup = shown(qtbot, config, initialised_home)
    qtbot.mouseClick(
        find(startup.window, "welcome_submit_button", QPushButton), Qt.MouseButton.LeftButton
    )
    with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
        startup.open()
    assert failed.args is not None
    (problem,) = failed.args
    assert problem.kind == "key_missing" and problem.exit_code == 3
    window = startup.window
    assert window.current_screen().objectName() == "startup_problem_screen"
    title = find(window, "startup_problem_title_label", QLabel).text()
    assert title == "Không tìm thấy khoá mã hoá dữ liệu"
    assert "secrets/field.key" in find(window, "startup_problem_action_label", QLabel).text()
    assert "3" in find(window, "startup_problem_code_label", QLabel).text()
    retry = find(window, "startup_retry_button", QPushButton)
    assert retry.accessibleName() == "startup_retry_button"
    # Still missing: the same screen again, nothing written.
    with qtbot.waitSignal(startup.failed, timeout=30_000):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert not key.exists()
    # The IT officer restores the key from the offline copy and taps «Thử lại».
    kept.rename(key)
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    controller = startup.controller
    assert controller is not None
    # The tap before the failure was dropped with the problem: the welcome screen shows.
    assert controller.current_screen_name() == "welcome"
    assert startup.problem is None
    close_store(startup)


def test_the_ward_server_out_of_reach_is_shown_then_exit_6_for_the_service(
    qtbot: QtBot,
    config: KioskConfig,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    look: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole run_application: the problem on screen, a countdown, then exit code 6."""
    from kiosk.ui.application import run_application

    # pytest-qt's own message capture stays in place (the kiosk's would route Qt's
    # warnings to its log): a Qt warning fails this test as it fails every other.
    monkeypatch.setattr("kiosk.ui.qt_messages.install", lambda: None)

    nobody = tmp_path / "no-server"
    nobody.mkdir()
    ward = replace(
        config,
        database=DatabaseSettings(url=f"postgresql+psycopg://kiosk@/ward?host={nobody}"),
    )
    layout = HomeLayout(tmp_path / "home")
    seen: list[tuple[str, str]] = []

    def look_at_the_screen() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                code = widget.findChild(QLabel, "startup_problem_code_label")
                text = code.text() if code is not None else ""
                seen.append((widget.current_screen().objectName(), text))

    watch = QTimer()
    watch.setInterval(20)
    watch.timeout.connect(look_at_the_screen)
    watch.start()
    try:
        code = run_application(
            ward,
            lambda: open_kiosk_store(layout, ward),
            self_test=None,
            windowed=True,
            restart_after_seconds=1,
        )
    finally:
        watch.stop()
    assert code == EXIT_DATABASE_UNREACHABLE
    screens = [name for name, _text in seen]
    assert "startup_problem_screen" in screens
    countdowns = [text for name, text in seen if name == "startup_problem_screen"]
    assert any("khởi động lại sau 1 giây" in text for text in countdowns), countdowns
    assert "ward's database server cannot be reached" in capsys.readouterr().err


def test_the_problem_screen_speaks_english_with_the_english_translators(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The compiled English translation reaches the screen (the .ts being complete is
    tests/ui/test_translations.py's)."""
    from kiosk.startup_problems import StartupProblem
    from kiosk.ui.screens.startup_problem import StartupProblemScreen
    from kiosk.ui.translators import install_translators, remove_translators

    holder = QWidget()
    qtbot.addWidget(holder)
    translators = install_translators("en", holder)
    try:
        assert translators, "no English .qm found: run `make translations`"
        screen = StartupProblemScreen(
            StartupProblem("home_unusable", 2, "kiosk: ...", detail=str(tmp_path))
        )
        qtbot.addWidget(screen)
        assert screen.title_label.text() == "The kiosk's data folder cannot be written"
        assert str(tmp_path) in screen.action_label.text()
        assert screen.retry_button.text() == "Try again"
        screen.set_seconds_to_restart(7)
        assert screen.code_label.text() == (
            "Error code: 2 · The kiosk restarts by itself in 7 seconds"
        )
    finally:
        remove_translators(translators)
