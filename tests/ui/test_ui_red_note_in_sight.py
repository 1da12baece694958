"""Issue 15 #6: after "see the red note", the red note is on screen.

Every step of every procedure is opened empty (a case without a card) in the real
wizard at 1366x768 with the kiosk's theme, Next is tapped, and the first red note
must lie inside the scroll area's visible part.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue, visible_steps
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.theme import apply_theme
from tests.ui_wizard_support import tap

CATALOGUE = load_catalogue(asset_dir() / "procedures")


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    load_kiosk_fonts()
    apply_theme(qapp, high_contrast=False, large_text=False)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def first_red_note(wizard: WizardScreen) -> QLabel | None:
    notes = [
        label
        for label in wizard.page.findChildren(QLabel)
        if label.objectName().startswith("error_") and label.isVisible() and label.text()
    ]
    notes.sort(key=lambda label: label.mapTo(wizard.page, QPoint(0, 0)).y())
    return notes[0] if notes else None


def in_sight(wizard: WizardScreen, widget: QWidget) -> bool:
    viewport = wizard.scroll_area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("procedure_id", sorted(CATALOGUE))
def test_the_red_note_is_in_sight_after_next(
    qtbot: QtBot, themed: None, store: Store, procedure_id: str
) -> None:
    catalogue: Catalogue = CATALOGUE
    service = CaseService(store, catalogue, KioskConfig(key_store="file"))
    case_id = service.start_case(procedure_id, Actor.citizen("s")).id
    wizard = WizardScreen(service, catalogue, "vi")
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.load_case(case_id)
    reviews: list[str] = []
    wizard.review_requested.connect(reviews.append)
    checked = 0
    for step in visible_steps(catalogue[procedure_id], service.get(case_id).answers):
        wizard.goto_step(step.id, return_to_review=False)
        wizard.scroll_area.verticalScrollBar().setValue(0)
        reviews.clear()
        tap(qtbot, wizard, "next_button")
        if wizard.step_id != step.id or reviews:
            continue  # nothing required on this page (the last one goes on to the review)
        note = first_red_note(wizard)
        assert note is not None, f"{step.id}: no red note although the page did not move"
        QApplication.processEvents()
        assert in_sight(wizard, note), f"{procedure_id}/{step.id}: {note.objectName()} hidden"
        checked += 1
    assert checked > 0
