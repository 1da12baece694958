"""Synthetic Vietnamese papers, and "photographs" of them on a cluttered desk.

Training mode lets a volunteer try capture with no scanner or camera using
these pages, and the tests and ``bench/page_processing.py`` measure the image
pipeline on them: every figure, name and number is made up. A photograph
knows where it put the page's corners, so corner finding can be scored.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from kiosk.paths import asset_dir

PAGE_SIZE = (1240, 1754)
"""A4 at 150 dpi."""
SAMPLE_KINDS = ("birth_certificate", "marriage_certificate", "land_use_certificate")

type Point = tuple[float, float]


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "BeVietnamPro-Bold.ttf" if bold else "BeVietnamPro-Regular.ttf"
    return ImageFont.truetype(str(asset_dir() / "fonts" / name), size)


_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_CONTENT: dict[str, tuple[str, list[str]]] = {
    "birth_certificate": (
        "GIẤY CHỨNG SINH",
        [
            "Số: 0042/GCS, Quyển số: 03",
            "Họ và tên mẹ: Nguyễn Thị Hoa",
            "Năm sinh: 1996, Dân tộc: Kinh",
            "Nơi cư trú: Tổ 5, phường Điện Bàn",
            "Đã sinh con vào lúc 08 giờ 15 phút",
            "ngày 12 tháng 11 năm 2026",
            "Tại: Bệnh viện Đa khoa Quảng Nam",
            "Số con trong lần sinh: 01",
            "Giới tính của con: Nữ",
            "Cân nặng: 3.200 gam",
            "Dự định đặt tên con là: Trần Thị Mai",
        ],
    ),
    "marriage_certificate": (
        "GIẤY CHỨNG NHẬN KẾT HÔN",
        [
            "Họ, chữ đệm, tên chồng: Trần Văn Bình",
            "Ngày sinh: 04/07/1993, Dân tộc: Kinh",
            "Quốc tịch: Việt Nam",
            "Họ, chữ đệm, tên vợ: Lê Thị Thu",
            "Ngày sinh: 21/02/1995, Dân tộc: Kinh",
            "Nơi cư trú: Thôn Đông, xã Điện Phước",
            "Đăng ký ngày 15 tháng 5 năm 2020",
            "Số: 118, Quyển số: 01/2020",
            "Chữ ký của hai bên nam nữ",
        ],
    ),
    "land_use_certificate": (
        "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
        [
            "Người sử dụng đất: Ông Phạm Văn Đức",
            "Thửa đất số: 215, Tờ bản đồ số: 12",
            "Địa chỉ: Khối phố 3, phường Điện Bàn",
            "Diện tích: 152,5 mét vuông",
            "Hình thức sử dụng: Sử dụng riêng",
            "Mục đích sử dụng: Đất ở tại đô thị",
            "Thời hạn sử dụng: Lâu dài",
            "Nguồn gốc: Nhà nước giao đất có thu tiền",
            "Vào sổ cấp giấy số: CH 04521",
        ],
    ),
}


def sample_text(kind: str) -> list[str]:
    """Every line printed on a sample page, for OCR comparisons."""
    title, lines = _CONTENT[kind]
    return [*_HEADER, title, *lines]


def render_sample(kind: str, page: int = 1) -> Image.Image:
    """A clean A4 page at 150 dpi: national header, title, filled lines, a red seal."""
    title, lines = _CONTENT[kind]
    image = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    width = PAGE_SIZE[0]

    def centred(y: int, text: str, size: int, bold: bool = False) -> None:
        font = _font(size, bold)
        left, _, right, _ = draw.textbbox((0, 0), text, font=font)
        draw.text(((width - (right - left)) / 2, y), text, fill="black", font=font)

    centred(110, _HEADER[0], 34, bold=True)
    centred(160, _HEADER[1], 32, bold=True)
    draw.line((420, 210, 820, 210), fill="black", width=2)
    centred(300, title, 44, bold=True)
    y = 420
    for line in lines if page == 1 else [f"(Trang {page}) {line}" for line in lines[:5]]:
        draw.text((130, y), line, fill="black", font=_font(34))
        y += 82
    centred(y + 60, "TM. ỦY BAN NHÂN DÂN", 32, bold=True)
    seal_centre = (width // 2 + 160, y + 220)
    for radius, line_width in ((120, 8), (95, 3)):
        draw.ellipse(
            (
                seal_centre[0] - radius,
                seal_centre[1] - radius,
                seal_centre[0] + radius,
                seal_centre[1] + radius,
            ),
            outline=(200, 20, 30),
            width=line_width,
        )
    draw.text(
        (seal_centre[0] - 60, seal_centre[1] - 20), "ĐIỆN BÀN", fill=(200, 20, 30), font=_font(28)
    )
    return image


def sample_jpeg(kind: str, page: int = 1) -> bytes:
    out = io.BytesIO()
    render_sample(kind, page).save(out, "JPEG", quality=90)
    return out.getvalue()


@dataclass(frozen=True)
class Photograph:
    """A simulated camera frame and where the page's corners really are in it."""

    jpeg: bytes
    corners: tuple[Point, Point, Point, Point]
    """Top-left, top-right, bottom-right, bottom-left of the page, in frame pixels."""
    size: tuple[int, int]

    @property
    def diagonal(self) -> float:
        return math.hypot(*self.size)


