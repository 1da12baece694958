"""Issue 15 #12: answers the kiosk refuses, tapped through the real wizard.

The rules are the procedure definitions' constraints (kiosk/procedures); the test
checks that the citizen cannot go on, sees the Vietnamese message beside the
answer, and that the year picker never offers a year the rule would refuse.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.cases.clock import local_date, system_clock
from kiosk.config import KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.office_day import office_today
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue, validate_step
from kiosk.store.database import Store
from kiosk.ui.screens.wizard import WizardScreen
from tests.ui_wizard_support import (
    CARD_QR,
    error_text,
    find,
    pick_date,
    show,
    tap,
    type_into,
)

MALE_CARD = parse_id_card_qr(CARD_QR)  # Nguyễn Văn An, "Nam"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(asset_dir() / "procedures")


@pytest.fixture
def service(store: Store, catalogue: Catalogue, kiosk_config: KioskConfig) -> CaseService:
    return CaseService(store, catalogue, kiosk_config)


def open_wizard(
    qtbot: QtBot, service: CaseService, catalogue: Catalogue, procedure: str, step: str
) -> tuple[WizardScreen, str]:
    case_id = service.start_case(procedure, Actor.citizen("s"), card=MALE_CARD).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    wizard.goto_step(step, return_to_review=False)
    return wizard, case_id


def test_a_man_cannot_be_the_mother(
    qtbot: QtBot,
    service: CaseService,
    catalogue: Catalogue,
) -> None:
    wizard, case_id = open_wizard(qtbot, service, catalogue, "birth", "requester")
    tap(qtbot, wizard, "choice_requester_relationship_mother")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "requester"
    assert "nam không thể là mẹ" in error_text(wizard, "requester_relationship")
    tap(qtbot, wizard, "choice_requester_relationship_father")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id != "requester"

    # Nor can he put his own name in the mother's block.
    wizard.goto_step("mother", return_to_review=False)
    tap(qtbot, wizard, "yes_mother_known")
    type_into(wizard, "field_mother_name", MALE_CARD.full_name)
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "mother"
    assert "không thể là mẹ" in error_text(wizard, "mother_name")
    assert service.get(case_id).answers["mother_name"] == MALE_CARD.full_name  # kept, not lost


def test_the_newborns_year_picker_offers_no_future_year(
    qtbot: QtBot,
    service: CaseService,
    catalogue: Catalogue,
) -> None:
    wizard, _ = open_wizard(qtbot, service, catalogue, "birth", "child")
    this_year = office_today().year
    tap(qtbot, wizard, "date_child_dob_day")
    tap(qtbot, wizard, "date_child_dob_day_1")
    tap(qtbot, wizard, "date_child_dob_month_1")
    assert find(wizard, QPushButton, f"date_child_dob_year_{this_year}").isVisible()
    assert wizard.findChild(QPushButton, f"date_child_dob_year_{this_year + 1}") is None
    assert not find(wizard, QPushButton, "date_child_dob_year_later").isEnabled()


def test_an_intended_spouse_below_marriage_age_is_refused(
    qtbot: QtBot,
    service: CaseService,
    catalogue: Catalogue,
) -> None:
    wizard, case_id = open_wizard(qtbot, service, catalogue, "marital_status", "purpose")
    tap(qtbot, wizard, "choice_purpose_marriage")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "intended_spouse"
    # The ward office's day, as the case service judges ages (UTC+7, whatever the
    # machine's own time zone: CI once ran this between 17:00 and 24:00 UTC).
    today = local_date(system_clock())
    # The applicant is a man: his intended wife must be 18; one day short of it.
    eighteenth = dt.date(today.year - 18, today.month, min(today.day, 28))
    too_young = eighteenth + dt.timedelta(days=1)
    pick_date(qtbot, wizard, "intended_spouse_dob", too_young)
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "intended_spouse"
    assert "nữ từ đủ 18 tuổi" in error_text(wizard, "intended_spouse_dob")
    definition = catalogue["marital_status"]
    answers = dict(service.get(case_id).answers)
    answers["intended_spouse_dob"] = eighteenth.isoformat()
    assert "intended_spouse_dob" not in validate_step(
        definition, "intended_spouse", answers, today=today
    )
    # A woman's intended husband must be 20.
    answers["sex"] = "female"
    assert "intended_spouse_dob" in validate_step(
        definition, "intended_spouse", answers, today=today
    )


def test_a_second_household_head_is_refused(
    qtbot: QtBot,
    service: CaseService,
    catalogue: Catalogue,
) -> None:
    wizard, case_id = open_wizard(qtbot, service, catalogue, "residence_ct01", "household")
    tap(qtbot, wizard, "yes_is_head")
    assert service.get(case_id).answers["is_head"] is True
    wizard.goto_step("members", return_to_review=False)
    tap(qtbot, wizard, "group_household_members_add")
    type_into(wizard, "field_household_members_0_member_name", "Phạm Văn Cường")
    pick_date(
        qtbot, wizard, "household_members_0_member_dob", dt.date(office_today().year - 15, 6, 1)
    )
    tap(qtbot, wizard, "choice_household_members_0_member_sex_male")
    tap(qtbot, wizard, "choice_household_members_0_member_relationship_head")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "members"
    assert "chỉ có một chủ hộ" in error_text(wizard, "household_members")
    tap(qtbot, wizard, "choice_household_members_0_member_relationship_parent")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "consents"
