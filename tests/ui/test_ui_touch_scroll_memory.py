"""Touch scrolling costs no memory per citizen (issue 19, the memory run's growth).

Every ``QScroller.grabGesture`` makes Qt register a recogniser under a new gesture
number; PySide turned each such number into an enum class of its own and kept it
for the rest of the day. The wizard's pages (address pickers, lists) are built
again for every case, so a kiosk kept about ten of them per citizen: most of the
per-session growth of ``bench.memory``. These tests count the enum classes alive
(after a full collection) while scroll areas come and go: real widgets, nothing mocked.
"""

from __future__ import annotations

import enum
import gc

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.identity import parse_id_card_qr
from kiosk.procedures import Catalogue
from kiosk.ui.screens.wizard import WizardScreen
from kiosk.ui.widgets import touch_scroll_area
from tests.ui_wizard_support import CARD_QR, show, tap


def enum_classes_alive() -> int:
    """Enum classes alive once the widgets deleted later are gone and garbage collected."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return sum(1 for item in gc.get_objects() if isinstance(item, enum.EnumType))


def test_scroll_areas_built_and_deleted_leave_no_enum_behind(qapp: QApplication) -> None:
    def build_and_delete(count: int) -> None:
        for index in range(count):
            area = touch_scroll_area(QLabel(f"trang {index}"), "memory_probe_scroll")
            area.deleteLater()

    build_and_delete(3)  # Qt's and PySide's one-offs (the enum types used the first time)
    before = enum_classes_alive()
    build_and_delete(40)
    assert enum_classes_alive() - before < 5


def test_the_wizard_keeps_no_enum_per_case(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    """A birth case per citizen, its first two pages shown, as the kiosk does all day."""
    card = parse_id_card_qr(CARD_QR)
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)

    def citizens(count: int, first: int) -> None:
        for index in range(first, first + count):
            case_id = service.start_case("birth", Actor.citizen(f"session-{index}"), card=card).id
            wizard.load_case(case_id)
            tap(qtbot, wizard, "choice_requester_relationship_father")
            tap(qtbot, wizard, "next_button")
            assert wizard.step_id == "child"
            service.abandon(case_id, Actor.citizen(f"session-{index}"))

    citizens(2, 0)
    before = enum_classes_alive()
    citizens(8, 2)
    assert enum_classes_alive() - before < 4
