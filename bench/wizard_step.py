"""One wizard step: tap Next to the next page painted, vs a bare QStackedWidget page switch.

In one process on the offscreen platform, with the kiosk's fonts and theme.
Ours: the real main window and controller over a real database; a birth case
answered on every page (by taps, :mod:`bench.citizen`), then Next tapped from
the first page to the last and Back tapped to return, over and over. A Next
tap runs what a citizen's does: flush the page's fields, validate the step in
the case service, build the next page's field widgets from the definition,
store the current step (a durable write), then Qt lays out and paints. The
clock stops when the next page's first field has received its paint event.
Baseline: a window of the same size with a two-page QStackedWidget (a label
on each) and a button that switches pages; stopped on the label's paint.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bench.citizen import Bot, Citizen, application, card_for, open_kiosk
from bench.common import Row, median, ms, percentile, temporary_home, verdict
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store

NEXT_TAPS = 100
BIRTH_STEPS = ("requester", "child", "birth_place", "mother", "father", "finish")


class PaintSpy(QObject):
    """Notes when ``target`` receives its first paint event after being armed."""

    def __init__(self, target: QWidget) -> None:
        super().__init__()
        self.target = target
        self.painted = False
        target.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def wait(self, timeout: float = 10.0) -> None:
        """Process events until the paint arrives (a busy loop: no sleep granularity)."""
        deadline = time.perf_counter() + timeout
        while not self.painted:
            QApplication.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.target.objectName()} was never painted")
        self.target.removeEventFilter(self)


def tap_and_time(button: QWidget, painted_widget: Callable[[], QWidget]) -> float:
    """Seconds from the tap to the paint of the widget ``painted_widget()`` names afterwards."""
    QApplication.processEvents()  # nothing of the previous step left pending
    started = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    # The click's handler has run (nothing is painted inside it): watch the new page.
    PaintSpy(painted_widget()).wait()
    return time.perf_counter() - started


def measure_wizard(next_taps: int) -> tuple[list[float], list[float]]:
    """Seconds per Next tap and per Back tap on the birth wizard."""
    application()
    with temporary_home() as home:
        store = open_store(HomeLayout(home), KioskConfig(key_store="file"))
        bot = Bot()
        try:
            kiosk = open_kiosk(store, bot)
            citizen = Citizen(kiosk, bot)
            citizen.start_birth_case(card_for(1))
            citizen.fill_birth_wizard()
            wizard = kiosk.controller.screen("wizard")

            def first_field() -> QWidget:
                widgets: dict[str, QWidget] = getattr(wizard, "widgets")  # noqa: B009
                return next(w for w in widgets.values() if w.isVisible())

            def step() -> str:
                return str(getattr(wizard, "step_id"))  # noqa: B009

            while step() != BIRTH_STEPS[0]:
                citizen.tap("back_button")
            next_button = getattr(wizard, "next_button")  # noqa: B009
            back_button = getattr(wizard, "back_button")  # noqa: B009
            forward: list[float] = []
            backward: list[float] = []
            while len(forward) < next_taps:
                for expected in BIRTH_STEPS[1:]:
                    forward.append(tap_and_time(next_button, first_field))
                    if step() != expected:
                        raise RuntimeError(f"Next led to {step()!r}, expected {expected!r}")
                for _ in BIRTH_STEPS[1:]:
                    backward.append(tap_and_time(back_button, first_field))
            return forward[:next_taps], backward
        finally:
            bot.close_all()
            store.close()


def measure_bare(taps: int) -> list[float]:
    """Seconds per page switch of a bare two-page QStackedWidget."""
    application()
    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    stack = QStackedWidget()
    labels = [QLabel(f"Trang {n}") for n in (1, 2)]
    for label in labels:
        stack.addWidget(label)
    button = QPushButton("Tiếp tục")
    button.clicked.connect(lambda: stack.setCurrentIndex(1 - stack.currentIndex()))
    layout.addWidget(stack, 1)
    layout.addWidget(button)
    window.setCentralWidget(central)
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    try:
        samples = []
        for _ in range(taps + 5):
            samples.append(tap_and_time(button, lambda: labels[stack.currentIndex()]))
        return samples[5:]
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def run(next_taps: int = NEXT_TAPS) -> list[Row]:
    forward, backward = measure_wizard(next_taps)
    bare = measure_bare(next_taps)
    p95, bare_p95 = percentile(forward, 0.95), percentile(bare, 0.95)
    return [
        Row(
            f"wizard step: Next to next page painted (p95 of {len(forward)})",
            ms(p95),
            ms(bare_p95),
            f"{p95 / bare_p95:.1f}x",
            "p95 < 50 ms",
            verdict(p95 < 0.05),
        ),
        Row(
            "wizard step: Next (median)",
            ms(median(forward)),
            ms(median(bare)),
            f"{median(forward) / median(bare):.1f}x",
            "",
            "",
        ),
        Row(
            "wizard step: Back (p95)",
            ms(percentile(backward, 0.95)),
            ms(bare_p95),
            f"{percentile(backward, 0.95) / bare_p95:.1f}x",
            "",
            "",
        ),
    ]


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
