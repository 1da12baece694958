"""Create the QApplication, the services, the main window and the controller.

The only place that starts Qt's loop. ``self_test="startup"`` paints the
welcome screen once and quits (the packaging smoke test and the start-up
benchmark); it starts no sync thread and no training portal.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.ui import qt_messages
from kiosk.ui.controller import Controller, KioskServices, install_exception_hook
from kiosk.ui.first_paint import after_first_paint
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)


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
    config: KioskConfig, store: Store, *, self_test: str | None, windowed: bool
) -> int:
    qt_messages.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("cdkv-kiosk")
    load_kiosk_fonts()
    apply_theme(app, high_contrast=False, large_text=False)
    services = KioskServices.build(config, store)
    window = MainWindow(config, locked=config.mode == "live" and not windowed and not self_test)
    controller = Controller(window, services)
    previous_hook = install_exception_hook(controller)
    stop_background: Callable[[], None] = lambda: None  # noqa: E731
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
    if self_test == "startup":
        # One full paint, then quit: what the packaging smoke test and bench time.
        window.repaint()
        QTimer.singleShot(0, app.quit)
    elif self_test == "walk":  # welcome screen, one tap, quit (packaging smoke test)
        from kiosk.ui.self_test import schedule_walk

        schedule_walk(app, window)
    else:
        # After the welcome screen's first paint: the sync thread (and the retention run
        # at its first check) and the screens a citizen reaches next must not delay what
        # the citizen sees first.
        def start_background() -> None:
            nonlocal stop_background
            stop_background = start_background_sync(controller, services)
            controller.prebuild()

        after_first_paint(window, start_background)
    try:
        return app.exec()
    finally:
        stop_background()
        controller.collector.stop()
        sys.excepthook = previous_hook
