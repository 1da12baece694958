"""Volunteer sign-in by taps: names, PIN pad, wrong PINs, lock, roles, sign-out, idle."""

from __future__ import annotations

import io

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.store.database import Store
from kiosk.store.models import AuditEvent
from kiosk.ui.controller import Overrides
from kiosk.ui.staff.desk import StaffDeskOptions
from kiosk.ui.staff.sign_in import SignInScreen
from kiosk.ui.staff.staff_home import ADMIN_TABS, TABS
from kiosk.volunteers import VolunteerService
from tests.ui_shell_support import find, tap
from tests.ui_staff_support import (
    ADMIN_PIN,
    VOLUNTEER_PIN,
    ManualClock,
    build_staff_kiosk,
    make_accounts,
    sign_in,
    staff_home,
    type_pin,
)


def actions(store: Store) -> list[tuple[str, str | None, dict[str, object]]]:
    with store.sessions() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.details).order_by(
                AuditEvent.id
            )
        ).all()
    return [(action, actor, dict(details or {})) for action, actor, details in rows]


def test_a_volunteer_signs_in_and_sees_no_admin_tools(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)

    assert kiosk.controller.current_screen_name() == "staff_home"
    assert kiosk.controller.volunteer_id == lan.id
    assert kiosk.controller.actor().assisted_by == lan.id
    home = staff_home(kiosk)
    assert "Nguyễn Thị Lan" in find(kiosk.window, "staff_who_label", QLabel).text()
    for tab in TABS:
        button = find(kiosk.window, f"staff_tab_{tab}", QPushButton)
        assert button.isVisible() == (tab not in ADMIN_TABS), tab
    home.show_tab("settings")  # not even by code
    assert home.current_tab == "queue"
    assert home.stack.currentWidget() is home.queue_panel
    assert ("volunteer_signed_in", str(lan.id), {"role": "volunteer"}) in actions(store)


def test_the_it_officer_sees_every_tool(qtbot: QtBot, store: Store) -> None:
    _lan, binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    sign_in(qtbot, kiosk, binh.id, ADMIN_PIN)
    home = staff_home(kiosk)
    for tab in TABS:
        assert find(kiosk.window, f"staff_tab_{tab}", QPushButton).isVisible(), tab
    tap(qtbot, kiosk.window, "staff_tab_settings")
    assert home.stack.currentWidget() is home.settings_panel


