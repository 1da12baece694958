"""A whole birth registration through the kiosk window, by taps only.

Welcome -> scan (a keyboard-wedge burst of the first domain example) -> "is
this you?" -> birth tile -> summary -> wizard (prefilled from the card; text
typed on the on-screen keyboard, key by key) -> review with one edit ->
consent -> payment -> done with the receipt. Nothing is mocked: real SQLite
(``store`` fixture), the shipped catalogue, the real screens and keyboard.
The only substitute is the printer: the receipt is "printed" through Qt's PDF
printer into a file (this machine has no printer), which is the kiosk's own
print-to-file path.

The test also counts the characters the citizen typed and compares them with
the characters a paper form would have needed (printed at the end with -s).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.store.database import Store
from kiosk.store.models import Consent
from kiosk.ui.printing import print_pdf_to_file
from tests.ui_shell_support import EXAMPLE_1, EXAMPLE_NAME, build_kiosk, find, scan, tap

pytest.importorskip("kiosk.ui.screens.wizard")
pytest.importorskip("kiosk.ui.screens.done")

_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONES = {
    "\u0301": "sac",
    "\u0300": "huyen",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
_MODIFIED = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}


class KeyboardTyping:
    """Types text on the kiosk's on-screen keyboard and counts the taps."""

    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window
        self.taps = 0
        self.characters = 0

    def key(self, name: str) -> None:
        tap(self.qtbot, self.window, f"keyboard_key_{name}")
        self.taps += 1

    def _letter(self, char: str) -> str | None:
        """Tap the key(s) for one letter; return the tone it carries, if any."""
        tone = None
        base = ""
        modifier = None
        for part in unicodedata.normalize("NFD", char):
            if part in _TONES:
                tone = _TONES[part]
            elif part in _MODIFIERS:
                modifier = _MODIFIERS[part]
            else:
                base = part
        if char.lower() == "đ":
            base, modifier = "đ", None
        if char != char.lower():
            self.key("shift")
        letter = base.lower()
        if modifier is not None:
            letter = _MODIFIED[(letter, modifier)]
        self.key(letter)
        return tone

    def word(self, word: str) -> None:
        tone = None
        for char in word:
            if char.isdigit():
                self.key("page_digits")
                self.key(char)
                self.key("page_letters")
            elif char in ",.-":
                if tone is not None:  # the mark goes on the word, before the comma
                    self.key(f"tone_{tone}")
                    tone = None
                self.key(char)
            else:
                tone = self._letter(char) or tone
        if tone is not None:
            self.key(f"tone_{tone}")

    def text(self, text: str) -> None:
        for index, word in enumerate(text.split(" ")):
            if index:
                self.key("space")
            self.word(word)

    def into(self, name: str, text: str) -> None:
        """Tap the field, type ``text`` on the keyboard, tap "Xong"."""
        editor = find(self.window, name, QLineEdit)
        self.qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: self.window.keyboard_dock.isVisible(), timeout=2000)
        editor.clear()
        self.characters += len(text)
        if editor.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly:
            for digit in text:
                self.key(digit)
        else:
            self.text(text)
        assert editor.text() == text, (editor.text(), text)
        tap(self.qtbot, self.window, "keyboard_key_done")


