"""One PDF per document: its processed pages, in order, each JPEG embedded as it is.

The portal asks for one upload per required document. reportlab (already the
kiosk's PDF library) embeds a JPEG's bytes unchanged (DCTDecode), so a page is
not re-compressed a second time and the PDF weighs about the sum of its pages.
Everything is built in memory; the caller seals the result.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.attachments.processing import OUTPUT_DPI

POINTS_PER_INCH = 72


def assemble_pdf(pages: Sequence[bytes], title: str = "") -> bytes:
    """A PDF with one page per JPEG, each page the image's size at its stored resolution."""
    if not pages:
        raise ValueError("a document needs at least one page")
    out = io.BytesIO()
    # Binary streams: ASCII85 (reportlab's default) would make every page 25% larger.
    # A process-wide switch, harmless to the receipts rendered meanwhile.
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        _draw(out, pages, title)
    finally:
        rl_config.useA85 = previous
    return out.getvalue()


def _draw(out: io.BytesIO, pages: Sequence[bytes], title: str) -> None:
    canvas = Canvas(out, invariant=True, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("cdkv-kiosk")
    for jpeg in pages:
        with Image.open(io.BytesIO(jpeg)) as probe:
            width, height = probe.size
            dpi = float(probe.info.get("dpi", (OUTPUT_DPI, OUTPUT_DPI))[0]) or OUTPUT_DPI
        page_width = width * POINTS_PER_INCH / dpi
        page_height = height * POINTS_PER_INCH / dpi
        canvas.setPageSize((page_width, page_height))
        canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, page_width, page_height)
        canvas.showPage()
    canvas.save()
