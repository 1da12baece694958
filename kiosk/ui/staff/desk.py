"""The volunteer's side of the kiosk: sign-in, the staff home, the badge, their own clock.

:class:`StaffDesk` keeps who is signed in and makes the rest of the kiosk know
through :class:`kiosk.ui.staff.navigation.StaffNavigation` (the controller):

- the welcome screen's discreet button opens the sign-in screen (or, while
  someone is signed in and the staff screens are open to them, the staff home);
- after sign-in every citizen case started or resumed carries ``assisted_by``
  (``StaffNavigation.set_volunteer``), and the payment screen shows the
  volunteer's "fee received" buttons;
- the sign-in ends on the staff session's own clock
  (:class:`kiosk.volunteers.staff_session.StaffSession`): idle time counts only
  touches on the staff screens, the end of each citizen session served signs
  out unless "Giữ đăng nhập" is on (and then the staff screens ask the PIN
  again), and a maximum ends every sign-in;
- while signed in, :class:`kiosk.ui.staff.badge.VolunteerBadge` sits above the
  citizen's screens with the larger-text, language and read-aloud switches for
  the citizen's session (reset with it) and the way back to the staff tools;
- a case opened from the work queue is marked as assisted
  (:func:`kiosk.volunteers.assist_case`) and opens in the wizard;
- after a restore from a backup the kiosk exits with :data:`EXIT_RESTART` a few
  seconds later (the service starts it again on the restored database).

The PIN check (an argon2 hash, ~0.1 s) runs on the background runner.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.cases.service import EDITABLE
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.idle import ACTIVITY_EVENTS
from kiosk.ui.main_window import MainWindow
from kiosk.ui.speech import ReadAloud
from kiosk.ui.staff.badge import VolunteerBadge
from kiosk.ui.staff.navigation import StaffNavigation
from kiosk.ui.widgets import ROLE_PROPERTY
from kiosk.volunteers import SignedIn, VolunteerService, assist_case
from kiosk.volunteers.accounts import SignOutReason
from kiosk.volunteers.staff_session import StaffSession, StaffSessionRules

if TYPE_CHECKING:
    # Built on first use (a volunteer's tap): the citizen's welcome screen paints
    # without the staff screens' modules (the portal client, reports, exports).
    from kiosk.ui.staff.sign_in import SignInScreen
    from kiosk.ui.staff.staff_home import StaffHome

log = logging.getLogger(__name__)

STAFF_SCREENS = frozenset({"sign_in", "staff_home"})
# Asks the service manager (systemd Restart=on-failure, the autostart loop) to start
# the kiosk again: after a restore the database was replaced under the running app.
EXIT_RESTART = 75
RESTART_DELAY_MS = 4000
CHECK_MS = 1000


@dataclass
class StaffDeskOptions:
    """What tests replace: the restart (leaving the event loop would end the test run),
    the speech engine (no speech server here), the staff session's clock and how often
    it is looked at."""

    restart: Callable[[], None] | None = None
    read_aloud_engine: str | None = None
    read_aloud_locale: str | None = "vi_VN"
    clock: Callable[[], float] = field(default=time.monotonic)
    check_ms: int = CHECK_MS


def page_text(screen: QWidget | None) -> str:
    """What read-aloud says for a screen: its visible titles and headings."""
    if screen is None:
        return ""
    parts = [
        label.text()
        for label in screen.findChildren(QLabel)
        if label.isVisible()
        and label.property(ROLE_PROPERTY) in ("title", "heading")
        and label.text().strip()
    ]
    return ". ".join(parts)


class _StaffTouches(QObject):
    """Counts input on the staff home only: citizens' touches never extend a staff sign-in."""

    def __init__(self, desk: StaffDesk) -> None:
        super().__init__(desk)
        self._desk = desk

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # Type first: while the window is being destroyed Qt may still call in after
        # PySide has emptied this wrapper, and those events are never input.
        if event.type() in ACTIVITY_EVENTS:
            desk = getattr(self, "_desk", None)
            if desk is not None and shiboken6.isValid(desk):
                desk.on_input()
        return False


