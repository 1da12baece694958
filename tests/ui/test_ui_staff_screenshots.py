"""Every staff screen at 1366x768 (and 1920x1080), themed, checked for clipped text.

Saved as ``staff-<state>-<look>-<width>x<height>.png`` into KIOSK_SCREENSHOT_DIR
when it is set. The data behind them is real: cases submitted through the case
service, a returned case, a backup, audit events.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.cases import Actor, ConsentNotice
from kiosk.cases.synthetic import complete_answers, synthetic_card
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.store.models import Case
from tests.ui_screen_support import clipped_or_outside
from tests.ui_shell_support import EXAMPLE_1, catalogue, tap
from tests.ui_staff_support import (
    ADMIN_PIN,
    build_staff_kiosk,
    make_accounts,
    save_shot,
    staff_home,
    type_pin,
)

LOOKS = {
    "vi": dict(language="vi", large_text=False),
    "en": dict(language="en", large_text=False),
    "vi-large-text": dict(language="vi", large_text=True),
}


def seed_cases(store: Store, kiosk_actor: Actor, helper_id: int) -> None:
    """Two submitted cases (one helped), one returned with the portal's message, a draft."""
    service = build_service(store)
    rng = random.Random(5)
    for index, procedure_id in enumerate(("birth", "marital_status", "death")):
        card = synthetic_card(rng)
        actor = Actor.citizen(f"s{index}", assisted_by=helper_id if index != 1 else None)
        case = service.start_case(procedure_id, actor, card=card)
        service.save_answers(case.id, complete_answers(catalogue()[procedure_id], card, rng))
        service.promise_required_documents(case.id)
        service.submit(case.id, actor, ConsentNotice("procedure", "Đồng ý.", "vi"))
        if index == 2:
            with store.sessions.begin() as session:
                session.execute(
                    update(Case)
                    .where(Case.id == case.id)
                    .values(
                        status="returned",
                        portal_message="Thiếu bản sao giấy báo tử có chứng thực.",
                    )
                )
    service.start_case("birth", kiosk_actor, card=parse_id_card_qr(EXAMPLE_1))


def build_service(store: Store):  # type: ignore[no-untyped-def]
    from kiosk.cases import CaseService
    from kiosk.config import KioskConfig

    return CaseService(store, catalogue(), KioskConfig())


# Every look at the kiosk's common 1366x768; the large screen in Vietnamese only (time).
COMBINATIONS = [(look, (1366, 768)) for look in LOOKS] + [("vi", (1920, 1080))]


@pytest.mark.parametrize(
    ("look", "size"),
    COMBINATIONS,
    ids=lambda value: value if isinstance(value, str) else f"{value[0]}x{value[1]}",
)
def test_staff_screens_fit_and_are_saved(
    qtbot: QtBot, store: Store, kiosk_fonts: QApplication, look: str, size: tuple[int, int]
) -> None:
    lan, binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store, size=size)
    controller = kiosk.controller
    options = LOOKS[look]
    controller.set_display_options(large_text=bool(options["large_text"]), high_contrast=False)
    controller.set_language(str(options["language"]))
    seed_cases(store, controller.actor(), lan.id)
    window = kiosk.window

    tap(qtbot, window, "volunteer_button")
    states: list[tuple[str, Callable[[], None]]] = [
        ("sign-in", lambda: None),
        ("sign-in-pin", lambda: tap(qtbot, window, f"volunteer_{binh.id}")),
    ]
    problems: dict[str, list[str]] = {}
    for name, action in states:
        action()
        qtbot.wait(1)  # one event-loop turn: the layout settles before the grab
        problems[name] = clipped_or_outside(window)
        save_shot(window, f"staff-{name}-{look}-{size[0]}x{size[1]}")
    type_pin(qtbot, window, ADMIN_PIN)  # waits for the PIN check (a background task now)
    home = staff_home(kiosk)

    def idle() -> bool:
        return not any(
            getattr(panel, "task", None) is not None and panel.task.is_busy()  # type: ignore[attr-defined]
            for panel in home.panels.values()
        )

    def find_citizen() -> None:
        tap(qtbot, window, "staff_tab_data_requests")
        home.data_requests_panel.id_field.setText("049090001234")
        tap(qtbot, window, "data_request_find_button")

    def returned_list() -> None:
        tap(qtbot, window, "staff_tab_queue")
        tap(qtbot, window, "queue_kind_returned_button")

    tab_states: list[tuple[str, Callable[[], None]]] = [
        ("queue", returned_list),
        ("today", lambda: tap(qtbot, window, "staff_tab_today")),
        ("accounts", lambda: tap(qtbot, window, "staff_tab_accounts")),
        ("settings", lambda: tap(qtbot, window, "staff_tab_settings")),
        ("enrolment", lambda: tap(qtbot, window, "staff_tab_enrolment")),
        ("backups", lambda: tap(qtbot, window, "staff_tab_backups")),
        ("data-requests", find_citizen),
        ("data-requests-confirm", lambda: tap(qtbot, window, "data_request_delete_button")),
        ("audit-log", lambda: tap(qtbot, window, "staff_tab_audit_log")),
        ("badge", lambda: tap(qtbot, window, "staff_serve_citizen_button")),
    ]
    for name, action in tab_states:
        action()
        qtbot.waitUntil(idle, timeout=10_000)
        qtbot.wait(1)
        problems[name] = clipped_or_outside(window)
        save_shot(window, f"staff-{name}-{look}-{size[0]}x{size[1]}")
    assert {name: found for name, found in problems.items() if found} == {}
