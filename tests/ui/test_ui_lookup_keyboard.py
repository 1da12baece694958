"""Issue 15 #13: the look-up opened the letter keyboard for a number.

The local reference is 17 digits and a check character (WARD-YYMMDD-KK-SSSS-C):
tapping the field opens the number pad, the dashes come by themselves, and the
letters appear for the check character only. Real window, real taps.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService, CaseView, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.store.database import Store
from kiosk.store.models import Case
from kiosk.ui.keyboard import KeyboardKind, OnScreenKeyboard
from tests.ui_shell_support import Kiosk, build_kiosk, catalogue, find, tap

ACTOR = Actor.citizen("lookup-keyboard")


def _submitted(service: CaseService, seed: int) -> CaseView:
    """A submitted marital-status case (its reference given by the service)."""
    rng = random.Random(seed)
    card = synthetic_card(rng)
    case = service.start_case("marital_status", ACTOR, card=card)
    service.save_answers(case.id, complete_answers(catalogue()["marital_status"], card, rng))
    service.promise_required_documents(case.id)
    return service.submit(case.id, ACTOR, ConsentNotice("n:v1", "Đồng ý.", "vi")).case


def test_the_reference_is_typed_on_the_number_pad(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    reference = _submitted(kiosk.services.case_service, 3).local_reference
    assert reference is not None
    window = kiosk.window
    dock = window.keyboard_dock
    field = _open_lookup(qtbot, kiosk)
    assert dock.current_panel() is KeyboardKind.DIGITS, "a number opens the number pad"

    digits, check = reference.replace("-", "")[:-1], reference[-1]
    for digit in digits:
        tap(qtbot, window, f"keyboard_key_{digit}")
    assert field.text() == reference[:-2], "the dashes come where the receipt prints them"
    assert dock.current_panel() is KeyboardKind.LETTERS, "the check character may be a letter"
    if check.isdigit():  # one check character in three is a digit: the letters' digit page
        tap(qtbot, window, "keyboard_key_page_digits")
    tap(qtbot, window, f"keyboard_key_{check.lower() if check.isalpha() else check}")
    assert field.text().upper() == reference
    tap(qtbot, window, "lookup_find_button")
    screen = kiosk.controller.lookup
    assert screen.shown_case is not None and screen.shown_case.local_reference == reference

    tap(qtbot, window, "lookup_back_button")  # a reset never pops a keyboard up
    assert not dock.isVisible()


def _open_lookup(qtbot: QtBot, kiosk: Kiosk) -> QLineEdit:
    """From the welcome screen: the look-up, its field tapped, the keyboard up."""
    tap(qtbot, kiosk.window, "welcome_lookup_button")
    field = find(kiosk.window, "lookup_code_input", QLineEdit)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.window.keyboard_dock.isVisible())
    return field


def _type_on_the_keyboard(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Type ``text`` key by key, switching the keyboard's page as a citizen would."""
    keyboard = window.findChild(OnScreenKeyboard)
    assert keyboard is not None
    for character in text.lower():
        wanted = KeyboardKind.DIGITS if character.isdigit() else KeyboardKind.LETTERS
        if character in ".-":
            wanted = KeyboardKind.LETTERS
        if keyboard.page() is not wanted:
            tap(qtbot, window, f"keyboard_key_page_{wanted.value}")
        tap(qtbot, window, f"keyboard_key_{character}")


def test_the_portal_dossier_code_is_typed_on_the_full_keyboard(qtbot: QtBot, store: Store) -> None:
    """The portal's code has dots and letters: the number pad cannot type it."""
    kiosk = build_kiosk(qtbot, store)
    case = _submitted(kiosk.services.case_service, 4)
    code = "000.00.21.H42-261206-0007"
    with store.sessions() as session, session.begin():  # what a sync pass writes
        stored = session.get(Case, case.id)
        assert stored is not None
        stored.dossier_code = code
    window = kiosk.window
    dock = window.keyboard_dock
    field = _open_lookup(qtbot, kiosk)
    assert dock.current_panel() is KeyboardKind.DIGITS
    tap(qtbot, window, "lookup_letters_button")
    assert dock.current_panel() is KeyboardKind.LETTERS
    _type_on_the_keyboard(qtbot, window, code)
    # Digits typed on the full keyboard's digit page do not send the citizen back to
    # the number pad, and no dashes are added where the code has dots.
    assert dock.current_panel() is KeyboardKind.LETTERS
    assert field.text().upper() == code
    tap(qtbot, window, "lookup_find_button")
    screen = kiosk.controller.lookup
    assert screen.shown_case is not None and screen.shown_case.dossier_code == code

    tap(qtbot, window, "lookup_back_button")  # a new visit starts on the number pad again
    _open_lookup(qtbot, kiosk)
    assert dock.current_panel() is KeyboardKind.DIGITS