def test_wrong_pins_count_down_then_lock_the_account(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    window = kiosk.window
    tap(qtbot, window, "volunteer_button")
    tap(qtbot, window, f"volunteer_{lan.id}")
    error = find(window, "sign_in_error_label", QLabel)
    for attempt in range(1, 5):
        type_pin(qtbot, window, "9071")
        assert error.isVisible()
        assert f"Còn {5 - attempt} lần thử" in error.text()
        assert find(window, "pin_field").text() == ""  # type: ignore[attr-defined]
    type_pin(qtbot, window, "9071")
    assert "tạm khoá" in error.text() and "5 phút" in error.text()
    assert not find(window, "pin_digit_1", QPushButton).isEnabled()

    # Locked: even the right PIN is refused, and nobody is signed in.
    tap(qtbot, window, f"volunteer_{lan.id}")
    type_pin(qtbot, window, VOLUNTEER_PIN)
    assert "tạm khoá" in error.text()
    assert kiosk.controller.current_screen_name() == "sign_in"
    assert kiosk.controller.volunteer_id is None
    recorded = [action for action, actor, _ in actions(store) if actor == str(lan.id)]
    assert recorded.count("volunteer_sign_in_failed") == 4
    assert "volunteer_locked" in recorded
    assert recorded[-1] == "volunteer_sign_in_refused"
    assert "volunteer_signed_in" not in recorded
    # The PIN typed never reaches the audit log.
    assert all(VOLUNTEER_PIN not in str(details) for _, _, details in actions(store))


def test_sign_out_ends_the_turn_and_hides_the_badge(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    tap(qtbot, kiosk.window, "staff_serve_citizen_button")
    assert kiosk.controller.current_screen_name() == "welcome"
    badge = kiosk.controller.staff.badge
    assert badge.isVisible()
    assert find(kiosk.window, "volunteer_badge_label", QLabel).text() == "Cán bộ: Nguyễn Thị Lan"

    # The discreet button leads back to the tools while signed in (no PIN again).
    tap(qtbot, kiosk.window, "volunteer_button")
    assert kiosk.controller.current_screen_name() == "staff_home"
    assert not badge.isVisible()
    tap(qtbot, kiosk.window, "staff_sign_out_button")
    assert kiosk.controller.current_screen_name() == "welcome"
    assert kiosk.controller.volunteer_id is None
    assert kiosk.controller.actor().assisted_by is None
    assert not badge.isVisible()
    assert ("volunteer_signed_out", str(lan.id), {"reason": "manual"}) in actions(store)
    tap(qtbot, kiosk.window, "volunteer_button")
    assert kiosk.controller.current_screen_name() == "sign_in"


def test_an_idle_volunteer_is_signed_out(qtbot: QtBot, store: Store) -> None:
    lan, _binh = make_accounts(store)
    clock = ManualClock()
    options = StaffDeskOptions(clock=clock, check_ms=20)
    kiosk = build_staff_kiosk(
        qtbot, store, volunteer_idle_ms=300_000, overrides=Overrides(staff=options)
    )
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    clock.advance(299)
    tap(qtbot, kiosk.window, "staff_tab_today")  # a touch on the staff screen
    clock.advance(299)
    kiosk.controller.staff.check_session()  # what the desk's timer does every second
    assert kiosk.controller.volunteer_id == lan.id
    clock.advance(1)
    qtbot.waitUntil(lambda: kiosk.controller.volunteer_id is None, timeout=5000)
    assert kiosk.controller.current_screen_name() == "welcome"
    assert ("volunteer_signed_out", str(lan.id), {"reason": "idle"}) in actions(store)
    # The staff home forgot who was there.
    assert find(kiosk.window, "staff_who_label", QLabel).text() == ""


def test_a_fresh_kiosk_says_how_to_create_the_first_admin(qtbot: QtBot, store: Store) -> None:
    kiosk = build_staff_kiosk(qtbot, store)
    tap(qtbot, kiosk.window, "volunteer_button")
    hint = find(kiosk.window, "sign_in_empty_label", QLabel)
    assert hint.isVisible()
    assert "kiosk admin create-volunteer" in hint.text() and "--role admin" in hint.text()
    tap(qtbot, kiosk.window, "sign_in_back_button")
    assert kiosk.controller.current_screen_name() == "welcome"


def test_the_first_admin_made_with_the_cli_signs_in_on_the_screen(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.app import main

    # README's command, through the `kiosk` entry point; the PIN comes from a pipe.
    monkeypatch.setattr("sys.stdin", io.StringIO("582014\n"))
    code = main(["admin", "create-volunteer", "--name", "Trần Văn Bình", "--role", "admin"])
    assert code == 0, capsys.readouterr().err
    assert "582014" not in capsys.readouterr().out
    (admin,) = VolunteerService(store).list_volunteers()
    kiosk = build_staff_kiosk(qtbot, store)
    sign_in(qtbot, kiosk, admin.id, "582014")
    assert kiosk.controller.current_screen_name() == "staff_home"
    assert find(kiosk.window, "staff_tab_settings", QPushButton).isVisible()


def test_a_pin_check_that_ends_after_the_screen_was_left_signs_nobody_in(
    qtbot: QtBot, store: Store
) -> None:
    """The argon2 check runs off the GUI thread: "Quay lại" (or the idle reset) may come
    before its answer, and a citizen must not then find the kiosk signed in."""
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store)
    tap(qtbot, kiosk.window, "volunteer_button")
    tap(qtbot, kiosk.window, f"volunteer_{lan.id}")
    for digit in VOLUNTEER_PIN:
        tap(qtbot, kiosk.window, f"pin_digit_{digit}")
    screen = kiosk.window.findChild(SignInScreen, "sign_in_screen")
    assert screen is not None
    # The check's answer is delivered to the GUI thread by a queued signal: whatever the
    # worker's speed, the two taps below come first.
    find(kiosk.window, "pin_submit_button", QPushButton).click()
    assert screen.checking.is_busy()
    find(kiosk.window, "sign_in_back_button", QPushButton).click()
    qtbot.waitUntil(lambda: not screen.checking.is_busy(), timeout=10_000)
    QApplication.processEvents()

    assert kiosk.controller.current_screen_name() == "welcome"
    assert kiosk.controller.volunteer_id is None
    assert not find(kiosk.window, "volunteer_badge", QWidget).isVisible()
    # Back on the sign-in screen, the pad works again for the next try.
    sign_in(qtbot, kiosk, lan.id, VOLUNTEER_PIN)
    assert kiosk.controller.volunteer_id == lan.id
