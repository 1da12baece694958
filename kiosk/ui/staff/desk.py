"""The volunteer's side of the kiosk, wired into the controller.

:class:`StaffDesk` keeps who is signed in and makes the rest of the kiosk know:

- the welcome screen's discreet button opens the sign-in screen (or, while
  someone is signed in, the staff home);
- after sign-in: ``Controller.volunteer_id`` is set, so every citizen case
  started or resumed carries ``assisted_by`` (``Controller.actor()``), and the
  payment screen shows the volunteer's "fee received" buttons;
- a volunteer stays signed in across citizens, until they sign out or nobody
  touches the kiosk for ``timeouts.volunteer_idle_seconds``; signing out on a
  staff screen also ends the session there (welcome screen);
- while signed in, :class:`kiosk.ui.staff.badge.VolunteerBadge` sits above the
  citizen's screens with the larger-text, language and read-aloud switches for
  the citizen's session (reset with it) and the way back to the staff tools;
- a case opened from the work queue is marked as assisted
  (:func:`kiosk.volunteers.assist_case`) and opens in the wizard;
- after a restore from a backup the kiosk exits with :data:`EXIT_RESTART` a few
  seconds later (the service starts it again on the restored database).

Staff screens do not run the citizen's idle countdown: the volunteer idle time
guards them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.cases.service import EDITABLE
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.staff.badge import VolunteerBadge
from kiosk.ui.widgets import ROLE_PROPERTY
from kiosk.volunteers import SignedIn, VolunteerService, assist_case
from kiosk.volunteers.accounts import SignOutReason

if TYPE_CHECKING:
    from kiosk.ui.controller import Controller
    from kiosk.ui.speech import ReadAloud

log = logging.getLogger(__name__)

STAFF_SCREENS = frozenset({"sign_in", "staff_home"})
# Asks the service manager (systemd Restart=on-failure, the autostart loop) to start
# the kiosk again: after a restore the database was replaced under the running app.
EXIT_RESTART = 75
RESTART_DELAY_MS = 4000


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


class StaffDesk(QObject):
    """Owned by the controller; see the module docstring for what it guarantees."""

    def __init__(self, controller: Controller, *, idle_ms: int) -> None:
        super().__init__(controller)
        self.setObjectName("staff_desk")
        self.controller = controller
        store = controller.services.store
        self.service: VolunteerService | None = (
            VolunteerService(store) if store is not None else None
        )
        self.signed_in: SignedIn | None = None
        self.read_aloud: ReadAloud | None = None
        self.read_aloud_on = False
        self._return_to: QWidget | None = None

        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.setInterval(RESTART_DELAY_MS)
        self._restart_timer.timeout.connect(controller._guard(self.restart))
        self.watcher = IdleWatcher(idle_ms, self)
        self.watcher.warning_due.connect(controller._guard(self.on_volunteer_idle))
        self.badge = VolunteerBadge()
        central = controller.window.centralWidget()
        central_layout = central.layout() if central is not None else None
        if isinstance(central_layout, QVBoxLayout):
            # Between the training ribbon and the screens: visible on every citizen screen.
            central_layout.insertWidget(1, self.badge)
        guard = controller._guard
        self.badge.large_text_toggled.connect(guard(self.set_large_text))
        self.badge.language_toggled.connect(guard(controller.toggle_language))
        self.badge.read_aloud_toggled.connect(guard(self.set_read_aloud))
        self.badge.staff_home_requested.connect(guard(self.show_staff_home))
        controller.volunteer_requested.connect(guard(self.open_sign_in))
        controller.session_reset.connect(guard(self._on_session_reset))
        controller.language_changed.connect(lambda _language: self._update_badge())
        controller.window.stack.currentChanged.connect(guard(self._on_screen_changed))

    # -- screens ----------------------------------------------------------------------

    def wire_sign_in(self, screen: QWidget) -> None:
        self.controller._connect(screen.signed_in, self.on_signed_in)  # type: ignore[attr-defined]
        self.controller._connect(screen.back_requested, self.controller.reset_session)  # type: ignore[attr-defined]

    def wire_staff_home(self, home: QWidget) -> None:
        connect = self.controller._connect
        connect(home.sign_out_requested, lambda: self.sign_out("manual"))  # type: ignore[attr-defined]
        connect(home.serve_citizen_requested, self.serve_citizen)  # type: ignore[attr-defined]
        connect(home.case_open_requested, self.open_queue_case)  # type: ignore[attr-defined]
        connect(home.restart_requested, self.restart)  # type: ignore[attr-defined]
        connect(home.quit_requested, self.quit_kiosk)  # type: ignore[attr-defined]
        connect(home.restart_required, lambda _outcome: self.restart_soon())  # type: ignore[attr-defined]

    def quit_kiosk(self) -> None:
        """Only an admin, who signed in with the admin PIN, may leave the kiosk app."""
        signed_in = self.signed_in
        self.controller.request_quit(pin_ok=signed_in is not None and signed_in.is_admin)

    def open_sign_in(self) -> None:
        """The welcome screen's volunteer button."""
        if self.service is None:
            log.error("volunteer sign-in needs a database")
            return
        if self.signed_in is not None:
            self.show_staff_home()
            return
        screen = self.controller.screen("sign_in")
        screen.reload()  # type: ignore[attr-defined]
        self.controller.go("sign_in")

    def on_signed_in(self, signed: object) -> None:
        if not isinstance(signed, SignedIn):
            return
        self.signed_in = signed
        log.info("volunteer %s signed in (%s)", signed.volunteer_id, signed.role)
        self._set_volunteer_id(signed.volunteer_id)
        self.watcher.start()
        self._return_to = None
        self.show_staff_home()

    def show_staff_home(self) -> None:
        if self.signed_in is None:
            return
        current = self.controller.current_screen_name()
        if current is not None and current not in STAFF_SCREENS | {"welcome", "error"}:
            self._return_to = self.controller.window.current_screen()
        home = self.controller.screen("staff_home")
        home.set_volunteer(self.signed_in)  # type: ignore[attr-defined]
        self.controller.go("staff_home")
        self.controller.idle.end_session()
        home.show_tab(home.current_tab)  # type: ignore[attr-defined]

    def serve_citizen(self) -> None:
        """Back to the citizen (where they were, or the welcome screen), still signed in."""
        home = self.controller.built_screens().get("staff_home")
        if home is not None:
            home.reset()  # type: ignore[attr-defined]
        target, self._return_to = self._return_to, None
        if target is not None and shiboken6.isValid(target):
            self.controller.window.keyboard_dock.dismiss()
            self.controller.window.show_screen(target)
            self.controller.idle.start_session()
        else:
            self.controller.go("welcome")

    def open_queue_case(self, case_id: str) -> None:
        """Take up a case from the work queue with the citizen: it opens in the wizard."""
        signed, store = self.signed_in, self.controller.services.store
        if signed is None or store is None:
            return
        from kiosk.ui.controller import CitizenSession

        view = assist_case(store, case_id, signed)
        if view.status not in EDITABLE:
            return
        home = self.controller.built_screens().get("staff_home")
        if home is not None:
            home.reset()  # type: ignore[attr-defined]
        self._return_to = None
        self.controller.session = CitizenSession(purpose="resume")
        self.controller.open_case(case_id)

    # -- signing out ------------------------------------------------------------------

    def sign_out(self, reason: SignOutReason = "manual") -> None:
        signed = self.signed_in
        if signed is None:
            return
        self.signed_in = None
        self.watcher.stop()
        self._set_volunteer_id(None)
        self._return_to = None
        if self.read_aloud_on:
            self.set_read_aloud(False)
        home = self.controller.built_screens().get("staff_home")
        if home is not None:
            home.set_volunteer(None)  # type: ignore[attr-defined]
        on_staff_screen = self.controller.current_screen_name() in STAFF_SCREENS
        if self.service is not None:
            self.service.sign_out(signed, reason)
        log.info("volunteer %s signed out (%s)", signed.volunteer_id, reason)
        self._update_badge()
        if on_staff_screen:
            self.controller.reset_session()

    def on_volunteer_idle(self) -> None:
        self.sign_out("idle")

    def restart_soon(self) -> None:
        """After a restore: the message stays on screen a moment, then :meth:`restart`."""
        self._restart_timer.start()

    def restart(self) -> None:
        """Close the window and leave with :data:`EXIT_RESTART` (the service restarts us).

        ``screen_options["restart"]["function"]`` replaces the exit (tests only: leaving
        the event loop would end the test run).
        """
        self._restart_timer.stop()
        log.info("restart after a restore")
        replacement = self.controller._screen_options.get("restart", {}).get("function")
        if callable(replacement):
            replacement()
            return
        self.controller.window.allow_close()
        self.controller.window.close()
        QCoreApplication.exit(EXIT_RESTART)

    # -- the citizen's session switches -------------------------------------------------

    def set_large_text(self, on: bool) -> None:
        self.controller.set_display_options(
            large_text=on, high_contrast=self.controller.high_contrast
        )
        self._update_badge()

    def set_read_aloud(self, on: bool) -> None:
        self.read_aloud_on = on
        if on:
            engine = self._read_aloud()
            if engine.is_available():
                engine.say(page_text(self.controller.window.current_screen()))
        elif self.read_aloud is not None:
            self.read_aloud.stop()
        self._update_badge()

    def _read_aloud(self) -> ReadAloud:
        if self.read_aloud is None:
            from kiosk.ui.speech import ReadAloud

            options: dict[str, Any] = dict(self.controller._screen_options.get("read_aloud", {}))
            self.read_aloud = ReadAloud(self, **options)
            self.read_aloud.available.connect(self._read_aloud_ready)
            self.read_aloud.unavailable.connect(lambda _reason: self._read_aloud_missing())
            self.read_aloud.start()
        return self.read_aloud

    def _read_aloud_ready(self) -> None:
        if self.read_aloud_on and self.read_aloud is not None:
            self.read_aloud.say(page_text(self.controller.window.current_screen()))

    def _read_aloud_missing(self) -> None:
        self.read_aloud_on = False
        self._update_badge()

    def _on_session_reset(self) -> None:
        if self.read_aloud_on:
            self.set_read_aloud(False)
        self._update_badge()

    def _on_screen_changed(self, _index: int) -> None:
        self._update_badge()
        speech = self.read_aloud if self.read_aloud_on else None
        if speech is not None and self.controller.current_screen_name() not in STAFF_SCREENS:
            speech.say(page_text(self.controller.window.current_screen()))

    # -- inside -----------------------------------------------------------------------

    def _set_volunteer_id(self, volunteer_id: int | None) -> None:
        self.controller.volunteer_id = volunteer_id
        payment = self.controller.built_screens().get("payment")
        if payment is not None and hasattr(payment, "volunteer_id"):
            payment.volunteer_id = volunteer_id

    def _update_badge(self) -> None:
        if not shiboken6.isValid(self.badge):
            return
        signed = self.signed_in
        on_staff = self.controller.current_screen_name() in STAFF_SCREENS
        self.badge.set_volunteer(signed.name if signed else None)
        speech = self.read_aloud
        usable = speech is None or speech.state.name != "UNAVAILABLE"
        self.badge.set_state(
            large_text=self.controller.large_text,
            language=self.controller.language,
            read_aloud=self.read_aloud_on,
            read_aloud_usable=usable,
        )
        self.badge.setVisible(signed is not None and not on_staff)
