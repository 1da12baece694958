"""Every QR code the kiosk shows: drawn module by module, never scaled (:class:`QrLabel`).

Whole pixels per module keep every edge sharp; scaling a small PNG blurs it and
phone cameras then struggle. The payment, done, account and catalogue screens
all use :class:`QrLabel`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.documents.errors import DocumentDataError
from kiosk.ui.widgets import name_widget

QR_SIDE_PX = 360


def qr_image(text: str, side: int) -> QImage:
    """A black-on-white QR of ``text`` at most ``side`` pixels wide, whole pixels per module.

    Whole pixels keep every module edge sharp (scaling a small PNG blurs it
    and cameras then struggle); the quiet zone is included. Raises
    :class:`~kiosk.documents.DocumentDataError` for text a QR cannot hold.
    """
    # qrcode and reportlab load with the first code drawn, not with the screens that
    # may show one (the catalogue is built at start-up).
    from kiosk.documents.qr import QUIET_ZONE_MODULES, qr_matrix

    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    module = max(1, side // modules)
    size = modules * module
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                painter.drawRect(
                    QRect(
                        (column_index + QUIET_ZONE_MODULES) * module,
                        (row_index + QUIET_ZONE_MODULES) * module,
                        module,
                        module,
                    )
                )
    painter.end()
    return image


class QrLabel(QLabel):
    """Shows one QR code; ``payload`` is the text it encodes ("" when cleared)."""

    def __init__(self, name: str, side: int = QR_SIDE_PX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, name)
        self.setAccessibleName(name)  # a picture: no text to read out in its place
        self.side = side
        self.payload = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(side, side)
        # Always white around the code, whatever the theme: scanners need the contrast.
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(palette)

    def set_side(self, side: int) -> None:
        """Resize to ``side`` pixels (a screen short on height), redrawing the code."""
        if side == self.side:
            return
        self.side = side
        self.setFixedSize(side, side)
        if self.payload:
            self.set_payload(self.payload)

    def set_payload(self, text: str) -> None:
        """Draw the QR for ``text``; empty text (or text no QR can hold) clears it."""
        self.payload = ""
        self.clear()
        if not text:
            return
        try:
            image = qr_image(text, self.side)
        except DocumentDataError:
            return
        self.payload = text
        self.setPixmap(QPixmap.fromImage(image))
