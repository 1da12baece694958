"""Navigation and the citizen's session: which screen shows, and what the kiosk remembers.

The :class:`Controller` owns the session (:class:`CitizenSession`: the
scanned ID card in memory only, the current case id, the purpose of the
visit), the language and display settings, and the volunteer signed in (the
volunteers feature sets :attr:`Controller.volunteer_id`). Screens only emit
signals; the controller answers by calling a service and showing the next
screen. :meth:`Controller.reset_session` clears every screen, the keyboard and
the session and returns to the welcome screen: Finish, the error screen and
the idle timeout all end there.

Screens of other modules (wizard, review, consent, payment, done, account,
one-time code) are imported lazily the first time they are needed, and built
with the services their constructor names (see :meth:`Controller.screen`).

Every slot the controller connects is guarded: an unexpected exception is
logged as a crash report without personal data (exception type and code
locations, never the message) and the citizen sees the calm error screen.
:func:`install_exception_hook` does the same for anything else that reaches
``sys.excepthook``.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import inspect
import logging
import sys
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.cases import AccountService, Actor, CaseError, CaseService, SubmitResult
from kiosk.cases.chip_prefill import identity_evidence_of
from kiosk.config import KioskConfig
from kiosk.identity import IdCard
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.identity.chip.session import KioskChipReader, csca_list_path
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store.database import Store
from kiosk.ui.gc_policy import GuiThreadCollector
from kiosk.ui.idle import IdleController
from kiosk.ui.keyboard import KeyboardKind
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.catalogue import CatalogueScreen
from kiosk.ui.screens.error import ErrorScreen
from kiosk.ui.screens.lookup import LookupScreen
from kiosk.ui.screens.resume import ResumeScreen
from kiosk.ui.screens.scan import ScanScreen

log = logging.getLogger(__name__)
crash_log = logging.getLogger("kiosk.crash")

LANGUAGES = ("vi", "en")

# Screens written in other modules: (module, class). Built on first use.
OTHER_SCREENS: dict[str, tuple[str, str]] = {
    "wizard": ("kiosk.ui.screens.wizard", "WizardScreen"),
    "review": ("kiosk.ui.screens.review", "ReviewScreen"),
    "consent": ("kiosk.ui.screens.consent", "ConsentScreen"),
    "payment": ("kiosk.ui.screens.payment", "PaymentScreen"),
    "done": ("kiosk.ui.screens.done", "DoneScreen"),
    "account": ("kiosk.ui.screens.account", "AccountScreen"),
    "otp": ("kiosk.ui.screens.otp", "OtpScreen"),
    # The volunteers' and IT officer's screens (kiosk.ui.staff.desk.StaffDesk wires them).
    "sign_in": ("kiosk.ui.staff.sign_in", "SignInScreen"),
    "staff_home": ("kiosk.ui.staff.staff_home", "StaffHome"),
}


class ScreenUnavailable(Exception):
    """A screen module is not installed (yet): the citizen sees the error screen."""


@dataclass
class KioskServices:
    """Everything the screens are built with; made once at start-up."""

    config: KioskConfig
    catalogue: Catalogue
    case_service: CaseService
    account_service: AccountService
    store: Store | None = None
    # The ID card chip reader (None: the QR path only).
    chip_reader: KioskChipReader | None = None

    @classmethod
    def build(
        cls, config: KioskConfig, store: Store, catalogue: Catalogue | None = None
    ) -> KioskServices:
        """Load the catalogue (broken files skipped and logged) and the case services."""
        if catalogue is None:
            catalogue = load_catalogue(asset_dir() / "procedures", strict=False)
            for problem in catalogue.errors:
                log.error("procedure definition skipped: %s", problem)
        return cls(
            config=config,
            catalogue=catalogue,
            case_service=CaseService(store, catalogue, config),
            account_service=AccountService(store),
            store=store,
            chip_reader=KioskChipReader(
                csca_list_path(config.chip.csca_list, store.layout.root), config.chip.reader
            ),
        )


@dataclass
class CitizenSession:
    """What the kiosk knows about the person in front of it, in memory only."""

    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    card: IdCard | None = None
    # The chip read behind ``card`` (photo and parents' names included), or None.
    chip_result: ChipReadResult | None = None
    case_id: str | None = None
    purpose: str | None = None  # "submit" | "account" | "resume" | "lookup"


def crash_report(error: BaseException) -> str:
    """Exception types and code locations only: messages and values may hold personal data."""
    lines: list[str] = []
    current: BaseException | None = error
    depth = 0
    while current is not None and depth < 5:
        kind = type(current)
        prefix = "" if depth == 0 else "caused by "
        lines.append(f"{prefix}{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__)[-20:]:
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        depth += 1
    return "\n".join(lines)


def _is_disk_full(error: BaseException) -> bool:
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return True
        if "disk is full" in str(getattr(current, "args", ("",))[:1]).lower():
            return True
        current = current.__cause__ or current.__context__
    return False


def _is_database_error(error: BaseException) -> bool:
    return any(
        type(item).__module__.startswith(("sqlalchemy", "sqlite3"))
        for item in (error, error.__cause__, error.__context__)
        if item is not None
    )


class Controller(QObject):
    """Switches screens on their signals and keeps the session.

    ``idle_ms``/``countdown_ms`` override ``config.timeouts`` (tests use
    short ones); ``screen_options`` gives extra constructor keywords to the
    lazily built screens, by screen name. ``volunteer_requested`` re-emits the welcome screen's
    discreet button for the volunteers feature.
    """

    volunteer_requested = Signal()
    language_changed = Signal(str)
    session_reset = Signal()

    def __init__(
        self,
        window: MainWindow,
        services: KioskServices,
        *,
        idle_ms: int | None = None,
        countdown_ms: int | None = None,
        screen_options: dict[str, dict[str, object]] | None = None,
        volunteer_idle_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("kiosk_controller")
        self.window = window
        self.services = services
        self.config = services.config
        self.session = CitizenSession()
        self.language = self.config.language
        self.large_text = False
        self.high_contrast = False
        self.volunteer_id: int | None = None
        self.sync_worker: QObject | None = None
        self._translators: list[QTranslator] = []
        self._handling_error = False
        self._admin_quit = False
        self._screen_options = dict(screen_options or {})
        # Receipt and sync workers run on threads: garbage cycles holding Qt wrappers
        # must be freed here, on the GUI thread (kiosk/ui/gc_policy.py), and a
        # citizen's leftovers are collected when the session ends.
        self.collector = GuiThreadCollector(self)
        self.session_reset.connect(self.collector.collect_now)

        timeouts = self.config.timeouts
        self.idle = IdleController(
            window,
            idle_ms=idle_ms if idle_ms is not None else timeouts.idle_seconds * 1000,
            countdown_ms=(
                countdown_ms if countdown_ms is not None else timeouts.countdown_seconds * 1000
            ),
        )
        self.idle.session_expired.connect(self._guard(self.on_idle_expired))
        window.keyboard_dock.follow_focus(True)

        self._screens: dict[str, QWidget] = {"welcome": window.welcome}
        self.welcome = window.welcome
        self.scan = ScanScreen(chip_reader=services.chip_reader)
        self.catalogue_screen = CatalogueScreen(services.catalogue, self.language)
        self.resume = ResumeScreen(services.case_service, services.catalogue, self.language)
        self.lookup = LookupScreen(services.case_service, services.catalogue, self.language)
        self.error = ErrorScreen()
        for name, screen in (
            ("scan", self.scan),
            ("catalogue", self.catalogue_screen),
            ("resume", self.resume),
            ("lookup", self.lookup),
            ("error", self.error),
        ):
            self._screens[name] = window.add_screen(screen)
        self._wire_own_screens()
        from kiosk.ui.staff.desk import StaffDesk

        # Volunteers: sign-in from the welcome screen, the badge, sign-out when idle.
        self.staff = StaffDesk(
            self,
            idle_ms=(
                volunteer_idle_ms
                if volunteer_idle_ms is not None
                else timeouts.volunteer_idle_seconds * 1000
            ),
        )
        if self.language != "vi":
            self.set_language(self.language)
        self.welcome.set_language(self.language)
        self.go("welcome")

    # -- guarded slots ----------------------------------------------------------------

    def _guard(self, slot: Callable[..., Any]) -> Callable[..., None]:
        """``slot`` wrapped so that an exception ends on the error screen, not in Qt."""

        def guarded(*args: Any) -> None:
            try:
                slot(*args)
            except Exception as error:
                self.handle_exception(error)

        return guarded

    def _connect(self, signal: Any, slot: Callable[..., Any]) -> None:
        signal.connect(self._guard(slot))

    def _connect_optional(
        self, screen: QObject, signal_name: str, slot: Callable[..., Any]
    ) -> bool:
        """Connect ``screen.<signal_name>`` when the screen has that signal."""
        signal = getattr(screen, signal_name, None)
        if signal is None or not hasattr(signal, "connect"):
            return False
        self._connect(signal, slot)
        return True

    def handle_exception(self, error: BaseException) -> None:
        """Log (without personal data) and show the error screen; never raises."""
        if isinstance(error, CaseError):
            log.info("case service refused a request: %s", type(error).__name__)
            detail: str | None = error.message.get(self.language)
        elif _is_disk_full(error):
            crash_log.error("disk full:\n%s", crash_report(error))
            detail = self.tr("Máy đã hết chỗ lưu trữ. Xin báo cán bộ tại Bộ phận Một cửa.")
        elif _is_database_error(error):
            crash_log.error("database error:\n%s", crash_report(error))
            detail = self.tr("Máy chưa lưu được dữ liệu. Xin báo cán bộ tại Bộ phận Một cửa.")
        elif isinstance(error, ScreenUnavailable):
            log.error("screen not available: %s", error)
            detail = self.tr("Chức năng này chưa sẵn sàng trên máy này.")
        else:
            crash_log.error("unexpected error:\n%s", crash_report(error))
            detail = None
        if self._handling_error or not shiboken6.isValid(self.error):
            return
        self._handling_error = True
        try:
            self.window.keyboard_dock.clear()
            self.error.show_problem(detail)
            self.window.show_screen(self.error)
        except Exception as second:
            crash_log.error("error screen failed:\n%s", crash_report(second))
        finally:
            self._handling_error = False

    # -- screens ----------------------------------------------------------------------

    def screen(self, name: str) -> QWidget:
        """The screen called ``name``, built (and wired) on first use."""
        existing = self._screens.get(name)
        if existing is not None:
            return existing
        if name not in OTHER_SCREENS:
            raise KeyError(name)
        module_name, class_name = OTHER_SCREENS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if missing.name != module_name:
                raise
            raise ScreenUnavailable(module_name) from None
        screen_class = getattr(module, class_name)
        screen = self._instantiate(screen_class, self._screen_options.get(name, {}))
        self._screens[name] = self.window.add_screen(screen)
        wire = getattr(self, f"_wire_{name}")
        wire(screen)
        return screen

    def has_screen(self, name: str) -> bool:
        """True when the screen exists or its module can be imported."""
        if name in self._screens:
            return True
        module_name = OTHER_SCREENS.get(name, ("", ""))[0]
        return bool(module_name) and importlib.util.find_spec(module_name) is not None

    def built_screens(self) -> dict[str, QWidget]:
        return dict(self._screens)

    def _constructor_values(self) -> dict[str, object]:
        services = self.services
        return {
            "case_service": services.case_service,
            "cases": services.case_service,
            "account_service": services.account_service,
            "accounts": services.account_service,
            "catalogue": services.catalogue,
            "config": services.config,
            "store": services.store,
            "layout": services.store.layout if services.store is not None else None,
            "lang": self.language,
            "language": self.language,
            "sync_worker": self.sync_worker,
            "actor_provider": self.actor,
            "actor": self.actor,
            "volunteer_service": self.staff.service,
            "chip_reader": services.chip_reader,
        }

    def _instantiate(
        self, screen_class: type[QWidget], extra: dict[str, object] | None = None
    ) -> QWidget:
        """Call the constructor with the services its parameters name.

        ``extra`` (from ``screen_options``) adds or overrides keyword values,
        e.g. the done screen's ``print_function`` in tests.
        """
        values = {**self._constructor_values(), **(extra or {})}
        kwargs: dict[str, object] = {}
        positional: list[object] = []
        for parameter in inspect.signature(screen_class).parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            if parameter.name in values:
                if parameter.kind is parameter.POSITIONAL_ONLY:
                    positional.append(values[parameter.name])
                else:
                    kwargs[parameter.name] = values[parameter.name]
            elif parameter.default is parameter.empty:
                raise TypeError(f"{screen_class.__name__} needs {parameter.name!r}")
        return screen_class(*positional, **kwargs)

    def go(self, name: str) -> QWidget:
        """Show the screen called ``name`` (built if needed)."""
        screen = self.screen(name)
        self.window.keyboard_dock.dismiss()
        self.window.show_screen(screen)
        if name == "welcome":
            self.idle.end_session()
        else:
            self.idle.start_session()
        return screen

    def current_screen_name(self) -> str | None:
        current = self.window.current_screen()
        for name, screen in self._screens.items():
            if screen is current:
                return name
        return None

    # -- session ----------------------------------------------------------------------

    def actor(self) -> Actor:
        """Who acts for audit: this citizen session, assisted by the volunteer if any."""
        return Actor.citizen(self.session.session_id, assisted_by=self.volunteer_id)

    def reset_session(self) -> None:
        """End the citizen's session: every screen cleared, welcome screen, defaults back."""
        case_id = self.session.case_id
        if case_id is not None:
            try:
                self.services.case_service.abandon(case_id, self.actor())
            except CaseError:
                log.info("session ended for a case that is gone")
        self.session = CitizenSession()
        self.idle.end_session()
        self.window.keyboard_dock.clear()
        for screen in list(self._screens.values()):
            reset = getattr(screen, "reset", None)
            if callable(reset):
                reset()
        if self.large_text or self.high_contrast:
            self.set_display_options(large_text=False, high_contrast=False)
        if self.language != self.config.language:
            self.set_language(self.config.language)
        self.go("welcome")
        self.session_reset.emit()

    def on_idle_expired(self) -> None:
        log.info("session ended by the idle timeout")
        self.reset_session()

    # -- language and display ---------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch every screen to ``language`` ("vi" or "en")."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self._install_translators(language)
        for screen in self._screens.values():
            set_language = getattr(screen, "set_language", None)
            if callable(set_language):
                set_language(language)
            else:
                retranslate = getattr(screen, "retranslate", None)
                if callable(retranslate):
                    retranslate()
        self.language_changed.emit(language)

    def toggle_language(self) -> None:
        self.set_language("en" if self.language == "vi" else "vi")

    def _install_translators(self, language: str) -> None:
        """Qt translators from ``assets/translations/*_<language>.qm`` (none for Vietnamese)."""
        app = QCoreApplication.instance()
        if app is None:
            return
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        if language == "vi":
            return
        folder = asset_dir() / "translations"
        for path in sorted(folder.glob(f"*_{language}.qm")) if folder.is_dir() else []:
            translator = QTranslator(self)
            if translator.load(str(path)):
                app.installTranslator(translator)
                self._translators.append(translator)
            else:
                log.warning("translation file could not be loaded: %s", path.name)

    def set_display_options(self, *, large_text: bool, high_contrast: bool) -> None:
        """Restyle the whole application (larger text +30 %, high-contrast palette)."""
        from kiosk.ui.theme import apply_theme

        self.large_text = large_text
        self.high_contrast = high_contrast
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, high_contrast, large_text)
        self.welcome.set_display_options(large_text=large_text, high_contrast=high_contrast)

    # -- sync -------------------------------------------------------------------------

    def attach_sync_worker(self, worker: QObject) -> None:
        """Show the worker's state on the welcome screen; request syncs after submits."""
        self.sync_worker = worker
        state_changed = getattr(worker, "state_changed", None)
        if state_changed is not None:
            state_changed.connect(self.welcome.set_sync_state)
        for screen in self._screens.values():  # screens built before the worker existed
            set_sync_worker = getattr(screen, "set_sync_worker", None)
            if callable(set_sync_worker):
                set_sync_worker(worker)

    def _request_sync(self) -> None:
        request = getattr(self.sync_worker, "request_sync", None)
        if callable(request):
            request()

    # -- quitting ---------------------------------------------------------------------

    def request_quit(self, pin_ok: bool) -> bool:
        """Close the kiosk if the admin PIN was right; False (and nothing happens) otherwise."""
        if not pin_ok:
            log.warning("quit refused: wrong admin PIN")
            return False
        self._admin_quit = True
        log.info("admin quit")
        self.window.allow_close()
        self.window.close()
        return True

    # -- wiring: own screens ----------------------------------------------------------

    def _wire_own_screens(self) -> None:
        welcome = self.welcome
        self._connect(welcome.choice_made, self.on_choice)
        self._connect(welcome.language_toggled, self.toggle_language)
        self._connect(
            welcome.large_text_toggled,
            lambda on: self.set_display_options(large_text=on, high_contrast=self.high_contrast),
        )
        self._connect(
            welcome.high_contrast_toggled,
            lambda on: self.set_display_options(large_text=self.large_text, high_contrast=on),
        )
        welcome.volunteer_requested.connect(self.volunteer_requested)
        self._connect(self.scan.chip_confirmed, self.on_chip_confirmed)
        self._connect(self.scan.card_confirmed, self.on_card_confirmed)
        self._connect(self.scan.manual_requested, self.on_continue_without_card)
        self._connect(self.scan.back_requested, self.reset_session)
        self._connect(self.catalogue_screen.start_requested, self.on_start_procedure)
        self._connect(self.catalogue_screen.back_requested, self.reset_session)
        self._connect(self.resume.case_chosen, self.open_case)
        self._connect(self.resume.back_requested, self.reset_session)
        self._connect(self.lookup.back_requested, self.reset_session)
        self._connect(self.error.home_requested, self.reset_session)

    def on_choice(self, choice: str) -> None:
        self.session.purpose = choice
        if choice in ("submit", "account"):
            self.scan.reset()
            self.scan.set_manual_allowed(choice == "submit")
            self.go("scan")
        elif choice == "resume":
            self.go("resume")
        elif choice == "lookup":
            self.go("lookup")

    def on_card_confirmed(self, card: object) -> None:
        if not isinstance(card, IdCard):
            return
        self.session.card = card
        if self.session.purpose == "account":
            self.open_account()
        else:
            self.go("catalogue")

    def on_chip_confirmed(self, result: object) -> None:
        if isinstance(result, ChipReadResult):
            self.session.chip_result = result

    def on_continue_without_card(self) -> None:
        self.session.card = None
        self.session.chip_result = None
        self.go("catalogue")

    def on_start_procedure(self, procedure_id: str) -> None:
        chip = self.session.chip_result
        evidence = None if chip is None else identity_evidence_of(chip)
        case = self.services.case_service.start_case(
            procedure_id,
            self.actor(),
            card=self.session.card,
            language=self.language,
            identity_evidence=evidence,
        )
        self.open_case(case.id)

    def open_case(self, case_id: str) -> None:
        """Open the wizard on this case (where the citizen left off)."""
        self.session.case_id = case_id
        wizard = self.screen("wizard")
        wizard.load_case(case_id)  # type: ignore[attr-defined]
        self.go("wizard")

    # -- wiring: other helpers' screens -----------------------------------------------

    def _wire_wizard(self, wizard: QWidget) -> None:
        self._connect_optional(wizard, "review_requested", self.on_review_requested)
        self._connect_optional(wizard, "back_requested", self.on_wizard_back)
        self._connect_optional(wizard, "keyboard_needed", self.on_keyboard_needed)

    def on_review_requested(self, case_id: str = "") -> None:
        case_id = case_id or self.session.case_id or ""
        self.session.case_id = case_id
        review = self.screen("review")
        review.load_case(case_id)  # type: ignore[attr-defined]
        self.go("review")

    def on_wizard_back(self) -> None:
        """Back from the first page: the draft stays; choose the procedure again."""
        self.go("catalogue")

    def on_keyboard_needed(self, editor: QWidget, kind: str = "letters") -> None:
        from kiosk.ui.widgets import TextEditor

        if isinstance(editor, TextEditor):
            try:
                chosen: KeyboardKind | None = KeyboardKind(kind)
            except ValueError:
                chosen = None
            self.window.keyboard_dock.request(editor, chosen)

    def _wire_review(self, review: QWidget) -> None:
        self._connect_optional(review, "edit_requested", self.on_edit_requested)
        self._connect_optional(review, "confirmed", self.on_review_confirmed)
        self._connect_optional(review, "back_requested", self.on_review_back)

    def on_edit_requested(self, step_id: str, field_id: str = "") -> None:
        wizard = self.screen("wizard")
        if field_id:
            wizard.goto_step(step_id, return_to_review=True, field_id=field_id)  # type: ignore[attr-defined]
        else:
            wizard.goto_step(step_id, return_to_review=True)  # type: ignore[attr-defined]
        self.go("wizard")

    def on_review_back(self) -> None:
        self.go("wizard")

    def on_review_confirmed(self, case_id: str = "") -> None:
        self.session.case_id = case_id or self.session.case_id
        consent = self.screen("consent")
        consent.load_case(self.session.case_id, self.actor())  # type: ignore[attr-defined]
        self.go("consent")

    def _wire_consent(self, consent: QWidget) -> None:
        self._connect_optional(consent, "submitted", self.on_submitted)
        self._connect_optional(consent, "fix_requested", self.on_fix_requested)
        self._connect_optional(consent, "back_requested", lambda: self.go("review"))

    def on_submitted(self, result: object) -> None:
        if isinstance(result, SubmitResult):
            self.session.case_id = result.case.id
            fee = result.fee_amount
        else:
            fee = 0
        self._request_sync()
        if fee > 0:
            payment = self.screen("payment")
            if hasattr(payment, "volunteer_id"):
                payment.volunteer_id = self.volunteer_id  # type: ignore[attr-defined]
            payment.load_case(self.session.case_id)  # type: ignore[attr-defined]
            self.go("payment")
        else:
            self.show_done()

    def on_fix_requested(self, step_id: str) -> None:
        self.on_edit_requested(step_id)

    def _wire_payment(self, payment: QWidget) -> None:
        self._connect_optional(payment, "finished", self.show_done)

    def show_done(self) -> None:
        done = self.screen("done")
        done.show_result(self.session.case_id)  # type: ignore[attr-defined]
        self.go("done")

    def _wire_done(self, done: QWidget) -> None:
        self._connect_optional(done, "finish_requested", self.reset_session)

    def open_account(self) -> None:
        account = self.screen("account")
        for method_name in ("load_card", "start", "set_card"):
            method = getattr(account, method_name, None)
            if callable(method):
                method(self.session.card)
                break
        self.go("account")

    def _wire_account(self, account: QWidget) -> None:
        self._connect_optional(account, "finished", self.reset_session)
        self._connect_optional(account, "back_requested", self.reset_session)

    def _wire_otp(self, otp: QWidget) -> None:
        self._connect_optional(otp, "finished", self.reset_session)

    def _wire_sign_in(self, sign_in: QWidget) -> None:
        self.staff.wire_sign_in(sign_in)

    def _wire_staff_home(self, staff_home: QWidget) -> None:
        self.staff.wire_staff_home(staff_home)


def install_exception_hook(controller: Controller) -> Callable[..., Any]:
    """Route uncaught exceptions to ``controller`` (crash report + error screen).

    Returns the previous hook, so a caller can restore it. Ctrl+C and exits
    still go to the previous hook.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not issubclass(kind, Exception) or not shiboken6.isValid(controller):
            previous(kind, error, trace)
            return
        if error.__traceback__ is None and trace is not None:
            error = error.with_traceback(trace)
        controller.handle_exception(error)

    sys.excepthook = hook
    return previous
