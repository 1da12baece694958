"""Answers as people read them (Qt-free presentation) and the review screen's Edit buttons."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.cases.presentation import display_value, format_phone, review_sections
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.procedures import Catalogue, JsonValue
from kiosk.store.database import Store
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.widgets import ROLE_PROPERTY
from tests.ui_shell_support import build_kiosk, find


def test_values_are_written_as_people_read_them(catalogue: Catalogue) -> None:
    birth = catalogue["birth"]
    assert display_value(birth.field("child_dob"), "2024-03-05", "vi") == "05/03/2024"
    assert display_value(birth.field("father_known"), True, "vi") == "Có"
    assert display_value(birth.field("father_known"), False, "en") == "No"
    assert display_value(birth.field("child_sex"), "female", "vi") == "Nữ"
    assert display_value(birth.field("child_sex"), "female", "en") == "Female"
    assert display_value(birth.field("requester_phone"), "+84905123456", "vi") == "0905 123 456"
    assert display_value(birth.field("extract_copies"), 3, "vi") == "3"
    assert display_value(birth.field("child_name"), None, "vi") == ""
    address: JsonValue = {"province_code": 48, "ward_code": 20551, "street": "Tổ 3"}
    assert display_value(birth.field("mother_address"), address, "vi") == (
        "Tổ 3, Phường Điện Bàn, Thành phố Đà Nẵng"
    )
    assert display_value(birth.field("fee_amount"), 0, "vi") == "Miễn phí"
    assert display_value(birth.field("fee_amount"), 16_000, "en") == "16,000 VND"


def test_partial_card_address_shows_the_printed_text(catalogue: Catalogue) -> None:
    field = catalogue["birth"].field("requester_address")
    partial: JsonValue = {
        "province_code": 48,
        "ward_code": None,
        "street": "",
        "card_text": "Tổ 3, X, Y",
    }
    assert display_value(field, partial, "vi") == "Tổ 3, X, Y"


def test_household_members_are_short_lines(catalogue: Catalogue) -> None:
    group = catalogue["residence_ct01"].field("household_members")
    members: JsonValue = [
        {"member_name": "Phạm Văn Cường", "member_dob": "2010-02-01", "member_sex": "male"},
        {"member_name": "Phạm Thị Dung", "member_relationship": "child"},
    ]
    text = display_value(group, members, "vi")
    assert text.splitlines() == ["1. Phạm Văn Cường, 01/02/2010, Nam", "2. Phạm Thị Dung, Con"]


def test_a_members_numbers_say_what_they_count(catalogue: Catalogue) -> None:
    """Seen in the walk (docs/walk.md): a certified copy's review read "Giấy khai sinh, 2, 3"."""
    group = catalogue["certified_copy"].field("documents_to_copy")
    papers: JsonValue = [
        {"document_name": "Giấy khai sinh", "document_pages": 2, "document_copies": 3}
    ]
    assert display_value(group, papers, "vi") == (
        "1. Giấy khai sinh, Số trang: 2, Số bản cần chứng thực: 3"
    )
    assert display_value(group, papers, "en").startswith("1. Giấy khai sinh, ")
    assert ": 2, " in display_value(group, papers, "en")


@pytest.mark.parametrize(
    "damaged", ["garbage", 12, ["x"], {"province_code": "x"}, [None, 3], "\x00", "a" * 10_000]
)
def test_damaged_values_never_raise(catalogue: Catalogue, damaged: object) -> None:
    for definition in (catalogue["birth"], catalogue["residence_ct01"]):
        for field in definition.fields_by_id.values():
            assert isinstance(display_value(field, damaged, "vi"), str)  # type: ignore[arg-type]


def test_phone_formats() -> None:
    assert format_phone("+842353861234") == "0235 3861 234"
    assert format_phone("+33123456789") == "+33123456789"


def test_review_sections_follow_visibility(catalogue: Catalogue) -> None:
    birth = catalogue["birth"]
    answers = complete_answers(birth, synthetic_card(random.Random(1)), random.Random(1))
    answers["father_known"] = False
    sections = review_sections(birth, answers, "vi")
    items = {item.field_id: item for section in sections for item in section.items}
    assert "father_name" not in items
    assert items["father_known"].value == "Không"
    assert not items["fee_amount"].editable and items["fee_amount"].answered
    assert items["child_dob_words"].value.startswith("Ngày ")
    assert sections[0].step_id == "requester"


def test_review_screen_edit_buttons_and_reset(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    card = synthetic_card(random.Random(4))
    case_id = service.start_case("birth", Actor.citizen("s"), card=card).id
    answers = complete_answers(catalogue["birth"], card, random.Random(4))
    service.save_answers(case_id, answers)
    review = ReviewScreen(service, catalogue, "vi")
    qtbot.addWidget(review)
    review.resize(1366, 768)
    review.show()
    review.load_case(case_id)
    edit = review.findChild(QPushButton, "review_edit_child_name")
    assert edit is not None and edit.accessibleName() == "review_edit_child_name"
    review.scroll_area.ensureWidgetVisible(edit)
    with qtbot.waitSignal(review.edit_requested) as blocker:
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert blocker.args == ["child", "child_name"]

    review.set_language("en")
    assert review.value_labels["child_sex"].text() in ("Male", "Female")

    review.reset()
    texts = [label.text() for label in review.findChildren(QLabel)]
    assert not any(card.full_name in text for text in texts)
    assert review.findChild(QPushButton, "review_edit_child_name") is None


def test_review_sections_wear_the_wizards_step_heading(qtbot: QtBot, store: Store) -> None:
    """The same look for a step's title on its wizard page and in its review box."""
    kiosk = build_kiosk(qtbot, store)
    controller = kiosk.controller
    case = kiosk.services.case_service.start_case("birth", controller.actor())
    controller.open_case(case.id)
    wizard_title = find(kiosk.window, "wizard_step_title", QLabel)
    controller.session.documents_seen = True  # past the capture screen, which comes first
    controller.on_review_requested(case.id)
    assert controller.current_screen_name() == "review"
    review_title = find(
        kiosk.window, f"review_section_title_{controller.wizard_screen().step_id}", QLabel
    )
    assert review_title.text() == wizard_title.text()
    # The theme's style sheet sizes and bolds labels by this role (kiosk/ui/theme.py).
    assert review_title.property(ROLE_PROPERTY) == wizard_title.property(ROLE_PROPERTY) == "heading"
