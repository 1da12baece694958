"""Make a captured page legible and small: find the page, straighten it, compress it.

Camera frames: the page is the largest bright, unsaturated region; its
outline's convex hull is reduced to four corners, each side refined by a
line fit, and the quadrilateral is warped to an upright rectangle
(:func:`find_page_corners`, :func:`correct_perspective`). Scans: the skew
angle is the one whose row profile is sharpest, then the margins are cropped
to the ink (:func:`deskew_and_crop`). Every page is then kept in greyscale
unless it has real colour (a red seal counts), and compressed as JPEG to at
most :data:`MAX_PAGE_BYTES` (:func:`compress_page`).

Pillow and numpy only. OpenCV's headless wheel was measured: 63.7 MB
(``opencv_python_headless-5.1.0.95``, before unpacking), more than the rest
of the bundle's Python packages together, for three operations (contours,
polygon fitting, warp) that fit in a hundred lines here and meet the
targets (``bench/page_processing.py``). Everything happens in memory: no
image is ever written to disk in the clear.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import ExifTags, Image, ImageFilter, ImageOps

from kiosk.attachments.errors import AttachmentError
from kiosk.procedures import LocalText

MAX_PAGE_BYTES = 300_000
"""The most one processed A4 page may weigh."""
MAX_INPUT_BYTES = 40_000_000
"""Larger files are refused before decoding (a 60 MB photo is not a page)."""
MAX_INPUT_PIXELS = 60_000_000
"""Larger images are refused before decoding (decompression bombs)."""
WORK_SIDE = 480
"""Long side of the reduced image the page outline is looked for in."""
A4_RATIO = math.sqrt(2)
OUTPUT_DPI = 200
"""Resolution of a processed page: legible for OCR and officers at well under 300 KB."""

type Point = tuple[float, float]
type Quad = tuple[Point, Point, Point, Point]

MSG_NOT_AN_IMAGE = LocalText(
    "Tệp này không phải là ảnh đọc được (có thể đã hỏng). Hãy chụp hoặc quét lại.",
    "This file is not a readable image (it may be damaged). Please capture or scan again.",
)
MSG_TOO_LARGE = LocalText(
    "Ảnh quá lớn ({size} MB). Hãy chụp lại ở độ phân giải thấp hơn.",
    "The image is too large ({size} MB). Please capture it again at a lower resolution.",
)
MSG_TOO_MANY_PIXELS = LocalText(
    "Ảnh quá lớn ({size} triệu điểm ảnh). Hãy chụp lại ở độ phân giải thấp hơn.",
    "The image is too large ({size} megapixels). Please capture it again at a lower resolution.",
)
MSG_BLACK_FRAME = LocalText(
    "Ảnh chụp bị tối đen. Hãy kiểm tra máy ảnh không bị che rồi chụp lại.",
    "The picture is black. Check that nothing covers the camera, then capture again.",
)


@dataclass(frozen=True)
class ProcessedPage:
    """A page ready to seal: JPEG bytes, its size, and whether colour was kept."""

    jpeg: bytes
    width: int
    height: int
    colour: bool


def open_image(data: bytes) -> Image.Image:
    """Decode a captured file in memory, refusing huge, corrupt and black images."""
    if len(data) > MAX_INPUT_BYTES:
        raise AttachmentError(MSG_TOO_LARGE.format(size=round(len(data) / 1e6)))
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; a page never comes near it.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
        with probe:
            if probe.width * probe.height > MAX_INPUT_PIXELS:
                raise AttachmentError(_too_many_pixels(probe.width * probe.height))
            probe.load()
            # exif_transpose copies even an upright image: only turn what says so.
            upright = probe.getexif().get(ExifTags.Base.Orientation, 1) in (None, 1)
            image = probe if upright else ImageOps.exif_transpose(probe)
            # A grey source stays one channel: every later step costs a third as much.
            # (convert also makes the copy that outlives the closed file.)
            converted = image.convert("L" if image.mode in _GREY_MODES else "RGB")
    except AttachmentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise AttachmentError(_too_many_pixels(None)) from error
    except (OSError, ValueError, SyntaxError) as error:
        raise AttachmentError(MSG_NOT_AN_IMAGE) from error
    if is_black(converted):
        raise AttachmentError(MSG_BLACK_FRAME)
    return converted


_GREY_MODES = frozenset({"1", "L", "LA", "La", "I", "I;16", "F"})


def _too_many_pixels(pixels: int | None) -> LocalText:
    count = round((pixels or Image.MAX_IMAGE_PIXELS or MAX_INPUT_PIXELS) / 1e6)
    return MSG_TOO_MANY_PIXELS.format(size=f"> {count}" if pixels is None else count)


def is_black(image: Image.Image) -> bool:
    """True for a frame from a covered or failing camera: nearly no light anywhere."""
    grey = image if image.mode == "L" else image.convert("L")
    small = np.asarray(grey.resize((64, 48), reducing_gap=2.0), dtype=np.float32)
    return bool(small.mean() < 12 and small.std() < 8)


# --- finding the page in a photo -----------------------------------------------------------


def _paper_mask(small: Image.Image) -> NDArray[np.bool_]:
    """Bright, unsaturated pixels, with text filled in and thin bridges to clutter cut."""
    hsv = np.asarray(small.convert("RGB").convert("HSV"), dtype=np.float32)
    value, saturation = hsv[..., 2], hsv[..., 1]
    # A shadow darkens paper and desk alike but leaves their saturation as it was:
    # paper is the unsaturated part that is not dark, wherever the light falls.
    brightest = float(np.percentile(value, 99))
    mask = (saturation < 60) & (value > 0.4 * brightest)
    image = Image.fromarray((mask * 255).astype(np.uint8))
    image = image.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))  # text
    image = image.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))  # bridges
    return np.asarray(image) > 127


def _label_regions(mask: NDArray[np.bool_]) -> NDArray[np.int32]:
    """Number the mask's 4-connected regions from 1 (0 outside the mask).

    Runs of each row are joined to the overlapping runs of the row above with
    a union-find: a Python step per run, not per pixel (ImageDraw's flood
    fill visits every pixel in Python, which cost most of a photo's time).
    """
    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    run_rows, run_starts = np.nonzero(edges == 1)
    run_ends = np.nonzero(edges == -1)[1]
    parent = list(range(run_rows.size))

    def root(run: int) -> int:
        while parent[run] != run:
            parent[run] = parent[parent[run]]
            run = parent[run]
        return run

    first_of_row = np.searchsorted(run_rows, np.arange(height + 1)).tolist()
    starts, ends = run_starts.tolist(), run_ends.tolist()
    for row in range(1, height):
        above, above_end = first_of_row[row - 1], first_of_row[row]
        here, here_end = first_of_row[row], first_of_row[row + 1]
        while above < above_end and here < here_end:
            if starts[above] < ends[here] and starts[here] < ends[above]:
                parent[root(here)] = root(above)
            if ends[above] < ends[here]:
                above += 1
            else:
                here += 1
    roots = np.array([root(run) for run in range(run_rows.size)], dtype=np.int64)
    _, numbers = np.unique(roots, return_inverse=True)
    # Each run adds its number at its start and takes it back at its end: a running
    # sum over the flattened rows paints every run at once.
    steps = np.zeros(height * width + 1, dtype=np.int32)
    flat = run_rows * width
    np.add.at(steps, flat + run_starts, numbers + 1)
    np.add.at(steps, flat + run_ends, -(numbers + 1))
    return np.cumsum(steps[:-1], dtype=np.int32).reshape(height, width)


def _largest_region(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The largest of the connected bright regions nearest the frame's centre."""
    height, width = mask.shape
    ys, xs = np.nonzero(mask)
    if xs.size == 0:
        return mask
    labels = _label_regions(mask)
    sizes = np.bincount(labels.ravel())
    best, tried = 0, 0
    seen: set[int] = set()
    order = np.argsort((xs - width / 2) ** 2 + (ys - height / 2) ** 2)
    for index in order[:: max(1, order.size // 400)]:
        label = int(labels[ys[index], xs[index]])
        if label in seen:
            continue
        seen.add(label)
        if best == 0 or sizes[label] > sizes[best]:
            best = label
        tried += 1
        if tried >= 6 or sizes[best] > 0.15 * mask.size:
            break
    region: NDArray[np.bool_] = labels == best
    return region


def _convex_hull(points: NDArray[np.float64]) -> NDArray[np.float64]:
    ordered = sorted(map(tuple, points.tolist()))
    if len(ordered) < 3:
        return np.array(ordered)

    def cross(o: tuple[float, ...], a: tuple[float, ...], b: tuple[float, ...]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, ...]] = []
    for point in ordered:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[tuple[float, ...]] = []
    for point in reversed(ordered):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return np.array(lower[:-1] + upper[:-1], dtype=np.float64)


def _reduce_to_four(hull: NDArray[np.float64]) -> NDArray[np.float64]:
    """Drop the hull vertex that adds the least area until four remain."""
    points = [tuple(point) for point in hull.tolist()]
    while len(points) > 4:
        areas = []
        for index in range(len(points)):
            a, b, c = points[index - 1], points[index], points[(index + 1) % len(points)]
            areas.append(abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])))
        points.pop(int(np.argmin(areas)))
    return np.array(points, dtype=np.float64)


