"""A parent's card on a birth registration's parent step: QR for access, then the chip.

The parent's card QR (the same wedge scanner as the scan screen) gives the
chip's access data; the chip then gives the parent's block. The wizard saves
the answers (:func:`kiosk.cases.chip_prefill.parent_answers`); this widget only
asks for the card and reports ``parent_read(role, ChipReadResult)``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.identity import IdCard
from kiosk.identity.chip.access import access_keys_from_card
from kiosk.identity.chip.errors import ChipError
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.office_day import office_today
from kiosk.ui.chip_panel import ChipPanel, ChipReaderPort
from kiosk.ui.scan_input import ScanInputFilter
from kiosk.ui.translated import Retranslated


class ParentChipBox(Retranslated, QFrame):
    """Signals: ``parent_read(str role, ChipReadResult)``."""

    parent_read = Signal(str, object)

    def __init__(
        self,
        role: str,
        reader: ChipReaderPort,
        scope: QWidget,
        *,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName(f"{role}_chip_box")
        self.panel = ChipPanel(reader, prefix=f"{role}_chip", compact=True, language=language)
        self.panel.read_succeeded.connect(self._on_read)
        # Reading needs the card's access data first: the button waits for the QR.
        self.panel.offer_read_button(False)
        self.scan_filter = ScanInputFilter(scope)
        self.scan_filter.card_scanned.connect(self.use_card)
        self.scan_filter.scan_failed.connect(self.panel.status_label.setText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.retranslate()

    def use_card(self, card: object) -> None:
        """The parent's card QR was scanned: read that card's chip."""
        if not isinstance(card, IdCard):
            return
        try:
            keys = access_keys_from_card(
                card.id_number, card.date_of_birth, card.issue_date, today=office_today()
            )
        except ChipError as error:
            self.panel.status_label.setText(error.message_vi)
            return
        self.panel.reset()
        self.panel.set_access_keys(keys)
        self.panel.start()

    def _on_read(self, result: object) -> None:
        if isinstance(result, ChipReadResult):
            self.parent_read.emit(self.role, result)

    def retranslate(self) -> None:
        if self.panel.reading or self.panel.result is not None:
            return
        if self.role == "mother":
            text = self.tr("Có thẻ căn cước của mẹ? Quét mã QR trên thẻ, rồi đặt thẻ lên đầu đọc.")
        else:
            text = self.tr("Có thẻ căn cước của cha? Quét mã QR trên thẻ, rồi đặt thẻ lên đầu đọc.")
        self.panel.status_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_filter.install()

    def hideEvent(self, event: QHideEvent) -> None:
        self.scan_filter.uninstall()
        super().hideEvent(event)
