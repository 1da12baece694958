"""Issue 14, finding 8: below the free-space reserve a citizen is told calmly, nothing crashes.

The reserve is set above the free space of this machine's disk (the real
``free_bytes`` is read; a small disk itself is exercised in
tests/store/test_store_edges.py).
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.identity import parse_id_card_qr
from kiosk.store.backup import free_bytes
from kiosk.store.database import Store
from kiosk.store.models import Case
from tests.ui_shell_support import EXAMPLE_1, build_kiosk, tap, visible_texts


def test_a_new_case_is_refused_with_a_calm_message_when_the_disk_is_nearly_full(
    qtbot: QtBot, store: Store
) -> None:
    store.min_free_bytes = free_bytes(store.layout.root) * 2
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    tap(qtbot, window, "welcome_submit_button")
    controller.scan.show_card(parse_id_card_qr(EXAMPLE_1))
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, "procedure_tile_birth")
    tap(qtbot, window, "start_procedure_button")
    assert controller.current_screen_name() == "error"
    assert any("chưa nhận hồ sơ mới" in text for text in visible_texts(window))
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
