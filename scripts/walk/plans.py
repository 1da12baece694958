"""What a citizen answers in each shipped procedure, page by page, by taps and keys.

One plan per procedure of assets/procedures/. A page's first action waits for that
page's own widget, so a Next that did not move on (a red note) fails the walk there,
with its screenshot. Fields the card or the definition already answered are left as
they are, as a citizen would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .citizen import Citizen


def next_page(citizen: Citizen, label: str) -> None:
    """Screenshot the answered page, then tap Next (the keyboard put away first, if up)."""
    if citizen.sees("keyboard_key_done"):
        citizen.shot(f"wizard-{label}-keyboard")
        citizen.tap("keyboard_key_done")
    citizen.shot(f"wizard-{label}")
    citizen.tap("next_button")


def birth(c: Citizen) -> None:
    today = dt.date.today()
    c.see("choice_requester_relationship_father")
    c.tap("choice_requester_relationship_father")
    next_page(c, "requester")
    c.see("field_child_name")
    c.type_into("field_child_name", "Trần Thị Bình", shot="wizard-child-typing")
    c.pick_date("child_dob", today - dt.timedelta(days=10))
    c.tap("choice_child_sex_female")
    next_page(c, "child")
    c.see("suggest_child_birth_place_1")
    c.tap("suggest_child_birth_place_1")
    c.tap("field_child_home_town_home_ward")
    c.tap_if_showing("yes_has_birth_certificate")
    next_page(c, "birth-place")
    c.see("field_mother_name")
    c.tap_if_showing("yes_mother_known")
    c.type_into("field_mother_name", "Lê Thị Cúc")
    c.type_into("field_mother_birth_year", "1995", shot="wizard-mother-number-pad")
    c.tap("suggest_mother_address_0")
    next_page(c, "mother")
    c.see("field_father_name")
    next_page(c, "father")
    c.see("field_fee_amount")  # the papers themselves come after the wizard (documents)
    next_page(c, "finish")


def certified_copy(c: Citizen) -> None:
    c.see("field_requester_name")
    next_page(c, "requester")
    c.see("group_documents_to_copy_add")
    c.tap_if_showing("group_documents_to_copy_add")
    c.type_into("field_documents_to_copy_0_document_name", "Giấy khai sinh")
    c.type_into("field_documents_to_copy_0_document_pages", "2", shot="wizard-papers-number-pad")
    c.type_into("field_documents_to_copy_0_document_copies", "3")
    next_page(c, "papers")
    c.see("field_fee_amount")
    next_page(c, "finish")


def death(c: Citizen) -> None:
    today = dt.date.today()
    c.see("choice_requester_relationship_child")
    c.tap("choice_requester_relationship_child")
    next_page(c, "requester")
    c.see("field_deceased_name")
    c.type_into("field_deceased_name", "Lê Văn Tám")
    c.tap("choice_deceased_sex_male")
    c.tap("yes_deceased_has_id")
    c.type_into("field_deceased_id_number", "048045001122")
    if c.sees("date_deceased_dob_day"):  # asked only when there is no ID number
        c.pick_date("deceased_dob", dt.date(1945, 3, 8))
    next_page(c, "deceased")
    c.see("field_deceased_ethnicity")
    c.tap_if_showing("address_deceased_address_home_ward")  # asked only without an ID
    next_page(c, "deceased-more")
    c.see("date_death_date_day")
    c.pick_date("death_date", today - dt.timedelta(days=3))
    c.type_into("field_death_place", "Tại nhà")
    c.type_into("field_death_cause", "Bệnh già")
    next_page(c, "death")
    c.see("field_death_notice_number")
    c.type_into("field_death_notice_number", "15")
    c.type_into("field_death_notice_issuer", "Trạm y tế phường")
    c.pick_date("death_notice_date", today - dt.timedelta(days=2))
    next_page(c, "death-notice")
    c.see("field_fee_amount")
    next_page(c, "finish")


def marital_status(c: Citizen) -> None:
    c.see("field_full_name")
    next_page(c, "person")
    c.see("field_ethnicity")
    next_page(c, "residence")
    c.see("choice_marital_status_single")
    c.tap("choice_marital_status_single")
    next_page(c, "status")
    c.see("choice_purpose_marriage")
    c.tap("choice_purpose_marriage")
    next_page(c, "purpose")
    c.see("field_intended_spouse_name")
    c.type_into("field_intended_spouse_name", "Võ Minh Quân")
    c.pick_date("intended_spouse_dob", dt.date(2000, 5, 17))
    c.type_into("field_intended_marriage_place", "Phường Điện Bàn")
    next_page(c, "intended-spouse")
    c.see("field_fee_amount")
    next_page(c, "finish")


def residence_ct01(c: Citizen) -> None:
    c.see("field_full_name")
    next_page(c, "applicant")
    c.see("field_phone")
    c.type_into("field_phone", "0905123456")
    next_page(c, "contact")
    c.see("choice_request_type_permanent")
    c.tap("choice_request_type_permanent")
    c.tap("address_residence_address_home_ward")
    next_page(c, "request")
    c.see("yes_is_head")
    c.tap("yes_is_head")
    next_page(c, "household")
    c.see("group_household_members_add")
    next_page(c, "members")
    c.see("yes_is_owner")
    c.tap("yes_is_owner")
    next_page(c, "consents")
    c.see("field_fee_amount")
    next_page(c, "finish")


@dataclass(frozen=True)
class Plan:
    procedure: str
    card: str  # the training sample card scanned (kiosk/identity/sample_cards.py)
    answer: Callable[[Citizen], None]


PLANS = {
    plan.procedure: plan
    for plan in (
        Plan("birth", "man", birth),
        Plan("certified_copy", "woman", certified_copy),
        Plan("death", "woman", death),
        Plan("marital_status", "young_woman", marital_status),
        Plan("residence_ct01", "man", residence_ct01),
    )
}
