"""Every page of the birth wizard, the review and the consent, in both languages and sizes.

Each page is laid out at 1366x768 (and 1920x1080 with large text) and
checked for clipped text: a button or an unwrapped label whose text is wider
than the widget fails the test. With KIOSK_SCREENSHOT_DIR set, every page is
also saved as a PNG to look at.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue, visible_steps
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.screens.consent import ConsentScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.theme import apply_theme
from tests.ui_screen_support import child, clipped_texts

LOOKS = [
    pytest.param("vi", (1366, 768), False, False, id="vi-1366-normal"),
    pytest.param("en", (1366, 768), False, False, id="en-1366-normal"),
    pytest.param("vi", (1920, 1080), True, False, id="vi-1920-large"),
    pytest.param("vi", (1366, 768), True, True, id="vi-1366-large-contrast"),
]


@pytest.fixture
def restore_app(qapp: QApplication) -> Iterator[QApplication]:
    font = qapp.font()
    load_kiosk_fonts()
    yield qapp
    qapp.setStyleSheet("")
    qapp.setFont(font)


def save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize(("lang", "size", "large", "contrast"), LOOKS)
def test_birth_pages_fit_without_clipping(
    qtbot: QtBot,
    restore_app: QApplication,
    service: CaseService,
    catalogue: Catalogue,
    kiosk_config: KioskConfig,
    lang: str,
    size: tuple[int, int],
    large: bool,
    contrast: bool,
) -> None:
    apply_theme(restore_app, high_contrast=contrast, large_text=large)
    look = f"{lang}-{size[0]}x{size[1]}{'-large' if large else ''}{'-hc' if contrast else ''}"
    card = synthetic_card(random.Random(1))
    case_id = service.start_case("birth", Actor.citizen("s"), card=card, language=lang).id
    definition = catalogue["birth"]
    answers = complete_answers(definition, card, random.Random(2))
    answers["father_known"] = True
    answers = complete_answers(definition, card, random.Random(3)) | answers
    service.save_answers(case_id, {k: v for k, v in answers.items() if k not in ("fee_amount",)})

    wizard = WizardScreen(service, catalogue, lang)
    qtbot.addWidget(wizard)
    wizard.resize(*size)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.load_case(case_id)
    problems: list[str] = []
    stored = service.get(case_id).answers
    for number, step in enumerate(visible_steps(definition, stored), start=1):
        wizard.goto_step(step.id, return_to_review=False)
        problems += [f"{step.id}: {p}" for p in clipped_texts(wizard)]
        save(wizard, f"gallery-{look}-wizard-{number}-{step.id}")
        if step.id == "child":
            child(wizard, QAbstractButton, "date_child_dob_year").click()
            problems += [f"year grid: {p}" for p in clipped_texts(wizard)]
            save(wizard, f"gallery-{look}-wizard-{number}-{step.id}-year-grid")
        if step.id == "mother":
            child(wizard, QAbstractButton, "address_mother_address_change_province").click()
            province_list = child(wizard, QWidget, "address_mother_address_province")
            wizard.scroll_area.ensureWidgetVisible(province_list)
            problems += [f"province list: {p}" for p in clipped_texts(wizard)]
            save(wizard, f"gallery-{look}-wizard-{number}-{step.id}-province-list")

    review = ReviewScreen(service, catalogue, lang)
    qtbot.addWidget(review)
    review.resize(*size)
    review.show()
    review.load_case(case_id)
    problems += [f"review: {p}" for p in clipped_texts(review)]
    save(review, f"gallery-{look}-review")

    consent = ConsentScreen(service, catalogue, kiosk_config, lang)
    qtbot.addWidget(consent)
    consent.resize(*size)
    consent.show()
    consent.load_case(case_id, Actor.citizen("s"))
    consent.confirm_button.click()
    problems += [f"consent: {p}" for p in clipped_texts(consent)]
    save(consent, f"gallery-{look}-consent")
    assert problems == []


def test_clipping_check_catches_a_cut_off_button(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    button = QPushButton("Một nút có chữ rất dài không vừa chỗ")
    button.setObjectName("narrow_button")
    button.setFixedWidth(80)
    layout.addWidget(button)
    root.show()
    assert [p.split(":")[0] for p in clipped_texts(root)] == ["narrow_button"]
