"""A whole birth registration through the kiosk window, by taps only.

Welcome -> scan (a keyboard-wedge burst of the first domain example) -> "is
this you?" -> birth tile -> summary -> wizard (prefilled from the card; text
typed on the on-screen keyboard, key by key) -> review with one edit ->
consent -> payment -> done with the receipt. Nothing is mocked: real SQLite
(``store`` fixture), the shipped catalogue, the real screens and keyboard.
The only substitute is the printer: the receipt is "printed" through Qt's PDF
printer into a file (this machine has no printer), which is the kiosk's own
print-to-file path.

The test also counts every character the citizen typed on the on-screen
keyboard or number pad (list searches included) and compares them with the
characters of the filled paper declaration, i.e. every answer on the review
page (printed at the end with -s); it must stay under 15%. Two families:
the card holder (a man) is the child's father, whose page is then filled
from his card; and a grandparent files, so both parents are typed or picked.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.admin.personal_files import open_receipt
from kiosk.attachments.slots import BringLaterReason
from kiosk.attachments.storage import PageStore
from kiosk.office_day import office_today
from kiosk.procedures import load_local_lists
from kiosk.store.database import Store
from kiosk.store.models import Consent
from kiosk.ui.printing import print_pdf_to_file
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.wizard import WizardScreen
from tests.ui_shell_support import EXAMPLE_1, EXAMPLE_NAME, build_kiosk, find, scan, tap
from tests.ui_typing_support import (
    KeyboardTyping,
    pick_date,
    tap_in_view,
)

TYPING_LIMIT = 0.15
"""Most of a birth registration must be taps: typed characters / paper characters."""
CARD_ADDRESS = {
    "province_code": 48,
    "ward_code": 20551,
    "street": "Tổ 3",
    "card_text": "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
}
KIOSK_WARD = "Phường Điện Bàn, Thành phố Đà Nẵng"


@pytest.mark.parametrize("filer", ["father", "grandparent"])
def test_birth_registration_from_welcome_to_receipt_by_taps(
    qtbot: QtBot, store: Store, tmp_path: Path, filer: str
) -> None:
    printed = tmp_path / "printed-receipt.pdf"
    kiosk = build_kiosk(qtbot, store)

    def print_to_file(pdf: bytes) -> None:
        print_pdf_to_file(pdf, printed)

    kiosk.controller.overrides.print_function = print_to_file
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
    assert isinstance(wizard, WizardScreen)

    # Page 1: the requester, prefilled from the card.
    assert find(window, "field_requester_name", QLineEdit).text() == EXAMPLE_NAME
    tap(qtbot, window, f"choice_requester_relationship_{filer}")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "child"

    # Page 2: the child.
    typing.into("field_child_name", "Nguyễn Thị Bình")
    born = office_today() - dt.timedelta(days=10)
    pick_date(qtbot, window, "child_dob", born)
    tap(qtbot, window, "choice_child_sex_female")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "birth_place"

    # Page 3: places, tapped: the ward's own list of health facilities, the kiosk's ward.
    birth_place = load_local_lists("20551")["birth_places"][1]
    tap_in_view(qtbot, window, "suggest_child_birth_place_1")
    tap_in_view(qtbot, window, "field_child_home_town_home_ward")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "mother"

    # Page 4: the mother; her address is the filer's, or the kiosk's ward and a street.
    typing.into("field_mother_name", "Lê Thị Cúc")
    typing.into("field_mother_birth_year", "1995")
    if filer == "father":
        tap_in_view(qtbot, window, "suggest_mother_address_0")  # "same as where you live"
    else:
        tap_in_view(qtbot, window, "address_mother_address_home_ward")
        typing.into("address_mother_address_street", "Tổ 5")
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "father"

    # Page 5: the father: his own card when he files, else typed, address "same as mother".
    if filer == "father":
        assert find(window, "field_father_name", QLineEdit).text() == EXAMPLE_NAME
        assert find(window, "field_father_birth_year", QLineEdit).text() == "1990"
    else:
        tap(qtbot, window, "yes_father_known")
        typing.into("field_father_name", "Trần Văn Hùng")
        typing.into("field_father_birth_year", "1993")
        tap_in_view(qtbot, window, "suggest_father_address_1")  # "same as the mother's"
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "finish"

    # Page 6: one extract copy (the default); the papers are the next screen's slots.
    tap(qtbot, window, "next_button")

    # Supporting documents: the birth certificate will be brought to the counter.
    assert controller.current_screen_name() == "documents"
    tap(qtbot, window, "document_slot_birth_certificate")
    tap(qtbot, window, "document_bring_later_button")
    tap(qtbot, window, "documents_continue_button")
    assert controller.current_screen_name() == "review"

    # Review with one edit: the child's sex.
    review = controller.screen("review")
    assert isinstance(review, ReviewScreen)
    assert review.value_labels["child_sex"].text() == "Nữ"
    tap(qtbot, window, "review_edit_child_sex")
    assert controller.current_screen_name() == "wizard"
    tap(qtbot, window, "choice_child_sex_male")
    tap(qtbot, window, "next_button")
    assert controller.current_screen_name() == "review"
    assert review.value_labels["child_sex"].text() == "Nam"
    labels = review.value_labels
    assert "requester_birth_year" not in labels  # hidden: never on the paper form
    paper_characters = sum(len(label.text()) for label in review.value_labels.values())
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
    assert isinstance(done, DoneScreen)
    qtbot.waitUntil(lambda: done.last_outcome is not None, timeout=20_000)
    outcome = done.last_outcome
    assert outcome is not None

    stored = cases.get(case_id)
    assert stored.status == "ready"
    assert stored.local_reference is not None
    assert find(window, "done_reference_label", QLabel).text() == stored.local_reference
    answers = stored.answers
    assert answers["requester_name"] == EXAMPLE_NAME
    assert answers["requester_id_number"] == "049090001234"
    assert answers["requester_relationship"] == filer
    assert answers["child_name"] == "Nguyễn Thị Bình"
    assert answers["child_dob"] == born.isoformat()
    assert answers["child_sex"] == "male"
    assert answers["child_birth_place"] == birth_place
    assert answers["child_home_town"] == KIOSK_WARD
    assert answers["mother_name"] == "Lê Thị Cúc"
    assert answers["mother_birth_year"] == 1995
    assert answers["father_known"] is True
    if filer == "father":
        assert answers["mother_address"] == CARD_ADDRESS
        assert answers["father_name"] == EXAMPLE_NAME
        assert answers["father_birth_year"] == 1990
        assert answers["father_address"] == CARD_ADDRESS
    else:
        home_ward_street = {"province_code": 48, "ward_code": 20551, "street": "Tổ 5"}
        assert answers["mother_address"] == home_ward_street
        assert answers["father_name"] == "Trần Văn Hùng"
        assert answers["father_birth_year"] == 1993
        assert answers["father_address"] == home_ward_street
    assert "documents_brought" not in answers  # the slots replaced the checklist
    assert PageStore(store).bring_later(case_id) == {
        "birth_certificate": BringLaterReason.NOT_WITH_ME
    }
    assert stored.fee_amount == 8000
    with store.sessions() as session:
        assert session.scalars(select(Consent).where(Consent.case_id == case_id)).first()

    # The receipt PDF: saved in the kiosk home and printed (to a file here).
    assert outcome.pdf_path is not None and outcome.pdf_path.is_file()
    assert outcome.pdf_path.name.endswith(".pdf.sealed"), "the kept copy is sealed"
    receipt = io.BytesIO(open_receipt(store, outcome.pdf_path))
    receipt_text = "".join(page.extract_text() for page in PdfReader(receipt).pages)
    assert stored.local_reference in receipt_text.replace("\n", "")
    assert outcome.printed, outcome.problem
    assert printed.is_file() and printed.stat().st_size > 0

    # Finish clears the session.
    tap(qtbot, window, "finish_button")
    assert controller.current_screen_name() == "welcome"
    assert controller.session.card is None and controller.session.case_id is None

    ratio = typing.characters / paper_characters
    print(
        f"\nbirth registration filed by the {filer}: {typing.characters} characters typed "
        f"({typing.taps} key taps with shift, tone and page keys) vs {paper_characters} "
        f"characters on the paper form ({ratio:.1%})"
    )
    assert ratio < TYPING_LIMIT
