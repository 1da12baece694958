"""Suite-wide set-up: offscreen Qt, file-based keys, one fresh kiosk home per test."""

from __future__ import annotations

import os

# Set before any QApplication exists: the suite never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The OS keyring would make tests depend on the developer's desktop session.
os.environ["KIOSK_KEY_STORE"] = "file"
os.environ.pop("KIOSK_MODE", None)
os.environ.pop("KIOSK_PORTAL_URL", None)
os.environ.pop("KIOSK_DATABASE_URL", None)
# The PC/SC client library reads this once per process: every test talks to the private
# pcscd of tests/pcsc_support.py (or to none), never to the machine's own reader service.
os.environ["PCSCLITE_CSOCK_NAME"] = f"/tmp/kiosk-tests-pcscd-{os.getpid()}/pcscd.comm"

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.cases import CaseService
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store, open_store
from tests import pg_support
from tests.cases_support import shipped_catalogue

if TYPE_CHECKING:
    from sync.training_portal.server import TrainingPortal
    from tests.chip_support import Pki
    from tests.pcsc_support import VirtualCard

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def available_backends() -> list[str]:
    """SQLite always; the ward's PostgreSQL whenever the server binaries are installed.

    CI installs them (scripts/system-packages.txt), so there a missing server is an
    error, never a quietly halved suite.
    """
    if pg_support.server_bindir() is not None:
        return [SQLITE, POSTGRESQL]
    if os.environ.get("CI"):
        raise RuntimeError("CI needs the PostgreSQL server binaries (package postgresql)")
    return [SQLITE]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "backends(*names): run the test on each named store backend that is installed "
        "(sqlite, postgresql); the nearest marker wins",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``backends(...)`` that use the ``store`` run once per backend."""
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is None or "store_backend" not in metafunc.fixturenames:
        return
    installed = available_backends()
    wanted = [name for name in marker.args if name in installed]
    metafunc.parametrize("store_backend", wanted)


@pytest.fixture
def store_backend() -> str:
    """The backend of a test not marked ``backends``: the embedded SQLite file."""
    return SQLITE


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg_support.PgCluster]:
    """One throw-away PostgreSQL server for the whole session (Unix socket only)."""
    cluster = pg_support.start_cluster()
    yield cluster
    pg_support.stop_cluster(cluster)


@pytest.fixture(scope="session")
def pg_template(pg_cluster: pg_support.PgCluster) -> str:
    """A database migrated to head once; each test copies it (CREATE DATABASE ... TEMPLATE)."""
    return pg_support.migrated_template(pg_cluster)


@pytest.fixture
def ward_database_url(pg_cluster: pg_support.PgCluster, pg_template: str) -> Iterator[str]:
    """A fresh ward database of this test's own on the throw-away server."""
    name = f"ward_{uuid.uuid4().hex[:12]}"
    url = pg_cluster.create_database(name, template=pg_template)
    yield url
    pg_support.drop_database(pg_cluster, name)


@pytest.fixture
def kiosk_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HomeLayout:
    """An empty kiosk home, also exported as KIOSK_HOME for child processes."""
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return HomeLayout(home)


@pytest.fixture
def kiosk_config(
    store_backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> KioskConfig:
    """Defaults with the file key store; on PostgreSQL, pointed at this test's ward database.

    The URL is also exported as KIOSK_DATABASE_URL so child processes (CLI tests)
    open the same database.
    """
    config = KioskConfig(key_store="file")
    if store_backend == POSTGRESQL:
        url: str = request.getfixturevalue("ward_database_url")
        monkeypatch.setenv("KIOSK_DATABASE_URL", url)
        config = replace(config, database=DatabaseSettings(url=url))
    return config


@pytest.fixture
def store(kiosk_layout: HomeLayout, kiosk_config: KioskConfig) -> Iterator[Store]:
    """A real database built by the Alembic migrations: a SQLite file in a temporary
    home, or (tests marked ``backends``) also a database on a throw-away PostgreSQL."""
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


@pytest.fixture(scope="module")
def pki() -> Pki:
    """A test CSCA and document signer for the emulated chips of tests/chip_support.py."""
    from tests.chip_support import make_pki

    return make_pki()


@pytest.fixture(scope="module")
def _pcsc_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualCard]:
    from tests.pcsc_support import pcsc_stack

    with pcsc_stack(tmp_path_factory.mktemp("pcscd")) as (_daemon, card):
        yield card


@pytest.fixture
def virtual_card(_pcsc_stack: VirtualCard) -> Iterator[VirtualCard]:
    """The vpcd reader of a private pcscd, one per module; each test starts with it empty."""
    yield _pcsc_stack
    _pcsc_stack.remove_at_command = None
    _pcsc_stack.lift()


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
