"""The chip walk: QR, chip, "is this you?" with the photo, both parents from their chips.

A real PC/SC stack (tests/pcsc_support.py: a private pcscd and the vpcd
reader) with the emulated CCCD of tests/chip_support.py on it; the CSCA list
is installed in the kiosk home as an IT officer would. The mother files: her
QR is scanned, her chip read and verified, her photo shown; on the birth
registration the mother's block is filled from her card (QR + chip again),
then the father's from his. The citizen types the child's name only; the
count is printed (pytest -s) and checked.

Set KIOSK_SCREENSHOT_DIR to keep screenshots of the three chip moments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeoutError
from pytestqt.qtbot import QtBot

from kiosk.identity.chip.session import DEFAULT_CSCA_LIST
from kiosk.office_day import office_today
from kiosk.store.database import Store
from kiosk.ui.parent_chip import ParentChipBox
from tests.chip_support import (
    FATHER,
    GRANDMOTHER,
    MOTHER,
    CardFiles,
    EmulatedCccd,
    Pki,
)
from tests.pcsc_support import VirtualCard, pcsc_stack
from tests.ui_screen_support import clipped_texts
from tests.ui_shell_support import build_kiosk, find, scan, screenshot_dir, tap
from tests.ui_typing_support import KeyboardTyping, pick_date, tap_in_view

CHILD_NAME = "Nguyễn Thị Bình An"
READ_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def virtual_card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualCard]:
    with pcsc_stack(tmp_path_factory.mktemp("pcscd")) as (_daemon, card):
        yield card


def _wait_for_read(qtbot: QtBot, window: QWidget, prefix: str, done: Callable[[], bool]) -> None:
    """Wait for a chip read to land; on timeout say what the panel said."""
    try:
        qtbot.waitUntil(done, timeout=READ_TIMEOUT_MS)
    except WaitTimeoutError:
        status = find(window, f"{prefix}_status_label", QLabel).text()
        raise AssertionError(f"chip read did not finish; the panel says: {status!r}") from None


def _shot(window: QWidget, name: str) -> None:
    folder = screenshot_dir()
    if folder is not None:
        window.grab().save(str(folder / f"chip_{name}.png"))


def test_birth_registration_with_both_parents_from_their_chips(
    qtbot: QtBot, store: Store, virtual_card: VirtualCard, pki: Pki, kiosk_fonts: QApplication
) -> None:
    csca_file = store.layout.root / DEFAULT_CSCA_LIST
    csca_file.parent.mkdir(parents=True, exist_ok=True)
    csca_file.write_bytes(pki.csca_pem())
    grandmother_chip = EmulatedCccd(
        CardFiles.for_citizen(GRANDMOTHER, pki), GRANDMOTHER.access_key()
    )
    mother_chip = EmulatedCccd(CardFiles.for_citizen(MOTHER, pki), MOTHER.access_key())
    father_chip = EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key())
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    controller.set_display_options(large_text=False, high_contrast=False)
    typing = KeyboardTyping(qtbot, window)

    # Welcome -> scan the grandmother's QR -> the chip is offered.
    tap(qtbot, window, "welcome_submit_button")
    scan(
        qtbot,
        window,
        GRANDMOTHER.qr_payload(),
        lambda: controller.scan.confirm_button.isVisible(),
    )
    assert find(window, "chip_read_button").isVisible()
    _shot(window, "1_offered")

    # Her card on the reader -> read -> "is this you?" with the chip photo, verified.
    virtual_card.insert(grandmother_chip)
    tap(qtbot, window, "chip_read_button")
    _wait_for_read(qtbot, window, "chip", lambda: controller.scan.chip_result is not None)
    photo = find(window, "chip_photo", QLabel)
    assert photo.isVisible() and not photo.pixmap().isNull()
    assert "đã được xác thực" in find(window, "chip_status_label", QLabel).text()
    assert find(window, "scan_name_value", QLabel).text() == GRANDMOTHER.full_name
    assert clipped_texts(window) == []
    _shot(window, "2_is_this_you")
    tap(qtbot, window, "scan_confirm_button")
    assert controller.session.chip_result is not None

    # Birth registration: the case records that the chip verified her identity.
    tap(qtbot, window, "procedure_tile_birth")
    tap(qtbot, window, "start_procedure_button")
    case_id = controller.session.case_id
    assert case_id is not None
    cases = kiosk.services.case_service
    assert cases.get(case_id).identity_evidence == "chip_verified"
    assert find(window, "field_requester_name", QLineEdit).text() == GRANDMOTHER.full_name
    tap(qtbot, window, "choice_requester_relationship_grandparent")
    tap(qtbot, window, "next_button")

    # The child: the only typing.
    typing.into("field_child_name", CHILD_NAME)
    pick_date(qtbot, window, "child_dob", office_today() - dt.timedelta(days=10))
    tap(qtbot, window, "choice_child_sex_female")
    tap(qtbot, window, "next_button")
    tap_in_view(qtbot, window, "suggest_child_birth_place_1")
    tap_in_view(qtbot, window, "field_child_home_town_home_ward")
    tap(qtbot, window, "next_button")

    # The mother's block from her card: QR for the access data, then the chip.
    wizard = controller.screen("wizard")
    assert wizard.step_id == "mother"  # type: ignore[attr-defined]
    assert find(window, "field_mother_name", QLineEdit).text() == ""
    virtual_card.lift()
    virtual_card.insert(mother_chip)
    mother_box = window.findChild(ParentChipBox, "mother_chip_box")
    assert mother_box is not None
    scan(
        qtbot,
        window,
        MOTHER.qr_payload(),
        lambda: mother_box.panel.reading or mother_box.panel.result is not None,
    )
    _wait_for_read(
        qtbot,
        window,
        "mother_chip",
        lambda: find(window, "field_mother_name", QLineEdit).text() == MOTHER.full_name,
    )
    assert find(window, "field_mother_birth_year", QLineEdit).text() == "1995"
    assert find(window, "field_mother_ethnicity", QLineEdit).text() == "Tày"
    _shot(window, "3_mother_from_chip")
    tap(qtbot, window, "next_button")

    # The father's block from his card, read after hers.
    assert wizard.step_id == "father"  # type: ignore[attr-defined]
    virtual_card.lift()
    virtual_card.insert(father_chip)
    scan(
        qtbot,
        window,
        FATHER.qr_payload(),
        lambda: (
            find(window, "father_chip_progress").isVisible()
            or find(window, "field_father_name", QLineEdit).text() == FATHER.full_name
        ),
    )
    _wait_for_read(
        qtbot,
        window,
        "father_chip",
        lambda: find(window, "field_father_name", QLineEdit).text() == FATHER.full_name,
    )
    tap(qtbot, window, "next_button")
    assert wizard.step_id == "finish"  # type: ignore[attr-defined]

    answers = cases.get(case_id).answers
    assert answers["child_name"] == CHILD_NAME
    assert answers["mother_name"] == MOTHER.full_name
    assert answers["mother_birth_year"] == 1995
    assert answers["mother_ethnicity"] == "Tày"
    assert answers["requester_relationship"] == "grandparent"
    mother_address = answers["mother_address"]
    assert isinstance(mother_address, dict) and mother_address["ward_code"] == 20551
    assert answers["father_known"] is True
    assert answers["father_name"] == FATHER.full_name
    assert answers["father_birth_year"] == 1990
    assert answers["father_nationality"] == "Việt Nam"
    father_address = answers["father_address"]
    assert isinstance(father_address, dict) and father_address["street"] == "Tổ 3"
    virtual_card.lift()

    print(
        f"\nbirth registration with both parents from their chips: {typing.characters} "
        f"characters typed ({typing.taps} key taps), all of them the child's name"
    )
    assert typing.characters == len(CHILD_NAME)
