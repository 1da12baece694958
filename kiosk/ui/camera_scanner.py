"""Read the ID card's QR code through a webcam.

:class:`CameraScanner` shows the camera preview and decodes frames with
zxing-cpp (via :func:`kiosk.identity.qr_decode.decode_qr_from_image`) on the
GUI's background runner (:class:`kiosk.ui.background.TaskRunner`), a few
frames per second at most, dropping frames while a decode is running, so the
GUI never waits for the decoder. Frames live only in memory for the one decode;
no image is ever written anywhere.

QtMultimedia is imported lazily: on a machine whose QtMultimedia cannot load
(missing system libraries), :func:`camera_available` answers False and the
rest of the kiosk keeps working. The scan screen hides its camera button in
that case (:func:`attach_camera_button` does exactly that).
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QVBoxLayout, QWidget

from kiosk.identity import QrDecodeError
from kiosk.identity.qr_decode import decode_qr_from_image
from kiosk.ui.background import TaskRunner
from kiosk.ui.widgets import name_widget

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame

log = logging.getLogger(__name__)

DEFAULT_MIN_DECODE_INTERVAL_MS = 200.0  # at most ~5 decodes per second
_POOL_SHUTDOWN_WAIT_MS = 2000


def _multimedia() -> Any | None:
    """The QtMultimedia module, or None when it cannot be loaded here."""
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError as error:  # e.g. a missing libpulse0 on a bare system
        log.warning("QtMultimedia unavailable: %s", error)
        return None


def camera_available() -> bool:
    """True when QtMultimedia loads and at least one video input exists."""
    multimedia = _multimedia()
    if multimedia is None:
        return False
    return bool(multimedia.QMediaDevices.videoInputs())


def qimage_to_gray_array(image: QImage) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """A private H x W uint8 grayscale copy of ``image`` (row padding removed)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    height, width, stride = gray.height(), gray.width(), gray.bytesPerLine()
    if height == 0 or width == 0:
        return np.zeros((0, 0), dtype=np.uint8)
    rows = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    return rows.reshape(height, stride)[:, :width].copy()


class CameraScanner(QWidget):
    """Camera preview that emits ``payload_decoded(str)`` for each new QR text seen.

    ``start()`` opens the default camera (returns False when there is none),
    ``stop()`` closes it; hiding the widget stops it too. The same text is not
    emitted twice in a row within one ``start()``.
    """

    payload_decoded = Signal(str)
    scan_failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        min_decode_interval_ms: float = DEFAULT_MIN_DECODE_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("camera_scanner")
        self.setAccessibleName("camera_scanner")
        self._min_interval_ms = min_decode_interval_ms
        # One decode at a time: frames offered meanwhile are dropped.
        self._runner = TaskRunner(self)
        self._generation = 0
        self._last_submit_ms = -1e18
        self._last_payload: str | None = None
        self._camera: Any = None
        self._session: Any = None
        self._video_widget: QWidget | None = None

        self._status = QLabel(self.tr("Xin đưa mã QR trên thẻ căn cước vào trước camera."), self)
        name_widget(self._status, "camera_status")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._status)

    # -- camera ----------------------------------------------------------

    @staticmethod
    def camera_available() -> bool:
        """See :func:`camera_available`."""
        return camera_available()

    @property
    def is_active(self) -> bool:
        """True while the camera is open."""
        return self._camera is not None

    @property
    def decoding(self) -> bool:
        """True while a frame is being decoded (new frames are dropped meanwhile)."""
        return self._runner.is_busy()

    def start(self) -> bool:
        """Open the default camera and start decoding; False when there is no camera."""
        if self._camera is not None:
            return True
        self._generation += 1
        self._last_payload = None
        multimedia = _multimedia()
        if multimedia is None or not multimedia.QMediaDevices.videoInputs():
            self._status.setText(self.tr("Không tìm thấy camera, xin vui lòng dùng máy quét."))
            return False
        widgets = importlib.import_module("PySide6.QtMultimediaWidgets")
        if self._video_widget is None:
            video_widget = widgets.QVideoWidget(self)
            video_widget.setObjectName("camera_preview")
            video_widget.setAccessibleName("camera_preview")
            video_widget.videoSink().videoFrameChanged.connect(self._on_video_frame)
            self._layout.insertWidget(0, video_widget, 1)
            self._video_widget = video_widget
        camera = multimedia.QCamera(multimedia.QMediaDevices.defaultVideoInput(), self)
        session = multimedia.QMediaCaptureSession(self)
        session.setCamera(camera)
        session.setVideoOutput(self._video_widget)
        camera.errorOccurred.connect(self._on_camera_error)
        self._camera, self._session = camera, session
        camera.start()
        return True

    def stop(self) -> None:
        """Close the camera and forget any decode in flight. Safe to call twice."""
        self._generation += 1
        camera, session = self._camera, self._session
        self._camera = self._session = None
        if camera is not None:
            camera.stop()
            session.setCamera(None)
            camera.deleteLater()
            session.deleteLater()
        self._runner.wait(_POOL_SHUTDOWN_WAIT_MS)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen must switch the camera (and its light) off.
        self.stop()
        super().hideEvent(event)

    def _on_camera_error(self, *_args: object) -> None:
        log.warning("camera error; stopping the camera view")
        self.stop()
        self._status.setText(self.tr("Camera đang gặp sự cố, xin vui lòng dùng máy quét."))

    # -- frames ----------------------------------------------------------

    def _on_video_frame(self, frame: QVideoFrame) -> None:
        if not self._ready_for_frame():
            return
        self.offer_frame_image(frame.toImage())

    def _ready_for_frame(self) -> bool:
        now = time.monotonic() * 1000.0
        return not self._runner.is_busy() and now - self._last_submit_ms >= self._min_interval_ms

    def offer_frame_image(self, image: QImage) -> bool:
        """Queue ``image`` for decoding; False when dropped (busy or too soon)."""
        if not self._ready_for_frame() or image.isNull():
            return False
        self._last_submit_ms = time.monotonic() * 1000.0
        frame, generation = qimage_to_gray_array(image), self._generation
        started = self._runner.start(
            lambda: decode_qr_from_image(frame),
            lambda texts: self._on_decoded(generation, texts),
            lambda error: self._on_failed(generation, error),
        )
        return started

    # -- results (GUI thread) --------------------------------------------

    def _on_decoded(self, generation: int, texts: list[str]) -> None:
        if generation != self._generation or not texts:
            return
        payload = texts[0]
        if payload == self._last_payload:
            return
        self._last_payload = payload
        self.payload_decoded.emit(payload)

    def _on_failed(self, generation: int, error: Exception) -> None:
        if not isinstance(error, QrDecodeError):  # a decoder bug: logged, the camera goes on
            log.error("QR decoding crashed on a camera frame: %s", type(error).__name__)
        elif generation == self._generation:
            self.scan_failed.emit(str(error))


def attach_camera_button(button: QAbstractButton, scanner: CameraScanner) -> bool:
    """Hide ``button`` when there is no camera; otherwise make it start ``scanner``.

    Returns whether a camera is available. A missing camera is not an error
    for the citizen: the button simply is not there.
    """
    available = camera_available()
    button.setVisible(available)
    button.setEnabled(available)
    if available:
        button.clicked.connect(scanner.start)
    return available
