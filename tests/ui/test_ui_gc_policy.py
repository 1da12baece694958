"""Garbage cycles are collected on the GUI thread only (a worker must never free Qt wrappers)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.gc_policy import GuiThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_happens_on_the_gui_thread_and_is_given_back(
    qtbot: QtBot, qapp: QApplication
) -> None:
    was_enabled = gc.isenabled()  # the suite itself runs with automatic collection off
    gc.enable()
    collector = GuiThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled(), "automatic collection would run in any thread"
        threads: list[str] = []

        def note_thread(phase: str, _info: dict[str, int]) -> None:
            if phase == "start":
                threads.append(threading.current_thread().name)

        gc.callbacks.append(note_thread)
        try:
            worker = threading.Thread(target=lambda: [Cycle() for _ in range(50_000)])
            worker.start()
            worker.join()
            qtbot.waitUntil(lambda: bool(threads), timeout=5000)
        finally:
            gc.callbacks.remove(note_thread)
        assert set(threads) == {threading.main_thread().name}
        assert collector.collect_now() >= 0
    finally:
        collector.stop()
        assert gc.isenabled(), "stop() gives automatic collection back"
        if not was_enabled:
            gc.disable()
