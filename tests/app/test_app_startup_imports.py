"""The welcome screen paints without the modules only later screens need.

Each start is a real ``kiosk --self-test startup`` in a fresh interpreter (the
only honest way to see what a start imports: this test process has imported
everything already), which writes the names in ``sys.modules`` at the welcome
screen's first paint to its start-up report (``KIOSK_STARTUP_REPORT``), then
opens the store and quits. The start-up figure in docs/performance.md rests
on this list staying short.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.paths import HomeLayout
from kiosk.ui.startup import STARTUP_REPORT_VARIABLE

# Run kiosk.app's main as `kiosk --self-test startup` would, then list the modules.
STARTUP_THEN_LIST_MODULES = """
import json, sys
from kiosk.app import main
code = main(["--self-test", "startup"])
print(json.dumps(sorted(sys.modules)))
sys.exit(code)
"""

# Not needed to paint the welcome screen, each with what would load it.
NOT_AT_STARTUP = {
    "sqlalchemy": "the store (opened after the first paint, kiosk.ui.startup)",
    "kiosk.store": "the store (opened after the first paint, kiosk.ui.startup)",
    "kiosk.cases": "the case service (built with the controller, after the first paint)",
    "kiosk.ui.controller": "the controller (built once the store is open)",
    "kiosk.ui.staff": "the staff desk (built with the controller)",
    "cryptography": "the store's AES-GCM (opened after the first paint)",
    "reportlab": "receipts and declarations (kiosk.documents)",
    "qrcode": "QR codes (kiosk.documents.qr)",
    "PySide6.QtMultimedia": "the camera (kiosk.ui.camera_scanner)",
    "PySide6.QtTextToSpeech": "read-aloud (kiosk.ui.speech)",
    "alembic": "migrations, when the stored revision is not the head",
    "numpy": "page capture (kiosk.attachments.processing)",
    "pypdfium2": "printing (kiosk.ui.printing)",
    "requests": "the portal client (sync.portal)",
    "sync": "the sync engine and the training portal (started after the first paint)",
    "phonenumbers": "the first phone answer",
    "vietnam_provinces": "the first address answer",
    "asn1crypto": "verifying an ID card chip",
    "sqlalchemy.dialects.postgresql": "a ward's shared database only",
    "kiosk.ui.staff.sign_in": "a volunteer's sign-in",
    "kiosk.ui.staff.staff_home": "the staff home",
    "kiosk.ui.screens.scan": "the scan screen (built just after the first paint)",
    "kiosk.ui.screens.catalogue": "the catalogue (built just after the first paint)",
    "kiosk.ui.screens.lookup": "the status look-up",
    "kiosk.ui.screens.wizard": "the wizard (first case)",
    "kiosk.ui.screens.documents": "the capture screen",
    "kiosk.ui.screens.done": "the done screen",
    "kiosk.admin.retention": "the retention run (sync thread, after the first paint)",
}


@dataclass(frozen=True)
class Started:
    at_first_paint: set[str]
    at_exit: set[str]


def start_and_list_modules(layout: HomeLayout, report: Path) -> Started:
    env = {
        **os.environ,
        "KIOSK_HOME": str(layout.root),
        "KIOSK_KEY_STORE": "file",
        "QT_QPA_PLATFORM": "offscreen",
        STARTUP_REPORT_VARIABLE: str(report),
    }
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_THEN_LIST_MODULES],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    listed: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    painted: list[str] = json.loads(report.read_text(encoding="utf-8"))["painted"]["modules"]
    return Started(at_first_paint=set(painted), at_exit=set(listed))


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Started:
    """What a daily start imports: the home already exists (the first start migrates)."""
    layout = HomeLayout(tmp_path_factory.mktemp("kiosk-home"))
    report = tmp_path_factory.mktemp("report") / "startup.json"
    start_and_list_modules(layout, report)
    return start_and_list_modules(layout, report)


@pytest.fixture(scope="module")
def modules_at_startup(started: Started) -> set[str]:
    return started.at_first_paint


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(name + ".") for module in modules)


def test_the_welcome_screen_was_built(modules_at_startup: set[str]) -> None:
    """The list is the real start's: the welcome screen's own modules are in it."""
    for needed in ("kiosk.ui.welcome", "kiosk.ui.main_window", "PySide6.QtWidgets"):
        assert needed in modules_at_startup, needed


def test_the_store_and_the_controller_came_after_the_paint(started: Started) -> None:
    """The self-test opened the store and built the controller before it quit."""
    for needed in ("sqlalchemy", "kiosk.store.database", "kiosk.ui.controller", "kiosk.cases"):
        assert needed in started.at_exit, needed
        assert needed not in started.at_first_paint, needed


@pytest.mark.parametrize("name", sorted(NOT_AT_STARTUP))
def test_not_imported_before_the_welcome_screen(modules_at_startup: set[str], name: str) -> None:
    assert not loaded(modules_at_startup, name), f"{name} ({NOT_AT_STARTUP[name]}) at start-up"
