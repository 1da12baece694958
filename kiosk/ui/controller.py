"""Navigation and the citizen's session: which screen shows, and what the kiosk remembers.

The :class:`Controller` owns the session (:class:`CitizenSession`: the
scanned ID card in memory only, the current case id, the purpose of the
visit), the language and display settings, and the volunteer signed in (the
staff desk sets it through :meth:`Controller.set_volunteer`). Screens only emit
signals; the controller answers by calling a service and showing the next
screen. :meth:`Controller.reset_session` clears every screen, the keyboard and
the session and returns to the welcome screen: Finish, the error screen and
the idle timeout all end there.

Wiring is explicit: each screen has one typed builder (``wizard_screen()``,
``review_screen()``...) that calls its constructor with the services it takes
and connects its signals to the controller's slots by name, attribute by
attribute. A screen that renames or loses a signal fails with AttributeError
the first time it is built (tests build every screen, see
tests/ui/test_ui_wiring.py). The citizen's screens after the catalogue are built
on first use, so start-up paints the welcome screen without them.

Every slot the controller connects is guarded: an unexpected exception is
logged as a crash report without personal data (exception type and code
locations, never the message) and the citizen sees the calm error screen.
:class:`kiosk.store.StoreUnavailable` (the disk, not the code) gets the calm
screen with "tell the staff"; anything else is a bug. :func:`install_exception_hook`
does the same for anything else that reaches ``sys.excepthook``.
"""

from __future__ import annotations

import logging
import sys
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec

import shiboken6
from PySide6.QtCore import QObject, QTimer, QTranslator, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.cases import AccountService, Actor, CaseError, CaseService, SubmitResult
from kiosk.cases.chip_prefill import identity_evidence_of
from kiosk.cases.draft_overview import overview_of, same_procedure_drafts
from kiosk.cases.errors import CaseLockedElsewhere
from kiosk.cases.references import format_resume_code
from kiosk.config import KioskConfig
from kiosk.identity import IdCard
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.identity.chip.session import KioskChipReader, csca_list_path
from kiosk.identity.sample_cards import SAMPLE_CARDS
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store import StoreUnavailable
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.gc_policy import GuiThreadCollector
from kiosk.ui.idle import IdleController
from kiosk.ui.keyboard import KeyboardKind
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.error import ErrorScreen
from kiosk.ui.staff.desk import StaffDesk, StaffDeskOptions
from kiosk.ui.theme import apply_theme
from kiosk.ui.translators import install_translators, remove_translators
from kiosk.ui.widgets import TextEditor, scroll_to_top

if TYPE_CHECKING:
    # The screens after the catalogue are imported by their builders, on first use: the
    # welcome screen paints without their modules (numpy, reportlab, pdfium, ...).
    from kiosk.ui.print_worker import PrintFunction
    from kiosk.ui.screens.account import AccountScreen
    from kiosk.ui.screens.catalogue import CatalogueScreen
    from kiosk.ui.screens.consent import ConsentScreen
    from kiosk.ui.screens.documents import CaptureSources, DocumentsScreen
    from kiosk.ui.screens.done import DoneScreen
    from kiosk.ui.screens.draft_saved import DraftSavedScreen
    from kiosk.ui.screens.duplicate_draft import DuplicateDraftScreen
    from kiosk.ui.screens.lookup import LookupScreen
    from kiosk.ui.screens.payment import PaymentScreen
    from kiosk.ui.screens.resume import ResumeScreen
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.scan import ScanScreen
    from kiosk.ui.screens.wizard import WizardScreen
    from kiosk.ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)
crash_log = logging.getLogger("kiosk.crash")

LANGUAGES = ("vi", "en")
# Screens where the citizen's idle countdown does not run: nobody's session to end
# on the welcome screen, and the staff's own clock guards the staff home.
NO_CITIZEN_COUNTDOWN = frozenset({"welcome", "staff_home"})

P = ParamSpec("P")
# How often the ward's server is probed while it is out of reach (the wizard retries
# a failed save on the same period: kiosk.ui.screens.wizard.RETRY_MS).
SERVER_PROBE_MS = 3000


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
class Overrides:
    """What tests and benchmarks replace: the printer, the staff desk's restart and clock."""

    print_function: PrintFunction | None = None
    staff: StaffDeskOptions = field(default_factory=StaffDeskOptions)
    capture_sources: CaptureSources | None = None
    """The scanner and camera the capture screen uses (found at first use when None)."""


