"""The procedure tiles' icons follow the theme the citizen picks on the welcome screen.

Seen in the citizen's walk (docs/walk.md): with high contrast switched on while the
catalogue was hidden, the tiles' icons stayed drawn in the normal theme's dark text
colour, nearly invisible on the black tiles. The real catalogue screen and the real
theme; the icon's drawn pixels are compared with the tile's text colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.screens.catalogue import CatalogueScreen
from kiosk.ui.theme import apply_theme
from tests.ui_shell_support import catalogue


def icon_ink(screen: CatalogueScreen, procedure_id: str) -> QColor:
    """The colour of the icon's most opaque pixel (its strokes)."""
    image = screen.tiles[procedure_id].icon_label.pixmap().toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > best.alpha():
                best = colour
    assert best.alpha() > 200, "the icon draws nothing"
    return best


def test_icons_turn_light_when_high_contrast_is_chosen_while_hidden(
    qtbot: QtBot, themed: QApplication
) -> None:
    screen = CatalogueScreen(catalogue())
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    assert icon_ink(screen, "birth").lightness() < 100  # dark strokes on a light tile

    screen.hide()  # the citizen is on the welcome screen
    apply_theme(themed, high_contrast=True, large_text=False)
    screen.show()
    qtbot.waitExposed(screen)

    for procedure_id, tile in screen.tiles.items():
        text = tile.palette().color(tile.foregroundRole())
        assert text.lightness() > 200, "high contrast draws light text on black"

        def icon_is_light(procedure: str = procedure_id) -> bool:
            return icon_ink(screen, procedure).lightness() > 200

        qtbot.waitUntil(icon_is_light, timeout=2000)
