"""Issue 15 #13: the step numbers looked like buttons and did nothing.

Decision: they are signposts, not buttons (kiosk/ui/screens/wizard.StepProgress):
no box around them, no focus, a tap on one changes nothing. Checked on the real
wizard with the kiosk's theme, by the pixels around a chip and by a real click.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFrame, QLabel
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.identity import parse_id_card_qr
from kiosk.procedures import Catalogue
from kiosk.ui.screens.wizard import WizardScreen
from tests.ui_wizard_support import CARD_QR, show, tap


def _edge_colours(label: QLabel) -> int:
    """How many colours the outermost pixel ring of ``label`` holds (1: no outline)."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    height, stride = image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    pixels = raw.reshape(height, stride)[:, : image.width() * 4].reshape(height, -1, 4).copy()
    ring = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return len({tuple(pixel) for pixel in ring})


def test_step_chips_do_not_look_or_act_like_buttons(
    qtbot: QtBot, themed: QApplication, service: CaseService, catalogue: Catalogue
) -> None:
    case_id = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(CARD_QR)).id
    wizard = WizardScreen(service, catalogue, "vi")
    show(qtbot, wizard)
    wizard.load_case(case_id)
    tap(qtbot, wizard, "choice_requester_relationship_father")
    tap(qtbot, wizard, "next_button")
    assert wizard.step_id == "child"
    chips = wizard.progress.chips
    assert len(chips) >= 3
    for chip in chips:
        assert chip.frameShape() == QFrame.Shape.NoFrame, chip.objectName()
        assert chip.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert _edge_colours(chip) == 1, f"{chip.objectName()} has an outline, like a button"
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)  # the visited step's number
    assert wizard.step_id == "child", "a signpost does not navigate"
    (current,) = [chip for chip in chips if ". " in chip.text()]  # "2. <step title>"
    assert current.property("kiosk_role") == "step_current"  # bold, underlined by the theme
    assert "step_current" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
