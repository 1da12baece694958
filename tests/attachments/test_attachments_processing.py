"""The image pipeline on synthetic Vietnamese papers: corners, size, legibility, scans,
colour, PDFs and bad input. A subset of the 40 photos of ``bench/page_processing.py``
runs here (each photo takes a few seconds to synthesise); the bench runs all 40."""

from __future__ import annotations

import io
import math
import random
from typing import cast

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from bench.page_processing import corner_error, kept_share, ocr, photos
from kiosk.attachments import processing, samples
from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.pdf import assemble_pdf

SUBSET = 6


@pytest.fixture(scope="module")
def photographed() -> list[tuple[str, samples.Photograph]]:
    return photos(SUBSET, seed=16)


def test_page_corners_are_found_within_two_percent_of_the_diagonal(
    photographed: list[tuple[str, samples.Photograph]],
) -> None:
    errors = [
        corner_error(processing.find_page_corners(processing.open_image(photo.jpeg)), photo)
        for _, photo in photographed
    ]
    within = sum(error <= 0.02 for error in errors)
    assert within >= math.ceil(0.9 * len(errors)), errors


def test_processed_photo_is_an_upright_a4_page_under_300_kb_and_legible(
    photographed: list[tuple[str, samples.Photograph]],
) -> None:
    kind, photo = photographed[0]
    page = processing.process_photo(photo.jpeg)
    assert len(page.jpeg) <= processing.MAX_PAGE_BYTES
    assert page.height / page.width == pytest.approx(math.sqrt(2), rel=0.01)
    clean = ocr(samples.sample_jpeg(kind))
    assert len(clean) > 300  # the clean page itself reads
    assert kept_share(clean, ocr(page.jpeg)) >= 0.95


def test_each_kind_of_page_stays_under_300_kb(
    photographed: list[tuple[str, samples.Photograph]],
) -> None:
    for _, photo in photographed[1 : len(samples.SAMPLE_KINDS)]:
        assert len(processing.process_photo(photo.jpeg).jpeg) <= processing.MAX_PAGE_BYTES


def scanner_bed(page: Image.Image, angle: float) -> bytes:
    """The page a little askew on a white scanner bed with a margin, at 150 dpi."""
    bed = Image.new("RGB", (page.width + 200, page.height + 240), (248, 248, 246))
    turned = page.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=(248, 248, 246))
    bed.paste(
        turned.crop((0, 0, min(turned.width, bed.width), min(turned.height, bed.height))), (60, 80)
    )
    out = io.BytesIO()
    bed.save(out, "PNG")
    return out.getvalue()


def test_a_scan_is_deskewed_and_its_margins_cropped() -> None:
    page = samples.render_sample("marriage_certificate")
    scan = scanner_bed(page, 3.5)
    image = processing.open_image(scan)
    assert processing.skew_angle(image) == pytest.approx(-3.5, abs=0.5)
    cropped = processing.deskew_and_crop(image, dpi=150)
    assert cropped.width < image.width - 150 and cropped.height < image.height - 150
    processed = processing.process_scan(scan, dpi=150)
    assert len(processed.jpeg) <= processing.MAX_PAGE_BYTES
    clean = ocr(samples.sample_jpeg("marriage_certificate"))
    assert kept_share(clean, ocr(processed.jpeg)) >= 0.95


def test_colour_is_kept_only_where_there_is_colour() -> None:
    with_seal = processing.compress_page(samples.render_sample("birth_certificate"))
    assert with_seal.colour
    assert Image.open(io.BytesIO(with_seal.jpeg)).mode == "RGB"
    plain = samples.render_sample("birth_certificate")
    ImageDraw.Draw(plain).rectangle((0, 1150, plain.width, plain.height), fill="white")
    grey = processing.compress_page(plain)
    assert not grey.colour
    assert Image.open(io.BytesIO(grey.jpeg)).mode == "L"
    assert len(grey.jpeg) < len(with_seal.jpeg)


def test_pages_assemble_into_one_pdf_without_recompression() -> None:
    pages = [
        processing.compress_page(samples.render_sample(kind), dpi=150).jpeg
        for kind in samples.SAMPLE_KINDS
    ]
    pdf = assemble_pdf(pages, "Giấy tờ")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 in points
    embedded = [
        obj.get_object()._data  # the raw stream: proves no re-encoding
        for page in reader.pages
        for obj in cast(
            DictionaryObject, cast(DictionaryObject, page["/Resources"])["/XObject"]
        ).values()
    ]
    assert embedded == pages
    assert len(pdf) < sum(map(len, pages)) + 10_000


def test_rotate_turns_a_page_clockwise() -> None:
    page = processing.compress_page(samples.render_sample("birth_certificate"))
    turned = processing.rotate_page(page.jpeg)
    assert (turned.width, turned.height) == (page.height, page.width)


def test_a_huge_file_is_refused_with_a_message() -> None:
    huge = b"\xff\xd8\xff\xe0" + bytes(60 * 1024 * 1024)
    with pytest.raises(AttachmentError) as refused:
        processing.open_image(huge)
    assert refused.value.message.vi.startswith("Ảnh quá lớn (63 MB)")


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # tiny file, 100 megapixels
    with pytest.raises(AttachmentError) as refused:
        processing.open_image(out.getvalue())
    assert "Ảnh quá lớn" in refused.value.message.vi


def test_a_corrupt_file_is_refused_with_a_message() -> None:
    good = samples.sample_jpeg("birth_certificate")
    for broken in (b"", b"not an image at all", good[: len(good) // 3]):
        with pytest.raises(AttachmentError) as refused:
            processing.open_image(broken)
        assert "không phải là ảnh đọc được" in refused.value.message.vi


def test_a_black_camera_frame_is_refused_with_a_message() -> None:
    rng = random.Random(1)
    frame = Image.new("RGB", (1280, 720), (3, 3, 4))
    ImageDraw.Draw(frame).point(
        [(rng.randrange(1280), rng.randrange(720)) for _ in range(500)], fill=(30, 30, 30)
    )
    out = io.BytesIO()
    frame.save(out, "JPEG")
    with pytest.raises(AttachmentError) as refused:
        processing.process_photo(out.getvalue())
    assert "tối đen" in refused.value.message.vi
