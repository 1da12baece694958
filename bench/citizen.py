"""A scripted citizen at the kiosk, by taps, outside pytest: the UI benchmarks' driver.

The memory run, the typing-burden figure and the endurance run (``make soak``)
all walk the same birth registration as ``tests/ui/test_ui_e2e_birth.py``:
welcome -> card -> birth tile -> wizard (text typed key by key on the
on-screen keyboard, dates and lists by taps) -> review -> consent -> payment ->
done (receipt rendered; "printed" by a function that keeps nothing) -> Finish.

It builds the real main window and controller through
``tests.ui_shell_support.build_kiosk`` with :class:`Bot`, a stand-in for the
few pytest-qt ``qtbot`` methods those helpers call, made of plain QTest calls.
A field that already holds the wanted value (prefilled from the card or from
an earlier answer) is not typed again, so the count of typed characters
follows what the wizard really asks for as it changes.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import (
    QMessageLogContext,
    QPoint,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from kiosk.config import KioskConfig
from kiosk.identity import IdCard
from kiosk.identity.id_card import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.text_input.key_taps import key_taps
from kiosk.ui.background import TaskRunner
from kiosk.ui.qt_messages import HARMLESS
from tests.ui_shell_support import EXAMPLE_1, Kiosk, build_kiosk, find


class Bot:
    """The part of pytest-qt's ``QtBot`` that ``tests.ui_shell_support`` calls, on QTest.

    Widgets handed to :meth:`addWidget` are closed and deleted by :meth:`close_all`.
    """

    def __init__(self) -> None:
        self.widgets: list[QWidget] = []

    def addWidget(self, widget: QWidget) -> None:
        self.widgets.append(widget)

    def waitExposed(self, widget: QWidget, timeout: int = 5000) -> None:
        QTest.qWaitForWindowExposed(widget, timeout)

    @staticmethod
    def mouseClick(
        widget: QWidget,
        button: Qt.MouseButton,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        pos: QPoint | None = None,
        delay: int = -1,
    ) -> None:
        QTest.mouseClick(widget, button, modifier, pos if pos is not None else QPoint(), delay)

    @staticmethod
    def waitUntil(callback: Callable[[], object], timeout: int = 5000) -> None:
        """Process events until ``callback()`` is true; AssertionError after ``timeout`` ms."""
        deadline = time.monotonic() + timeout / 1000
        while True:
            if callback():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout} ms")
            QTest.qWait(5)

    def close_all(self) -> None:
        for widget in self.widgets:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        self.widgets.clear()
        QApplication.processEvents()


class QtMessages:
    """Qt's own messages of this process; warnings and worse, minus the known harmless ones."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def handle(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if not any(message.startswith(prefix) for prefix in HARMLESS):
            self.warnings.append(message)


QT_MESSAGES = QtMessages()


def application() -> QApplication:
    """The process's QApplication, with the kiosk's fonts and theme (as ``kiosk`` has).

    Qt's messages go to :data:`QT_MESSAGES` (the endurance run counts the warnings).
    """
    from kiosk.ui.fonts import load_kiosk_fonts
    from kiosk.ui.theme import apply_theme

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(QT_MESSAGES.handle)
    app = QApplication(["kiosk-bench"])
    load_kiosk_fonts()
    apply_theme(app, high_contrast=False, large_text=False)
    return app


def collect_garbage_in_gui_thread_only() -> None:
    """Work around the crash the memory run found (docs/performance.md, "Crash").

    Python's cyclic garbage collector runs in whichever thread happens to
    allocate when a threshold is crossed; found in the receipt job's pool
    thread, it frees Qt widgets' wrappers there and the process dies with
    SIGSEGV after tens to hundreds of citizens. With automatic collection off,
    :class:`Citizen` collects on the GUI thread after every session instead.
    """
    gc.disable()


def open_kiosk(store: Store, bot: Bot, config: KioskConfig | None = None) -> Kiosk:
    """The shown main window and controller; receipts render but print nowhere."""
    application()
    kiosk = build_kiosk(cast(Any, bot), store, config or KioskConfig(key_store="file"))
    kiosk.controller.overrides.print_function = lambda _pdf: None
    return kiosk


def wait_for_background_jobs(kiosk: Kiosk, milliseconds: int = 30_000) -> None:
    """Let the kiosk's background jobs (the receipt drawn and sealed into the home) end.

    A bench that deletes its throw-away home right after a citizen's session would
    otherwise race the receipt's writer ("Directory not empty").
    """
    for owner in (kiosk.window, kiosk.controller):
        for runner in owner.findChildren(TaskRunner):
            runner.wait(milliseconds)


def card_for(index: int) -> IdCard:
    """A valid card of the domain example with its ID number made unique by ``index``."""
    fields = EXAMPLE_1.split("|")
    fields[0] = fields[0][:6] + f"{index % 1_000_000:06d}"
    return parse_id_card_qr("|".join(fields))


@dataclass
class Typing:
    """Characters typed on the on-screen keyboard or number pad, and the key taps it took."""

    characters: int = 0
    taps: int = 0


@dataclass
class SessionResult:
    case_id: str
    reference: str
    typing: Typing
    paper_characters: int