def _refine(quad: NDArray[np.float64], outline: NDArray[np.float64]) -> NDArray[np.float64]:
    """Fit a line to the outline points along each side; corners are where they meet."""
    lines = []
    for index in range(4):
        a, b = quad[index], quad[(index + 1) % 4]
        direction = b - a
        length = float(np.hypot(*direction))
        if length < 1:
            return quad
        unit = direction / length
        normal = np.array([-unit[1], unit[0]])
        relative = outline - a
        along = relative @ unit
        across = relative @ normal
        near = (
            (np.abs(across) < max(2.0, 0.02 * length))
            & (along > 0.15 * length)
            & (along < 0.85 * length)
        )
        chosen = outline[near]
        if len(chosen) < 5:
            lines.append((a, unit))
            continue
        centre = chosen.mean(axis=0)
        _, _, vt = np.linalg.svd(chosen - centre, full_matrices=False)
        lines.append((centre, vt[0]))
    corners = []
    for index in range(4):
        (p1, d1), (p2, d2) = lines[index - 1], lines[index]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            corners.append(quad[index])
            continue
        t = np.linalg.solve(matrix, p2 - p1)
        corners.append(p1 + t[0] * d1)
    return np.array(corners)


def _order(quad: NDArray[np.float64]) -> Quad:
    """Top-left, top-right, bottom-right, bottom-left (clockwise on screen)."""
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    ordered = quad[np.argsort(angles)]  # clockwise from the left on screen (y down)
    start = int(np.argmin(ordered.sum(axis=1)))
    rolled = np.roll(ordered, -start, axis=0)
    return (
        (float(rolled[0][0]), float(rolled[0][1])),
        (float(rolled[1][0]), float(rolled[1][1])),
        (float(rolled[2][0]), float(rolled[2][1])),
        (float(rolled[3][0]), float(rolled[3][1])),
    )


