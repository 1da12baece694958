"""Decoding QR images with zxing-cpp: the card examples survive a camera-like photo."""

from __future__ import annotations

import numpy as np
import pytest
import qrcode
from PIL import Image, ImageEnhance, ImageFilter

from kiosk.identity import QrDecodeError, parse_id_card_qr
from kiosk.identity.qr_decode import decode_qr_from_image

EXAMPLES = [
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021",
    "049195005678||Trần Thị Bình|02021995|Nữ|"
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng|10082025",
    "048208000042||Lê Minh Khang|29022008|Nam|Phường Hải Châu, Thành phố Đà Nẵng|01072024",
]


def qr_image(payload: str | bytes, box_size: int = 4) -> Image.Image:
    code = qrcode.QRCode(box_size=box_size, border=4)
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def photographed(image: Image.Image) -> Image.Image:
    """A card held crooked in front of a cheap webcam: rotated, soft, washed out."""
    canvas = Image.new("L", (image.width * 2, image.height * 2), 200)
    canvas.paste(image, (image.width // 2, image.height // 3))
    tilted = canvas.rotate(17, resample=Image.Resampling.BICUBIC, fillcolor=200)
    blurred = tilted.filter(ImageFilter.GaussianBlur(radius=1.2))
    faded = ImageEnhance.Contrast(blurred).enhance(0.35)
    noise = np.random.default_rng(7).normal(0, 6, (faded.height, faded.width))
    return Image.fromarray(np.clip(np.asarray(faded) + noise, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("payload", EXAMPLES)
def test_clean_qr_from_pil_and_numpy(payload: str) -> None:
    image = qr_image(payload)
    assert decode_qr_from_image(image) == [payload]
    assert decode_qr_from_image(np.asarray(image)) == [payload]
    bgr = np.repeat(np.asarray(image)[:, :, None], 3, axis=2)
    assert decode_qr_from_image(bgr) == [payload]


@pytest.mark.parametrize("payload", EXAMPLES)
def test_photographed_card_still_decodes_exactly(payload: str) -> None:
    photo = photographed(qr_image(payload))
    # The photo really is degraded: dark and light modules are close in grey.
    low, high = np.percentile(np.asarray(photo), [2, 98])
    assert high - low < 110
    texts = decode_qr_from_image(photo)
    assert texts == [payload]
    assert parse_id_card_qr(texts[0]).id_number == payload[:12]


def test_no_qr_and_empty_images_give_an_empty_list() -> None:
    assert decode_qr_from_image(np.full((120, 160), 255, dtype=np.uint8)) == []
    assert decode_qr_from_image(np.zeros((0, 0), dtype=np.uint8)) == []
    assert decode_qr_from_image(np.zeros((4,), dtype=np.uint8)) == []


def test_non_utf8_qr_is_refused_in_vietnamese() -> None:
    with pytest.raises(QrDecodeError) as caught:
        decode_qr_from_image(qr_image(b"\xff\xfe\x80 not text"))
    assert caught.value.reason == "qr_not_utf8"
    assert "mã qr" in str(caught.value).casefold()


def test_wrong_array_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        decode_qr_from_image(np.zeros((10, 10), dtype=np.float32))
