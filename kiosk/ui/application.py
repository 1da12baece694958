"""Create the QApplication, the services, the main window and the controller.

The only place that starts Qt's loop. The window and the welcome screen come
first; the store, the services and the controller once the welcome screen has
painted (:mod:`kiosk.ui.startup`). ``self_test="startup"`` paints the welcome
screen, opens the store and quits (the packaging smoke test and the start-up
benchmark); it starts no sync thread and no training portal.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.startup_problems import StartupProblem
from kiosk.ui import qt_messages
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.main_window import MainWindow
from kiosk.ui.startup import KioskStartup
from kiosk.ui.theme import apply_theme
from kiosk.ui.translators import install_translators

if TYPE_CHECKING:
    # Imported after the welcome screen's first paint (kiosk.ui.startup).
    from kiosk.store.database import Store
    from kiosk.ui.controller import Controller, KioskServices

log = logging.getLogger(__name__)
# A ward server out of reach at start-up: the problem stays on screen this long, then
# the kiosk stops with exit code 6 and its service starts it again (a new attempt).
RESTART_AFTER_SECONDS = 30


def install_exception_hook(controller: Controller) -> Callable[..., object]:
    from kiosk.ui.controller import install_exception_hook as install

    return install(controller)


def start_background_sync(controller: Controller, services: KioskServices) -> Callable[[], None]:
    """Start the sync worker (and the embedded training portal when needed).

    Returns the function that stops them again. Problems are logged and leave
    the kiosk working offline: a citizen can always file a dossier.
    """
    stoppers: list[Callable[[], object]] = []
    store = services.store
    if store is None:
        return lambda: None
    try:
        from kiosk.ui.sync_worker import SyncWorker, connector_for

        config = services.config
        base_url = config.portal.url
        if not base_url and config.training:
            from sync.connection import start_embedded_portal, training_codes

            portal = start_embedded_portal(store.layout)
            stoppers.append(portal.stop)
            base_url = portal.url
            controller.attach_training_codes(training_codes(portal, services.account_service))
        from kiosk.admin.retention import run_retention_if_due

        def housekeeping() -> object:
            return run_retention_if_due(store, config)

        worker = SyncWorker(
            store,
            services.catalogue,
            connector_for(config, store.layout, base_url),
            housekeeping=housekeeping,
        )
        controller.attach_sync_worker(worker)
        worker.start()
        stoppers.insert(0, worker.stop)
    except Exception as error:
        log.error("background sync not started: %s", type(error).__name__)
        # The retention promise holds without the sync thread: run it once, off the
        # GUI thread (the thread's own check would have run it at once).
        stoppers.append(start_retention_thread(store, services.config).join)

    def stop() -> None:
        for stopper in stoppers:
            try:
                stopper()
            except Exception as error:
                log.error("stopping background work failed: %s", type(error).__name__)

    return stop


def start_retention_thread(store: Store, config: KioskConfig) -> threading.Thread:
    """The day's retention run when due, on a thread of its own; failures are logged."""

    def run() -> None:
        from kiosk.admin.retention import run_retention_if_due

        try:
            run_retention_if_due(store, config)
        except Exception as error:
            log.error("retention run failed: %s", type(error).__name__)

    thread = threading.Thread(target=run, name="retention", daemon=True)
    thread.start()
    return thread


def run_application(
    config: KioskConfig,
    open_store: Callable[[], Store],
    *,
    self_test: str | None,
    windowed: bool,
    restart_after_seconds: int = RESTART_AFTER_SECONDS,
) -> int:
    """Paint the welcome screen, then open the store (``open_store``) and run the kiosk.

    Returns the exit code: Qt's (0 after an admin quit), or the code of the
    start-up problem on screen when the kiosk stops with one (a self-test at once;
    a ward server out of reach after ``restart_after_seconds``, for the service to
    start it again; the others when the window is closed, see docs/operations.md).
    """
    qt_messages.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("cdkv-kiosk")
    load_kiosk_fonts()
    apply_theme(app, high_contrast=False, large_text=False)
    early_translators = install_translators(config.language, app)
    window = MainWindow(config, locked=config.mode == "live" and not windowed and not self_test)
    window.welcome.set_language(config.language)
    startup = KioskStartup(window, config, open_store, early_translators=early_translators)
    stop_background: Callable[[], None] = lambda: None  # noqa: E731
    previous_hook = sys.excepthook
    restart_countdown = QTimer(startup)
    restart_countdown.setObjectName("startup_restart_countdown")
    restart_countdown.setInterval(1000)
    seconds_left = restart_after_seconds

    def on_ready() -> None:
        nonlocal stop_background, previous_hook
        restart_countdown.stop()
        controller, services = startup.controller, startup.services
        assert controller is not None and services is not None
        previous_hook = install_exception_hook(controller)
        if self_test == "startup":
            app.quit()  # the welcome painted and the store opened: what the smoke test checks
        elif self_test == "walk":  # welcome screen, one tap, quit (packaging smoke test)
            from kiosk.ui.self_test import schedule_walk

            schedule_walk(app, window)
        else:
            # The sync thread (and the retention run at its first check) and the screens
            # a citizen reaches next, after the welcome screen has painted.
            stop_background = start_background_sync(controller, services)
            controller.prebuild()

    def on_failed(problem: StartupProblem) -> None:
        nonlocal seconds_left
        print(problem.line, file=sys.stderr)
        if self_test:
            app.exit(problem.exit_code)
        elif not problem.restart_helps:
            restart_countdown.stop()  # a retry found another problem: no restart fixes it
            if startup.problem_screen is not None:
                startup.problem_screen.set_seconds_to_restart(None)
        elif not restart_countdown.isActive():
            seconds_left = restart_after_seconds
            show_countdown()
            restart_countdown.start()

    def show_countdown() -> None:
        if startup.problem_screen is not None:
            startup.problem_screen.set_seconds_to_restart(seconds_left)

    def count_down() -> None:
        nonlocal seconds_left
        seconds_left -= 1
        show_countdown()
        if seconds_left <= 0 and startup.problem is not None:
            restart_countdown.stop()
            app.exit(startup.problem.exit_code)

    restart_countdown.timeout.connect(count_down)
    startup.ready.connect(on_ready)
    startup.failed.connect(on_failed)
    if windowed or self_test:
        window.resize(1366, 768)
        window.show()
    else:
        # Without a window manager (a bare kiosk session, Xvfb) full screen is only a
        # hint: cover the screen ourselves as well.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    startup.open_after_first_paint()
    if self_test == "startup":
        window.repaint()  # one full paint now: what the packaging smoke test and bench time
    try:
        code = app.exec()
    finally:
        stop_background()
        if startup.controller is not None:
            startup.controller.collector.stop()
        sys.excepthook = previous_hook
        if startup.store is not None:
            startup.store.close()
    # Closed while a start-up problem was on screen: its code, for the
    # service and `systemctl status` (docs/operations.md, "Exit codes").
    if code == 0 and startup.problem is not None:
        return startup.problem.exit_code
    return code
