"""Read the ID card's chip: "put the card on the reader", progress, the outcome, the photo.

:class:`ChipPanel` runs :meth:`KioskChipReader.read` through the GUI's one
background-task runner (:class:`kiosk.ui.background.TaskRunner`; a PC/SC read
takes seconds and must not freeze the screen) and comes
back through ``read_succeeded(ChipReadResult)`` or ``read_failed(ChipError)``.
The photo lives in the label's pixmap for the session only; :meth:`reset`
drops it. Widget names carry a prefix (``chip`` on the scan screen,
``mother_chip``/``father_chip`` in the birth registration).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import (
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.identity.chip.access import AccessKey, access_key_from_typed
from kiosk.identity.chip.errors import ChipError
from kiosk.identity.chip.face import displayable_face
from kiosk.identity.chip.reader import ChipReadResult, ProgressCallback
from kiosk.ui.background import TaskRunner
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role

log = logging.getLogger(__name__)


class ChipReaderPort(Protocol):
    def available(self) -> bool: ...

    def read(
        self,
        access_keys: Sequence[AccessKey],
        cancelled: Callable[[], bool],
        progress: ProgressCallback,
    ) -> ChipReadResult: ...


class _ProgressRelay(QObject):
    """Lives in the GUI thread; the read reports progress through it (queued across threads).

    Only strings and integers cross: the TaskRunner (kiosk/ui/background.py) carries
    the result itself back to the GUI thread.
    """

    progressed = Signal(str, int, int)


class ChipAnimation(QWidget):
    """A card above a reader with waves rising while the panel waits or reads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip_animation")
        self.setMinimumSize(220, 150)
        self._phase = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._tick)

    def sizeHint(self) -> QSize:
        return QSize(320, 200)

    def set_running(self, running: bool) -> None:
        if running:
            self._timer.start()
        else:
            self._timer.stop()
        self.update()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        self._phase = (self._phase + 0.06) % 1.0
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        ink = palette.color(palette.ColorRole.WindowText)
        accent = palette.color(palette.ColorRole.Highlight)
        paper = palette.color(palette.ColorRole.Base)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        reader = QRectF(width * 0.2, height * 0.72, width * 0.6, height * 0.18)
        painter.setPen(QPen(ink, 3))
        painter.setBrush(accent)
        painter.drawRoundedRect(reader, 8, 8)
        # The card floats down onto the reader and back, the waves rise from it.
        drop = math.sin(self._phase * math.pi) * height * 0.08 if self.running else 0.0
        card = QRectF(width * 0.28, height * 0.12 + drop, width * 0.44, height * 0.42)
        painter.setBrush(paper)
        painter.drawRoundedRect(card, 8, 8)
        chip = QRectF(card.left() + card.width() * 0.1, card.top() + card.height() * 0.3,
                      card.width() * 0.18, card.height() * 0.3)  # fmt: skip
        painter.setBrush(QColor(212, 175, 55))
        painter.drawRoundedRect(chip, 3, 3)
        if self.running:
            wave = QColor(accent)
            for index in range(3):
                offset = (self._phase + index / 3) % 1.0
                wave.setAlphaF(1.0 - offset)
                painter.setPen(QPen(wave, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                radius = width * 0.08 + offset * width * 0.2
                centre = QPointF(width / 2, reader.top())
                painter.drawArc(
                    QRectF(centre.x() - radius, centre.y() - radius * 0.5, radius * 2, radius),
                    0,
                    180 * 16,
                )
        painter.end()


class ChipPanel(Retranslated, QWidget):
    """Signals: ``read_succeeded(ChipReadResult)``, ``read_failed(ChipError)``."""

    read_succeeded = Signal(object)
    read_failed = Signal(object)

    def __init__(
        self,
        reader: ChipReaderPort,
        *,
        prefix: str = "chip",
        language: str = "vi",
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}_panel")
        self._reader = reader
        self._language = language
        self._keys: list[AccessKey] = []
        self._cancel = threading.Event()
        self._runner = TaskRunner(self)
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self.reading = False
        self.result: ChipReadResult | None = None

        self.animation = ChipAnimation()
        # Compact inside a wizard step (a parent's card): a small picture, no photo.
        self._compact = compact
        self.animation.setFixedSize(*((150, 95) if compact else (240, 150)))
        self.status_label = name_widget(QLabel(), f"{prefix}_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.progress_bar = name_widget(QProgressBar(), f"{prefix}_progress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.hide()
        self.photo_label = name_widget(QLabel(), f"{prefix}_photo")
        self.photo_label.setFixedSize(150, 200)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.hide()
        self.read_button = big_button("", f"{prefix}_read_button", role="secondary")
        self.read_button.clicked.connect(self.start)
        self._read_button_offered = True
        self.access_entry = self._build_access_entry(prefix)

        # Side by side, not stacked: the "is this you?" page and a wizard step are short
        # on height (the on-screen keyboard takes the lower half when it is up).
        visual = QVBoxLayout()
        visual.addWidget(self.animation)
        visual.addWidget(self.photo_label)
        visual.addStretch(1)
        words = QVBoxLayout()
        words.addWidget(self.status_label)
        words.addWidget(self.progress_bar)
        words.addWidget(self.access_entry)
        words.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addLayout(visual)
        layout.addLayout(words, 1)
        self.setMaximumWidth(1100)
        self.retranslate()

    def _build_access_entry(self, prefix: str) -> QFrame:
        """What a volunteer types from the card when the chip refuses the derived data."""
        frame = QFrame()
        frame.setObjectName(f"{prefix}_access_entry")
        frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.document_number_caption = QLabel()
        self.document_number_input = name_widget(QLineEdit(), f"{prefix}_document_number_input")
        self.expiry_caption = QLabel()
        self.expiry_input = name_widget(QLineEdit(), f"{prefix}_expiry_input")
        self.expiry_input.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.expiry_input.setPlaceholderText("dd/mm/yyyy")
        self.access_retry_button = big_button("", f"{prefix}_access_retry_button")
        self.access_retry_button.clicked.connect(self.retry_with_typed_access)
        self.access_error_label = name_widget(QLabel(), f"{prefix}_access_error_label")
        set_role(self.access_error_label, "error")
        self.access_error_label.setWordWrap(True)
        grid = QVBoxLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        for caption, editor in (
            (self.document_number_caption, self.document_number_input),
            (self.expiry_caption, self.expiry_input),
        ):
            row = QHBoxLayout()
            row.addWidget(caption)
            row.addWidget(editor, 1)
            grid.addLayout(row)
        grid.addWidget(self.access_error_label)
        grid.addWidget(self.access_retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        frame.hide()
        return frame

    def retry_with_typed_access(self) -> None:
        """Read again with what the volunteer typed; a bad entry is said, nothing lost."""
        if not self._keys:
            return
        try:
            key = access_key_from_typed(
                self.document_number_input.text(),
                self._keys[0].date_of_birth,
                self.expiry_input.text(),
            )
        except ChipError as error:
            self.access_error_label.setText(
                error.message_en if self._language == "en" else error.message_vi
            )
            return
        self.access_error_label.clear()
        self._show_access_entry(False)
        self._keys = [key]
        self.start()

    # -- behaviour ----------------------------------------------------------------

    def offer_read_button(self, offered: bool) -> None:
        """Whether the "read the chip" button is shown (a parent's box starts from the QR)."""
        self._read_button_offered = offered
        self.read_button.setVisible(offered and self.access_entry.isHidden())

    def _show_access_entry(self, shown: bool) -> None:
        # One action at a time: the entry's own button replaces the read button.
        self.access_entry.setVisible(shown)
        self.read_button.setVisible(self._read_button_offered and not shown)

    def set_access_keys(self, keys: Sequence[AccessKey]) -> None:
        self._keys = list(keys)

    def start(self) -> None:
        """Ask for the card and read it off the GUI thread."""
        if self.reading or not self._keys:
            return
        self.reading = True
        self.result = None
        self._cancel = threading.Event()
        self.photo_label.clear()
        self.photo_label.hide()
        self.read_button.setEnabled(False)
        self.progress_bar.setValue(0)
        self.progress_bar.hide()
        self.animation.show()
        self.animation.set_running(True)
        self.status_label.setText(self.tr("Đặt thẻ lên đầu đọc"))
        reader, keys, cancel = self._reader, list(self._keys), self._cancel
        report = self._relay.progressed.emit
        self._runner.start(
            lambda: reader.read(keys, cancel.is_set, report),
            self._on_success,
            self._on_failure,
        )

    def cancel(self) -> None:
        self._cancel.set()

    def reset(self) -> None:
        """Forget the read (and the photo); stop any wait for a card."""
        self.cancel()
        self.result = None
        self._show_access_entry(False)
        self.document_number_input.clear()
        self.expiry_input.clear()
        self.access_error_label.clear()
        self.photo_label.clear()
        self.photo_label.hide()
        self.progress_bar.hide()
        self.animation.set_running(False)
        self.animation.show()
        self.read_button.setEnabled(True)
        self.retranslate()

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Cancel and wait for the worker (used when the screen closes)."""
        self.cancel()
        return self._runner.wait(msecs)

    def _on_progress(self, step: str, done: int, total: int) -> None:
        if step == "waiting":
            return
        self.progress_bar.show()
        self.status_label.setText(self.tr("Đang đọc chip, xin giữ yên thẻ…"))
        if total > 0:
            self.progress_bar.setValue(min(100, round(done * 100 / total)))

    def _on_success(self, result: object) -> None:
        if not isinstance(result, ChipReadResult):
            return
        self.reading = False
        self.result = result
        self.animation.set_running(False)
        self.progress_bar.setValue(100)
        self.read_button.setEnabled(True)
        if result.verified:
            text = self.tr("Đã đọc chip. Dữ liệu đã được xác thực.")
        else:
            text = self.tr("Đã đọc chip nhưng CHƯA xác thực. ") + result.outcome_text(
                self._language
            )
        self.status_label.setText(text)
        self._show_photo(result)
        self.read_succeeded.emit(result)

    def _on_failure(self, error: Exception) -> None:
        if not isinstance(error, ChipError):  # a bug of ours: logged, told calmly
            log.error("chip read crashed: %s", type(error).__name__, exc_info=error)
            error = ChipError("chip_error", "unexpected")
        else:
            log.info("chip read failed: %s (%s)", error.reason, error.detail)
        self.reading = False
        self.animation.set_running(False)
        self.progress_bar.hide()
        self.read_button.setEnabled(True)
        if isinstance(error, ChipError):
            self.status_label.setText(
                error.message_en if self._language == "en" else error.message_vi
            )
            if error.reason == "access_denied" and self._keys:
                # The chip refused the data derived from the QR: offer the volunteer's entry.
                if not self.document_number_input.text():
                    self.document_number_input.setText(self._keys[0].document_number)
                self._show_access_entry(True)
        self.read_failed.emit(error)

    def _show_photo(self, result: ChipReadResult) -> None:
        """The chip photo where the animation was, for the volunteer to compare with the face."""
        self.progress_bar.hide()
        if result.face is None or self._compact:
            return
        pixmap = QPixmap()
        try:
            loaded = pixmap.loadFromData(displayable_face(result.face))
        except ChipError:
            loaded = False
        if not loaded:
            return
        self.photo_label.setPixmap(
            pixmap.scaled(
                self.photo_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.animation.hide()
        self.photo_label.show()

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.read_button.setText(self.tr("Đọc chip trên thẻ"))
        self.document_number_caption.setText(self.tr("Số thẻ (9 số cuối)"))
        self.expiry_caption.setText(self.tr("Có giá trị đến (để trống nếu không thời hạn)"))
        self.access_retry_button.setText(self.tr("Đọc lại với thông tin đã nhập"))
        if not self.reading and self.result is None:
            self.status_label.setText(
                self.tr("Có đầu đọc thẻ: đọc chip để xác thực thẻ và điền sẵn nhiều thông tin hơn.")
            )

    def hideEvent(self, event: QHideEvent) -> None:
        self.cancel()
        self.animation.set_running(False)
        super().hideEvent(event)
