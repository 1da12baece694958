"""The capture screen: each document slot scanned, photographed or promised for the counter.

One slot at a time (``document_slot_<key>`` on the left selects it). The big
``document_capture_button`` takes a page from the scanner (progress shown),
else the camera (live preview), else, in training mode with neither, a
synthetic sample paper. Each page shows as a thumbnail with its
``document_delete_page_<n>`` button (n from 1); ``document_retake_button``
and ``document_rotate_button`` act on the last page; ``document_done_button``
assembles the slot's pages into its PDF; ``document_bring_later_button``
records "I will bring it to the counter" with its reason. A volunteer can run
all of it for the citizen. Every long step (scan, processing, sealing, the
PDF) runs on the screen's :class:`~kiosk.ui.background.TaskRunner`; a
failure is shown as its message and loses nothing already stored.
``documents_continue_button`` emits ``continue_requested(case_id)`` once every
required slot is scanned or promised.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.attachments.capture import CaptureService, Source
from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.samples import SAMPLE_KINDS, sample_jpeg
from kiosk.attachments.scanner import scan_page
from kiosk.attachments.slots import (
    BringLaterReason,
    ResolvedSlot,
    SlotState,
    SlotStatus,
    filled_documents,
    resolve_slots,
    slot_statuses,
)
from kiosk.attachments.storage import StoredPage
from kiosk.cases import CaseService
from kiosk.procedures import Catalogue, missing_documents
from kiosk.ui.background import TaskRunner
from kiosk.ui.camera_pages import CameraPages
from kiosk.ui.fields.base import discard_widget
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    big_button,
    explain_when_disabled,
    follow_finger,
    name_widget,
    set_large,
    set_role,
    touch_scroll_area,
)

A4_RATIO = 1.414
MIN_THUMB_HEIGHT = 110
MAX_THUMB_HEIGHT = 340
"""A page's thumbnail is A4-shaped and as tall as the strip allows, within these bounds:
large enough to see it is the right paper, upright and sharp."""
FRAME_PX = 12
"""The thumbnail role's border and padding, both sides (theme.py)."""
NAV_BUTTON_WIDTH = 320


@dataclass
class CaptureSources:
    """Which devices the screen may use; the controller finds them, tests set them."""

    scanner_device: str | None = None
    scanner_options: tuple[str, ...] = ()
    scanner_environment: dict[str, str] = field(default_factory=dict)
    scan_resolution: int = 300
    camera: bool = False
    training_samples: bool = False

    @property
    def any(self) -> bool:
        return bool(self.scanner_device or self.camera or self.training_samples)


def alternative_filled(status: SlotStatus, every: Iterable[SlotStatus]) -> bool:
    """True for an empty slot whose "one of" group another filled slot satisfies."""
    group = status.slot.document.one_of
    return group is not None and any(
        other.slot.document.one_of == group and other.state is not SlotState.EMPTY
        for other in every
    )


BUTTON_PADDING_PX = 2 * 20 + 2 * 4 + 8
"""A button's horizontal padding and (checked) border in the theme, both sides."""