def pick_from_list(
    qtbot: QtBot, window: QWidget, typing: KeyboardTyping, name: str, search: str, wanted: str
) -> None:
    typing.into(f"{name}_filter", search)
    unit_list = find(window, name, QListWidget)
    shown = [
        unit_list.item(row)
        for row in range(unit_list.count())
        if not unit_list.item(row).isHidden()
    ]
    item = next(item for item in shown if item.text() == wanted)
    unit_list.scrollToItem(item)
    centre: QPoint = unit_list.visualItemRect(item).center()
    qtbot.mouseClick(unit_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def pick_date(qtbot: QtBot, window: QWidget, key: str, day: dt.date) -> None:
    tap(qtbot, window, f"date_{key}_day")
    tap(qtbot, window, f"date_{key}_day_{day.day}")
    tap(qtbot, window, f"date_{key}_month_{day.month}")
    tap(qtbot, window, f"date_{key}_year_{day.year}")


def test_birth_registration_from_welcome_to_receipt_by_taps(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    printed = tmp_path / "printed-receipt.pdf"
    kiosk = build_kiosk(qtbot, store)
    kiosk.controller._screen_options["done"] = {
        "print_function": lambda pdf: print_pdf_to_file(pdf, printed)
    }
    window, controller, cases = kiosk.window, kiosk.controller, kiosk.services.case_service
    typing = KeyboardTyping(qtbot, window)

    # Welcome -> scan the card -> confirm it is me.
    tap(qtbot, window, "welcome_submit_button")
    assert controller.current_screen_name() == "scan"
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    assert find(window, "scan_name_value", QLabel).text() == EXAMPLE_NAME
    assert find(window, "scan_id_number_value", QLabel).text() == "049 ••• ••• 234"
    tap(qtbot, window, "scan_confirm_button")

    # Procedure tile -> summary -> start.
    assert controller.current_screen_name() == "catalogue"
    tap(qtbot, window, "procedure_tile_birth")
    assert find(window, "summary_title_label", QLabel).text() == "Đăng ký khai sinh"
    tap(qtbot, window, "start_procedure_button")
    assert controller.current_screen_name() == "wizard"
    case_id = controller.session.case_id
    assert case_id is not None
    wizard = controller.screen("wizard")

    # Page 1: the requester, prefilled from the card.
    assert find(window, "field_requester_name", QLineEdit).text() == EXAMPLE_NAME
    tap(qtbot, window, "choice_requester_relationship_mother")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "child"  # type: ignore[attr-defined]

    # Page 2: the child.
    typing.into("field_child_name", "Trần Thị Bình")
    born = dt.date.today() - dt.timedelta(days=10)
    pick_date(qtbot, window, "child_dob", born)
    tap(qtbot, window, "choice_child_sex_female")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "birth_place"  # type: ignore[attr-defined]

    # Page 3: places.
    typing.into("field_child_birth_place", "Bệnh viện Điện Bàn")
    typing.into("field_child_home_town", "Điện Bàn, Đà Nẵng")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "mother"  # type: ignore[attr-defined]

    # Page 4: the mother, her address from two lists.
    typing.into("field_mother_name", "Lê Thị Cúc")
    typing.into("field_mother_birth_year", "1995")
    pick_from_list(
        qtbot, window, typing, "address_mother_address_province", "da nang", "Thành phố Đà Nẵng"
    )
    pick_from_list(
        qtbot, window, typing, "address_mother_address_ward", "dien ban", "Phường Điện Bàn"
    )
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "father"  # type: ignore[attr-defined]

    # Page 5: father not declared.
    tap(qtbot, window, "no_father_known")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "finish"  # type: ignore[attr-defined]

    # Page 6: documents brought; one extract copy (the default).
    tap(qtbot, window, "doc_documents_brought_birth_certificate")
    tap(qtbot, window, "doc_documents_brought_requester_id_card")
    tap(qtbot, window, "next_button")
    assert controller.current_screen_name() == "review"

    # Review with one edit: the child's sex.
    review = controller.screen("review")
    assert review.value_labels["child_sex"].text() == "Nữ"  # type: ignore[attr-defined]
    tap(qtbot, window, "review_edit_child_sex")
    assert controller.current_screen_name() == "wizard"
    tap(qtbot, window, "choice_child_sex_male")
    tap(qtbot, window, "next_button")
    assert controller.current_screen_name() == "review"
    assert review.value_labels["child_sex"].text() == "Nam"  # type: ignore[attr-defined]
    paper_characters = sum(
        len(label.text())
        for label in review.value_labels.values()  # type: ignore[attr-defined]
    )
    tap(qtbot, window, "review_confirm_button")

    # Consent: explicit, not pre-selected.
    assert controller.current_screen_name() == "consent"
    assert not find(window, "submit_button", QPushButton).isEnabled()
    tap(qtbot, window, "consent_confirm_button")
    tap(qtbot, window, "submit_button")

    # The fee (8.000 đồng for the extract copy) -> payment -> done.
    assert controller.current_screen_name() == "payment"
    tap(qtbot, window, "payment_continue_button")
    assert controller.current_screen_name() == "done"
    done = controller.screen("done")
    qtbot.waitUntil(lambda: done.last_outcome is not None, timeout=20_000)  # type: ignore[attr-defined]
    outcome = done.last_outcome  # type: ignore[attr-defined]

    stored = cases.get(case_id)
    assert stored.status == "ready"
    assert stored.local_reference is not None
    assert find(window, "done_reference_label", QLabel).text() == stored.local_reference
    answers = stored.answers
    assert answers["requester_name"] == EXAMPLE_NAME
    assert answers["requester_id_number"] == "049090001234"
    assert answers["requester_relationship"] == "mother"
    assert answers["child_name"] == "Trần Thị Bình"
    assert answers["child_dob"] == born.isoformat()
    assert answers["child_sex"] == "male"
    assert answers["child_birth_place"] == "Bệnh viện Điện Bàn"
    assert answers["child_home_town"] == "Điện Bàn, Đà Nẵng"
    assert answers["mother_name"] == "Lê Thị Cúc"
    assert answers["mother_birth_year"] == 1995
    assert answers["father_known"] is False
    assert answers["documents_brought"] == ["birth_certificate", "requester_id_card"]
    assert stored.fee_amount == 8000
    with store.sessions() as session:
        assert session.scalars(select(Consent).where(Consent.case_id == case_id)).first()

    # The receipt PDF: saved in the kiosk home and printed (to a file here).
    assert outcome.pdf_path is not None and outcome.pdf_path.is_file()
    receipt_text = "".join(page.extract_text() for page in PdfReader(outcome.pdf_path).pages)
    assert stored.local_reference in receipt_text.replace("\n", "")
    assert outcome.printed, outcome.problem
    assert printed.is_file() and printed.stat().st_size > 0

    # Finish clears the session.
    tap(qtbot, window, "finish_button")
    assert controller.current_screen_name() == "welcome"
    assert controller.session.card is None and controller.session.case_id is None

    ratio = typing.characters / paper_characters
    print(
        f"\nbirth registration: {typing.characters} characters typed ({typing.taps} key taps "
        f"with shift, tone and page keys) vs {paper_characters} characters on the paper form "
        f"({ratio:.1%})"
    )
    assert ratio < 0.2
