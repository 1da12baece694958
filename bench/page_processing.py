"""The image pipeline on synthetic Vietnamese papers photographed on a cluttered desk.

Three kinds of page (birth certificate, marriage certificate, land-use
certificate) are rendered with the kiosk's fonts and "photographed" at up to
±30° rotation, in perspective, under a shadow, among clutter
(:mod:`kiosk.attachments.samples`). Reported: how many photos have all four
corners found within 2% of the frame's diagonal (target: 90% of 40), the
largest processed page (target: 300 KB), and OCR legibility: the share of the
characters Tesseract (Vietnamese data) reads from the clean rendering that it
also reads, in order, from the processed photo (target: 95%).
"""

from __future__ import annotations

import difflib
import math
import random
import shutil
import subprocess

from bench.common import Row, verdict
from kiosk.attachments import processing, samples

PHOTOS = 40
OCR_PAGES = 6
CORNER_TOLERANCE = 0.02


def ocr(jpeg_or_png: bytes) -> str:
    """Tesseract's Vietnamese reading of an image given on stdin (no file written)."""
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "4"],
        input=jpeg_or_png,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return " ".join(result.stdout.decode("utf-8").split())


def kept_share(reference: str, candidate: str) -> float:
    """Share of ``reference``'s characters ``candidate`` also has, in the same order."""
    if not reference:
        return 1.0
    matcher = difflib.SequenceMatcher(None, reference, candidate, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(reference)


def corner_error(found: processing.Quad | None, photo: samples.Photograph) -> float:
    """The worst corner's distance as a share of the frame's diagonal (inf if none found)."""
    if found is None:
        return math.inf
    return max(math.dist(a, b) for a, b in zip(found, photo.corners, strict=True)) / (
        photo.diagonal
    )


def photos(count: int, seed: int = 16) -> list[tuple[str, samples.Photograph]]:
    rng = random.Random(seed)
    made = []
    for index in range(count):
        kind = samples.SAMPLE_KINDS[index % len(samples.SAMPLE_KINDS)]
        made.append((kind, samples.photograph(samples.render_sample(kind), rng)))
    return made


def run(count: int = PHOTOS, ocr_pages: int = OCR_PAGES) -> list[Row]:
    taken = photos(count)
    within = 0
    biggest = 0
    shares: list[float] = []
    for index, (kind, photo) in enumerate(taken):
        image = processing.open_image(photo.jpeg)
        corners = processing.find_page_corners(image)
        within += corner_error(corners, photo) <= CORNER_TOLERANCE
        page = processing.process_photo(photo.jpeg)
        biggest = max(biggest, len(page.jpeg))
        if index < ocr_pages and shutil.which("tesseract"):
            clean = ocr(samples.sample_jpeg(kind))
            shares.append(kept_share(clean, ocr(page.jpeg)))
    share = within / count
    worst_ocr = min(shares) if shares else float("nan")
    return [
        Row(
            f"page corners within 2% of the diagonal ({count} photos)",
            f"{within}/{count}",
            "",
            f"{share:.0%}",
            ">= 90%",
            verdict(share >= 0.9),
        ),
        Row(
            "largest processed A4 page",
            f"{biggest / 1000:.0f} KB",
            "",
            "",
            "<= 300 KB",
            verdict(biggest <= processing.MAX_PAGE_BYTES),
        ),
        Row(
            f"OCR characters kept vs the clean page (worst of {len(shares)})",
            f"{worst_ocr:.1%}",
            "clean rendering",
            "",
            ">= 95%",
            verdict(worst_ocr >= 0.95),
        ),
    ]


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
