"""Scan the ID card's QR code, then ask "Is this you?" before using it.

Two ways in: the USB scanner in keyboard-wedge mode (caught by
:class:`kiosk.ui.scan_input.ScanInputFilter` while this screen is visible)
and, when the machine has one, the camera. A card that was read waits on the
confirmation panel; only ``scan_confirm_button`` hands it out
(``card_confirmed``). Retry, Back and :meth:`ScanScreen.reset` drop it: this
screen never stores anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.identity import IdCard, IdentityInputError, mask_id_number, parse_id_card_qr
from kiosk.identity.chip.access import access_keys_from_card
from kiosk.identity.chip.errors import ChipError
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.identity.sample_cards import SampleCard
from kiosk.office_day import office_today
from kiosk.ui.chip_panel import ChipPanel, ChipReaderPort
from kiosk.ui.scan_input import ScanInputFilter
from kiosk.ui.theme import LARGE_TEXT_SCALE
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role

if TYPE_CHECKING:  # imported on the first tap: it loads QtMultimedia
    from kiosk.ui.camera_scanner import CameraScanner


def _date_text(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# A fixed 9x9 pattern that reads as "a QR code" at a glance (not a real code).
_QR_PATTERN = (
    "111101111",
    "100101001",
    "101100101",
    "000111000",
    "110010111",
    "001101000",
    "111100101",
    "100101011",
    "111101101",
)


class CardIllustration(QWidget):
    """A card with its QR corner held above a scanner's light, painted in theme colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_illustration")
        self.setMinimumSize(300, 190)

    def sizeHint(self) -> QSize:
        return QSize(440, 260)

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        ink = palette.color(palette.ColorRole.WindowText)
        paper = palette.color(palette.ColorRole.Base)
        accent = palette.color(palette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        card_w = min(width * 0.8, height * 1.25)
        card_h = card_w * 0.62
        left = (width - card_w) / 2
        top = max(4.0, (height - card_h) / 2 - height * 0.08)
        card = QRectF(left, top, card_w, card_h)
        painter.setPen(QPen(ink, 3))
        painter.setBrush(paper)
        painter.drawRoundedRect(card, card_h * 0.08, card_h * 0.08)
        # Photo box and text lines on the left of the card.
        photo = QRectF(left + card_w * 0.06, top + card_h * 0.28, card_w * 0.2, card_h * 0.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(photo)
        painter.setPen(QPen(ink, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for row in range(4):
            y = top + card_h * (0.34 + row * 0.13)
            painter.drawLine(
                QPointF(photo.right() + card_w * 0.05, y), QPointF(left + card_w * 0.62, y)
            )
        # The QR code, top right of the card.
        cell = card_h * 0.38 / len(_QR_PATTERN)
        qr_left = left + card_w * 0.94 - cell * len(_QR_PATTERN)
        qr_top = top + card_h * 0.08
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        for row, line in enumerate(_QR_PATTERN):
            for column, bit in enumerate(line):
                if bit == "1":
                    painter.drawRect(
                        QRectF(qr_left + column * cell, qr_top + row * cell, cell, cell)
                    )
        # The scanner's window and its light under the card.
        scanner = QRectF(left + card_w * 0.15, card.bottom() + height * 0.08, card_w * 0.7, 14)
        painter.setBrush(accent)
        painter.drawRoundedRect(scanner, 6, 6)
        beam = QColor(accent)
        beam.setAlpha(70)
        painter.setBrush(beam)
        painter.drawRect(
            QRectF(scanner.left(), card.bottom(), scanner.width(), scanner.top() - card.bottom())
        )
        painter.end()


class ScanScreen(Retranslated, QWidget):
    """Signals: ``card_confirmed(IdCard)``, ``manual_requested()``, ``back_requested()``.

    With a chip reader, the "is this you?" page offers to read the card's chip:
    the chip's data and photo replace the QR's, and ``chip_confirmed(ChipReadResult)``
    goes out just before ``card_confirmed`` with the chip's card.
    """

    card_confirmed = Signal(object)
    chip_confirmed = Signal(object)
    manual_requested = Signal()
    back_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        camera_check: bool = True,
        chip_reader: ChipReaderPort | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scan_screen")
        self._chip_reader = chip_reader
        self._chip_result: ChipReadResult | None = None
        self._pending_card: IdCard | None = None
        self._error: str | None = None
        self._camera_check = camera_check
        self._camera_checked = False
        self._camera: CameraScanner | None = None
        self.scan_filter = ScanInputFilter(self)
        self.scan_filter.card_scanned.connect(self.show_card)
        self.scan_filter.scan_failed.connect(self.show_error)

        self.pages = QStackedWidget()
        self.pages.setObjectName("scan_pages")
        self.waiting_page = self._build_waiting_page()
        self.confirm_page = self._build_confirm_page()
        self.pages.addWidget(self.waiting_page)
        self.pages.addWidget(self.confirm_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.pages)
        self.retranslate()

    # -- building ---------------------------------------------------------------------

    def _build_waiting_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("scan_waiting_page")
        self.title_label = QLabel()
        self.title_label.setObjectName("scan_title_label")
        set_role(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("scan_hint_label")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.illustration = CardIllustration()
        self.view_stack = QStackedWidget()
        self.view_stack.addWidget(self.illustration)
        self.error_label = QLabel()
        name_widget(self.error_label, "scan_error_label")
        set_role(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.hide()

        self.back_button = big_button("", "scan_back_button", role="secondary")
        self.back_button.clicked.connect(self._go_back)
        self.camera_button = big_button("", "scan_camera_button", role="secondary")
        self.camera_button.clicked.connect(self._start_camera)
        self.camera_button.hide()
        self.manual_button = big_button("", "scan_manual_button", role="secondary")
        self.manual_button.clicked.connect(self._continue_without_card)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.camera_button)
        buttons.addWidget(self.manual_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.view_stack, 1)
        layout.addWidget(self.error_label)
        # Training mode only: invented cards a volunteer can "scan" without a scanner.
        self.samples_box = QWidget()
        self.samples_box.setObjectName("scan_samples_box")
        samples_outer = QVBoxLayout(self.samples_box)
        samples_outer.setContentsMargins(0, 0, 0, 0)
        samples_outer.setSpacing(8)
        self.samples_caption = QLabel()
        name_widget(self.samples_caption, "scan_samples_caption")
        self.samples_caption.setWordWrap(True)
        self.samples_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        samples_outer.addWidget(self.samples_caption)
        self.samples_row = QHBoxLayout()
        self.samples_row.setSpacing(12)
        samples_outer.addLayout(self.samples_row)
        self.sample_buttons: list[tuple[SampleCard, QPushButton]] = []
        self.samples_box.hide()
        layout.addWidget(self.samples_box)
        layout.addLayout(buttons)
        return page

    def _build_confirm_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("scan_confirm_page")
        self.confirm_title_label = QLabel()
        self.confirm_title_label.setObjectName("scan_confirm_title_label")
        set_role(self.confirm_title_label, "title")
        self.confirm_title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_title_label.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(18)
        self.caption_labels: list[QLabel] = []
        self.value_labels: dict[str, QLabel] = {}
        for row, key in enumerate(("name", "birth", "id_number")):
            caption = QLabel()
            caption.setObjectName(f"scan_{key}_caption")
            set_role(caption, "muted")
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value = QLabel()
            name_widget(value, f"scan_{key}_value")
            set_role(value, "heading")
            value.setWordWrap(True)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.caption_labels.append(caption)
            self.value_labels[key] = value
        # Captions right-aligned to the middle, values from the middle: centred as a whole.
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.confirm_button = big_button("", "scan_confirm_button")
        self.confirm_button.clicked.connect(self._confirm)
        self.retry_button = big_button("", "scan_retry_button", role="secondary")
        self.retry_button.clicked.connect(self._retry)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.confirm_button)
        self.chip_panel: ChipPanel | None = None
        if self._chip_reader is not None:
            self.chip_panel = ChipPanel(self._chip_reader, prefix="chip")
            self.chip_panel.read_succeeded.connect(self._on_chip_read)
            self.chip_panel.read_failed.connect(self._on_chip_failed)
            self.chip_panel.hide()

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addWidget(self.confirm_title_label)
        layout.addStretch(1)
        layout.addLayout(grid)
        if self.chip_panel is not None:
            # Centred by stretches, not by an alignment flag: an aligned widget gets its
            # size hint's height, too short once the wrapped texts or the entry appear.
            chip_row = QHBoxLayout()
            chip_row.addStretch(1)
            chip_row.addWidget(self.chip_panel, 4)
            chip_row.addStretch(1)
            layout.addLayout(chip_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # -- behaviour --------------------------------------------------------------------

    @property
    def pending_card(self) -> IdCard | None:
        """The card read but not yet confirmed (None when there is none)."""
        return self._pending_card

    def set_sample_cards(self, cards: Sequence[SampleCard]) -> None:
        """Offer these invented cards (training mode); a tap reads one like a real scan."""
        for _card, button in self.sample_buttons:
            button.setParent(None)
            button.deleteLater()
        self.sample_buttons = []
        layout = self.samples_row
        for card in cards:
            button = big_button("", f"scan_sample_card_{card.key}", role="secondary")
            button.clicked.connect(
                lambda _checked=False, c=card: self.on_camera_payload(c.qr_payload)
            )
            layout.addWidget(button)
            self.sample_buttons.append((card, button))
        self.samples_box.setVisible(bool(cards))
        self.retranslate()

    def set_manual_allowed(self, allowed: bool) -> None:
        """The "no card" fallback; hidden where a card is indispensable (accounts)."""
        self.manual_button.setVisible(allowed)

    def show_card(self, card: object) -> None:
        """Show what was read and ask for confirmation."""
        if not isinstance(card, IdCard):
            return
        self._stop_camera()
        self._pending_card = card
        self._chip_result = None
        self._set_error(None)
        self._show_values(card)
        self._offer_chip(card)
        self.pages.setCurrentWidget(self.confirm_page)

    def _show_values(self, card: IdCard) -> None:
        self.value_labels["name"].setText(card.full_name)
        self.value_labels["birth"].setText(_date_text(card.date_of_birth))
        self.value_labels["id_number"].setText(mask_id_number(card.id_number))

    def _offer_chip(self, card: IdCard) -> None:
        """Show the chip panel when a reader is there (checked at each card: readers unplug)."""
        panel = self.chip_panel
        if panel is None or self._chip_reader is None:
            return
        panel.reset()
        if not self._chip_reader.available():
            panel.hide()
            return
        try:
            keys = access_keys_from_card(
                card.id_number, card.date_of_birth, card.issue_date, today=office_today()
            )
        except ChipError:
            panel.hide()
            return
        panel.set_access_keys(keys)
        panel.show()

    def _on_chip_read(self, result: object) -> None:
        if not isinstance(result, ChipReadResult) or self._pending_card is None:
            return
        chip_card = result.identity.card
        if chip_card.id_number != self._pending_card.id_number:
            # Another person's card on the reader: keep the QR's data, say so.
            if self.chip_panel is not None:
                self.chip_panel.reset()
                self.chip_panel.status_label.setText(
                    self.tr("Chip vừa đọc là của thẻ khác với mã QR. Xin đặt đúng thẻ lên đầu đọc.")
                )
            return
        self._chip_result = result
        self._show_values(chip_card)

    def _on_chip_failed(self, _error: object) -> None:
        self._chip_result = None  # the panel shows the reason; the QR's data stays usable

    def set_language(self, language: str) -> None:
        """The chip panel's messages come from the Qt-free layer in both languages."""
        if self.chip_panel is not None:
            self.chip_panel.set_language(language)
        self.retranslate()

    @property
    def chip_result(self) -> ChipReadResult | None:
        """The chip read of the card on the confirmation page (None without one)."""
        return self._chip_result

    def show_error(self, message: str) -> None:
        """A scan that could not be used: say why in big friendly words."""
        self._pending_card = None
        self._clear_card_labels()
        self.pages.setCurrentWidget(self.waiting_page)
        self._set_error(message)

    def on_camera_payload(self, payload: str) -> None:
        try:
            card = parse_id_card_qr(payload)
        except IdentityInputError as error:
            self.show_error(str(error))
            return
        self.show_card(card)

    def _set_error(self, message: str | None) -> None:
        self._error = message
        # Bigger than body text, and growing with the "large text" setting.
        app = QApplication.instance()
        large = app is not None and bool(app.property("kiosk_large_text"))
        scale = LARGE_TEXT_SCALE if large else 1.0
        self.error_label.setStyleSheet(f"font-size: {round(26 * scale)}pt; font-weight: bold;")
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def _clear_card_labels(self) -> None:
        for label in self.value_labels.values():
            label.clear()

    def _confirm(self) -> None:
        card = self._pending_card
        if card is None:
            return
        chip_result = self._chip_result
        self._pending_card = None
        self._chip_result = None
        self._clear_card_labels()
        if self.chip_panel is not None:
            self.chip_panel.reset()
        if chip_result is not None:
            self.chip_confirmed.emit(chip_result)
            card = chip_result.identity.card
        self.card_confirmed.emit(card)

    def _retry(self) -> None:
        self._pending_card = None
        self._chip_result = None
        if self.chip_panel is not None:
            self.chip_panel.reset()
        self._clear_card_labels()
        self._set_error(None)
        self.pages.setCurrentWidget(self.waiting_page)

    def _go_back(self) -> None:
        self.reset()
        self.back_requested.emit()

    def _continue_without_card(self) -> None:
        self.reset()
        self.manual_requested.emit()

    def reset(self) -> None:
        """Forget any card read, any message; back to the waiting page."""
        self._stop_camera()
        self._pending_card = None
        self._chip_result = None
        if self.chip_panel is not None:
            self.chip_panel.reset()
        self._clear_card_labels()
        self._set_error(None)
        self.pages.setCurrentWidget(self.waiting_page)

    # -- camera -----------------------------------------------------------------------

    def _check_camera(self) -> None:
        # Looking for a camera loads QtMultimedia: done on the first visit, not at start-up.
        if self._camera_checked or not self._camera_check:
            return
        self._camera_checked = True
        from kiosk.ui.camera_scanner import camera_available

        self.camera_button.setVisible(camera_available())

    def _start_camera(self) -> None:
        from kiosk.ui.camera_scanner import CameraScanner

        if self._camera is None:
            scanner = CameraScanner()
            scanner.payload_decoded.connect(self.on_camera_payload)
            scanner.scan_failed.connect(self.show_error)
            self.view_stack.addWidget(scanner)
            self._camera = scanner
        self.view_stack.setCurrentWidget(self._camera)
        if not self._camera.start():
            self.view_stack.setCurrentWidget(self.illustration)
            self.camera_button.hide()

    def _stop_camera(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self.view_stack.setCurrentWidget(self.illustration)

    # -- Qt events --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._check_camera()
        self.scan_filter.install()

    def hideEvent(self, event: QHideEvent) -> None:
        self.scan_filter.uninstall()
        self._stop_camera()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Xin đưa mã QR trên thẻ căn cước vào máy quét"))
        self.hint_label.setText(
            self.tr("Mã QR là ô vuông nhỏ in ở góc thẻ. Giữ yên thẻ cho đến khi nghe tiếng bíp.")
        )
        self.back_button.setText(self.tr("Quay lại"))
        self.camera_button.setText(self.tr("Dùng camera"))
        self.manual_button.setText(self.tr("Không có thẻ / nhập tay"))
        self.samples_caption.setText(self.tr("TẬP HUẤN – thẻ mẫu (người không có thật):"))
        for card, button in self.sample_buttons:
            person = parse_id_card_qr(card.qr_payload)
            text = (
                self.tr("{name}\n(nữ, {year})")
                if person.sex == "Nữ"
                else self.tr("{name}\n(nam, {year})")
            )
            button.setText(text.format(year=person.date_of_birth.year, name=person.full_name))
        self.confirm_title_label.setText(self.tr("Đây có phải là quý vị?"))
        captions = (self.tr("Họ và tên"), self.tr("Ngày sinh"), self.tr("Số định danh"))
        for caption, text in zip(self.caption_labels, captions, strict=True):
            caption.setText(text)
        self.confirm_button.setText(self.tr("Đúng, đây là tôi"))
        self.retry_button.setText(self.tr("Không phải, quét lại"))