class Citizen:
    """Taps through the kiosk as a citizen would; one instance per window."""

    def __init__(self, kiosk: Kiosk, bot: Bot) -> None:
        self.kiosk = kiosk
        self.bot = bot
        self.window = kiosk.window
        self.controller = kiosk.controller
        self.typing = Typing()

    # -- taps -------------------------------------------------------------------------

    def tap(self, name: str) -> None:
        button = find(self.window, name, QAbstractButton)
        if not (button.isVisible() and button.isEnabled()):
            raise AssertionError(f"{name} cannot be tapped now")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def key(self, name: str) -> None:
        self.tap(f"keyboard_key_{name}")
        self.typing.taps += 1

    def _word(self, word: str) -> None:
        for name in key_taps(word):
            self.key(name)

    def type_into(self, name: str, text: str) -> None:
        """Tap the field, type ``text`` key by key (skipped if already there), tap Done."""
        editor = find(self.window, name, QLineEdit)
        if editor.text() == text:
            return
        QTest.mouseClick(editor, Qt.MouseButton.LeftButton)
        self.bot.waitUntil(lambda: self.window.keyboard_dock.isVisible(), timeout=2000)
        editor.clear()
        self.typing.characters += len(text)
        if editor.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly:
            for digit in text:
                self.key(digit)
        else:
            for index, word in enumerate(text.split(" ")):
                if index:
                    self.key("space")
                self._word(word)
        if editor.text() != text:
            raise AssertionError(f"{name}: typed {text!r}, field shows {editor.text()!r}")
        self.tap("keyboard_key_done")

    def pick_date(self, key: str, day: dt.date) -> None:
        self.tap(f"date_{key}_day")
        self.tap(f"date_{key}_day_{day.day}")
        self.tap(f"date_{key}_month_{day.month}")
        self.tap(f"date_{key}_year_{day.year}")

    def pick_unit(self, name: str, search: str, wanted: str) -> None:
        """Narrow an address list by typing ``search``, then tap the row ``wanted``."""
        self.type_into(f"{name}_filter", search)
        units = find(self.window, name, QListWidget)
        rows = [units.item(row) for row in range(units.count())]
        item = next(i for i in rows if not i.isHidden() and i.text() == wanted)
        units.scrollToItem(item)
        QTest.mouseClick(
            units.viewport(), Qt.MouseButton.LeftButton, pos=units.visualItemRect(item).center()
        )

    def expect(self, screen: str) -> None:
        current = self.controller.current_screen_name()
        if current != screen:
            raise AssertionError(f"expected the {screen} screen, the kiosk shows {current}")

    def next_step(self, expected_step: str | None) -> None:
        self.tap("next_button")
        if expected_step is not None:
            step = getattr(self.controller.screen("wizard"), "step_id", None)
            if step != expected_step:
                raise AssertionError(f"after Next: step {step!r}, expected {expected_step!r}")

    # -- the walk ---------------------------------------------------------------------

    def start_birth_case(self, card: IdCard) -> str:
        """Welcome -> card read and confirmed -> birth tile -> wizard; returns the case id."""
        self.typing = Typing()
        self.expect("welcome")
        self.tap("welcome_submit_button")
        self.expect("scan")
        self.controller.scan.show_card(card)
        self.tap("scan_confirm_button")
        self.expect("catalogue")
        self.tap("procedure_tile_birth")
        self.tap("start_procedure_button")
        self.expect("wizard")
        case_id = self.controller.session.case_id
        if case_id is None:
            raise AssertionError("no case was started")
        return case_id

    def fill_requester_and_child(self) -> None:
        # The card holder (a man) registers his child: his page and the father's
        # block come from the card, as in tests/ui/test_ui_e2e_birth.py.
        self.tap("choice_requester_relationship_father")
        self.next_step("child")
        self.type_into("field_child_name", "Trần Thị Bình")
        self.pick_date("child_dob", dt.date.today() - dt.timedelta(days=10))
        self.tap("choice_child_sex_female")
        self.next_step("birth_place")

    def fill_birth_wizard(self) -> None:
        """Answer every page of the birth wizard; stays on its last page."""
        self.fill_requester_and_child()
        self.tap("suggest_child_birth_place_1")  # the ward's health facility, one tap
        self.tap("field_child_home_town_home_ward")  # the kiosk's own ward, one tap
        self.next_step("mother")
        self.type_into("field_mother_name", "Lê Thị Cúc")
        self.type_into("field_mother_birth_year", "1995")
        self.tap("suggest_mother_address_0")  # "same as where you live"
        self.next_step("father")  # filled from the card
        self.next_step("finish")

    def register_birth(self, card: IdCard) -> SessionResult:
        """One whole birth registration, ending back on the welcome screen."""
        case_id = self.start_birth_case(card)
        self.fill_birth_wizard()
        self.next_step(None)
        self.expect("documents")  # the birth certificate: brought to the counter
        self.tap("document_slot_birth_certificate")
        self.tap("document_bring_later_button")
        self.tap("documents_continue_button")
        self.expect("review")
        review = self.controller.screen("review")
        labels: dict[str, QLabel] = getattr(review, "value_labels")  # noqa: B009
        paper = sum(len(label.text()) for label in labels.values())
        self.tap("review_confirm_button")
        self.expect("consent")
        self.tap("consent_confirm_button")
        self.tap("submit_button")
        self.expect("payment")
        self.tap("payment_continue_button")
        self.expect("done")
        done = self.controller.screen("done")
        self.bot.waitUntil(lambda: getattr(done, "last_outcome", None) is not None, 30_000)
        reference = find(self.window, "done_reference_label", QLabel)
        reference_text = reference.text()
        self.tap("finish_button")
        self.expect("welcome")
        if not gc.isenabled():  # see collect_garbage_in_gui_thread_only
            gc.collect()
        return SessionResult(case_id, reference_text, self.typing, paper)

    def walk_away_mid_wizard(self, card: IdCard) -> str:
        """Start a case, answer two pages, then leave: the idle timeout ends the session."""
        case_id = self.start_birth_case(card)
        self.fill_requester_and_child()
        self.controller.on_idle_expired()
        self.expect("welcome")
        return case_id
