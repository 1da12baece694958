"""The second half of a start: open the store once the welcome screen has painted.

Importing SQLAlchemy, declaring the ORM models and opening the store (key,
migrations, ledger) is most of what a start costs, and the welcome screen reads
nothing from the store: so the window and the welcome screen come first, and
:class:`KioskStartup` opens the store (on a worker thread: the welcome screen
stays alive meanwhile) and then builds the controller on the GUI thread (the
case service, the staff desk, the screens' wiring) right after the first paint.

Until then the welcome screen's buttons already answer: :class:`PendingTaps`
keeps what was tapped, says "one moment" in place of the greeting, and replays
it once the controller is connected (a citizen quicker than the store loses
nothing). When the store cannot be opened, the window says why and what the IT
officer should do (:class:`kiosk.ui.screens.startup_problem.StartupProblemScreen`)
and :class:`KioskStartup` emits ``failed``; ``kiosk.ui.application`` decides
whether the process ends with the problem's exit code.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QTranslator, Signal

from kiosk.config import KioskConfig
from kiosk.startup_problems import StartupProblem, classify
from kiosk.ui.first_paint import after_first_paint
from kiosk.ui.main_window import MainWindow
from kiosk.ui.translators import remove_translators
from kiosk.ui.welcome import WelcomeScreen

if TYPE_CHECKING:
    from kiosk.store.database import Store
    from kiosk.ui.background import TaskRunner
    from kiosk.ui.controller import Controller, KioskServices
    from kiosk.ui.screens.startup_problem import StartupProblemScreen

log = logging.getLogger(__name__)

# When set, the path of a JSON file receiving the process's CPU seconds and the
# monotonic clock at the welcome screen's first paint and once ready (bench.startup,
# bench.bundle), with the modules imported by the first paint
# (tests/app/test_app_startup_imports.py).
STARTUP_REPORT_VARIABLE = "KIOSK_STARTUP_REPORT"
FIRST_PAINT_BACKSTOP_MS = 3000


def _moment() -> dict[str, float]:
    return {"cpu_seconds": time.process_time(), "monotonic": time.monotonic()}


class PendingTaps(QObject):
    """What the welcome screen was asked before the controller existed, replayed after.

    The display toggles are replayed in order; of the navigations (a choice or
    the volunteer button) only the first, as a connected screen would have
    left the welcome screen after it.
    """

    def __init__(self, welcome: WelcomeScreen) -> None:
        super().__init__(welcome)
        self.setObjectName("pending_welcome_taps")
        self._welcome = welcome
        self._toggles: list[Callable[[], None]] = []
        self._navigation: Callable[[], None] | None = None
        self._listening = True
        welcome.choice_made.connect(self._on_choice)
        welcome.volunteer_requested.connect(self._on_volunteer)
        welcome.language_toggled.connect(self._on_language)
        welcome.large_text_toggled.connect(self._on_large_text)
        welcome.high_contrast_toggled.connect(self._on_high_contrast)

    @property
    def waiting(self) -> bool:
        """True while a navigation tap waits for the store."""
        return self._navigation is not None

    def _on_choice(self, key: str) -> None:
        self._navigate(lambda: self._welcome.choice_made.emit(key))

    def _on_volunteer(self) -> None:
        self._navigate(self._welcome.volunteer_requested.emit)

    def _navigate(self, replay: Callable[[], None]) -> None:
        if self._navigation is None:
            self._navigation = replay
            # The busy state: the greeting says why nothing happened yet.
            self._welcome.greeting_label.setText(self.tr("Xin chờ một chút, ki-ốt đang chuẩn bị…"))

    def _on_language(self) -> None:
        self._toggles.append(self._welcome.language_toggled.emit)

    def _on_large_text(self, on: bool) -> None:
        self._toggles.append(lambda: self._welcome.large_text_toggled.emit(on))

    def _on_high_contrast(self, on: bool) -> None:
        self._toggles.append(lambda: self._welcome.high_contrast_toggled.emit(on))

    def stop(self) -> None:
        """Stop listening (the controller listens now, or the store failed)."""
        if not self._listening:
            return
        self._listening = False
        welcome = self._welcome
        welcome.choice_made.disconnect(self._on_choice)
        welcome.volunteer_requested.disconnect(self._on_volunteer)
        welcome.language_toggled.disconnect(self._on_language)
        welcome.large_text_toggled.disconnect(self._on_large_text)
        welcome.high_contrast_toggled.disconnect(self._on_high_contrast)

    def drop(self) -> None:
        """Forget every kept tap: the start failed, a problem screen replaces the welcome."""
        self.stop()
        self._toggles, self._navigation = [], None
        self._welcome.retranslate()

    def replay(self) -> None:
        """Hand every kept tap to whoever listens to the welcome screen now."""
        self.stop()
        toggles, navigation = self._toggles, self._navigation
        self._toggles, self._navigation = [], None
        self._welcome.retranslate()  # the greeting back
        for toggle in toggles:
            toggle()
        if navigation is not None:
            navigation()


class KioskStartup(QObject):
    """Opens the store after ``window``'s first paint and builds the controller on it.

    ``open_store`` opens the store (Qt-free, ``kiosk.app.open_kiosk_store``); what
    it raises is sorted by :func:`kiosk.startup_problems.classify` and shown. Emits
    ``ready`` once the controller is connected, ``failed`` with each problem.
    """

    ready = Signal()
    failed = Signal(object)  # StartupProblem

    def __init__(
        self,
        window: MainWindow,
        config: KioskConfig,
        open_store: Callable[[], Store],
        *,
        build_controller: Callable[[MainWindow, KioskServices], Controller] | None = None,
        early_translators: list[QTranslator] | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("kiosk_startup")
        self.window = window
        self.config = config
        self._open_store = open_store
        self._build_controller = build_controller
        # Installed before the window was built, for the welcome screen painted in the
        # configured language; removed once the controller has installed its own.
        self._early_translators = early_translators or []
        self.pending = PendingTaps(window.welcome)
        self.store: Store | None = None
        self.services: KioskServices | None = None
        self.controller: Controller | None = None
        self.problem: StartupProblem | None = None
        self.problem_screen: StartupProblemScreen | None = None
        self._report: dict[str, Any] = {}
        self._started = False
        self._opening = False
        self._runner: TaskRunner | None = None

    def open_after_first_paint(self) -> None:
        after_first_paint(self.window, self._first_open)
        # A backstop: a window the platform never paints (minimised, covered by a
        # screensaver) must not keep the kiosk from opening its store.
        QTimer.singleShot(FIRST_PAINT_BACKSTOP_MS, self._first_open)

    def _first_open(self) -> None:
        if not self._started:
            self._started = True
            self.open()

    def open(self) -> None:
        """Open the store off the GUI thread, then build the controller on it (also the
        retry); what stops it is shown. Does nothing while an attempt runs."""
        if self.controller is not None or self._opening:
            return
        if not self._report:
            self._report["painted"] = {**_moment(), "modules": sorted(sys.modules)}
        if self._runner is None:
            from kiosk.ui.background import TaskRunner

            self._runner = TaskRunner(self)
        self._opening = True
        # The store's imports, key check, migrations and ledger take most of a second
        # here: on a worker, so that the welcome screen stays alive (a tap shows the
        # busy greeting at once). The store is Qt-free and used from threads anyway.
        self._runner.start(self._open_store, self._opened, self._open_failed)

    def _opened(self, store: object) -> None:
        from kiosk.store.database import Store

        self._opening = False
        assert isinstance(store, Store)
        try:
            self._build(store)
        except Exception as error:
            store.close()
            self._fail(classify(error), error)
            return
        self.problem = None
        self.pending.replay()
        self._write_report("ready")
        self.ready.emit()

    def _open_failed(self, error: Exception) -> None:
        self._opening = False
        self._fail(classify(error), error)

    def _build(self, store: Store) -> None:
        from kiosk.ui.controller import Controller, KioskServices

        services = KioskServices.build(self.config, store)
        build = self._build_controller or Controller
        controller = build(self.window, services)
        remove_translators(self._early_translators)
        self._early_translators = []
        self.store, self.services, self.controller = store, services, controller

    def _fail(self, problem: StartupProblem, error: BaseException) -> None:
        if problem.kind == "database_failed":
            from kiosk.ui.controller import crash_report

            log.error("the store could not be opened:\n%s", crash_report(error))
        else:
            log.error("start-up stopped: %s", problem.line)
        self.problem = problem
        self._show(problem)
        self._write_report("problem")
        self.failed.emit(problem)

    def _show(self, problem: StartupProblem) -> None:
        if self.problem_screen is None:
            from kiosk.ui.screens.startup_problem import StartupProblemScreen

            # Taps kept for the welcome screen would fire minutes later, after a fix.
            self.pending.drop()
            self.problem_screen = StartupProblemScreen(problem)
            self.problem_screen.retry_requested.connect(self.retry)
        else:
            self.problem_screen.show_problem(problem)
        self.window.show_screen(self.problem_screen)

    def retry(self) -> None:
        """The officer fixed it (or the server is back): open again, from the welcome."""
        self.open()

    def _write_report(self, stage: str) -> None:
        target = os.environ.get(STARTUP_REPORT_VARIABLE)
        if not target or stage in self._report:
            return
        self._report[stage] = _moment()
        try:
            Path(target).write_text(json.dumps(self._report), encoding="utf-8")
        except OSError as error:
            log.warning("start-up report not written: %s", error.strerror)
