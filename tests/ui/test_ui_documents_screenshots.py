"""The capture screen and the review's documents, in every look, at 1366x768 and 1920x1080.

Two pages of the birth certificate are captured (the training samples: no
scanner or camera can run here; the SANE and camera paths are walked in
test_ui_e2e_documents.py), then the review shows them as thumbnails. Each
state is checked for clipped text and for controls outside the window, and
for the capture screen's own promises: the capture button is the largest
control, the thumbnails are A4-shaped and framed, the selected slot is
marked. With KIOSK_SCREENSHOT_DIR set, each state is saved as
``documents-<capture|review>-<look>-<width>x<height>.png``.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.store.database import Store
from kiosk.ui.screens.documents import A4_RATIO, MIN_THUMB_HEIGHT, DocumentsScreen
from kiosk.ui.widgets import MIN_TOUCH_PX, ROLE_PROPERTY
from tests.ui_screen_support import clipped_or_outside
from tests.ui_shell_support import build_kiosk, catalogue, find, screenshot_dir, tap

LOOKS = {
    "vi": dict(language="vi", high_contrast=False, large_text=False),
    "en": dict(language="en", high_contrast=False, large_text=False),
    "vi-high-contrast": dict(language="vi", high_contrast=True, large_text=False),
    "vi-large-text": dict(language="vi", high_contrast=False, large_text=True),
}
SIZES = [(1366, 768), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("look", list(LOOKS))
def test_capture_and_review_fit_and_are_saved(
    qtbot: QtBot, store: Store, kiosk_fonts: QApplication, look: str, size: tuple[int, int]
) -> None:
    kiosk = build_kiosk(qtbot, store, size=size)
    controller, window = kiosk.controller, kiosk.window
    options = LOOKS[look]
    controller.set_display_options(
        large_text=bool(options["large_text"]), high_contrast=bool(options["high_contrast"])
    )
    controller.set_language(str(options["language"]))
    rng = random.Random(16)
    card = synthetic_card(rng)
    service = kiosk.services.case_service
    case = service.start_case("birth", controller.actor(), card=card)
    answers = complete_answers(catalogue()["birth"], card, rng)
    service.save_answers(case.id, {**answers, "requester_relationship": "father"})
    controller.on_review_requested(case.id)
    assert controller.current_screen_name() == "documents"
    screen = controller.screen("documents")
    assert isinstance(screen, DocumentsScreen)

    for wanted in (1, 2):
        tap(qtbot, window, "document_capture_button")

        def captured(count: int = wanted) -> bool:
            return len(screen.page_widgets) == count

        qtbot.waitUntil(captured, timeout=60_000)
        qtbot.waitUntil(lambda: not screen.runner.is_busy(), timeout=30_000)
    QApplication.processEvents()
    capture = find(window, "document_capture_button", QPushButton)
    others = [
        button
        for button in window.findChildren(QPushButton)
        if button.isVisible() and button is not capture
    ]
    assert capture.height() >= 100 > MIN_TOUCH_PX
    assert all(capture.font().pointSize() > button.font().pointSize() for button in others)
    thumb = find(window, "document_thumbnail_2", QLabel)
    assert thumb.property(ROLE_PROPERTY) == "thumbnail" and thumb.isVisible()
    shown = thumb.pixmap()
    assert shown.height() >= MIN_THUMB_HEIGHT
    assert shown.height() > shown.width()  # the portrait page kept upright, not squashed
    assert thumb.height() / thumb.width() == pytest.approx(A4_RATIO, rel=0.05)  # an A4 frame
    if size[1] >= 1080 and not options["large_text"]:
        assert shown.height() >= 250  # a large screen shows the pages large
    strip = find(window, "document_thumbnails", QScrollArea)
    assert strip.isVisible() and not strip.verticalScrollBar().isVisible()
    selected = find(window, "document_slot_birth_certificate", QPushButton)
    assert selected.isChecked() and selected.property(ROLE_PROPERTY) == "choice"
    problems = [f"capture: {problem}" for problem in clipped_or_outside(window)]
    folder = screenshot_dir()
    if folder is not None:
        name = f"documents-capture-{look}-{size[0]}x{size[1]}.png"
        assert window.grab().save(str(folder / name))

    tap(qtbot, window, "document_done_button")
    qtbot.waitUntil(lambda: not screen.runner.is_busy(), timeout=30_000)
    tap(qtbot, window, "documents_continue_button")
    assert controller.current_screen_name() == "review"
    scroll = find(window, "review_scroll", QScrollArea)
    scroll.ensureWidgetVisible(find(window, "review_page_birth_certificate_2"))
    QApplication.processEvents()
    problems += [f"review: {problem}" for problem in clipped_or_outside(window)]
    if folder is not None:
        name = f"documents-review-{look}-{size[0]}x{size[1]}.png"
        assert window.grab().save(str(folder / name))
    assert problems == []
    controller.reset_session()