class StaffDesk(QObject):
    """Owned by the controller; see the module docstring for what it guarantees."""

    def __init__(
        self,
        navigation: StaffNavigation,
        window: MainWindow,
        store: Store | None,
        catalogue: Catalogue,
        config: KioskConfig,
        *,
        idle_seconds: float,
        options: StaffDeskOptions | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("staff_desk")
        self.navigation = navigation
        self.window = window
        self.store = store
        self.catalogue = catalogue
        self.config = config
        self.options = options or StaffDeskOptions()
        self.rules = StaffSessionRules(
            idle_seconds=idle_seconds, max_seconds=config.timeouts.volunteer_max_seconds
        )
        self.service: VolunteerService | None = (
            VolunteerService(store) if store is not None else None
        )
        self.session: StaffSession | None = None
        self.read_aloud: ReadAloud | None = None
        self.read_aloud_on = False
        self._return_to: QWidget | None = None
        self._sign_in: SignInScreen | None = None
        self._home: StaffHome | None = None
        guard = navigation.guard

        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.setInterval(RESTART_DELAY_MS)
        self._restart_timer.timeout.connect(guard(self.restart))
        # The staff session's clock is looked at often; its deadlines are its own.
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(self.options.check_ms)
        self._check_timer.timeout.connect(guard(self.check_session))
        self._touches = _StaffTouches(self)
        self.badge = VolunteerBadge()
        central = window.centralWidget()
        central_layout = central.layout() if central is not None else None
        if isinstance(central_layout, QVBoxLayout):
            # Between the training ribbon and the screens: visible on every citizen screen.
            central_layout.insertWidget(1, self.badge)
        self.badge.large_text_toggled.connect(guard(self.set_large_text))
        self.badge.language_toggled.connect(guard(navigation.toggle_language))
        self.badge.read_aloud_toggled.connect(guard(self.set_read_aloud))
        self.badge.staff_home_requested.connect(guard(self.show_staff_home))
        window.stack.currentChanged.connect(guard(self._on_screen_changed))

    @property
    def signed_in(self) -> SignedIn | None:
        return None if self.session is None else self.session.signed_in

    # -- the staff screens: built on first use, wired here ----------------------------

    def sign_in_screen(self) -> SignInScreen:
        if self._sign_in is None:
            from kiosk.ui.staff.sign_in import SignInScreen

            if self.service is None:
                raise RuntimeError("volunteer sign-in needs a database")
            screen = SignInScreen(self.service, self.navigation.language)
            screen.signed_in.connect(self.navigation.guard(self.on_signed_in))
            screen.back_requested.connect(self.navigation.guard(self.navigation.reset_session))
            self.navigation.add_screen("sign_in", screen)
            self._sign_in = screen
        return self._sign_in

    def staff_home_screen(self) -> StaffHome:
        if self._home is None:
            from kiosk.ui.staff.staff_home import StaffHome

            if self.service is None or self.store is None:
                raise RuntimeError("the staff home needs a database")
            home = StaffHome(
                self.service,
                self.store,
                self.catalogue,
                self.config,
                self.store.layout,
                self.navigation.language,
            )
            guard = self.navigation.guard
            home.sign_out_requested.connect(guard(lambda: self.sign_out("manual")))
            home.serve_citizen_requested.connect(guard(self.serve_citizen))
            home.stay_signed_in_toggled.connect(guard(self.set_stay_signed_in))
            home.case_open_requested.connect(guard(self.open_queue_case))
            home.restart_requested.connect(guard(self.restart))
            home.quit_requested.connect(guard(self.quit_kiosk))
            home.restart_required.connect(guard(lambda _outcome: self.restart_soon()))
            self.navigation.add_screen("staff_home", home)
            self._home = home
        return self._home

    # -- signing in -------------------------------------------------------------------

    def open_sign_in(self) -> None:
        """The welcome screen's volunteer button."""
        if self.service is None:
            log.error("volunteer sign-in needs a database")
            return
        if self.session is not None and self.session.may_open_staff_screens():
            self.show_staff_home()
            return
        self._ask_pin()

    def _ask_pin(self) -> None:
        """The PIN pad: nobody signed in, or the staff screens are locked to this session."""
        self.check_session()
        self.sign_in_screen().reload()
        self.navigation.go("sign_in")

    def on_signed_in(self, signed: SignedIn) -> None:
        session = self.session
        if session is not None and session.unlock(signed):
            log.info("volunteer %s typed the PIN again", signed.volunteer_id)
        else:
            if session is not None:  # someone else took over
                self.sign_out("manual")
            self.session = StaffSession(signed, self.rules, self.options.clock)
            log.info("volunteer %s signed in (%s)", signed.volunteer_id, signed.role)
            self.navigation.set_volunteer(signed.volunteer_id)
            self.staff_home_screen().set_volunteer(signed)
            self._return_to = None
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self._touches)
        self._check_timer.start()
        self.show_staff_home()

    def show_staff_home(self) -> None:
        """The badge's way back to the tools: only while the staff session allows it."""
        session = self.session
        if session is None:
            return
        if not session.may_open_staff_screens():
            self._ask_pin()
            return
        current = self.navigation.current_screen_name()
        if current is not None and current not in STAFF_SCREENS | {"welcome", "error"}:
            self._return_to = self.window.current_screen()
        home = self.staff_home_screen()
        home.set_volunteer(session.signed_in)
        home.stay_button.setChecked(session.stay_signed_in)
        self.navigation.go("staff_home")
        home.show_tab(home.current_tab)

    def serve_citizen(self) -> None:
        """Back to the citizen (where they were, or the welcome screen), still signed in."""
        if self._home is not None:
            self._home.reset()
        target, self._return_to = self._return_to, None
        if target is not None and shiboken6.isValid(target):
            self.navigation.resume_screen(target)
        else:
            self.navigation.go("welcome")

    def set_stay_signed_in(self, on: bool) -> None:
        if self.session is not None:
            self.session.stay_signed_in = on

    def open_queue_case(self, case_id: str) -> None:
        """Take up a case from the work queue with the citizen: it opens in the wizard."""
        signed, store = self.signed_in, self.store
        if signed is None or store is None:
            return
        view = assist_case(store, case_id, signed)
        if view.status not in EDITABLE:
            return
        if self._home is not None:
            self._home.reset()
        self._return_to = None
        self.navigation.open_assisted_case(case_id)

    def quit_kiosk(self) -> None:
        """Only an admin, who signed in with the admin PIN, may leave the kiosk app."""
        signed_in = self.signed_in
        self.navigation.request_quit(pin_ok=signed_in is not None and signed_in.is_admin)

    # -- the staff session's clock ----------------------------------------------------

    def on_input(self) -> None:
        """Any input event: it counts for the staff session only on the staff home."""
        if self.session is not None and self.navigation.current_screen_name() == "staff_home":
            self.session.staff_touched()

    def check_session(self) -> None:
        """Sign out when the staff session's own clock says so."""
        session = self.session
        if session is None:
            return
        reason = session.due_end()
        if reason is not None:
            self.sign_out(reason)

    def on_citizen_session_ended(self) -> None:
        """The controller ended a citizen's session (Finish, idle, back to the start)."""
        if self.read_aloud_on:
            self.set_read_aloud(False)
        session = self.session
        if session is not None:
            reason = session.citizen_session_ended()
            if reason is not None:
                self.sign_out(reason)
        self.update_badge()

    # -- signing out ------------------------------------------------------------------

    def sign_out(self, reason: SignOutReason = "manual") -> None:
        session = self.session
        if session is None:
            return
        self.session = None
        self._check_timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self._touches)
        self.navigation.set_volunteer(None)
        self._return_to = None
        if self.read_aloud_on:
            self.set_read_aloud(False)
        if self._home is not None:
            self._home.set_volunteer(None)
        on_staff_screen = self.navigation.current_screen_name() in STAFF_SCREENS
        if self.service is not None:
            self.service.sign_out(session.signed_in, reason)
        log.info("volunteer %s signed out (%s)", session.signed_in.volunteer_id, reason)
        self.update_badge()
        if on_staff_screen:
            self.navigation.reset_session()

    def restart_soon(self) -> None:
        """After a restore: the message stays on screen a moment, then :meth:`restart`."""
        self._restart_timer.start()

    def restart(self) -> None:
        """Close the window and leave with :data:`EXIT_RESTART` (the service restarts us)."""
        self._restart_timer.stop()
        log.info("restart after a restore")
        if self.options.restart is not None:
            self.options.restart()
            return
        self.window.allow_close()
        self.window.close()
        QCoreApplication.exit(EXIT_RESTART)

    # -- the citizen's session switches -------------------------------------------------

    def set_large_text(self, on: bool) -> None:
        self.navigation.set_display_options(
            large_text=on, high_contrast=self.navigation.high_contrast
        )
        self.update_badge()

    def set_read_aloud(self, on: bool) -> None:
        self.read_aloud_on = on
        if on:
            engine = self._read_aloud()
            if engine.is_available():
                engine.say(page_text(self.window.current_screen()))
        elif self.read_aloud is not None:
            self.read_aloud.stop()
        self.update_badge()

    def _read_aloud(self) -> ReadAloud:
        if self.read_aloud is None:
            self.read_aloud = ReadAloud(
                self,
                engine_name=self.options.read_aloud_engine,
                locale_name=self.options.read_aloud_locale,
            )
            self.read_aloud.available.connect(self._read_aloud_ready)
            self.read_aloud.unavailable.connect(lambda _reason: self._read_aloud_missing())
            self.read_aloud.start()
        return self.read_aloud

    def _read_aloud_ready(self) -> None:
        if self.read_aloud_on and self.read_aloud is not None:
            self.read_aloud.say(page_text(self.window.current_screen()))

    def _read_aloud_missing(self) -> None:
        self.read_aloud_on = False
        self.update_badge()

    def _on_screen_changed(self, _index: int) -> None:
        self.update_badge()
        speech = self.read_aloud if self.read_aloud_on else None
        if speech is not None and self.navigation.current_screen_name() not in STAFF_SCREENS:
            speech.say(page_text(self.window.current_screen()))

    def update_badge(self) -> None:
        if not shiboken6.isValid(self.badge):
            return
        signed = self.signed_in
        on_staff = self.navigation.current_screen_name() in STAFF_SCREENS
        self.badge.set_volunteer(signed.name if signed else None)
        speech = self.read_aloud
        usable = speech is None or speech.state.name != "UNAVAILABLE"
        self.badge.set_state(
            large_text=self.navigation.large_text,
            language=self.navigation.language,
            read_aloud=self.read_aloud_on,
            read_aloud_usable=usable,
        )
        self.badge.setVisible(signed is not None and not on_staff)
        self.window.welcome.set_assisted(signed is not None)
