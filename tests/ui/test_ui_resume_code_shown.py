"""Issue 15 #5 (part): a citizen walking away from a draft sees its resume code.

The real window and controller with short idle times: a draft is open in the wizard,
nobody touches the screen, and the "are you still there?" overlay shows the draft's
resume code (the one the resume screen asks for), before the session ends.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor
from kiosk.cases.references import format_resume_code
from kiosk.store.database import Store
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import AppLook, build_kiosk, find


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large"])
def test_the_idle_warning_shows_the_drafts_resume_code(
    qtbot: QtBot, store: Store, large_text: bool
) -> None:
    look = AppLook()
    load_kiosk_fonts()
    apply_theme(QApplication.instance(), high_contrast=False, large_text=large_text)  # type: ignore[arg-type]
    try:
        check_the_code_is_shown(qtbot, store)
    finally:
        look.restore()


def check_the_code_is_shown(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store, idle_ms=200, countdown_ms=60_000)
    controller = kiosk.controller
    case = kiosk.services.case_service.start_case("birth", Actor.citizen("s"))
    assert case.resume_code
    controller.open_case(case.id)
    overlay = controller.idle.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    label = find(kiosk.window, "idle_resume_code_label")
    assert label.isVisible()
    assert format_resume_code(case.resume_code) in label.text()  # type: ignore[attr-defined]
    hint = find(kiosk.window, "idle_resume_hint_label")
    assert hint.isVisible()
    assert "Tiếp tục hồ sơ đang làm" in hint.text()  # type: ignore[attr-defined]
    assert "in phiếu" in hint.text()  # type: ignore[attr-defined]
    # The warning fits the window: the code and its hint are whole, not squeezed.
    for widget in (label, hint):
        assert widget.height() >= widget.heightForWidth(widget.width())
    # The code found through the resume screen's own look-up opens this draft.
    found = kiosk.services.case_service.resume_by_code(format_resume_code(case.resume_code))
    assert found is not None and found.id == case.id


def test_no_code_is_shown_without_a_draft(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store, idle_ms=200, countdown_ms=60_000)
    kiosk.controller.go("catalogue")
    overlay = kiosk.controller.idle.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    assert not find(kiosk.window, "idle_resume_code_label").isVisible()
