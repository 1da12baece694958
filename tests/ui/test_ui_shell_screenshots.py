"""Every shell screen in both languages, both themes, large text, at 1366x768 and 1920x1080.

Each state is checked for clipped text (a button or an unwrapped label whose
text is wider than the widget) and, when KIOSK_SCREENSHOT_DIR is set, saved
as ``<screen>-<look>-<width>x<height>.png`` in that folder.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import (
    QApplication,
)
from pytestqt.qtbot import QtBot

from kiosk.cases import ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.store.models import Case
from tests.ui_screen_support import clipped_or_outside
from tests.ui_shell_support import EXAMPLE_1, Kiosk, build_kiosk, catalogue, screenshot_dir

LOOKS = {
    "vi": dict(language="vi", high_contrast=False, large_text=False),
    "en": dict(language="en", high_contrast=False, large_text=False),
    "vi-high-contrast": dict(language="vi", high_contrast=True, large_text=False),
    "vi-large-text": dict(language="vi", high_contrast=False, large_text=True),
}
SIZES = [(1366, 768), (1920, 1080)]


def submitted_reference(kiosk: Kiosk, store: Store) -> str:
    service = kiosk.services.case_service
    rng = random.Random(3)
    card = synthetic_card(rng)
    case = service.start_case("marital_status", kiosk.controller.actor(), card=card)
    service.save_answers(case.id, complete_answers(catalogue()["marital_status"], card, rng))
    service.promise_required_documents(case.id)
    reference = service.submit(
        case.id, kiosk.controller.actor(), ConsentNotice("procedure", "Đồng ý.", "vi")
    ).local_reference
    with store.sessions.begin() as session:
        row = session.get(Case, case.id)
        assert row is not None
        row.status, row.portal_status = "sent", "processing"
        row.appointment_date = dt.date(2026, 5, 25)
    service.start_case("birth", kiosk.controller.actor(), card=parse_id_card_qr(EXAMPLE_1))
    return reference


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("look", list(LOOKS))
def test_screens_fit_and_are_saved(
    qtbot: QtBot, store: Store, kiosk_fonts: QApplication, look: str, size: tuple[int, int]
) -> None:
    kiosk = build_kiosk(qtbot, store, size=size)
    controller = kiosk.controller
    options = LOOKS[look]
    controller.set_display_options(
        large_text=bool(options["large_text"]), high_contrast=bool(options["high_contrast"])
    )
    controller.set_language(str(options["language"]))
    reference = submitted_reference(kiosk, store)
    card = parse_id_card_qr(EXAMPLE_1)

    def error_state() -> None:
        controller.go("error")

    states: list[tuple[str, Callable[[], object]]] = [
        ("welcome", lambda: controller.go("welcome")),
        ("scan-waiting", lambda: controller.go("scan")),
        (
            "scan-error",
            lambda: controller.scan.show_error(
                "Mã QR trên thẻ không đọc được đầy đủ, xin vui lòng quét lại."
            ),
        ),
        ("scan-confirm", lambda: controller.scan.show_card(card)),
        ("catalogue", lambda: controller.go("catalogue")),
        ("catalogue-summary", lambda: controller.catalogue_screen.open_summary("birth")),
        ("resume", lambda: controller.go("resume")),
        ("resume-drafts", lambda: controller.resume.show_drafts_for_card(card)),
        ("lookup", lambda: controller.go("lookup")),
        ("lookup-result", lambda: controller.lookup.look_up_scanned(f"CDKV:{reference}")),
        ("error", error_state),
    ]
    folder = screenshot_dir()
    problems: list[str] = []
    for name, enter in states:
        enter()
        QApplication.processEvents()
        assert (kiosk.window.width(), kiosk.window.height()) == size, name
        problems += [f"{name}: {problem}" for problem in clipped_or_outside(kiosk.window)]
        if folder is not None:
            image = kiosk.window.grab()
            assert image.save(str(folder / f"{name}-{look}-{size[0]}x{size[1]}.png"))
    assert problems == []
    controller.reset_session()