def _desk(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    base = np.array([rng.randint(110, 150), rng.randint(70, 95), rng.randint(35, 55)], float)
    grain = np.cumsum(np.random.default_rng(rng.randrange(2**32)).normal(0, 1.2, (height, 1)), 0)
    stripes = 14 * np.sin(np.arange(width)[None, :] / rng.uniform(9, 25) + grain)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 6, (height, width))
    desk = base[None, None, :] + (stripes + noise)[..., None]
    image = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(12, 20)):  # pens, a mug, keys, a phone, sticky notes
        colour = rng.choice(
            [
                (30, 60, 180),
                (180, 30, 40),
                (20, 130, 60),
                (230, 200, 30),
                (25, 25, 25),
                (90, 40, 120),
            ]
        )
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        w, h = rng.uniform(30, 260), rng.uniform(20, 160)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        else:
            angle = rng.uniform(0, math.pi)
            dx, dy = math.cos(angle), math.sin(angle)
            points = [
                (x, y),
                (x + w * dx, y + w * dy),
                (x + w * dx - h * dy * 0.3, y + w * dy + h * dx * 0.3),
                (x - h * dy * 0.3, y + h * dx * 0.3),
            ]
            draw.polygon(points, fill=colour)
    return image


def _homography(source: list[Point], target: list[Point]) -> list[float]:
    """Pillow PERSPECTIVE coefficients taking ``target`` points to ``source`` points."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows, float), np.array(values, float))]


def photograph(
    page: Image.Image,
    rng: random.Random,
    *,
    size: tuple[int, int] = (2400, 1800),
    max_rotation: float = 30.0,
) -> Photograph:
    """The page on a cluttered desk: rotated, in perspective, under a shadow, slightly soft."""
    width, height = size
    frame = _desk(rng, size)
    scale = rng.uniform(0.8, 0.92) * height / page.height
    angle = math.radians(rng.uniform(-max_rotation, max_rotation))
    half_w, half_h = page.width * scale / 2, page.height * scale / 2
    centre = (width / 2 + rng.uniform(-0.08, 0.08) * width, height / 2)
    corners: list[Point] = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * half_w, sy * half_h
        # Perspective: the far edge (top) is narrower than the near one.
        x *= 1 - 0.07 * (-sy) * rng.uniform(0.3, 1.0)
        rx = x * math.cos(angle) - y * math.sin(angle)
        ry = x * math.sin(angle) + y * math.cos(angle)
        jitter = 0.02 * height
        corners.append(
            (
                centre[0] + rx + rng.uniform(-jitter, jitter),
                centre[1] + ry + rng.uniform(-jitter, jitter),
            )
        )
    # Keep the page inside the frame: shrink towards the centre if a corner falls out.
    margin = 0.03 * height
    worst = 1.0
    for x, y in corners:
        for value, low, high, mid in (
            (x, margin, width - margin, centre[0]),
            (y, margin, height - margin, centre[1]),
        ):
            if value < low:
                worst = min(worst, (mid - low) / (mid - value))
            elif value > high:
                worst = min(worst, (high - mid) / (value - mid))
    corners = [
        (centre[0] + (x - centre[0]) * worst, centre[1] + (y - centre[1]) * worst)
        for x, y in corners
    ]
    source = [
        (0.0, 0.0),
        (float(page.width), 0.0),
        (float(page.width), float(page.height)),
        (0.0, float(page.height)),
    ]
    coefficients = _homography(source, corners)
    warped = page.transform(
        size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", page.size, 255).transform(
        size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    frame.paste(warped, (0, 0), mask)
    # A soft shadow (a hand or the phone) across part of the frame, drawn small and
    # blurred there (a wide blur at full size costs seconds), then scaled up.
    shrink = 8
    shade = Image.new("L", (width // shrink, height // shrink), 255)
    draw = ImageDraw.Draw(shade)
    shadow_x = rng.uniform(0.1, 0.7) * width / shrink
    band = [rng.uniform(300, 800), rng.uniform(0, 600), 300.0]
    draw.polygon(
        [
            (shadow_x, 0),
            (shadow_x + band[0] / shrink, 0),
            (shadow_x + band[1] / shrink, height / shrink),
            (shadow_x - band[2] / shrink, height / shrink),
        ],
        fill=rng.randint(150, 190),
    )
    shade = shade.filter(ImageFilter.GaussianBlur(60 / shrink))
    # Uneven light: brighter towards one side.
    gradient = Image.linear_gradient("L").rotate(rng.uniform(60, 120)).resize(shade.size)
    light = gradient.point(lambda value: 217 + value * 38 // 255)
    shade = ImageChops.multiply(shade, light).resize(size, Image.Resampling.BILINEAR)
    lit = ImageChops.multiply(frame, Image.merge("RGB", (shade, shade, shade)))
    noise = Image.effect_noise(size, 3).convert("RGB")
    final = ImageChops.add(lit, noise, scale=1.0, offset=-128).filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    final.save(out, "JPEG", quality=88)
    return Photograph(out.getvalue(), (corners[0], corners[1], corners[2], corners[3]), size)
