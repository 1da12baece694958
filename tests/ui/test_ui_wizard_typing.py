"""Less typing in the wizard: copies from the filer's answers, one-tap chips, the kiosk's ward.

Real widgets, a real SQLite store (``store`` fixture), the shipped catalogue
and the shipped local lists of the default ward (Phường Điện Bàn, 20551).
Set KIOSK_SCREENSHOT_DIR to save the pages these features change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig, WardSettings
from kiosk.identity import admin_units, parse_id_card_qr
from kiosk.office_day import office_today
from kiosk.procedures import Catalogue, SuggestedAnswer, load_local_lists
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.ui.fields import FieldContext, make_field_widget
from kiosk.ui.fields.chips import SuggestionChips
from kiosk.ui.screens.wizard import WizardScreen
from tests.ui_screen_support import clipped_texts
from tests.ui_wizard_support import (
    CARD_QR,
    find,
    find_label,
    pick_from_list,
    shot,
    show,
    tap,
    type_into,
)

HOME = "Phường Điện Bàn, Thành phố Đà Nẵng"
CARD_ADDRESS = {
    "province_code": 48,
    "ward_code": 20551,
    "street": "Tổ 3",
    "card_text": "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam",
}


def open_wizard(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> tuple[str, WizardScreen]:
    case_id = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    return case_id, wizard


def reveal_and_tap(qtbot: QtBot, wizard: WizardScreen, name: str) -> None:
    wizard.scroll_area.ensureWidgetVisible(find(wizard, QPushButton, name), 0, 40)
    tap(qtbot, wizard, name)


# --- copies from the filer's own answers (fill_from) ------------------------------------------


def test_the_father_filing_finds_his_page_filled_and_a_mistaken_tap_leaves_nothing(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    case_id, wizard = open_wizard(qtbot, service, catalogue)
    assert wizard.findChild(QWidget, "question_requester_birth_year") is None  # hidden

    tap(qtbot, wizard, "choice_requester_relationship_mother")  # by mistake: the card says Nam
    answers = service.get(case_id).answers
    assert answers["mother_name"] == "Nguyễn Văn An"
    assert answers["mother_birth_year"] == 1990
    assert answers["mother_address"] == CARD_ADDRESS

    tap(qtbot, wizard, "choice_requester_relationship_father")
    answers = service.get(case_id).answers
    assert not {"mother_name", "mother_birth_year", "mother_address"} & set(answers)
    assert answers["father_known"] is True
    assert answers["father_name"] == "Nguyễn Văn An"
    assert answers["father_birth_year"] == 1990
    assert answers["father_address"] == CARD_ADDRESS

    wizard.goto_step("father", return_to_review=False)
    assert find(wizard, QPushButton, "yes_father_known").isChecked()
    assert find(wizard, QLineEdit, "field_father_name").text() == "Nguyễn Văn An"
    assert find(wizard, QLineEdit, "field_father_birth_year").text() == "1990"
    badge = find_label(wizard, "badge_father_name")
    assert badge.isVisible() and badge.text() == "Đã điền sẵn theo thông tin của bạn"
    summary = find_label(wizard, "address_father_address_summary").text()
    assert summary == "Tổ 3, Phường Điện Bàn, Thành phố Đà Nẵng"
    assert clipped_texts(wizard) == []
    shot(wizard, "typing-father-page-filled-from-requester")

    # Still editable: an edit is the citizen's and is never overwritten or cleared again.
    type_into(wizard, "field_father_name", "Nguyễn Văn Anh")
    assert not find_label(wizard, "badge_father_name").isVisible()
    assert find_label(wizard, "badge_father_birth_year").isVisible()
    wizard.goto_step("requester", return_to_review=False)
    tap(qtbot, wizard, "choice_requester_relationship_grandparent")
    answers = service.get(case_id).answers
    assert answers["father_name"] == "Nguyễn Văn Anh"
    assert "father_birth_year" not in answers and "father_known" not in answers


def test_the_requester_s_own_edit_flows_into_the_untouched_copy(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id, wizard = open_wizard(qtbot, service, catalogue)
    tap(qtbot, wizard, "choice_requester_relationship_father")
    type_into(wizard, "field_requester_name", "Nguyễn Văn Ân")
    assert service.get(case_id).answers["father_name"] == "Nguyễn Văn Ân"


# --- the kiosk's ward and "same as yours" in the address picker --------------------------------


def test_address_offers_same_as_yours_and_the_kiosk_ward_in_one_tap(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    case_id, wizard = open_wizard(qtbot, service, catalogue)
    tap(qtbot, wizard, "choice_requester_relationship_grandparent")
    wizard.goto_step("mother", return_to_review=False)

    same = find(wizard, QPushButton, "suggest_mother_address_0")
    assert same.text() == "Giống nơi cư trú của bạn:\nTổ 3, Phường Điện Bàn, Thành phố Đà Nẵng"
    home = find(wizard, QPushButton, "address_mother_address_home_ward")
    assert home.text() == f"{HOME} (nơi đặt ki-ốt)"
    assert find(wizard, QWidget, "address_mother_address_province").isVisible()
    assert wizard.scroll_area.verticalScrollBar().value() == 0  # the page opens at its top
    wizard.scroll_area.ensureWidgetVisible(home, 0, 40)
    assert clipped_texts(wizard) == []
    shot(wizard, "typing-mother-address-choices")

    reveal_and_tap(qtbot, wizard, "address_mother_address_home_ward")
    home_address = {"province_code": 48, "ward_code": 20551, "street": ""}
    assert service.get(case_id).answers["mother_address"] == home_address
    assert not home.isVisible() and not same.isVisible()  # chosen: the lists close
    assert find_label(wizard, "address_mother_address_summary").text() == HOME

    reveal_and_tap(qtbot, wizard, "address_mother_address_change_province")
    reveal_and_tap(qtbot, wizard, "suggest_mother_address_0")
    assert service.get(case_id).answers["mother_address"] == CARD_ADDRESS

    wizard.goto_step("father", return_to_review=False)
    tap(qtbot, wizard, "yes_father_known")
    # The mother's address is the filer's: one chip, not two that give the same.
    assert wizard.findChild(QPushButton, "suggest_father_address_1") is None
    service.save_answer(case_id, "mother_address", home_address)
    wizard.load_case(case_id)
    wizard.goto_step("father", return_to_review=False)
    assert (
        find(wizard, QPushButton, "suggest_father_address_1")
        .text()
        .startswith("Giống nơi cư trú của mẹ:")
    )
    reveal_and_tap(qtbot, wizard, "suggest_father_address_1")
    assert service.get(case_id).answers["father_address"] == home_address
    shot(wizard, "typing-father-address-same-as-mother")


def test_no_home_ward_button_when_the_configured_ward_is_unknown(
    qtbot: QtBot, store: Store, catalogue: Catalogue
) -> None:
    config = KioskConfig(key_store="file", ward=WardSettings(code="99999"))
    service = CaseService(store, catalogue, config)
    case_id = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    wizard.goto_step("birth_place", return_to_review=False)
    assert wizard.findChild(QPushButton, "suggest_child_birth_place_0") is None  # no local list
    assert not find(wizard, QPushButton, "field_child_home_town_home_ward").isVisible()
    wizard.goto_step("mother", return_to_review=False)
    assert not find(wizard, QPushButton, "address_mother_address_home_ward").isVisible()


# --- chips and the place picker for text answers ----------------------------------------------


def test_birth_place_chips_and_home_town_picked_not_typed(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    case_id, wizard = open_wizard(qtbot, service, catalogue)
    wizard.goto_step("birth_place", return_to_review=False)
    places = load_local_lists("20551")["birth_places"]
    chips = [
        find(wizard, QPushButton, f"suggest_child_birth_place_{n}") for n in range(len(places))
    ]
    assert [chip.text() for chip in chips] == list(places)
    home = find(wizard, QPushButton, "field_child_home_town_home_ward")
    assert home.text() == f"{HOME} (nơi đặt ki-ốt)"
    assert clipped_texts(wizard) == []
    shot(wizard, "typing-birth-place-chips")
    wizard.scroll_area.ensureWidgetVisible(home, 0, 40)
    shot(wizard, "typing-home-town-choices")

    reveal_and_tap(qtbot, wizard, "suggest_child_birth_place_0")
    assert service.get(case_id).answers["child_birth_place"] == places[0]
    assert find(wizard, QLineEdit, "field_child_birth_place").text() == places[0]
    assert chips[0].isChecked() and not chips[1].isChecked()

    reveal_and_tap(qtbot, wizard, "field_child_home_town_home_ward")
    assert service.get(case_id).answers["child_home_town"] == HOME

    # Another place: a province, then a ward, from the lists; stored as text.
    reveal_and_tap(qtbot, wizard, "field_child_home_town_pick_place")
    assert find(wizard, QPushButton, "field_child_home_town_pick_place").text() == "Đóng danh sách"
    shot(wizard, "typing-home-town-province-list")
    pick_from_list(qtbot, wizard, "place_child_home_town_province", "ha noi", "Thành phố Hà Nội")
    ward = admin_units.list_wards(1)[0]
    pick_from_list(qtbot, wizard, "place_child_home_town_ward", "", ward.name)
    assert service.get(case_id).answers["child_home_town"] == f"{ward.name}, Thành phố Hà Nội"
    assert not find(wizard, QWidget, "place_child_home_town_ward").isVisible()

    # Typing stays possible (an older place name from the parents' papers).
    type_into(wizard, "field_child_home_town", "Xã Điện Minh, huyện Điện Bàn, tỉnh Quảng Nam")
    assert str(service.get(case_id).answers["child_home_town"]).startswith("Xã Điện Minh")
    assert not any(chip.isChecked() for chip in chips[1:])


def test_pages_fit_at_full_hd_too(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    _case_id, wizard = open_wizard(qtbot, service, catalogue)
    wizard.resize(1920, 1080)
    tap(qtbot, wizard, "choice_requester_relationship_grandparent")
    for step in ("birth_place", "mother"):
        wizard.goto_step(step, return_to_review=False)
        assert clipped_texts(wizard) == [], step
        shot(wizard, f"typing-1920-{step}")
    wizard.set_language("en")
    assert (
        find(wizard, QPushButton, "suggest_mother_address_0")
        .text()
        .startswith("Same as where you live:")
    )
    assert clipped_texts(wizard) == []


# --- the widgets alone ------------------------------------------------------------------------


def test_chip_row_is_hidden_without_chips_and_not_rebuilt_for_the_same_chips(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    chips = SuggestionChips("suggest_x", "vi", parent=page)
    page.show()
    assert not chips.isVisible()
    items = [
        SuggestedAnswer(LocalText("Kinh", "Kinh"), "Kinh"),
        SuggestedAnswer(LocalText("Hoa", "Hoa"), "Hoa"),
    ]
    chips.set_items(items)
    first = chips.buttons[0]
    chips.set_items(list(items))
    assert chips.buttons[0] is first and chips.isVisible()
    with qtbot.waitSignal(chips.chosen) as tapped:
        first.click()
    assert tapped.args == ["Kinh"]
    chips.set_items([])
    assert not chips.isVisible()


def test_address_widget_home_ward_answers_in_one_tap(qtbot: QtBot, catalogue: Catalogue) -> None:
    widget = make_field_widget(
        catalogue["birth"].field("mother_address"), "vi", context=FieldContext.for_ward("20551")
    )
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.answer_given) as given:
        find(widget, QPushButton, "address_mother_address_home_ward").click()
    assert given.args == ["mother_address", {"province_code": 48, "ward_code": 20551, "street": ""}]
    assert FieldContext.for_ward("abcde").home_ward_code is None
    assert FieldContext.for_ward("20551").home_place == HOME


def test_resumed_case_shows_the_copy_badge(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id, wizard = open_wizard(qtbot, service, catalogue)
    tap(qtbot, wizard, "choice_requester_relationship_mother")
    again = WizardScreen(service, catalogue, "vi")
    show(qtbot, again)
    again.load_case(case_id)
    again.goto_step("mother", return_to_review=False)
    assert find_label(again, "badge_mother_name").isVisible()
    assert isinstance(again.findChild(QLabel, "badge_mother_birth_year"), QLabel)
    birth_year = service.get(case_id).answers["mother_birth_year"]
    assert isinstance(birth_year, int) and office_today().year - birth_year > 10