def wrapped(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` broken into lines no wider than ``width`` pixels, at spaces."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return "\n".join(lines)


def slot_widget_name(key: str) -> str:
    return "document_slot_" + key.replace(".", "_")


class DocumentsScreen(Retranslated, QWidget):
    continue_requested = Signal(str)
    back_requested = Signal()
    scan_progress = Signal(float)
    """Emitted from the scanning worker; queued to the GUI thread for the progress bar."""

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        capture: CaptureService,
        sources: CaptureSources,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documents_screen")
        self.case_service = case_service
        self.catalogue = catalogue
        self.capture = capture
        self.sources = sources
        self.lang = lang
        self.case_id: str | None = None
        self.slots: tuple[ResolvedSlot, ...] = ()
        self.statuses: dict[str, SlotStatus] = {}
        self.selected: ResolvedSlot | None = None
        self.slot_buttons: dict[str, QPushButton] = {}
        self.page_widgets: list[QWidget] = []
        self._samples = itertools.count()
        self.runner = TaskRunner(self)
        self.runner.busy_changed.connect(self._on_busy)

        self.title_label = set_role(QLabel(), "heading")
        self.title_label.setObjectName("documents_title")
        self.intro_label = set_role(QLabel(), "muted")
        self.intro_label.setObjectName("documents_intro")
        self.intro_label.setWordWrap(True)
        self.slot_column = QVBoxLayout()
        self.slot_column.setSpacing(8)

        self.slot_title = QLabel()
        self.slot_title.setObjectName("document_slot_title")
        self.slot_title.setWordWrap(True)
        bold = self.slot_title.font()
        bold.setBold(True)
        self.slot_title.setFont(bold)
        self.status_label = QLabel()
        self.status_label.setObjectName("document_status")
        self.status_label.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("document_preview")
        self.preview.setMinimumSize(320, 240)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setObjectName("document_scan_progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        # Queued: the scanner reports from the worker thread; widgets change on the GUI's.
        self.scan_progress.connect(self._on_scan_progress, Qt.ConnectionType.QueuedConnection)
        self.camera = CameraPages(self.preview, self)

        self.capture_button = set_large(big_button("", "document_capture_button", role="primary"))
        self.capture_button.setMinimumHeight(100)
        self.capture_button.clicked.connect(lambda: self._capture())
        self.retake_button = big_button("", "document_retake_button", role="secondary")
        self.retake_button.clicked.connect(self._retake)
        self.rotate_button = big_button("", "document_rotate_button", role="secondary")
        self.rotate_button.clicked.connect(self._rotate)
        self.done_button = big_button("", "document_done_button", role="primary")
        self.done_button.clicked.connect(self._done)
        self.bring_later_button = big_button("", "document_bring_later_button", role="secondary")
        self.bring_later_button.clicked.connect(self._bring_later)
        # The pages in a strip that scrolls sideways: a 20-page judgement stays on screen.
        self.thumb_strip = strip = QWidget()
        strip.setObjectName("document_thumbnail_strip")
        self.thumbs = QGridLayout(strip)
        self.thumbs.setContentsMargins(0, 0, 0, 0)
        self.thumbs.setSpacing(12)
        self.thumbs.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.thumb_scroll = QScrollArea()
        name_widget(self.thumb_scroll, "document_thumbnails")
        self.thumb_scroll.setWidget(strip)
        self.thumb_scroll.setWidgetResizable(True)
        self.thumb_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.thumb_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumb_scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.thumb_scroll.viewport().installEventFilter(self)
        follow_finger(self.thumb_scroll)  # a finger drags the strip sideways
        self.thumb_scroll.hide()
        self.page_pixmaps: list[QPixmap | None] = []

        # One row when the three fit side by side, else "done" on a row of its own.
        self.action_grid = actions = QGridLayout()
        actions.setSpacing(10)
        self._actions_in_one_row: bool | None = None
        panel = QVBoxLayout()
        panel.setSpacing(10)
        panel.addWidget(self.slot_title)
        panel.addWidget(self.status_label)
        panel.addWidget(self.preview, 1)
        panel.addWidget(self.progress)
        panel.addWidget(self.thumb_scroll, 1)
        panel.addStretch(0)
        panel.addLayout(actions)

        # Left: which paper, then the one big button that captures it, and the way out
        # ("I will bring it") for that paper. Right: what was captured, as large as fits.
        body = QHBoxLayout()
        body.setSpacing(24)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addLayout(self.slot_column)
        left.addStretch(1)
        left.addWidget(self.capture_button)
        left.addWidget(self.bring_later_button)
        # Two equal halves whatever their contents ask for (Ignored): a long slot name
        # or a wide button must not squeeze the other half.
        for half in (left, panel):
            holder = QWidget()
            holder.setLayout(half)
            half.setContentsMargins(0, 0, 0, 0)
            holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            body.addWidget(holder, 1)

        self.back_button = big_button("", "documents_back_button", role="secondary")
        self.back_button.setFixedWidth(NAV_BUTTON_WIDTH)
        self.back_button.clicked.connect(self.back_requested)
        self.continue_button = big_button("", "documents_continue_button", role="primary")
        self.continue_button.setMinimumWidth(NAV_BUTTON_WIDTH)
        self.continue_button.clicked.connect(self._continue)
        for button in (
            self.retake_button,
            self.rotate_button,
            self.done_button,
            self.bring_later_button,
            self.continue_button,
        ):
            explain_when_disabled(button, self._explain_busy)
        explain_when_disabled(self.capture_button, self._explain_capture)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.continue_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        # Large text on a small screen can need more height than there is: the body
        # scrolls then (the title and the way on stay put); otherwise it fits as it is.
        body_widget = QWidget()
        body_widget.setObjectName("documents_body")
        body_widget.setLayout(body)
        body.setContentsMargins(0, 0, 0, 0)
        self.body_scroll = touch_scroll_area(body_widget, "documents_scroll")
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(nav)
        self.retranslate()
        self._arrange_actions()

    # -- loading ----------------------------------------------------------------------

    def has_slots_for(self, case_id: str) -> bool:
        """True when this case has a paper the kiosk can capture."""
        case = self.case_service.get(case_id)
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        return any(slot.capturable for slot in resolve_slots(definition, case.answers))

    def load_case(self, case_id: str) -> None:
        self.case_id = case_id
        case = self.case_service.get(case_id)
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        self.slots = tuple(s for s in resolve_slots(definition, case.answers) if s.capturable)
        if self.sources.camera and not self.sources.scanner_device:
            # The frames reach the sink from the camera; where none can run (tests),
            # they are given to the same sink by hand.
            self.camera.start()
        self._refresh_statuses()
        self._build_slot_buttons()
        first = next(
            (s for s in self.slots if self.statuses[s.key].state is SlotState.EMPTY),
            self.slots[0] if self.slots else None,
        )
        self.select(first)

    def _refresh_statuses(self) -> None:
        if self.case_id is None:
            return
        pages = self.capture.pages
        scanned = {
            d.slot_key: d.page_count for d in pages.documents(self.case_id) if d.sha256 is not None
        }
        self.statuses = {
            status.slot.key: status
            for status in slot_statuses(self.slots, scanned, pages.bring_later(self.case_id))
        }

    def _build_slot_buttons(self) -> None:
        while self.slot_column.count():
            item = self.slot_column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard_widget(widget)
        self.slot_buttons = {}
        for slot in self.slots:
            button = set_role(name_widget(QPushButton(), slot_widget_name(slot.key)), "choice")
            button.setMinimumHeight(MIN_TOUCH_PX + 20)
            # Its width is the column's: the name is wrapped to it, never the other way.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, s=slot: self.select(s))
            button.installEventFilter(self)  # its names are wrapped again at each new width
            self.slot_column.addWidget(button)
            self.slot_buttons[slot.key] = button
        self._label_slot_buttons()

    def _status_text(self, status: SlotStatus) -> str:
        if status.state is SlotState.SCANNED:
            return self.tr("Đã chụp %n trang", "", status.pages)
        if status.state is SlotState.BRING_LATER:
            return self.tr("Sẽ mang bản giấy tới quầy")
        if alternative_filled(status, self.statuses.values()):
            return self.tr("Không cần: đã có giấy thay thế")
        if not status.slot.document.required:
            return self.tr("Không bắt buộc")
        return self.tr("Chưa có")

    def _label_slot_buttons(self) -> None:
        for slot in self.slots:
            status = self.statuses.get(slot.key)
            button = self.slot_buttons.get(slot.key)
            if status is None or button is None:
                continue
            # A button does not wrap its text: the long names are wrapped here, to its width.
            width = max(100, button.width() - BUTTON_PADDING_PX)
            bold = button.font()
            bold.setBold(True)  # the selected slot's text is bold: wrap for the wider one
            text = f"{slot.name.get(self.lang)} · {self._status_text(status)}"
            button.setText(wrapped(text, QFontMetrics(bold), width))
            button.setChecked(self.selected is not None and self.selected.key == slot.key)

    # -- the selected slot ------------------------------------------------------------

    def select(self, slot: ResolvedSlot | None) -> None:
        self.selected = slot
        self._label_slot_buttons()
        self._show_pages()

    def _pages(self) -> list[StoredPage]:
        if self.case_id is None or self.selected is None:
            return []
        return self.capture.pages.pages(self.case_id, self.selected.key)

    def _show_pages(self) -> None:
        for widget in self.page_widgets:
            discard_widget(widget)
        self.page_widgets = []
        self.page_pixmaps = []
        slot = self.selected
        if slot is None:
            self.slot_title.setText(self.tr("Thủ tục này không cần chụp giấy tờ."))
            return
        limits = (
            self.tr("Cần đúng %n trang.", "", slot.min_pages)
            if slot.min_pages == slot.max_pages
            else self.tr("Tối đa %n trang.", "", slot.max_pages)
        )
        self.slot_title.setText(f"{slot.name.get(self.lang)} ({limits})")
        pages = self._pages()
        for index, page in enumerate(pages):
            cell = QWidget()
            cell.setObjectName(f"document_page_{index + 1}")
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(6)
            thumb = set_role(QLabel(), "thumbnail")
            thumb.setObjectName(f"document_thumbnail_{index + 1}")
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setWordWrap(True)
            loaded: QPixmap | None = QPixmap()
            try:
                data = self.capture.pages.read_page(page)
            except AttachmentError as error:
                loaded = None
                thumb.setText(error.message.get(self.lang))
            else:
                loaded = QPixmap()
                loaded.loadFromData(data)
            self.page_pixmaps.append(loaded)
            delete = name_widget(
                QPushButton(self.tr("Xóa trang %1").replace("%1", str(index + 1))),
                f"document_delete_page_{index + 1}",
            )
            set_role(delete, "secondary")
            delete.setMinimumHeight(MIN_TOUCH_PX)
            delete.clicked.connect(lambda _c=False, p=page: self._delete(p))
            column.addWidget(thumb)
            column.addWidget(delete)
            self.thumbs.addWidget(cell, 0, index)
            cell.show()  # added to a shown screen: Qt leaves it hidden until told
            self.page_widgets.append(cell)
        has_pages = bool(pages)
        self.thumb_scroll.setVisible(has_pages)
        if has_pages:
            self._arrange_actions()
            self._fit_thumbnails()
            self.thumb_scroll.ensureWidgetVisible(self.page_widgets[-1])
        capture_ok = self.sources.any
        self.capture_button.setVisible(capture_ok)
        self.capture_button.setEnabled(len(pages) < slot.max_pages)
        self.retake_button.setVisible(capture_ok and has_pages)
        self.rotate_button.setVisible(has_pages)
        self.done_button.setVisible(has_pages)
        self.bring_later_button.setVisible(slot.document.bring_later)
        self.preview.setVisible(bool(self.sources.camera) and not self.sources.scanner_device)
        status = self.statuses.get(slot.key)
        if not capture_ok:
            self.status_label.setText(
                self.tr(
                    "Máy không có máy quét hay máy ảnh. Xin mang bản giấy này tới quầy, "
                    "cán bộ sẽ nhận trực tiếp."
                )
            )
        elif status is not None and status.state is SlotState.SCANNED:
            self.status_label.setText(self._status_text(status))
        elif self.sources.scanner_device:
            self.status_label.setText(
                self.tr("Đặt trang giấy lên máy quét, úp mặt xuống, rồi chạm “Quét trang”.")
            )
        elif self.sources.camera:
            self.status_label.setText(
                self.tr("Đặt trang giấy trước máy ảnh rồi chạm “Chụp trang”.")
            )
        else:
            self.status_label.setText(
                self.tr("Chế độ tập huấn: máy dùng giấy tờ mẫu thay cho máy quét.")
            )
        self._retranslate_capture()

    # -- actions ----------------------------------------------------------------------

    def _grab_source(self) -> tuple[Callable[[], bytes], Source] | None:
        sources = self.sources
        if sources.scanner_device:
            device = sources.scanner_device
            self.progress.setValue(0)
            self.progress.show()

            report = self.scan_progress.emit

            def scan() -> bytes:
                return scan_page(
                    device,
                    resolution=sources.scan_resolution,
                    options=sources.scanner_options,
                    environment=sources.scanner_environment,
                    progress=report,
                )

            return scan, Source.SCANNER
        if sources.camera:
            frame = self.camera.grab()
            if frame is None:
                self.status_label.setText(
                    self.tr("Máy ảnh chưa có hình. Xin đợi một chút rồi chụp lại.")
                )
                return None
            return (lambda: frame), Source.CAMERA
        if sources.training_samples:
            kind = SAMPLE_KINDS[next(self._samples) % len(SAMPLE_KINDS)]
            return (lambda: sample_jpeg(kind)), Source.SCANNER
        return None

    def _capture(self, replace: StoredPage | None = None) -> None:
        slot, case_id = self.selected, self.case_id
        if slot is None or case_id is None:
            return
        grabbed = self._grab_source()
        if grabbed is None:
            return
        grab, source = grabbed
        capture = self.capture

        def work() -> object:
            data = grab()
            if replace is not None:
                return capture.retake(replace, data, source)
            return capture.add(case_id, slot, data, source)

        self.status_label.setText(self.tr("Đang xử lý trang..."))
        self.runner.start(work, self._after_change, self._show_failure)

    def _retake(self) -> None:
        pages = self._pages()
        if pages:
            self._capture(replace=pages[-1])

    def _rotate(self) -> None:
        pages = self._pages()
        if pages:
            last = pages[-1]
            self.runner.start(
                lambda: self.capture.rotate(last), self._after_change, self._show_failure
            )

    def _delete(self, page: StoredPage) -> None:
        self.capture.delete(page)
        self._after_change(None)

    def _done(self) -> None:
        slot, case_id = self.selected, self.case_id
        if slot is None or case_id is None:
            return
        title = slot.name.vi
        self.status_label.setText(self.tr("Đang ghép các trang thành một tệp..."))
        self.runner.start(
            lambda: self.capture.finish(case_id, slot, title), self._after_done, self._show_failure
        )

    def _bring_later(self) -> None:
        slot, case_id = self.selected, self.case_id
        if slot is None or case_id is None:
            return
        reason = BringLaterReason.NOT_WITH_ME if self.sources.any else BringLaterReason.NO_DEVICE
        self.capture.pages.set_bring_later(case_id, slot.key, reason)
        self._after_done(None)

    def _after_change(self, _result: object) -> None:
        self.progress.hide()
        self._refresh_statuses()
        self._label_slot_buttons()
        self._show_pages()

    def _after_done(self, _result: object) -> None:
        self._after_change(None)
        filled_groups = {
            s.slot.document.one_of
            for s in self.statuses.values()
            if s.state is not SlotState.EMPTY and s.slot.document.one_of
        }
        following = next(
            (
                s
                for s in self.slots
                if self.statuses[s.key].state is SlotState.EMPTY
                and s.document.one_of not in filled_groups
            ),
            None,
        )
        if following is not None:
            self.select(following)

    def _show_failure(self, error: Exception) -> None:
        self.progress.hide()
        if isinstance(error, AttachmentError):
            self.status_label.setText(error.message.get(self.lang))
        else:
            self.status_label.setText(
                self.tr("Không lưu được trang này. Các trang đã chụp vẫn được giữ. Xin thử lại.")
            )
        self._refresh_statuses()
        self._label_slot_buttons()

    def _on_scan_progress(self, value: float) -> None:
        self.progress.setValue(round(value))

    def _explain_busy(self) -> None:
        self.status_label.setText(
            self.tr("Xin chờ một chút: ki-ốt đang xử lý trang giấy tờ, xong sẽ bấm được.")
        )

    def _explain_capture(self) -> None:
        if self.runner.is_busy():
            self._explain_busy()
            return
        limit = self.selected.max_pages if self.selected is not None else 0
        self.status_label.setText(
            self.tr(
                "Giấy tờ này chỉ cần tối đa {pages} trang và đã đủ. Xin bấm «Xong», "
                "hoặc xoá một trang rồi chụp lại."
            ).format(pages=limit)
        )

    def _on_busy(self, busy: bool) -> None:
        for button in (
            self.capture_button,
            self.retake_button,
            self.rotate_button,
            self.done_button,
            self.bring_later_button,
            self.continue_button,
        ):
            button.setEnabled(not busy)
        if not busy and self.selected is not None:
            self.capture_button.setEnabled(len(self._pages()) < self.selected.max_pages)

    def _continue(self) -> None:
        if self.case_id is None:
            return
        case = self.case_service.get(self.case_id)
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        self._refresh_statuses()
        every = resolve_slots(definition, case.answers)
        statuses = slot_statuses(
            every,
            {k: s.pages for k, s in self.statuses.items() if s.state is SlotState.SCANNED},
            self.capture.pages.bring_later(self.case_id),
        )
        missing = missing_documents(definition, case.answers, filled_documents(statuses))
        if missing:
            names = "; ".join(name.get(self.lang) for name in missing)
            self.status_label.setText(
                self.tr("Xin chụp hoặc chọn “mang tới quầy” cho: %1").replace("%1", names)
            )
            return
        self.camera.stop()
        self.continue_requested.emit(self.case_id)

    # -- language ---------------------------------------------------------------------

    def reset(self) -> None:
        self.camera.stop()
        for widget in self.page_widgets:
            discard_widget(widget)
        self.page_widgets = []
        self.case_id = None
        self.slots = ()
        self.statuses = {}
        self.selected = None
        self._build_slot_buttons()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    # -- sizes ------------------------------------------------------------------------

    def _fit_thumbnails(self) -> None:
        """Thumbnails as tall as the strip allows (a 1920x1080 screen shows them large)."""
        if not self.page_widgets:
            return
        delete = self.page_widgets[0].findChild(QPushButton)
        below = (delete.sizeHint().height() if delete is not None else MIN_TOUCH_PX) + 6
        viewport = self.thumb_scroll.viewport()
        room = viewport.height() - below - FRAME_PX
        spacing = self.thumbs.horizontalSpacing()
        cell_width = max(
            round(room / A4_RATIO) + FRAME_PX,
            delete.sizeHint().width() if delete is not None else 0,
        )
        if len(self.page_widgets) * (cell_width + spacing) > viewport.width():
            room -= self.thumb_scroll.horizontalScrollBar().sizeHint().height()  # it will show
        height = max(MIN_THUMB_HEIGHT, min(MAX_THUMB_HEIGHT, room))
        width = round(height / A4_RATIO)
        for cell, pixmap in zip(self.page_widgets, self.page_pixmaps, strict=True):
            thumb = cell.findChild(QLabel)
            if thumb is None:
                continue
            thumb.setFixedSize(width + FRAME_PX, height + FRAME_PX)
            if pixmap is not None:
                thumb.setPixmap(
                    pixmap.scaled(
                        width,
                        height,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.thumb_scroll.viewport():
                self._fit_thumbnails()
            elif (
                watched in self.slot_buttons.values()
                and isinstance(event, QResizeEvent)
                and event.size().width() != event.oldSize().width()
            ):
                self._label_slot_buttons()
        return super().eventFilter(watched, event)

    def _arrange_actions(self) -> None:
        buttons = (self.retake_button, self.rotate_button, self.done_button)
        needed = sum(button.sizeHint().width() for button in buttons) + 2 * 10
        available = self.thumb_scroll.width() if self.thumb_scroll.isVisible() else 0
        one_row = available == 0 or needed <= available
        if one_row == self._actions_in_one_row:
            return
        self._actions_in_one_row = one_row
        for button in buttons:
            self.action_grid.removeWidget(button)
        if one_row:
            for column, button in enumerate(buttons):
                self.action_grid.addWidget(button, 0, column)
        else:
            self.action_grid.addWidget(self.retake_button, 0, 0)
            self.action_grid.addWidget(self.rotate_button, 0, 1)
            self.action_grid.addWidget(self.done_button, 1, 0, 1, 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._label_slot_buttons()
        self._arrange_actions()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._label_slot_buttons()
            self._arrange_actions()

    def _retranslate_capture(self) -> None:
        if self.sources.scanner_device:
            self.capture_button.setText(self.tr("Quét trang"))
        elif self.sources.camera:
            self.capture_button.setText(self.tr("Chụp trang"))
        else:
            self.capture_button.setText(self.tr("Dùng giấy mẫu"))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Giấy tờ kèm theo"))
        self.intro_label.setText(
            self.tr(
                "Chụp từng giấy tờ để gửi cùng hồ sơ, hoặc chọn mang bản giấy tới quầy. "
                "Tình nguyện viên có thể làm giúp bạn."
            )
        )
        self.retake_button.setText(self.tr("Chụp lại"))
        self.rotate_button.setText(self.tr("Xoay trang"))
        self.done_button.setText(self.tr("Xong giấy này"))
        self.bring_later_button.setText(self.tr("Tôi sẽ mang bản giấy tới quầy"))
        self.back_button.setText(self.tr("Quay lại"))
        self.continue_button.setText(self.tr("Tiếp tục"))
        self._retranslate_capture()
        if self.case_id is not None:
            self._label_slot_buttons()
            self._show_pages()
