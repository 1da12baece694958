"""Suite-wide set-up: offscreen Qt, file-based keys, one fresh kiosk home per test."""

from __future__ import annotations

import os

# Set before any QApplication exists: the suite never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The OS keyring would make tests depend on the developer's desktop session.
os.environ["KIOSK_KEY_STORE"] = "file"
os.environ.pop("KIOSK_MODE", None)
os.environ.pop("KIOSK_PORTAL_URL", None)
# The PC/SC client library reads this once per process: every test talks to the private
# pcscd of tests/pcsc_support.py (or to none), never to the machine's own reader service.
os.environ["PCSCLITE_CSOCK_NAME"] = f"/tmp/kiosk-tests-pcscd-{os.getpid()}/pcscd.comm"

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.cases import CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store, open_store
from tests.cases_support import shipped_catalogue

if TYPE_CHECKING:
    from sync.training_portal.server import TrainingPortal


@pytest.fixture
def kiosk_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HomeLayout:
    """An empty kiosk home, also exported as KIOSK_HOME for child processes."""
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return HomeLayout(home)


@pytest.fixture
def kiosk_config() -> KioskConfig:
    return KioskConfig(key_store="file")


@pytest.fixture
def store(kiosk_layout: HomeLayout, kiosk_config: KioskConfig) -> Iterator[Store]:
    """A real SQLite file in a temporary home, built by the Alembic migrations."""
    opened = open_store(kiosk_layout, kiosk_config)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped procedures (assets/procedures), loaded once per test process."""
    return shipped_catalogue()


@pytest.fixture
def service(store: Store, catalogue: Catalogue, kiosk_config: KioskConfig) -> CaseService:
    """The case service over this test's store; a module needing other settings overrides it."""
    return CaseService(store, catalogue, kiosk_config)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    """The real training portal on 127.0.0.1 (a port the OS picks) with its own SQLite file.

    Imported here, not at the top: only the tests that use a portal load its code.
    A module needing other settings (a clock, faults, a catalogue) overrides this fixture.
    """
    from sync.training_portal.server import TrainingPortal

    running = TrainingPortal(tmp_path / "portal.db").start()
    yield running
    running.stop()


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """The kiosk's own policy (kiosk/ui/gc_policy.py), for the suite too.

    Receipt and sync workers run on threads; an automatic collection there could
    free Qt wrappers off the GUI thread and crash the run. Cycles are collected
    on the main thread after every test instead.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


_tests_since_full_collection = 0


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    """Young garbage after every test, everything every 25 tests (a full pass costs ~0.1 s)."""
    import gc

    global _tests_since_full_collection
    yield
    _tests_since_full_collection += 1
    if _tests_since_full_collection >= 25:
        _tests_since_full_collection = 0
        gc.collect()
    else:
        gc.collect(0)
