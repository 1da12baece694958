"""Pages from the kiosk's camera: the live preview, and the frame taken when asked.

QtMultimedia delivers frames to a :class:`QVideoSink` (the same pipeline the
QR reader uses, :mod:`kiosk.ui.camera_scanner`); this keeps the latest frame,
shows it scaled in a preview label, and hands it over as JPEG bytes in memory
when the citizen taps "capture". Nothing is written to disk. A frame is
copied out of the video buffer by mapping it (no GPU conversion needed).

With no camera (or no QtMultimedia), :meth:`CameraPages.start` returns False
and the capture screen offers the scanner or "bring it to the counter".
"""

from __future__ import annotations

import importlib
import io
import logging
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel

log = logging.getLogger(__name__)


def _multimedia() -> Any | None:
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError as error:
        log.warning("QtMultimedia unavailable: %s", error)
        return None


def frame_to_image(frame: Any) -> QImage | None:
    """A private copy of a video frame as a QImage (None for an empty frame)."""
    multimedia = _multimedia()
    if multimedia is None or not frame.isValid():
        return None
    image_format = multimedia.QVideoFrameFormat.imageFormatFromPixelFormat(frame.pixelFormat())
    if image_format == QImage.Format.Format_Invalid:
        converted: QImage = frame.toImage()  # YUV from a real camera: Qt converts
        return converted.copy() if not converted.isNull() else None
    if not frame.map(multimedia.QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        data = bytes(frame.bits(0))
        image = QImage(data, frame.width(), frame.height(), frame.bytesPerLine(0), image_format)
        return image.copy()
    finally:
        frame.unmap()


def image_to_jpeg(image: QImage, quality: int = 92) -> bytes:
    """The image as JPEG bytes, encoded by Pillow in memory (as every other page is)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    picture = Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1
    )
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality)
    return out.getvalue()


class CameraPages(QObject):
    """The camera as a page source: ``sink`` receives frames, ``grab()`` takes one."""

    frame_arrived = Signal()

    def __init__(self, preview: QLabel | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.latest: QImage | None = None
        self._session: Any = None
        self._camera: Any = None
        multimedia = _multimedia()
        self.sink: Any = multimedia.QVideoSink(self) if multimedia is not None else None
        if self.sink is not None:
            self.sink.videoFrameChanged.connect(self._on_frame)

    def start(self) -> bool:
        """Open the default camera; False when there is none."""
        multimedia = _multimedia()
        if multimedia is None or self.sink is None:
            return False
        if not multimedia.QMediaDevices.videoInputs():
            return False
        if self._camera is None:
            self._camera = multimedia.QCamera(self)
            self._session = multimedia.QMediaCaptureSession(self)
            self._session.setCamera(self._camera)
            self._session.setVideoSink(self.sink)
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self.latest = None

    def _on_frame(self, frame: Any) -> None:
        image = frame_to_image(frame)
        if image is None:
            return
        self.latest = image
        if self.preview is not None and self.preview.isVisible():
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.frame_arrived.emit()

    def grab(self) -> bytes | None:
        """The latest frame as JPEG bytes, or None when no frame has come yet."""
        return None if self.latest is None else image_to_jpeg(self.latest)
