"""The form wizard, review and consent driven by taps on real widgets with a real database.

Nothing is mocked: a migrated SQLite store (``store`` fixture), the real
catalogue, the real case service. Vietnamese text is put into fields with
``setText`` + ``editingFinished`` (what the on-screen keyboard does), because
qtbot's key clicks crash on non-ASCII text. Set KIOSK_SCREENSHOT_DIR to save
a PNG of every page.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cases import Actor, CaseService, SubmitResult
from kiosk.config import KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.office_day import office_today
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.models import Consent
from kiosk.ui.screens.consent import ConsentScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.wizard import WizardScreen
from tests.ui_wizard_support import (
    CARD_QR,
    error_text,
    find,
    find_label,
    pick_date,
    pick_from_list,
    shot,
    show,
    tap,
    type_into,
)


def next_page(qtbot: QtBot, wizard: WizardScreen, expected_step: str) -> None:
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == expected_step, error_summary(wizard)


def error_summary(wizard: WizardScreen) -> str:
    labels = [
        label
        for label in wizard.findChildren(QLabel)
        if label.objectName().startswith("error_") and label.isVisible()
    ]
    return "; ".join(f"{label.objectName()}: {label.text()}" for label in labels)


# --- the birth registration, end to end ----------------------------------------------


def test_birth_registration_by_taps_from_card_to_ready(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    catalogue: Catalogue,
    store: Store,
    kiosk_config: KioskConfig,
) -> None:
    card = parse_id_card_qr(CARD_QR)
    actor = Actor.citizen("session-1")
    case_id = service.start_case("birth", actor, card=card).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)

    # Page 1: the requester, prefilled from the card and marked as such.
    assert wizard.step_id == "requester"
    assert find(wizard, QLineEdit, "field_requester_name").text() == "Nguyễn Văn An"
    assert find_label(wizard, "badge_requester_name").isVisible()
    summary = find_label(wizard, "address_requester_address_summary").text()
    assert "Phường Điện Bàn" in summary and "Đà Nẵng" in summary
    back_pos = find(wizard, QPushButton, "back_button").mapTo(wizard, QPoint(0, 0))
    shot(wizard, "wizard-birth-1-requester")
    # A grandparent files: nothing is copied into the parents' pages, all typed or picked.
    tap(qtbot, wizard, "choice_requester_relationship_grandparent")
    assert service.get(case_id).answers["requester_relationship"] == "grandparent"
    assert find(wizard, QPushButton, "choice_requester_relationship_grandparent").isChecked()
    next_page(qtbot, wizard, "child")

    # Page 2: Next with nothing answered stays, with Vietnamese messages next to fields.
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "child"
    assert error_text(wizard, "child_name") == "Xin điền mục này."
    assert error_text(wizard, "child_sex") == "Xin chọn một mục."
    assert find(wizard, QPushButton, "back_button").mapTo(wizard, QPoint(0, 0)) == back_pos
    shot(wizard, "wizard-birth-2-child-errors")

    type_into(wizard, "field_child_name", "trần  thị   bình")
    assert service.get(case_id).answers["child_name"] == "Trần Thị Bình"
    assert find(wizard, QLineEdit, "field_child_name").text() == "Trần Thị Bình"
    assert error_text(wizard, "child_name") == ""
    # A refused answer: message next to the field, the stored good value kept.
    type_into(wizard, "field_child_name", "Bình 😀")
    assert "ký tự" in error_text(wizard, "child_name")
    assert service.get(case_id).answers["child_name"] == "Trần Thị Bình"
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "child"
    type_into(wizard, "field_child_name", "Trần Thị Bình")
    assert error_text(wizard, "child_name") == ""

    born = office_today() - dt.timedelta(days=10)
    pick_date(qtbot, wizard, "child_dob", born)
    assert service.get(case_id).answers["child_dob"] == born.isoformat()
    assert find_label(wizard, "field_child_dob_words").text().startswith("Ngày ")
    tap(qtbot, wizard, "choice_child_sex_female")
    shot(wizard, "wizard-birth-2-child")
    next_page(qtbot, wizard, "birth_place")

    # Page 3: typed places; the yes/no default shown as answered.
    assert find(wizard, QPushButton, "yes_has_birth_certificate").isChecked()
    type_into(wizard, "field_child_birth_place", "Bệnh viện Phụ sản - Nhi Đà Nẵng")
    type_into(wizard, "field_child_home_town", "Xã Điện Bàn Tây, Thành phố Đà Nẵng")
    shot(wizard, "wizard-birth-3-birth-place")
    next_page(qtbot, wizard, "mother")

    # Page 4: the mother; a bad year is refused, the address picked from lists.
    type_into(wizard, "field_mother_name", "Lê Thị Cúc")
    type_into(wizard, "field_mother_birth_year", "abc")
    assert error_text(wizard, "mother_birth_year") == "Xin nhập một số nguyên."
    assert "mother_birth_year" not in service.get(case_id).answers
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "mother"
    type_into(wizard, "field_mother_birth_year", "1995")
    assert service.get(case_id).answers["mother_birth_year"] == 1995
    shot(wizard, "wizard-birth-4-mother-province")
    pick_from_list(qtbot, wizard, "address_mother_address_province", "da nang", "Thành phố Đà Nẵng")
    pick_from_list(qtbot, wizard, "address_mother_address_ward", "dien ban", "Phường Điện Bàn")
    address = service.get(case_id).answers["mother_address"]
    assert address == {"province_code": 48, "ward_code": 20551, "street": ""}
    type_into(wizard, "address_mother_address_street", "Tổ 3")
    address = service.get(case_id).answers["mother_address"]
    assert isinstance(address, dict) and address["street"] == "Tổ 3"
    shot(wizard, "wizard-birth-4-mother")
    next_page(qtbot, wizard, "father")

    # Page 5: the father's fields appear and disappear with the yes/no answer.
    assert not find(wizard, QLineEdit, "field_father_name").isVisible()
    tap(qtbot, wizard, "yes_father_known")
    assert find(wizard, QLineEdit, "field_father_name").isVisible()
    shot(wizard, "wizard-birth-5-father-known")
    tap(qtbot, wizard, "no_father_known")
    assert not find(wizard, QLineEdit, "field_father_name").isVisible()
    assert service.get(case_id).answers["father_known"] is False
    shot(wizard, "wizard-birth-5-father")
    next_page(qtbot, wizard, "finish")

    # Page 6: copies with +, the fee computed live (the papers are slots, on their own screen).
    assert find(wizard, QPushButton, "next_button").text() == "Xem lại hồ sơ"
    tap(qtbot, wizard, "field_extract_copies_plus")
    assert service.get(case_id).answers["extract_copies"] == 2
    assert find_label(wizard, "field_fee_amount").text() == "16.000 đồng"
    shot(wizard, "wizard-birth-6-finish")
    with qtbot.waitSignal(wizard.review_requested) as to_review:
        tap(qtbot, wizard, "next_button")
    assert to_review.args == [case_id]

    # Review: readable values, one edit and back.
    review = ReviewScreen(service, catalogue, "vi")
    show(qtbot, review)
    review.load_case(case_id)
    values = {key: label.text() for key, label in review.value_labels.items()}
    assert values["child_dob"] == born.strftime("%d/%m/%Y")
    assert values["child_sex"] == "Nữ"
    assert values["father_known"] == "Không"
    assert values["requester_address"] == "Tổ 3, Phường Điện Bàn, Thành phố Đà Nẵng"
    assert values["requester_relationship"] == "Ông, bà của trẻ"
    assert values["fee_amount"] == "16.000 đồng"
    assert "father_name" not in values
    assert review.findChild(QPushButton, "review_edit_fee_amount") is None
    shot(review, "review-birth")
    with qtbot.waitSignal(review.edit_requested) as edit:
        edit_button = find(review, QPushButton, "review_edit_child_sex")
        review.scroll_area.ensureWidgetVisible(edit_button)
        tap(qtbot, review, "review_edit_child_sex")
    assert edit.args == ["child", "child_sex"]
    wizard.goto_step(*edit.args)
    assert wizard.step_id == "child"
    assert find(wizard, QPushButton, "next_button").text() == "Xong, xem lại"
    tap(qtbot, wizard, "choice_child_sex_male")
    with qtbot.waitSignal(wizard.review_requested):
        tap(qtbot, wizard, "next_button")
    review.load_case(case_id)
    assert review.value_labels["child_sex"].text() == "Nam"
    with qtbot.waitSignal(review.confirmed) as confirmed:
        tap(qtbot, review, "review_confirm_button")
    assert confirmed.args == [case_id]

    # The documents screen's part (tests/ui/test_ui_documents.py drives it): the
    # birth certificate will be brought to the counter; submit checks it.
    service.promise_required_documents(case_id)

    # Consent: not pre-selected; submit only after the explicit toggle.
    consent = ConsentScreen(service, catalogue, kiosk_config, "vi")
    show(qtbot, consent)
    consent.load_case(case_id, actor)
    toggle = find(consent, QPushButton, "consent_confirm_button")
    submit = find(consent, QPushButton, "submit_button")
    assert not toggle.isChecked()
    assert not submit.isEnabled()
    notice_text = find_label(consent, "consent_notice_text").text()
    assert "91/2025/QH15" in notice_text
    shot(consent, "consent-birth")
    tap(qtbot, consent, "consent_confirm_button")
    assert toggle.isChecked() and submit.isEnabled()
    shot(consent, "consent-birth-agreed")
    with qtbot.waitSignal(consent.submitted) as done:
        tap(qtbot, consent, "submit_button")
    result = done.args[0]
    assert isinstance(result, SubmitResult)

    stored = service.get(case_id)
    assert stored.status == "ready"
    assert stored.local_reference == result.local_reference
    assert stored.fee_amount == 16_000
    answers = stored.answers
    assert answers["requester_name"] == "Nguyễn Văn An"
    assert answers["requester_id_number"] == "049090001234"
    assert answers["child_name"] == "Trần Thị Bình"
    assert answers["child_sex"] == "male"
    assert answers["child_dob"] == born.isoformat()
    assert answers["child_birth_place"] == "Bệnh viện Phụ sản - Nhi Đà Nẵng"
    assert answers["mother_name"] == "Lê Thị Cúc"
    assert answers["father_known"] is False
    assert answers["extract_copies"] == 2
    assert "documents_brought" not in answers
    with store.sessions() as session:
        consents = session.scalars(select(Consent).where(Consent.case_id == case_id)).all()
    assert [row.notice_text for row in consents] == [notice_text]
    assert consents[0].purpose == "procedure:birth:v1"


def test_back_on_first_step_leaves_and_back_returns_to_previous_page(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    tap(qtbot, wizard, "choice_requester_relationship_father")
    next_page(qtbot, wizard, "child")
    tap(qtbot, wizard, "back_button")
    assert wizard.step_id == "requester"
    assert find(wizard, QPushButton, "choice_requester_relationship_father").isChecked()
    with qtbot.waitSignal(wizard.back_requested):
        tap(qtbot, wizard, "back_button")


def test_resume_opens_the_saved_step_and_reset_clears_every_trace(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    tap(qtbot, wizard, "choice_requester_relationship_father")  # the card says Nam
    next_page(qtbot, wizard, "child")

    again = WizardScreen(service, catalogue, "vi")
    show(qtbot, again)
    again.load_case(case_id)
    assert again.step_id == "child"

    wizard.goto_step("requester", return_to_review=False)
    wizard.reset()
    texts = [label.text() for label in wizard.findChildren(QLabel) if label.isVisible()]
    texts += [edit.text() for edit in wizard.findChildren(QLineEdit)]
    assert not any("Nguyễn Văn An" in text or "Điện Bàn" in text for text in texts)
    assert wizard.findChild(QLineEdit, "field_requester_name") is None


def test_text_field_asks_for_the_right_keyboard(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s")).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    name = find(wizard, QLineEdit, "field_requester_name")
    with qtbot.waitSignal(wizard.keyboard_needed) as asked:
        qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    assert asked.args == [name, "letters"]
    id_number = find(wizard, QLineEdit, "field_requester_id_number")
    with qtbot.waitSignal(wizard.keyboard_needed) as asked:
        qtbot.mouseClick(id_number, Qt.MouseButton.LeftButton)
    assert asked.args == [id_number, "digits"]
    # Without a card nothing is marked as coming from one.
    assert not find_label(wizard, "badge_requester_name").isVisible()


def test_impossible_date_is_refused_next_to_the_picker(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s")).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    wizard.goto_step("child", return_to_review=False)
    year = office_today().year - 1
    tap(qtbot, wizard, "date_child_dob_day")
    tap(qtbot, wizard, "date_child_dob_day_31")
    tap(qtbot, wizard, "date_child_dob_month_4")
    tap(qtbot, wizard, f"date_child_dob_year_{year}")
    assert error_text(wizard, "child_dob") == "Ngày không hợp lệ. Xin chọn lại ngày, tháng, năm."
    assert "child_dob" not in service.get(case_id).answers
    # The day grid now knows April has 30 days.
    assert not find(wizard, QPushButton, "date_child_dob_day_31").isEnabled()
    tap(qtbot, wizard, "date_child_dob_day_30")
    assert service.get(case_id).answers["child_dob"] == f"{year}-04-30"
    assert error_text(wizard, "child_dob") == ""


# --- residence (CT01): the household members repeat group ------------------------------


def test_ct01_household_members_added_and_removed(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case(
        "residence_ct01", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)
    ).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    wizard.goto_step("members", return_to_review=False)
    shot(wizard, "wizard-ct01-members-empty")
    # The group says what it holds (the definition's add_label and empty_text).
    assert find(wizard, QPushButton, "group_household_members_add").text() == "Thêm một người"
    empty = "Chưa có ai. Chạm “Thêm một người” nếu có người cùng đăng ký."
    assert empty in [label.text() for label in wizard.findChildren(QLabel) if label.isVisible()]
    wizard.set_language("en")
    assert find(wizard, QPushButton, "group_household_members_add").text() == "Add a person"
    wizard.set_language("vi")

    tap(qtbot, wizard, "group_household_members_add")
    type_into(wizard, "field_household_members_0_member_name", "phạm văn cường")
    tap(qtbot, wizard, "choice_household_members_0_member_sex_male")
    assert service.get(case_id).answers["household_members"] == [
        {"member_name": "Phạm Văn Cường", "member_sex": "male"}
    ]
    tap(qtbot, wizard, "group_household_members_add")
    type_into(wizard, "field_household_members_1_member_name", "Phạm Thị Dung")
    pick_date(qtbot, wizard, "household_members_1_member_dob", dt.date(2015, 6, 1))
    members = service.get(case_id).answers["household_members"]
    assert isinstance(members, list) and len(members) == 2
    shot(wizard, "wizard-ct01-members-two")

    # Next: the missing answers of each member are shown on that member's card.
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "members"
    assert error_text(wizard, "household_members_0_member_dob") == "Xin điền mục này."
    assert error_text(wizard, "household_members_1_member_sex") == "Xin chọn một mục."

    tap(qtbot, wizard, "group_household_members_remove_0")
    members = service.get(case_id).answers["household_members"]
    assert members == [{"member_name": "Phạm Thị Dung", "member_dob": "2015-06-01"}]
    assert find(wizard, QLineEdit, "field_household_members_0_member_name").text() == (
        "Phạm Thị Dung"
    )
    assert wizard.findChild(QPushButton, "group_household_members_remove_1") is None
    tap(qtbot, wizard, "choice_household_members_0_member_sex_female")
    tap(qtbot, wizard, "choice_household_members_0_member_relationship_child")
    next_page(qtbot, wizard, "consents")

    tap(qtbot, wizard, "back_button")
    assert wizard.step_id == "members"
    tap(qtbot, wizard, "group_household_members_remove_0")
    assert "household_members" not in service.get(case_id).answers
