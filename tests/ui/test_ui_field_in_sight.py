"""Issue 15 #1: while a keyboard or number pad is up, the field being typed and its
question stay fully visible above it, on every page of every procedure, at 1366x768
and 1920x1080.

The real kiosk window and controller (the real keyboard dock), the kiosk's theme and
fonts; every text field of every page is tapped with the mouse, then its editor and
its question must lie inside the wizard's visible area, above the dock, and a tap
aimed at the editor's centre must land on the editor.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor
from kiosk.procedures import JsonValue, visible_steps
from kiosk.store.database import Store
from kiosk.ui.fields.base import FieldWidget
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import AppLook, build_kiosk, catalogue

SIZES = [(1366, 768), (1920, 1080)]
# One member in each repeat group, so its fields are on the page too.
GROUP_MEMBERS: dict[str, JsonValue] = {"household_members": [{}]}


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    look = AppLook()
    load_kiosk_fonts()
    apply_theme(qapp, high_contrast=False, large_text=False)
    yield
    look.restore()


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def question_of(wizard: WizardScreen, editor: QWidget) -> QWidget | None:
    holders = [w for w in wizard.page.findChildren(FieldWidget) if w.isAncestorOf(editor)]
    innermost = [w for w in holders if not any(w.isAncestorOf(o) for o in holders)]
    return innermost[0].title_label if innermost else None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("procedure_id", sorted(catalogue()))
def test_the_typed_field_and_its_question_stay_above_the_keyboard(
    qtbot: QtBot, themed: None, store: Store, procedure_id: str, size: tuple[int, int]
) -> None:
    kiosk = build_kiosk(qtbot, store, size=size)
    window, controller = kiosk.window, kiosk.controller
    service = kiosk.services.case_service
    case_id = service.start_case(procedure_id, Actor.citizen("s")).id
    definition = catalogue()[procedure_id]
    groups = {k: v for k, v in GROUP_MEMBERS.items() if k in definition.fields_by_id}
    if groups:
        service.save_answers(case_id, groups)
    controller.open_case(case_id)
    wizard = controller.wizard_screen()
    dock = window.keyboard_dock
    checked = 0
    problems: list[str] = []
    for step in visible_steps(definition, service.get(case_id).answers):
        wizard.goto_step(step.id, return_to_review=False)
        editors = [
            e
            for e in wizard.page.findChildren(QWidget)
            if isinstance(e, QLineEdit | QPlainTextEdit) and e.isVisible() and not e.isReadOnly()
        ]
        for editor in editors:
            dock.dismiss()
            wizard.scroll_area.verticalScrollBar().setValue(0)
            QApplication.processEvents()
            wizard.scroll_area.ensureWidgetVisible(editor, 0, 0)  # where a finger can reach
            qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(dock.isVisible)
            QApplication.processEvents()
            name = f"{procedure_id}/{step.id}/{editor.objectName()}"
            parts = [p for p in (editor, question_of(wizard, editor)) if p is not None]

            def hidden_parts(parts: list[QWidget] = parts) -> list[str]:
                visible = global_rect(wizard.scroll_area.viewport())
                dock_top = dock.mapToGlobal(QPoint(0, 0)).y()
                return [
                    f"{part.objectName()} {global_rect(part)} not in {visible}"
                    for part in parts
                    if not visible.contains(global_rect(part))
                    or global_rect(part).bottom() >= dock_top
                ]

            try:  # the page settles after the keyboard opened (events, not time)
                qtbot.waitUntil(lambda: not hidden_parts(), timeout=2000)
            except Exception:
                problems += [f"{name}: {text}" for text in hidden_parts()]
            centre = editor.mapTo(window, editor.rect().center())
            hit = window.childAt(centre)
            if hit is None or (hit is not editor and not editor.isAncestorOf(hit)):
                problems.append(f"{name}: a tap at its centre hits {hit and hit.objectName()}")
            checked += 1
    assert problems == []
    assert checked > 0
