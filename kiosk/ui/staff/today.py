"""The "Today" panel: cases helped, by procedure and by volunteer, accounts, the outbox.

Counts come from :func:`kiosk.volunteers.today_summary` (the same numbers as the
ward's daily report), read off the GUI thread; two simple bar charts are painted
with QPainter. Counts only: no citizen appears here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases.clock import local_date
from kiosk.procedures import Catalogue
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.staff.common import refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, touch_scroll_area
from kiosk.volunteers import TodaySummary, today_summary
from kiosk.volunteers.today import Bar

BAR_ROW_PX = 44


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BarChart(QWidget):
    """Horizontal bars, one row each: label, bar (its share of the longest), value."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._bars: list[Bar] = []
        self._empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar], empty_text: str) -> None:
        self._bars = list(bars)
        self._empty_text = empty_text
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(600, max(1, len(self._bars)) * BAR_ROW_PX + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(self.font())
        painter.setPen(text_colour)
        if not self._bars:
            painter.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self._empty_text,
            )
            painter.end()
            return
        width = self.width()
        label_width = min(int(width * 0.42), 460)
        value_width = metrics.horizontalAdvance("00000") + 12
        bar_space = max(10, width - label_width - value_width - 16)
        for index, bar in enumerate(self._bars):
            top = index * BAR_ROW_PX + 4
            row = QRectF(0, top, label_width - 8, BAR_ROW_PX - 8)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(text_colour)
            painter.drawText(
                row, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label
            )
            length = max(2.0, bar_space * bar.fraction) if bar.value else 0.0
            painter.fillRect(
                QRectF(label_width + 4, top + 6, length, BAR_ROW_PX - 20), QColor(bar_colour)
            )
            painter.drawText(
                QRectF(label_width + 10 + length, top, value_width, BAR_ROW_PX - 8),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(bar.value),
            )
        painter.end()


class TodayPanel(Retranslated, QWidget):
    """``today_*_value`` labels, ``today_procedure_chart``, ``today_volunteer_chart`` and,
    on a ward's shared database, ``today_kiosk_chart`` (the whole ward, per kiosk)."""

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue | None = None,
        language: str = "vi",
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
        *,
        device_health: Callable[[], list[LocalText]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("today_panel")
        self.store = store
        self.catalogue = catalogue
        self.language = language
        self.clock = clock
        # Lines about the kiosk's devices (the receipt printer), read when shown.
        self.device_health = device_health
        self.summary: TodaySummary | None = None
        self.task = TaskRunner(self)

        self.title_label = text_label("today_title_label", "heading")
        self.status_label = text_label("today_status_label", "muted")
        # Restores, lost writes, a full disk: see kiosk.admin.data_health.
        self.health_label = text_label("today_health_label")
        self.health_label.setVisible(False)
        self.captions: dict[str, QLabel] = {}
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(24)
        numbers.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}
        for index, key in enumerate(("submitted", "helped", "accounts", "waiting", "returned")):
            caption = text_label(f"today_{key}_caption")
            value = text_label(f"today_{key}_value", "heading", wrap=False)
            numbers.addWidget(value, index // 3 * 2, index % 3)
            numbers.addWidget(caption, index // 3 * 2 + 1, index % 3)
            self.captions[key] = caption
            self.values[key] = value
        self.procedure_heading = text_label("today_procedure_heading")
        self.procedure_chart = BarChart("today_procedure_chart")
        self.volunteer_heading = text_label("today_volunteer_heading")
        self.volunteer_chart = BarChart("today_volunteer_chart")
        self.kiosk_heading = text_label("today_kiosk_heading")
        self.kiosk_chart = BarChart("today_kiosk_chart")
        self.kiosk_heading.setVisible(False)
        self.kiosk_chart.setVisible(False)
        self.refresh_button = big_button("", "today_refresh_button", role="secondary")
        self.refresh_button.setMaximumWidth(280)
        self.refresh_button.clicked.connect(self.refresh)

        content = QWidget()
        content.setObjectName("today_content")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 12, 0)
        inner.setSpacing(10)
        inner.addLayout(numbers)
        inner.addWidget(self.procedure_heading)
        inner.addWidget(self.procedure_chart)
        inner.addWidget(self.volunteer_heading)
        inner.addWidget(self.volunteer_chart)
        inner.addWidget(self.kiosk_heading)
        inner.addWidget(self.kiosk_chart)
        inner.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.health_label)
        layout.addWidget(touch_scroll_area(content, "today_scroll"), 1)
        self.retranslate()

    def refresh(self) -> None:
        """Count today's work again, off the GUI thread."""
        day = local_date(self.clock())
        store, catalogue = self.store, self.catalogue
        if self.task.start(lambda: today_summary(store, day, catalogue), self._show, self._failed):
            self.status_label.setText(self.tr("Đang tính…"))
            self.status_label.setVisible(True)

    def reset(self) -> None:
        self.summary = None
        self._fill()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def _show(self, summary: object) -> None:
        if isinstance(summary, TodaySummary):
            self.summary = summary
        self.status_label.setText("")
        self.status_label.setVisible(False)
        self._fill()

    def _failed(self, error: object) -> None:
        self.status_label.setText(
            refusal_text(error, self.language) or self.tr("Không đọc được số liệu hôm nay.")
        )
        self.status_label.setVisible(True)

    def _fill(self) -> None:
        summary = self.summary
        numbers = {
            "submitted": summary.submitted if summary else None,
            "helped": summary.helped if summary else None,
            "accounts": summary.accounts_created if summary else None,
            "waiting": summary.waiting_to_sync if summary else None,
            "returned": summary.returned if summary else None,
        }
        for key, number in numbers.items():
            self.values[key].setText("—" if number is None else str(number))
        health = [line.get(self.language) for line in summary.health] if summary else []
        if self.device_health is not None:
            health += [line.get(self.language) for line in self.device_health()]
        self.health_label.setText("\n".join(health))
        self.health_label.setVisible(bool(health))
        empty = self.tr("Hôm nay chưa có hồ sơ nào.")
        self.procedure_chart.set_bars(
            summary.procedure_bars(self.language) if summary else [], empty
        )
        self.volunteer_chart.set_bars(
            summary.volunteer_bars() if summary else [],
            self.tr("Hôm nay cán bộ chưa hỗ trợ hồ sơ nào."),
        )
        ward = summary is not None and summary.report.ward
        self.kiosk_heading.setVisible(ward)
        self.kiosk_chart.setVisible(ward)
        self.kiosk_chart.set_bars(summary.kiosk_bars() if summary else [], empty)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Hôm nay"))
        texts = {
            "submitted": self.tr("hồ sơ đã nộp"),
            "helped": self.tr("hồ sơ có cán bộ hỗ trợ"),
            "accounts": self.tr("yêu cầu tạo tài khoản"),
            "waiting": self.tr("đang chờ gửi lên Cổng"),
            "returned": self.tr("bị Cổng trả lại"),
        }
        for key, text in texts.items():
            self.captions[key].setText(text)
        self.procedure_heading.setText(self.tr("Hồ sơ đã nộp theo thủ tục"))
        self.volunteer_heading.setText(self.tr("Hồ sơ được hỗ trợ theo cán bộ"))
        self.kiosk_heading.setText(self.tr("Hồ sơ đã nộp theo ki-ốt (cả phường)"))
        self.refresh_button.setText(self.tr("Làm mới"))
        self._fill()