def find_page_corners(image: Image.Image) -> Quad | None:
    """The page's four corners in ``image`` pixels, or None when no page stands out."""
    scale = WORK_SIDE / max(image.size)
    small = image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.BILINEAR,
    )
    region = _largest_region(_paper_mask(small))
    if region.sum() < 0.05 * region.size:
        return None
    inner = np.asarray(
        Image.fromarray((region * 255).astype(np.uint8)).filter(ImageFilter.MinFilter(3))
    )
    ys, xs = np.nonzero(region & ~(inner > 127))
    outline = np.stack([xs, ys], axis=1).astype(np.float64) + 0.5
    hull = _convex_hull(outline)
    if len(hull) < 4:
        return None
    quad = _refine(_reduce_to_four(hull), outline)
    ordered = _order(quad / scale)
    return ordered


def _perspective_coefficients(source: Quad, size: tuple[int, int]) -> list[float]:
    """Coefficients mapping output pixels to ``source`` (Pillow's PERSPECTIVE transform)."""
    width, height = size
    target = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    rows = []
    values = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(values))
    return [float(value) for value in solution]


def correct_perspective(image: Image.Image, corners: Quad, dpi: int = OUTPUT_DPI) -> Image.Image:
    """The quadrilateral warped to an upright A4-proportioned page at ``dpi``."""
    (tl, tr, br, bl) = corners
    top, bottom = math.dist(tl, tr), math.dist(bl, br)
    left, right = math.dist(tl, bl), math.dist(tr, br)
    landscape = (top + bottom) > (left + right)
    short_side = round(210 / 25.4 * dpi)
    long_side = round(short_side * A4_RATIO)
    size = (long_side, short_side) if landscape else (short_side, long_side)
    return image.transform(
        size,
        Image.Transform.PERSPECTIVE,
        _perspective_coefficients(corners, size),
        Image.Resampling.BILINEAR,
    )