@dataclass
class CitizenSession:
    """What the kiosk knows about the person in front of it, in memory only."""

    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    card: IdCard | None = None
    # The chip read behind ``card`` (photo and parents' names included), or None.
    chip_result: ChipReadResult | None = None
    case_id: str | None = None
    purpose: str | None = None  # "submit" | "account" | "resume" | "lookup"
    documents_seen: bool = False  # the capture screen was passed once: review comes next


def find_capture_sources(config: KioskConfig) -> CaptureSources:
    """The first scanner SANE sees, the camera if any, samples in training mode."""
    from kiosk.attachments.scanner import find_scanners
    from kiosk.ui.camera_scanner import camera_available
    from kiosk.ui.screens.documents import CaptureSources

    scanners = find_scanners(timeout=5.0)
    return CaptureSources(
        scanner_device=scanners[0].name if scanners else None,
        camera=camera_available(),
        training_samples=config.training,
    )


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


class Controller(QObject):
    """Switches screens on their signals and keeps the session.

    ``idle_ms``/``countdown_ms`` override ``config.timeouts`` (tests use
    short ones); ``overrides`` replaces the printer, the restart and the staff
    clock (tests and benchmarks). ``volunteer_requested`` re-emits the welcome
    screen's discreet button for the staff desk. Implements
    :class:`kiosk.ui.staff.navigation.StaffNavigation` for the staff desk.
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
        overrides: Overrides | None = None,
        volunteer_idle_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("kiosk_controller")
        self.window = window
        self.services = services
        self.config = services.config
        self.overrides = overrides or Overrides()
        self.session = CitizenSession()
        self.language: str = self.config.language
        self.large_text = False
        self.high_contrast = False
        self.volunteer_id: int | None = None
        self.sync_worker: SyncWorker | None = None
        self._translators: list[QTranslator] = []
        self._handling_error = False
        self._admin_quit = False
        # Background jobs run on threads: garbage cycles holding Qt wrappers must be
        # freed here, on the GUI thread (kiosk/ui/gc_policy.py), and a citizen's
        # leftovers are collected when the session ends.
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
        self.idle.session_expired.connect(self.guard(self.on_idle_expired))
        # While the ward's server is out of reach: probe it, hide the banner when back.
        self.reconnect_timer = QTimer(self)
        self.reconnect_timer.setObjectName("ward_server_probe")
        self.reconnect_timer.setInterval(SERVER_PROBE_MS)
        self.reconnect_timer.timeout.connect(self.guard(self.probe_store))
        # The probe waits for the server (up to its connect timeout, 5 s): off the GUI thread.
        self._probe_runner = TaskRunner(self)
        self.idle.overlay.resume_code_provider = self._draft_resume_code
        window.keyboard_dock.follow_focus(True)

        self._screens: dict[str, QWidget] = {"welcome": window.welcome}
        self.welcome = window.welcome
        # The error screen exists from the start: it must show even when building fails.
        self.error = ErrorScreen()
        self.add_screen("error", self.error)
        self._scan: ScanScreen | None = None
        self._catalogue_screen: CatalogueScreen | None = None
        self._resume: ResumeScreen | None = None
        self._lookup: LookupScreen | None = None
        self._wizard: WizardScreen | None = None
        self._review: ReviewScreen | None = None
        self._consent: ConsentScreen | None = None
        self._payment: PaymentScreen | None = None
        self._done: DoneScreen | None = None
        self._account: AccountScreen | None = None
        self._training_codes: Callable[[str], str | None] | None = None
        self._documents: DocumentsScreen | None = None
        self._draft_saved: DraftSavedScreen | None = None
        self._duplicate: DuplicateDraftScreen | None = None
        # The screens built on first use, by name (tests and benchmarks open them so).
        self._builders: dict[str, Callable[[], QWidget]] = {
            "scan": self._build_scan,
            "catalogue": self._build_catalogue,
            "resume": self._build_resume,
            "lookup": self._build_lookup,
            "wizard": self.wizard_screen,
            "review": self.review_screen,
            "documents": self.documents_screen,
            "consent": self.consent_screen,
            "payment": self.payment_screen,
            "done": self.done_screen,
            "account": self.account_screen,
            "draft_saved": self.draft_saved_screen,
            "duplicate_draft": self.duplicate_draft_screen,
        }
        self._wire_own_screens()

        # Volunteers: sign-in from the welcome screen, the badge, their own clock.
        self.staff = StaffDesk(
            self,
            window,
            services.store,
            services.catalogue,
            services.config,
            idle_seconds=(
                volunteer_idle_ms / 1000
                if volunteer_idle_ms is not None
                else float(timeouts.volunteer_idle_seconds)
            ),
            options=self.overrides.staff,
        )
        self._builders["sign_in"] = self.staff.sign_in_screen
        self._builders["staff_home"] = self.staff.staff_home_screen
        self.volunteer_requested.connect(self.guard(self.staff.open_sign_in))
        self.session_reset.connect(self.guard(self.staff.on_citizen_session_ended))
        self.language_changed.connect(self.guard(lambda _language: self.staff.update_badge()))
        if self.language != "vi":
            self.set_language(self.language)
        self.welcome.set_language(self.language)
        self.go("welcome")

    # -- guarded slots ----------------------------------------------------------------

    def guard(self, slot: Callable[P, object]) -> Callable[P, None]:
        """``slot`` wrapped so that an exception ends on the error screen, not in Qt."""

        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                slot(*args, **kwargs)
            except Exception as error:
                self.handle_exception(error)

        return guarded

    def _connect(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        signal.connect(self.guard(slot))

    def handle_exception(self, error: BaseException) -> None:
        """Log (without personal data) and show the error screen; never raises."""
        if isinstance(error, CaseError):
            log.info("case service refused a request: %s", type(error).__name__)
            detail: str | None = error.message.get(self.language)
        elif isinstance(error, StoreUnavailable) and error.kind == "unreachable":
            # The ward's server, not this kiosk: the citizen keeps the screen they are on.
            log.error("ward database unreachable")
            self.on_store_unreachable()
            return
        elif isinstance(error, StoreUnavailable):
            # Known: the disk or the database file, not the code. No crash report.
            log.error("database unavailable (%s)", error.kind)
            if error.kind == "full":
                detail = self.tr("Máy đã hết chỗ lưu trữ. Xin báo cán bộ tại Bộ phận Một cửa.")
            else:
                detail = self.tr("Máy chưa lưu được dữ liệu. Xin báo cán bộ tại Bộ phận Một cửa.")
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

    def add_screen(self, name: str, screen: QWidget) -> None:
        """Put ``screen`` in the window's stack under ``name`` (built and wired by the caller)."""
        self._screens[name] = self.window.add_screen(screen)

    def screen(self, name: str) -> QWidget:
        """The screen called ``name``, built (and wired) on first use; KeyError if unknown."""
        existing = self._screens.get(name)
        if existing is not None:
            return existing
        return self._builders[name]()

    def built_screens(self) -> dict[str, QWidget]:
        return dict(self._screens)

    def go(self, name: str) -> QWidget:
        """Show the screen called ``name`` (built if needed)."""
        screen = self.screen(name)
        self.window.keyboard_dock.dismiss()
        self.window.show_screen(screen)
        if name in NO_CITIZEN_COUNTDOWN:
            self.idle.end_session()
        else:
            self.idle.start_session()
        return screen

    def resume_screen(self, screen: QWidget) -> None:
        """Show a citizen's screen again (after the staff tools), countdown running."""
        self.window.keyboard_dock.dismiss()
        self.window.show_screen(screen)
        self.idle.start_session()

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

    def set_volunteer(self, volunteer_id: int | None) -> None:
        """The volunteer assisting from now on (None: nobody): audit and the payment screen."""
        self.volunteer_id = volunteer_id
        if self._payment is not None:
            self._payment.volunteer_id = volunteer_id

    def reset_session(self) -> None:
        """End the citizen's session: every screen cleared, welcome screen, defaults back."""
        case_id = self.session.case_id
        if case_id is not None:
            try:
                self.services.case_service.abandon(case_id, self.actor())
            except CaseError:
                log.info("session ended for a case that is gone")
            except StoreUnavailable as error:
                # The ward's server is away: the lock on the draft ends by itself
                # (database.draft_lock_minutes); the next citizen must not wait.
                log.warning("session end not recorded: database unavailable (%s)", error.kind)
        self.session = CitizenSession()
        self.idle.end_session()
        self.window.keyboard_dock.clear()
        for screen in list(self._screens.values()):
            reset = getattr(screen, "reset", None)
            if callable(reset):
                reset()
            scroll_to_top(screen)  # the next citizen sees each screen from its top
        if self.large_text or self.high_contrast:
            self.set_display_options(large_text=False, high_contrast=False)
        if self.language != self.config.language:
            self.set_language(self.config.language)
        self.go("welcome")
        self.session_reset.emit()

    def open_assisted_case(self, case_id: str) -> None:
        """A volunteer takes up a case from the work queue: a new session, in the wizard.

        A draft open at another kiosk of the ward raises CaseLockedElsewhere: its
        plain message shows on the calm error screen, and nothing was changed.
        """
        self.session = CitizenSession(purpose="resume")
        self.services.case_service.open_for_editing(case_id)
        self.open_case(case_id)

    def _draft_resume_code(self) -> str | None:
        """The open draft's resume code, shown when the citizen may be walking away."""
        case_id = self.session.case_id
        if case_id is None:
            return None
        try:
            case = self.services.case_service.get(case_id)
        except CaseError:
            return None
        if case.status not in ("draft", "returned"):
            return None
        return format_resume_code(case.resume_code) if case.resume_code else None

    def on_idle_expired(self) -> None:
        """The countdown ran out, or the citizen tapped "Kết thúc" on the warning."""
        log.info("session ended by the idle timeout or the citizen")
        self.end_session()

    def end_session(self) -> None:
        """End the citizen's session; a draft left open gets its code shown and its slip printed.

        The draft is released (free to resume at any kiosk) and forgotten by the session
        first, so the draft-saved screen's own time-out ends at the welcome screen.
        """
        case_id = self.session.case_id
        slip = None
        if case_id is not None:
            # reportlab, qrcode and numpy come with the slip: not imported at start-up.
            from kiosk.cases.draft_slip import draft_slip_for

            try:
                slip = draft_slip_for(
                    self.services.case_service,
                    case_id,
                    self.config,
                    self.services.catalogue,
                    self.language,
                )
            except StoreUnavailable as error:
                log.warning("no draft slip: database unavailable (%s)", error.kind)
        if case_id is None or slip is None:
            self.reset_session()
            return
        try:
            self.services.case_service.abandon(case_id, self.actor())
        except (CaseError, StoreUnavailable):
            log.info("session end not recorded for the draft")
        self.session.case_id = None
        self.window.keyboard_dock.clear()
        self.draft_saved_screen().show_slip(case_id, slip)
        self.go("draft_saved")

    # -- the ward's server ------------------------------------------------------------

    def on_store_unreachable(self) -> None:
        """Say so over the current screen; keep probing until the server answers."""
        self.window.server_banner.show_lost()
        if not self.reconnect_timer.isActive():
            self.reconnect_timer.start()

    def on_store_reachable(self) -> None:
        self.reconnect_timer.stop()
        self.window.server_banner.show_back()

    def probe_store(self) -> None:
        """Ask the server on a worker thread (one probe at a time); see :meth:`_on_probe`."""
        store = self.services.store
        if store is None:
            return
        self._probe_runner.start(store.reachable, on_success=self.guard(self._on_probe))

    def _on_probe(self, reachable: object) -> None:
        """The banner goes once the server answers and no answer is still waiting."""
        if reachable is not True or not self.reconnect_timer.isActive():
            return
        if self._wizard is not None and self._wizard.unsaved:
            return  # the wizard's own retry hides it once the answers are in
        self.on_store_reachable()

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
        """The citizen's language in place of the previous one's translators."""
        remove_translators(self._translators)
        self._translators = install_translators(language, self)

    def set_display_options(self, *, large_text: bool, high_contrast: bool) -> None:
        """Restyle the whole application (larger text +30 %, high-contrast palette)."""
        self.large_text = large_text
        self.high_contrast = high_contrast
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, high_contrast, large_text)
        self.welcome.set_display_options(large_text=large_text, high_contrast=high_contrast)

    # -- sync -------------------------------------------------------------------------

    def attach_sync_worker(self, worker: SyncWorker) -> None:
        """Show the worker's state on the welcome screen; request syncs after submits."""
        self.sync_worker = worker
        worker.state_changed.connect(self.welcome.set_sync_state)
        if self._account is not None:  # built before the worker existed
            self._account.set_sync_worker(worker)

    def attach_training_codes(self, code_for: Callable[[str], str | None]) -> None:
        """Training mode: show the training portal's one-time code on the code page.

        No SMS leaves a training kiosk, so a volunteer could not finish an account
        request without reading the training portal's database. ``code_for`` maps an
        account request id to the code last "sent" for it (None while none was).
        """
        self._training_codes = code_for
        if self._account is not None:
            self._account.otp.set_training_code_source(code_for)

    def _request_sync(self) -> None:
        if self.sync_worker is not None:
            self.sync_worker.request_sync()

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

    # -- the entry screens ------------------------------------------------------------

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
        self._connect(self.error.home_requested, self.reset_session)

    # -- the entry screens after the welcome: built on first use (or just after the
    # welcome screen's first paint, see :meth:`prebuild`) ------------------------------

    def _build_scan(self) -> ScanScreen:
        if self._scan is None:
            from kiosk.ui.screens.scan import ScanScreen

            scan = ScanScreen(chip_reader=self.services.chip_reader)
            if self.services.config.training:  # invented cards to practise without a scanner
                scan.set_sample_cards(SAMPLE_CARDS)
            self._connect(scan.chip_confirmed, self.on_chip_confirmed)
            self._connect(scan.card_confirmed, self.on_card_confirmed)
            self._connect(scan.manual_requested, self.on_continue_without_card)
            self._connect(scan.back_requested, self.reset_session)
            self.add_screen("scan", scan)
            self._scan = scan
        return self._scan

    def _build_catalogue(self) -> CatalogueScreen:
        if self._catalogue_screen is None:
            from kiosk.ui.screens.catalogue import CatalogueScreen

            catalogue = CatalogueScreen(self.services.catalogue, self.language)
            self._connect(catalogue.start_requested, self.on_start_procedure)
            # Back out of the catalogue after leaving the wizard: the draft gets its slip.
            self._connect(catalogue.back_requested, self.end_session)
            self.add_screen("catalogue", catalogue)
            self._catalogue_screen = catalogue
        return self._catalogue_screen

    def _build_resume(self) -> ResumeScreen:
        if self._resume is None:
            from kiosk.ui.screens.resume import ResumeScreen

            services = self.services
            resume = ResumeScreen(services.case_service, services.catalogue, self.language)
            self._connect(resume.case_chosen, self.on_resume_chosen)
            self._connect(resume.back_requested, self.reset_session)
            # The resume code's field stays above the keyboard (compact while it is up).
            self.window.keyboard_dock.shown_changed.connect(resume.set_compact)
            self.add_screen("resume", resume)
            self._resume = resume
        return self._resume

    def _build_lookup(self) -> LookupScreen:
        if self._lookup is None:
            from kiosk.ui.screens.lookup import LookupScreen

            services = self.services
            lookup = LookupScreen(services.case_service, services.catalogue, self.language)
            self._connect(lookup.back_requested, self.reset_session)
            self._connect(lookup.keyboard_needed, self.on_keyboard_needed)
            self.add_screen("lookup", lookup)
            self._lookup = lookup
        return self._lookup

    @property
    def scan(self) -> ScanScreen:
        return self._build_scan()

    @property
    def catalogue_screen(self) -> CatalogueScreen:
        return self._build_catalogue()

    @property
    def resume(self) -> ResumeScreen:
        return self._build_resume()

    @property
    def lookup(self) -> LookupScreen:
        return self._build_lookup()

    def prebuild(self) -> None:
        """Build the screens a citizen reaches first, once the welcome screen shows."""
        for build in (self._build_scan, self._build_catalogue, self._build_resume):
            build()

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
        """Start a draft, or first ask when the card holder already has one of this procedure."""
        card = self.session.card
        if card is not None:
            service = self.services.case_service
            existing = same_procedure_drafts(
                service.drafts_for_id_number(card.id_number), procedure_id
            )
            if existing:
                catalogue, config = self.services.catalogue, self.config
                self.duplicate_draft_screen().show_drafts(
                    procedure_id,
                    catalogue[procedure_id].title,
                    [overview_of(draft, catalogue, config) for draft in existing],
                )
                self.go("duplicate_draft")
                return
        self.start_new_case(procedure_id)

    def start_new_case(self, procedure_id: str) -> None:
        """A new draft of ``procedure_id`` for this session (the card's data filled in)."""
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

    def on_resume_chosen(self, case_id: str) -> None:
        """A draft found by code or card: lock it to this kiosk, or say where it is open."""
        try:
            self.services.case_service.open_for_editing(case_id)
        except CaseLockedElsewhere as refusal:
            log.info("draft open at kiosk %s; resume refused here", refusal.kiosk_number)
            self.resume.show_refusal(refusal.message)
            return
        self.open_case(case_id)

    def open_case(self, case_id: str) -> None:
        """Open the wizard on this case (where the citizen left off)."""
        self.session.case_id = case_id
        self.wizard_screen().load_case(case_id)
        self.go("wizard")

    # -- the screens built on first use: one typed builder each -----------------------

    def wizard_screen(self) -> WizardScreen:
        if self._wizard is None:
            from kiosk.ui.screens.wizard import WizardScreen

            services = self.services
            wizard = WizardScreen(
                services.case_service,
                services.catalogue,
                self.language,
                chip_reader=services.chip_reader,
            )
            self._connect(wizard.review_requested, self.on_review_requested)
            self._connect(wizard.back_requested, self.on_wizard_back)
            self._connect(wizard.keyboard_needed, self.on_keyboard_needed)
            self._connect(wizard.store_unreachable, self.on_store_unreachable)
            self._connect(wizard.store_reachable, self.on_store_reachable)
            # Compact while a keyboard is up; the page takes its full height back after.
            self.window.keyboard_dock.shown_changed.connect(wizard.set_compact)
            self.add_screen("wizard", wizard)
            self._wizard = wizard
        return self._wizard

    def review_screen(self) -> ReviewScreen:
        if self._review is None:
            from kiosk.ui.screens.review import ReviewScreen

            services = self.services
            pages = None
            if services.store is not None:
                from kiosk.attachments.storage import PageStore

                pages = PageStore(services.store, services.config.attachments)
            review = ReviewScreen(
                services.case_service, services.catalogue, self.language, pages=pages
            )
            self._connect(review.edit_requested, self.on_edit_requested)
            self._connect(review.documents_edit_requested, self.on_edit_documents)
            self._connect(review.confirmed, self.on_review_confirmed)
            self._connect(review.back_requested, self.on_review_back)
            self.add_screen("review", review)
            self._review = review
        return self._review

    def consent_screen(self) -> ConsentScreen:
        if self._consent is None:
            from kiosk.ui.screens.consent import ConsentScreen

            services = self.services
            consent = ConsentScreen(
                services.case_service, services.catalogue, services.config, self.language
            )
            self._connect(consent.submitted, self.on_submitted)
            self._connect(consent.store_unreachable, self.on_store_unreachable)
            self._connect(consent.fix_requested, self.on_fix_requested)
            self._connect(consent.back_requested, lambda: self.go("review"))
            self.add_screen("consent", consent)
            self._consent = consent
        return self._consent

    def payment_screen(self) -> PaymentScreen:
        if self._payment is None:
            from kiosk.ui.screens.payment import PaymentScreen

            services = self.services
            payment = PaymentScreen(services.case_service, services.config, self.language)
            payment.volunteer_id = self.volunteer_id
            self._connect(payment.finished, self.show_done)
            self.add_screen("payment", payment)
            self._payment = payment
        return self._payment

    def done_screen(self) -> DoneScreen:
        if self._done is None:
            from kiosk.ui.screens.done import DoneScreen

            services = self.services
            done = DoneScreen(
                services.case_service,
                services.config,
                services.catalogue,
                self.language,
                print_function=self.overrides.print_function,
            )
            self._connect(done.finish_requested, self.reset_session)
            self.add_screen("done", done)
            self._done = done
        return self._done

    def draft_saved_screen(self) -> DraftSavedScreen:
        if self._draft_saved is None:
            from kiosk.ui.screens.draft_saved import DraftSavedScreen

            services = self.services
            draft_saved = DraftSavedScreen(
                services.case_service,
                services.config,
                services.catalogue,
                print_function=self.overrides.print_function,
            )
            self._connect(draft_saved.finish_requested, self.reset_session)
            self.add_screen("draft_saved", draft_saved)
            self._draft_saved = draft_saved
        return self._draft_saved

    def duplicate_draft_screen(self) -> DuplicateDraftScreen:
        if self._duplicate is None:
            from kiosk.ui.screens.duplicate_draft import DuplicateDraftScreen

            duplicate = DuplicateDraftScreen(self.language)
            self._connect(duplicate.continue_requested, self.on_resume_chosen)
            self._connect(duplicate.new_requested, self.start_new_case)
            self._connect(duplicate.back_requested, lambda: self.go("catalogue"))
            self.add_screen("duplicate_draft", duplicate)
            self._duplicate = duplicate
        return self._duplicate

    def account_screen(self) -> AccountScreen:
        if self._account is None:
            from kiosk.ui.screens.account import AccountScreen

            services = self.services
            account = AccountScreen(
                services.account_service,
                services.config,
                self.language,
                sync_worker=self.sync_worker,
                actor_provider=self.actor,
            )
            self._connect(account.finished, self.reset_session)
            self._connect(account.back_requested, self.reset_session)
            if self._training_codes is not None:
                account.otp.set_training_code_source(self._training_codes)
            self.add_screen("account", account)
            self._account = account
        return self._account

    # -- the citizen's path -----------------------------------------------------------

    def on_review_requested(self, case_id: str = "") -> None:
        case_id = case_id or self.session.case_id or ""
        self.session.case_id = case_id
        if not self.session.documents_seen and self.services.store is not None:
            documents = self.documents_screen()
            if documents.has_slots_for(case_id):
                documents.load_case(case_id)
                self.go("documents")
                return
        self.review_screen().load_case(case_id)
        self.go("review")

    def on_documents_done(self, case_id: str = "") -> None:
        self.session.documents_seen = True
        self.on_review_requested(case_id)

    def on_edit_documents(self) -> None:
        if self.session.case_id is not None:
            self.documents_screen().load_case(self.session.case_id)
            self.go("documents")

    def documents_screen(self) -> DocumentsScreen:
        if self._documents is None:
            from kiosk.attachments.capture import CaptureService
            from kiosk.attachments.storage import PageStore
            from kiosk.ui.screens.documents import DocumentsScreen

            services = self.services
            if services.store is None:
                raise RuntimeError("the capture screen needs the store")
            pages = PageStore(services.store, services.config.attachments)
            sources = self.overrides.capture_sources or find_capture_sources(services.config)
            documents = DocumentsScreen(
                services.case_service,
                services.catalogue,
                CaptureService(pages),
                sources,
                self.language,
            )
            self._connect(documents.continue_requested, self.on_documents_done)
            self._connect(documents.back_requested, lambda: self.go("wizard"))
            self.add_screen("documents", documents)
            self._documents = documents
        return self._documents

    def on_wizard_back(self) -> None:
        """Back from the first page: the draft stays; choose the procedure again."""
        self.go("catalogue")

    def on_keyboard_needed(self, editor: QWidget, kind: str = "letters") -> None:
        if isinstance(editor, TextEditor):
            try:
                chosen: KeyboardKind | None = KeyboardKind(kind)
            except ValueError:
                chosen = None
            self.window.keyboard_dock.request(editor, chosen)

    def on_edit_requested(self, step_id: str, field_id: str = "") -> None:
        wizard = self.wizard_screen()
        if field_id:
            wizard.goto_step(step_id, return_to_review=True, field_id=field_id)
        else:
            wizard.goto_step(step_id, return_to_review=True)
        self.go("wizard")

    def on_review_back(self) -> None:
        self.go("wizard")

    def on_review_confirmed(self, case_id: str = "") -> None:
        self.session.case_id = case_id or self.session.case_id
        if self.session.case_id is None:
            raise RuntimeError("review confirmed without a case")
        self.consent_screen().load_case(self.session.case_id, self.actor())
        self.go("consent")

    def on_submitted(self, result: object) -> None:
        if isinstance(result, SubmitResult):
            self.session.case_id = result.case.id
            fee = result.fee_amount
        else:
            fee = 0
        self._request_sync()
        if fee > 0 and self.session.case_id is not None:
            self.payment_screen().load_case(self.session.case_id)
            self.go("payment")
        else:
            self.show_done()

    def on_fix_requested(self, step_id: str) -> None:
        self.on_edit_requested(step_id)

    def show_done(self) -> None:
        if self.session.case_id is None:
            raise RuntimeError("no case to show as done")
        self.done_screen().show_result(self.session.case_id)
        self.go("done")

    def open_account(self) -> None:
        self.account_screen().load_card(self.session.card)
        self.go("account")


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
