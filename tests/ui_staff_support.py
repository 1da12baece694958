"""Shared helpers for the staff screens' tests (no tests of its own).

A kiosk window with its controller over the real ``store``, volunteer accounts
made through :class:`kiosk.volunteers.VolunteerService`, and sign-in by taps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.ui.controller import Overrides
from kiosk.ui.staff.sign_in import SignInScreen
from kiosk.ui.staff.staff_home import StaffHome
from kiosk.volunteers import VolunteerService, VolunteerView
from tests.ui_shell_support import Kiosk, build_kiosk, screenshot_dir, tap

IT_OFFICER = Actor.system()
ADMIN_PIN = "582014"
VOLUNTEER_PIN = "4821"


def build_staff_kiosk(
    qtbot: QtBot,
    store: Store,
    config: KioskConfig | None = None,
    *,
    volunteer_idle_ms: int = 600_000,
    overrides: Overrides | None = None,
    size: tuple[int, int] = (1366, 768),
) -> Kiosk:
    """A shown main window with its controller; the volunteer idle time is adjustable."""
    return build_kiosk(
        qtbot, store, config, volunteer_idle_ms=volunteer_idle_ms, overrides=overrides, size=size
    )


class ManualClock:
    """The staff session's clock (monotonic seconds), moved only when a test says so."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_accounts(store: Store) -> tuple[VolunteerView, VolunteerView]:
    """Lan, a volunteer, and Bình, the IT officer (admin)."""
    service = VolunteerService(store)
    lan = service.create_volunteer("Nguyễn Thị Lan", "Chi đoàn phường", VOLUNTEER_PIN, IT_OFFICER)
    binh = service.create_volunteer(
        "Trần Văn Bình", "Văn phòng UBND", ADMIN_PIN, IT_OFFICER, role="admin"
    )
    return lan, binh


def type_pin(qtbot: QtBot, window: QWidget, pin: str) -> None:
    """Tap the digits and submit, then wait for the PIN check (on the background runner)."""
    for digit in pin:
        tap(qtbot, window, f"pin_digit_{digit}")
    screen = window.findChild(SignInScreen, "sign_in_screen")
    assert screen is not None
    tap(qtbot, window, "pin_submit_button")
    qtbot.waitUntil(lambda: not screen.checking.is_busy(), timeout=10_000)


def sign_in(qtbot: QtBot, kiosk: Kiosk, volunteer_id: int, pin: str) -> None:
    """From the welcome screen, by taps: the discreet button, the name, the PIN."""
    tap(qtbot, kiosk.window, "volunteer_button")
    assert kiosk.controller.current_screen_name() == "sign_in"
    tap(qtbot, kiosk.window, f"volunteer_{volunteer_id}")
    type_pin(qtbot, kiosk.window, pin)


def staff_home(kiosk: Kiosk) -> StaffHome:
    home = kiosk.controller.built_screens()["staff_home"]
    assert isinstance(home, StaffHome)
    return home


def save_shot(widget: QWidget, name: str) -> Path | None:
    """Save a screenshot into KIOSK_SCREENSHOT_DIR (when set); returns the file."""
    folder = screenshot_dir()
    if folder is None:
        return None
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path
