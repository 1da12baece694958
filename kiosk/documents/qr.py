"""QR codes (qrcode library) as module matrices, PNG bytes and a reportlab flowable.

The matrix is what every consumer needs: the PDF draws it as vector squares
(sharp at any printer resolution), and the kiosk screen can paint the same
matrix or use the PNG for a citizen to photograph.
"""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage
from reportlab.lib.colors import black, white
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from kiosk.documents.errors import DocumentDataError
from kiosk.documents.qr_mask import best_mask

QUIET_ZONE_MODULES = 4
MAX_QR_TEXT = 1200

QRMatrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> QRMatrix:
    """Dark (True) and light modules of the QR for ``text``, without quiet zone.

    Error correction level M (15 %): survives a crease or a thermal print's
    fading. Raises :class:`DocumentDataError` for empty or over-long text.
    """
    if not isinstance(text, str) or not text or len(text) > MAX_QR_TEXT:
        raise DocumentDataError(
            "Không tạo được mã QR cho nội dung này.",
            f"QR text must be 1 to {MAX_QR_TEXT} characters.",
        )
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    # code.make(fit=True), with the same mask found about five times faster.
    code.best_fit()
    code.makeImpl(False, best_mask(code))
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_png(text: str, module_pixels: int = 8) -> bytes:
    """PNG image of the QR for ``text`` with its quiet zone, ``module_pixels`` per module."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=QUIET_ZONE_MODULES,
        box_size=max(1, module_pixels),
    )
    qr_matrix(text)  # same validation as the PDF path
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(image_factory=PilImage).save(buffer, format="PNG")
    return buffer.getvalue()


class QRFlowable(Flowable):
    """A square QR of ``size`` points, quiet zone included, on an opaque white ground.

    The white ground hides any watermark under the code so scanners see clean
    modules.
    """

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(text)
        self.size = size
        self.width = size
        self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.matrix, self.size)


def draw_qr(canvas: Canvas, matrix: QRMatrix, size: float) -> None:
    """``matrix`` as a QR of ``size`` points at the origin, quiet zone and white ground included."""
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    module = size / modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(0, 0, size, size, stroke=0, fill=1)
    canvas.setFillColor(black)
    # The operators canvas.rect() would write, one per run of dark modules, handed
    # over as one literal: the same page for a third of the Python calls.
    rectangles: list[str] = []
    for row_index, row in enumerate(matrix):
        y = size - (row_index + QUIET_ZONE_MODULES + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            run_start = column
            while column < len(row) and row[column]:
                column += 1
            x = (run_start + QUIET_ZONE_MODULES) * module
            # A hair of overlap avoids white seams between rows in some viewers.
            height = module + 0.05
            rectangles.append(f"n {fp_str(x, y, (column - run_start) * module, height)} re f")
    canvas.addLiteral("\n".join(rectangles))
    canvas.restoreState()
