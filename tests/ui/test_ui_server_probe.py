"""The ward-server probe asks the database off the GUI thread.

While the ward's server is out of reach the controller probes it every few
seconds; a probe waits up to the driver's connect timeout (5 s), so it must
not run on the GUI thread (the citizen's screen would freeze). The store here
is a real SQLite file: it answers, so the banner goes; ``reachable`` is wrapped
only to note the thread it ran on.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from tests.ui_shell_support import build_kiosk, find


def test_the_probe_runs_on_a_worker_and_the_banner_goes(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = build_kiosk(qtbot, store)
    threads: list[threading.Thread] = []
    real_reachable = store.reachable

    def noting_reachable() -> bool:
        threads.append(threading.current_thread())
        return real_reachable()

    monkeypatch.setattr(store, "reachable", noting_reachable)
    banner = find(kiosk.window, "ward_server_banner", QLabel)
    kiosk.controller.reconnect_timer.setInterval(20)
    kiosk.controller.on_store_unreachable()
    assert banner.isVisible()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    assert threads, "the probe ran"
    assert threading.main_thread() not in threads
    assert not kiosk.controller.reconnect_timer.isActive()
