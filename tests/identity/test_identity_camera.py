"""The webcam scanner widget: no-camera behaviour and the off-thread decode path.

This machine has no camera, so frames are fed through ``offer_frame_image``,
the same entry the camera's video sink uses; everything after it (grayscale
conversion, worker thread, zxing-cpp, signals) is real.
"""

from __future__ import annotations

import numpy as np
import pytest
import qrcode
from PIL import Image, ImageEnhance, ImageFilter
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.camera_scanner import (
    CameraScanner,
    attach_camera_button,
    camera_available,
    qimage_to_gray_array,
)

# QtMultimedia's FFmpeg backend warns when optional libraries (PipeWire,
# VA-API) are absent; that is expected on kiosks and CI machines.
pytestmark = pytest.mark.qt_log_ignore(r"Couldn't (load|resolve) (pipewire|va)")

EXAMPLE_2 = (
    "049195005678||Trần Thị Bình|02021995|Nữ|"
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng|10082025"
)


def to_qimage(image: Image.Image, fmt: QImage.Format = QImage.Format.Format_RGB32) -> QImage:
    gray = np.ascontiguousarray(np.asarray(image.convert("L")))
    height, width = gray.shape
    qimage = QImage(gray.data, width, height, width, QImage.Format.Format_Grayscale8)
    return qimage.convertToFormat(fmt)  # a deep copy in the camera's usual format


def qr_picture(payload: str | bytes, photographed: bool = False) -> Image.Image:
    code = qrcode.QRCode(box_size=4, border=4)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image().get_image().convert("L")
    if not photographed:
        return image
    canvas = Image.new("L", (640, 480), 190)
    canvas.paste(image, (150, 60))
    tilted = canvas.rotate(-12, resample=Image.Resampling.BICUBIC, fillcolor=190)
    return ImageEnhance.Contrast(tilted.filter(ImageFilter.GaussianBlur(1.0))).enhance(0.4)


@pytest.fixture
def scanner(qtbot: QtBot) -> CameraScanner:
    widget = CameraScanner(min_decode_interval_ms=0)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_availability_follows_the_system_devices(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    assert camera_available() == bool(QMediaDevices.videoInputs())
    assert CameraScanner.camera_available() == camera_available()


@pytest.mark.skipif(camera_available(), reason="this machine has a camera")
def test_without_camera_start_fails_gently_and_the_button_is_hidden(
    qtbot: QtBot, scanner: CameraScanner
) -> None:
    assert scanner.start() is False
    assert not scanner.is_active
    status = scanner.findChild(QLabel, "camera_status")
    assert status is not None and "camera" in status.text()
    scanner.stop()
    scanner.stop()
    scanner.hide()

    button = QPushButton("Quét bằng camera")
    qtbot.addWidget(button)
    button.show()
    assert attach_camera_button(button, scanner) is False
    assert button.isHidden()


def test_qimage_conversion_drops_row_padding() -> None:
    # 31 pixels wide: Qt pads Grayscale8 rows to 32 bytes.
    image = QImage(31, 7, QImage.Format.Format_RGB32)
    image.fill(0xFF808080)
    array = qimage_to_gray_array(image)
    assert array.shape == (7, 31)
    assert array.dtype == np.uint8 and int(array[3, 30]) == 128


@pytest.mark.parametrize("photographed", [False, True])
def test_frames_are_decoded_off_the_gui_thread(
    qtbot: QtBot, scanner: CameraScanner, photographed: bool
) -> None:
    frame = to_qimage(qr_picture(EXAMPLE_2, photographed=photographed))
    with qtbot.waitSignal(scanner.payload_decoded, timeout=5000) as blocker:
        assert scanner.offer_frame_image(frame) is True
        # A second frame while the first is being decoded is dropped.
        assert scanner.offer_frame_image(frame) is False
    assert blocker.args == [EXAMPLE_2]


def test_throttle_limits_decodes_per_second(qtbot: QtBot) -> None:
    slow = CameraScanner(min_decode_interval_ms=60_000)
    qtbot.addWidget(slow)
    frame = to_qimage(qr_picture(EXAMPLE_2))
    with qtbot.waitSignal(slow.payload_decoded, timeout=5000):
        assert slow.offer_frame_image(frame) is True
    assert slow.offer_frame_image(frame) is False  # not busy any more, but too soon


def test_same_payload_is_reported_once(qtbot: QtBot, scanner: CameraScanner) -> None:
    frame = to_qimage(qr_picture(EXAMPLE_2))
    received: list[str] = []
    scanner.payload_decoded.connect(received.append)
    for _ in range(3):
        qtbot.waitUntil(lambda: scanner.offer_frame_image(frame), timeout=5000)
    qtbot.waitUntil(lambda: scanner.offer_frame_image(QImage(8, 8, QImage.Format.Format_RGB32)))
    qtbot.waitUntil(lambda: not scanner.decoding, timeout=5000)
    assert received == [EXAMPLE_2]


def test_non_text_qr_reports_a_vietnamese_failure(qtbot: QtBot, scanner: CameraScanner) -> None:
    frame = to_qimage(qr_picture(b"\xff\xfe\x80 binary"))
    with qtbot.waitSignal(scanner.scan_failed, timeout=5000) as blocker:
        scanner.offer_frame_image(frame)
    assert "quét lại" in blocker.args[0]


def test_results_after_stop_are_ignored(qtbot: QtBot, scanner: CameraScanner) -> None:
    frame = to_qimage(qr_picture(EXAMPLE_2))
    with qtbot.assertNotEmitted(scanner.payload_decoded, wait=100):
        scanner.offer_frame_image(frame)
        scanner.stop()  # the screen is left while a decode is in flight
