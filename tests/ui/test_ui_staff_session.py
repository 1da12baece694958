"""Issue 14, finding 1: a citizen must never reach the staff tools without a PIN.

Before the fix an admin who tapped "Phục vụ công dân" stayed signed in while
citizens used the kiosk (their touches reset the staff idle timer), and the next
person reached every admin tab through the staff badge. The staff session now
runs on its own clock (kiosk/volunteers/staff_session.py); these tests drive the
real kiosk by taps, with that clock moved by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.store.database import Store
from kiosk.store.models import AuditEvent
from kiosk.ui.controller import Overrides
from kiosk.ui.staff.desk import StaffDeskOptions
from tests.ui_shell_support import Kiosk, find, tap
from tests.ui_staff_support import (
    ADMIN_PIN,
    VOLUNTEER_PIN,
    ManualClock,
    build_staff_kiosk,
    make_accounts,
    sign_in,
    type_pin,
)


def kiosk_with_clock(qtbot: QtBot, store: Store, clock: ManualClock) -> Kiosk:
    # Default rules: 600 s without a staff touch, 3600 s at most.
    options = StaffDeskOptions(clock=clock, check_ms=20)
    return build_staff_kiosk(
        qtbot, store, volunteer_idle_ms=600_000, overrides=Overrides(staff=options)
    )


def sign_outs(store: Store, volunteer_id: int) -> list[str]:
    with store.sessions() as session:
        details = session.scalars(
            select(AuditEvent.details).where(
                AuditEvent.action == "volunteer_signed_out",
                AuditEvent.actor_id == str(volunteer_id),
            )
        ).all()
    return [str(dict(item)["reason"]) for item in details]


def citizen_touch(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A finger on the citizen's screen (on nothing in particular)."""
    screen = kiosk.window.current_screen()
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=QPoint(5, screen.height() - 5))


def assert_pin_pad_not_admin_tabs(qtbot: QtBot, kiosk: Kiosk, admin_id: int) -> None:
    assert kiosk.controller.current_screen_name() == "sign_in"
    assert not find(kiosk.window, "staff_tab_settings", QPushButton).isVisible()
    tap(qtbot, kiosk.window, f"volunteer_{admin_id}")
    assert find(kiosk.window, "pin_submit_button", QPushButton).isVisible()


def test_citizen_touches_do_not_keep_the_admin_signed_in(qtbot: QtBot, store: Store) -> None:
    _lan, binh = make_accounts(store)
    clock = ManualClock()
    kiosk = kiosk_with_clock(qtbot, store, clock)
    controller, window = kiosk.controller, kiosk.window
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    tap(qtbot, window, "staff_serve_citizen_button")
    assert controller.staff.badge.isVisible()

    # A citizen uses the kiosk for twelve minutes, touching it every minute.
    tap(qtbot, window, "welcome_lookup_button")
    for _minute in range(12):
        clock.advance(60)
        citizen_touch(qtbot, kiosk)
    qtbot.waitUntil(lambda: controller.volunteer_id is None, timeout=5000)
    assert not controller.staff.badge.isVisible()
    assert controller.current_screen_name() == "lookup"  # the citizen's own screen stays
    assert sign_outs(store, binh.id) == ["idle"]

    # The citizen's session ends; the next person taps the staff button: the PIN pad.
    tap(qtbot, window, "lookup_back_button")
    assert controller.current_screen_name() == "welcome"
    tap(qtbot, window, "volunteer_button")
    assert_pin_pad_not_admin_tabs(qtbot, kiosk, binh.id)


def test_the_end_of_the_citizens_session_signs_the_admin_out(qtbot: QtBot, store: Store) -> None:
    _lan, binh = make_accounts(store)
    kiosk = kiosk_with_clock(qtbot, store, ManualClock())
    controller, window = kiosk.controller, kiosk.window
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    tap(qtbot, window, "staff_serve_citizen_button")
    tap(qtbot, window, "welcome_lookup_button")
    assert controller.volunteer_id == binh.id
    tap(qtbot, window, "lookup_back_button")  # the citizen's session ends

    assert controller.volunteer_id is None
    assert not controller.staff.badge.isVisible()
    assert sign_outs(store, binh.id) == ["citizen_left"]
    tap(qtbot, window, "volunteer_button")
    assert_pin_pad_not_admin_tabs(qtbot, kiosk, binh.id)


def test_staying_signed_in_still_asks_the_pin_for_the_staff_screens(
    qtbot: QtBot, store: Store
) -> None:
    lan, _binh = make_accounts(store)
    kiosk = kiosk_with_clock(qtbot, store, ManualClock())
    controller, window = kiosk.controller, kiosk.window
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    stay = find(window, "staff_stay_signed_in_button", QPushButton)
    assert not stay.isChecked()  # off unless the volunteer chooses it
    tap(qtbot, window, "staff_stay_signed_in_button")
    assert stay.isChecked()
    tap(qtbot, window, "staff_serve_citizen_button")
    tap(qtbot, window, "welcome_lookup_button")
    tap(qtbot, window, "lookup_back_button")

    # Still signed in for the next citizen (the badge, assisted_by)...
    assert controller.volunteer_id == lan.id and controller.staff.badge.isVisible()
    # ...but the way back to the staff tools asks for the PIN.
    tap(qtbot, window, "badge_staff_home_button")
    assert controller.current_screen_name() == "sign_in"
    tap(qtbot, window, f"volunteer_{lan.id}")
    type_pin(qtbot, window, "9071")  # a wrong PIN opens nothing
    assert controller.current_screen_name() == "sign_in"
    type_pin(qtbot, window, VOLUNTEER_PIN)
    assert controller.current_screen_name() == "staff_home"
    assert find(window, "staff_stay_signed_in_button", QPushButton).isChecked()
    assert sign_outs(store, lan.id) == []


def test_every_sign_in_ends_after_the_maximum(qtbot: QtBot, store: Store) -> None:
    _lan, binh = make_accounts(store)
    clock = ManualClock()
    kiosk = kiosk_with_clock(qtbot, store, clock)
    controller, window = kiosk.controller, kiosk.window
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    # The admin works on the staff screens, touching them every five minutes.
    for _step in range(11):
        clock.advance(300)
        tap(qtbot, window, "staff_tab_today")
    assert controller.volunteer_id == binh.id  # 55 minutes: still signed in
    clock.advance(300)
    tap(qtbot, window, "staff_tab_queue")
    qtbot.waitUntil(lambda: controller.volunteer_id is None, timeout=5000)
    assert controller.current_screen_name() == "welcome"
    assert sign_outs(store, binh.id) == ["max_time"]
