"""The receipt looks exactly as it did before it was made faster.

``tests/documents/data/receipt_*`` hold the text (pypdf) and the page
rasterised by poppler's ``pdftoppm`` (100 dpi, grey) of the receipts rendered
by the code before issue 19's second pass (commit 65c80bc, pure-Python
reportlab). Each receipt is rendered again here, rasterised the same way and
compared: the text exactly, the pixels within a tolerance for anti-aliasing
(no pixel may change by more than half the grey scale, at most 30 by more than 40
of 255).
A moved line, a changed font, a missing QR module or watermark fails.

Regenerate the references only for an intended change of layout or wording (done once:
``receipt_a5_pending_en`` after "Reference" became "Reference number", main's b836f9c):
``python -m tests.documents.test_documents_receipt_layout`` (then look at them).
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tempfile
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageChops

from kiosk.documents import CaseSnapshot, render_receipt
from tests.documents_support import sample_snapshot

DATA = Path(__file__).parent / "data"
DPI = 100
# A pixel is "changed" when it moves by more than this (of 255) ...
CHANGED_LEVEL = 40
# ... and at most this many may change (anti-aliasing of a few edges); none by more
# than MAX_LEVEL (a missing glyph stroke or QR module is black on white: 255).
MAX_CHANGED_PIXELS = 30
MAX_LEVEL = 128


def cases() -> dict[str, tuple[CaseSnapshot, str]]:
    """The receipts compared: name -> (snapshot, paper)."""
    plain = sample_snapshot()
    return {
        "a5": (plain, "A5"),
        "a5_training": (dataclasses.replace(plain, training=True), "A5"),
        "a5_pending_en": (
            sample_snapshot(dossier_code=None, language="en", citizen_email=None),
            "A5",
        ),
        "roll": (plain, "80mm"),
    }


def rasterised(pdf: bytes) -> Image.Image:
    """The first page as poppler draws it, 8-bit grey."""
    with tempfile.TemporaryDirectory(prefix="receipt-layout-") as directory:
        source = Path(directory) / "receipt.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(DPI),
                "-gray",
                "-png",
                "-singlefile",
                str(source),
                str(Path(directory) / "page"),
            ],
            check=True,
            timeout=60,
        )
        with Image.open(Path(directory) / "page.png") as image:
            return image.convert("L").copy()


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("name", list(cases()))
def test_the_receipt_is_drawn_as_the_reference(name: str, tmp_path: Path) -> None:
    snapshot, paper = cases()[name]
    pdf = render_receipt(snapshot, paper=paper)  # type: ignore[arg-type]
    assert text_of(pdf) == (DATA / f"receipt_{name}.txt").read_text(encoding="utf-8")

    page = rasterised(pdf)
    with Image.open(DATA / f"receipt_{name}.png") as stored:
        reference = stored.convert("L")
    assert page.size == reference.size
    difference = ImageChops.difference(page, reference)
    histogram = difference.histogram()
    changed = sum(histogram[CHANGED_LEVEL + 1 :])
    worst = max(level for level, count in enumerate(histogram) if count)
    if changed > MAX_CHANGED_PIXELS or worst > MAX_LEVEL:
        page.save(tmp_path / f"receipt_{name}.png")  # to look at after a failure
    assert changed <= MAX_CHANGED_PIXELS, f"{changed} pixels changed, see {tmp_path}"
    assert worst <= MAX_LEVEL, f"a pixel changed by {worst}, see {tmp_path}"


def test_the_comparison_sees_a_small_change() -> None:
    """One digit changed (counter 2 -> 3) must fail the comparison above, on both counts."""
    snapshot, _paper = cases()["a5"]
    moved = render_receipt(
        dataclasses.replace(snapshot, collect_at="Quầy số 3, Bộ phận Một cửa"), paper="A5"
    )
    with Image.open(DATA / "receipt_a5.png") as stored:
        reference = stored.convert("L")
    histogram = ImageChops.difference(rasterised(moved), reference).histogram()
    assert sum(histogram[CHANGED_LEVEL + 1 :]) > MAX_CHANGED_PIXELS
    assert max(level for level, count in enumerate(histogram) if count) > MAX_LEVEL


def test_reportlab_runs_with_its_c_accelerator() -> None:
    """rl-accel (pyproject) replaces reportlab's pure-Python number formatting, ASCII85
    and string widths: a third of a receipt's time without it (docs/performance.md)."""
    from reportlab.lib import rl_accel

    accelerated = {"fp_str", "asciiBase85Encode", "instanceStringWidthTTF"}
    assert accelerated <= set(vars(rl_accel)["_c_funcs"])  # not in the type stubs


def regenerate() -> None:
    DATA.mkdir(exist_ok=True)
    for name, (snapshot, paper) in cases().items():
        pdf = render_receipt(snapshot, paper=paper)  # type: ignore[arg-type]
        (DATA / f"receipt_{name}.txt").write_text(text_of(pdf), encoding="utf-8")
        rasterised(pdf).save(DATA / f"receipt_{name}.png", optimize=True)
        print(DATA / f"receipt_{name}.png")


if __name__ == "__main__":
    regenerate()