def process_photo(data: bytes) -> ProcessedPage:
    """A camera frame: find the page, straighten it, compress it (whole frame if no page)."""
    image = open_image(data)
    corners = find_page_corners(image)
    if corners is None:
        return compress_page(_fit_to_page(image))
    # Colour or grey is decided on a 50-dpi warp (the desk around the page must not
    # count), so a grey page is warped at full size as one channel, not three.
    colour = has_colour(correct_perspective(image, corners, dpi=50))
    if not colour:
        image = image.convert("L")
    return compress_page(correct_perspective(image, corners), colour=colour)


# --- scans ---------------------------------------------------------------------------------

_SKEW_SIDE = 600
"""Long side of the copy the skew is measured on: ample for a row profile."""
_INK_LEVEL = 160
"""Grey below this is ink when the margins are cropped."""


def _turned(
    xs: NDArray[np.float64], ys: NDArray[np.float64], degrees: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Where points land when the image turns ``degrees`` counter-clockwise on screen.

    Coordinates are relative to the centre of the turn, y pointing down (as
    :meth:`PIL.Image.Image.rotate` turns an image).
    """
    radians = math.radians(degrees)
    cos, sin = math.cos(radians), math.sin(radians)
    return xs * cos + ys * sin, ys * cos - xs * sin


def skew_angle(image: Image.Image, limit: float = 8.0, step: float = 0.25) -> float:
    """Degrees to rotate ``image`` by (counter-clockwise) so its text lines are level.

    The angle whose row profile is sharpest wins: a coarse search by whole
    degrees, then a fine one around the best, on a 600-pixel copy. The image
    is not turned for each angle: the ink's pixels are projected onto the
    turned rows (a weighted histogram), which costs a fraction of a
    millisecond per angle where a rotation cost several.
    """
    grey = image if image.mode == "L" else image.convert("L")
    scale = _SKEW_SIDE / max(grey.size)
    small = grey.resize(
        (max(1, round(grey.width * scale)), max(1, round(grey.height * scale))),
        Image.Resampling.BILINEAR,
        reducing_gap=2.0,
    )
    darkness = 255.0 - np.asarray(small, dtype=np.float64)
    ink_rows, ink_columns = np.nonzero(darkness > 64)
    if ink_columns.size == 0:
        return 0.0
    weights = darkness[ink_rows, ink_columns]
    xs = ink_columns.astype(np.float64) - small.width / 2
    ys = ink_rows.astype(np.float64) - small.height / 2
    offset = math.hypot(small.width, small.height) / 2 + 1
    bins = int(2 * offset) + 2
    best_angle, best_score = 0.0, -1.0
    for coarse in (True, False):
        centre = best_angle
        span = limit if coarse else 1.0
        stride = 1.0 if coarse else step
        for angle in np.arange(centre - span, centre + span + 1e-9, stride):
            _, rows = _turned(xs, ys, float(angle))
            profile = np.bincount(
                np.rint(rows + offset).astype(np.intp), weights=weights, minlength=bins
            )
            score = float(np.sum(np.diff(profile) ** 2))
            if score > best_score:
                best_angle, best_score = float(angle), score
    return best_angle


def _ink_box(grey: Image.Image, degrees: float) -> tuple[float, float, float, float] | None:
    """The ink's bounding box once the image is turned, relative to the turn's centre.

    Only each row's leftmost and rightmost ink pixel can be extreme after a
    turn (both turned coordinates are linear in x along a row), so two points
    per row stand for the whole page: no full-size rotation is needed to
    know where to crop.
    """
    ink = np.asarray(grey) < _INK_LEVEL
    rows = np.nonzero(ink.any(axis=1))[0]
    if rows.size == 0:
        return None
    inked = ink[rows]
    left = inked.argmax(axis=1).astype(np.float64)
    right = (grey.width - inked[:, ::-1].argmax(axis=1)).astype(np.float64)
    ys = np.concatenate([rows, rows, rows + 1, rows + 1]).astype(np.float64) - grey.height / 2
    xs = np.concatenate([left, right, left, right]) - grey.width / 2
    turned_x, turned_y = _turned(xs, ys, degrees)
    return (
        float(turned_x.min()),
        float(turned_y.min()),
        float(turned_x.max()),
        float(turned_y.max()),
    )


def deskew_and_crop(image: Image.Image, margin_mm: float = 5.0, dpi: int = 300) -> Image.Image:
    """A scan rotated level, cropped to its ink plus a small margin, at most :data:`OUTPUT_DPI`.

    The skew and the crop box are found first (on a small copy and on two
    points per row), then one affine transform turns, crops and scales the
    page at once, computing only the output's pixels: a 300-dpi A4 scan costs
    one pass over a 200-dpi page instead of a scale, a rotation of the whole
    bed and a crop.
    """
    factor = min(1.0, OUTPUT_DPI / dpi)
    grey = image if image.mode == "L" else image.convert("L")
    angle = skew_angle(grey)
    if abs(angle) < 0.1:
        angle = 0.0
    box = _ink_box(grey, angle)
    # The turned image's own bounds (what a rotation with expand=True would hold).
    half_width, half_height = _turned_half_size(image.size, angle)
    if box is None:
        left, top, right, bottom = -half_width, -half_height, half_width, half_height
    else:
        pad = margin_mm / 25.4 * dpi
        left = max(-half_width, box[0] - pad)
        top = max(-half_height, box[1] - pad)
        right = min(half_width, box[2] + pad)
        bottom = min(half_height, box[3] + pad)
    size = (max(1, round((right - left) * factor)), max(1, round((bottom - top) * factor)))
    if angle == 0.0 and factor == 1.0:
        origin = (image.width / 2 + left, image.height / 2 + top)
        return image.crop(
            (
                round(origin[0]),
                round(origin[1]),
                round(origin[0]) + size[0],
                round(origin[1]) + size[1],
            )
        )
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    # Output pixel (X, Y) is turned-frame point (left + X/f, top + Y/f); turned back
    # into the scan: x = u cos - v sin, y = u sin + v cos (relative to the centre).
    coefficients = (
        cos / factor,
        -sin / factor,
        image.width / 2 + left * cos - top * sin,
        sin / factor,
        cos / factor,
        image.height / 2 + left * sin + top * cos,
    )
    white: float | tuple[int, int, int] = 255 if image.mode == "L" else (255, 255, 255)
    return image.transform(
        size,
        Image.Transform.AFFINE,
        coefficients,
        Image.Resampling.BILINEAR,
        fillcolor=white,
    )


def _turned_half_size(size: tuple[int, int], degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    cos, sin = abs(math.cos(radians)), abs(math.sin(radians))
    width, height = size
    return (width * cos + height * sin) / 2, (width * sin + height * cos) / 2


def process_scan(data: bytes, dpi: int = 300) -> ProcessedPage:
    """A scanner image: greyscale unless coloured, deskew, crop the margins, compress.

    The colour decision comes first, on a small copy, so a grey page is
    turned and cropped as one channel instead of three.
    """
    image = open_image(data)
    colour = has_colour(image)
    if not colour and image.mode != "L":
        image = image.convert("L")
    page = _fit_to_page(deskew_and_crop(image, dpi=dpi))
    return compress_page(page, dpi=min(dpi, OUTPUT_DPI), colour=colour)


def _fit_to_page(image: Image.Image) -> Image.Image:
    """Scale so the page is no larger than A4 at :data:`OUTPUT_DPI`."""
    short_side = round(210 / 25.4 * OUTPUT_DPI)
    long_side = round(short_side * A4_RATIO)
    limit = (long_side, short_side) if image.width > image.height else (short_side, long_side)
    factor = min(1.0, limit[0] / image.width, limit[1] / image.height)
    if factor >= 1.0:
        return image
    return image.resize(
        (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
    )


# --- colour and compression ----------------------------------------------------------------


def has_colour(image: Image.Image) -> bool:
    """True when enough of the page is clearly coloured (a red seal, a photo, a stamp)."""
    if image.mode == "L":
        return False
    small = image.resize((200, max(1, round(200 * image.height / image.width)))).convert("RGB")
    hsv = np.asarray(small.convert("HSV"))
    coloured = (hsv[..., 1] > 90) & (hsv[..., 2] > 60)
    return bool(coloured.mean() > 0.0015)


def flatten_lighting(image: Image.Image) -> Image.Image:
    """Divide out shadows and uneven light: the paper turns evenly white, ink stays dark.

    Tesseract (and an officer's eye) thresholds a page globally, so a shadow
    across it hides whole lines. The paper's brightness is estimated on a
    small copy (the brightest nearby pixel, smoothed) and every channel is
    divided by it, which keeps a red seal red; a few tens of milliseconds.
    """
    shrink, block = 16, 4
    grey = image if image.mode == "L" else image.convert("L")
    small = grey.resize(
        (max(1, grey.width // shrink), max(1, grey.height // shrink)), reducing_gap=2.0
    )
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(3))
    gain_small = 255.0 / np.maximum(np.asarray(paper, dtype=np.float32), 40.0)
    # The gain is smooth: interpolated to a quarter of the page's size, then each
    # value spread over its 4 x 4 pixels (half a millimetre), a fifth of the cost
    # of interpolating every pixel.
    quarter = Image.fromarray(gain_small, "F").resize(
        (-(-grey.width // block), -(-grey.height // block)), Image.Resampling.BILINEAR
    )
    gain = np.asarray(quarter).repeat(block, axis=0).repeat(block, axis=1)
    gain = gain[: grey.height, : grey.width]
    values = np.asarray(image, dtype=np.float32)
    if values.ndim == 3:
        gain = gain[..., None]
    np.multiply(values, gain, out=values)
    np.minimum(values, 255.0, out=values)
    return Image.fromarray(values.astype(np.uint8), image.mode)


def compress_page(
    page: Image.Image,
    limit: int = MAX_PAGE_BYTES,
    dpi: int = OUTPUT_DPI,
    *,
    colour: bool | None = None,
) -> ProcessedPage:
    """JPEG in greyscale or colour, at the best quality that stays within ``limit`` bytes.

    ``dpi`` is written into the JPEG so the PDF page gets the paper's real size;
    ``colour`` is the caller's decision when it already made it (None: look).
    """
    if colour is None:
        colour = has_colour(page)
    image = flatten_lighting(page.convert("RGB" if colour else "L"))
    if not colour:
        image = ImageOps.autocontrast(image, cutoff=(0.5, 0.5))
    for quality in (80, 70, 60, 50, 40, 30):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
        if out.tell() <= limit:
            return ProcessedPage(out.getvalue(), image.width, image.height, colour)
    smaller = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
    return compress_page(smaller, limit, dpi * 3 // 4, colour=colour)


def rotate_page(jpeg: bytes, quarter_turns: int = 1) -> ProcessedPage:
    """A stored page turned by 90° clockwise steps (the capture screen's rotate button)."""
    image = Image.open(io.BytesIO(jpeg))
    turned = image.rotate(-90 * quarter_turns, expand=True)
    return compress_page(turned)
