"""Choose a procedure: big tiles, a diacritic-blind search, a summary before starting.

Tiles come from :meth:`kiosk.procedures.Catalogue.tiles` (display order). A
tap opens the summary (documents to bring, the fee rule in words, the
processing time, a QR code of the official page for the citizen's phone);
``start_procedure_button`` emits ``start_requested(procedure_id)``. The
screen never starts a case itself.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.identity import fold_vietnamese, to_nfc
from kiosk.paths import asset_dir
from kiosk.payments.money import format_vnd_in_text
from kiosk.procedures import Catalogue, ProcedureDefinition
from kiosk.procedures.model import (
    ByChannelFee,
    ByChoiceFee,
    ConditionalFee,
    FeeRule,
    FixedFee,
    FreeFee,
    PerPageFee,
    PerUnitFee,
    Processing,
    SumFee,
)
from kiosk.ui.qr import QrLabel
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    big_button,
    name_widget,
    scroll_to_top,
    set_role,
    touch_scroll_area,
)

ICON_PX = 72
QR_PX = 220
_MAX_SEARCH_CHARS = 60
_FALLBACK_ICON = "document"


def icon_pixmap(icon: str, size: int, colour: QColor) -> QPixmap:
    """The SVG ``assets/icons/<icon>.svg`` drawn in ``colour`` (``currentColor``).

    Falls back to the generic document icon; an empty pixmap if even that is
    missing (a tile without a picture still works).
    """
    folder = asset_dir() / "icons"
    path = folder / f"{icon}.svg"
    if not path.is_file():
        path = folder / f"{_FALLBACK_ICON}.svg"
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if not path.is_file():
        return pixmap
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def _folded(*texts: str) -> str:
    return fold_vietnamese(" ".join(texts))


def matches(definition: ProcedureDefinition, query: str, *, titles_only: bool = False) -> bool:
    """Every word of ``query`` appears in the procedure's folded title (or summary)."""
    words = fold_vietnamese(to_nfc(query)).split()
    key = _folded(definition.title.vi, definition.title.en)
    if not titles_only:
        key += " " + _folded(definition.summary.vi, definition.summary.en)
    return all(word in key for word in words)


def search(definitions: list[ProcedureDefinition], query: str) -> list[ProcedureDefinition]:
    """Procedures whose title matches ``query``; if none, those whose summary does.

    "khai sinh" finds the birth registration, not every summary that mentions
    a birth certificate.
    """
    by_title = [item for item in definitions if matches(item, query, titles_only=True)]
    return by_title or [item for item in definitions if matches(item, query)]


class ProcedureTile(QPushButton):
    """A big button with the procedure's icon, title and tagline (else its summary)."""

    def __init__(self, definition: ProcedureDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        name_widget(self, f"procedure_tile_{definition.id}")
        set_role(self, "tile")
        self.setMinimumHeight(130)
        # The grid decides the width (two equal columns); the height follows the text.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(ICON_PX, ICON_PX)
        self.title_label = QLabel()
        set_role(self.title_label, "tile_title")
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.summary_label = QLabel()
        set_role(self.summary_label, "muted")
        self.summary_label.setWordWrap(True)
        for label in (self.icon_label, self.title_label, self.summary_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title_label)
        texts.addWidget(self.summary_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(18)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(texts, 1)

    def set_language(self, language: str) -> None:
        self.title_label.setText(self.definition.title.get(language))
        self.summary_label.setText(self.definition.tile_text.get(language))
        self._draw_icon()

    def _draw_icon(self) -> None:
        self.icon_label.setPixmap(
            icon_pixmap(self.definition.icon, ICON_PX, self.palette().color(self.foregroundRole()))
        )

    def changeEvent(self, event: QEvent) -> None:
        # The tile's own palette changes when the theme's style sheet reaches it, which
        # for a hidden catalogue is after the screen's own PaletteChange: redraw then.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._draw_icon()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(0, 0)
        return QSize(max(hint.width(), 300), max(hint.height(), self.minimumHeight()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(needed, self.minimumHeight())


class CatalogueScreen(Retranslated, QWidget):
    """Signals: ``start_requested(str procedure_id)``, ``back_requested()``."""

    start_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self, catalogue: Catalogue, language: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("catalogue_screen")
        self.catalogue = catalogue
        self.language = language
        self._selected: ProcedureDefinition | None = None
        self.pages = QStackedWidget()
        self.list_page = self._build_list_page()
        self.summary_page = self._build_summary_page()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.summary_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addWidget(self.pages)
        self.retranslate()

    # -- building ---------------------------------------------------------------------

    def _build_list_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("catalogue_list_page")
        self.title_label = QLabel()
        self.title_label.setObjectName("catalogue_title_label")
        set_role(self.title_label, "title")
        self.search_input = QLineEdit()
        name_widget(self.search_input, "procedure_search")
        self.search_input.setMaxLength(_MAX_SEARCH_CHARS)
        self.search_input.setMinimumHeight(MIN_TOUCH_PX)
        # Only a tap focuses the field (and opens the keyboard), never showing the screen.
        self.search_input.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.search_input.textChanged.connect(self._filter)
        # A finger-sized clear button instead of Qt's 16-pixel "×"; only with text to clear.
        self.search_clear_button = QPushButton()
        name_widget(self.search_clear_button, "procedure_search_clear_button")
        self.search_clear_button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
        self.search_clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_clear_button.clicked.connect(self.search_input.clear)
        self.search_clear_button.hide()
        self.search_input.textChanged.connect(
            lambda text: self.search_clear_button.setVisible(bool(text))
        )
        header = QHBoxLayout()
        # The search gets two thirds: its placeholder was cut off in large text.
        header.addWidget(self.title_label, 1)
        header.addWidget(self.search_input, 2)
        header.addWidget(self.search_clear_button)

        self.tiles: dict[str, ProcedureTile] = {}
        grid_holder = QWidget()
        grid_holder.setObjectName("catalogue_tiles")
        self.tile_grid = QGridLayout(grid_holder)
        self.tile_grid.setContentsMargins(0, 0, 8, 0)
        self.tile_grid.setSpacing(18)
        self.tile_grid.setColumnStretch(0, 1)
        self.tile_grid.setColumnStretch(1, 1)
        for definition in self.catalogue.tiles():
            tile = ProcedureTile(definition)
            tile.clicked.connect(lambda _checked=False, d=definition: self.open_summary(d.id))
            self.tiles[definition.id] = tile
        self._place_tiles(list(self.tiles.values()))
        self.empty_label = QLabel()
        name_widget(self.empty_label, "catalogue_empty_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        scroll = touch_scroll_area(grid_holder, "catalogue_scroll")

        self.back_button = big_button("", "catalogue_back_button", role="secondary")
        self.back_button.setMaximumWidth(360)
        self.back_button.clicked.connect(self._go_back)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.back_button)
        return page

    def _place_tiles(self, visible: list[ProcedureTile]) -> None:
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
            tile.setVisible(tile in visible)
        for index, tile in enumerate(visible):
            self.tile_grid.addWidget(tile, index // 2, index % 2)
        self.tile_grid.setRowStretch(self.tile_grid.rowCount(), 1)

    def _build_summary_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("catalogue_summary_page")
        self.summary_icon = QLabel()
        self.summary_icon.setFixedSize(ICON_PX, ICON_PX)
        self.summary_title = QLabel()
        self.summary_title.setObjectName("summary_title_label")
        set_role(self.summary_title, "title")
        self.summary_title.setWordWrap(True)
        head = QHBoxLayout()
        head.setSpacing(18)
        head.addWidget(self.summary_icon)
        head.addWidget(self.summary_title, 1)

        self.summary_text = self._text_label("summary_text_label")
        self.documents_heading = self._text_label("summary_documents_heading", "heading")
        self.documents_label = self._text_label("summary_documents_label")
        self.fee_heading = self._text_label("summary_fee_heading", "heading")
        self.fee_label = self._text_label("summary_fee_label")
        self.time_heading = self._text_label("summary_time_heading", "heading")
        self.time_label = self._text_label("summary_time_label")
        self.qr_label = QrLabel("summary_qr_code", QR_PX)
        self.qr_caption = self._text_label("summary_qr_caption", "muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.qr_caption.setFixedWidth(QR_PX + 40)
        qr_column = QVBoxLayout()
        qr_column.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_column.addWidget(self.qr_caption)
        qr_column.addStretch(1)
        texts_widget = QWidget()
        texts = QVBoxLayout(texts_widget)
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(8)
        for label in (
            self.summary_text,
            self.documents_heading,
            self.documents_label,
            self.fee_heading,
            self.fee_label,
            self.time_heading,
            self.time_label,
        ):
            texts.addWidget(label)
        texts.addStretch(1)
        # Texts and QR scroll together, so the page fits above the keyboard too.
        details = QWidget()
        details_layout = QHBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 12, 0)
        details_layout.setSpacing(24)
        details_layout.addWidget(texts_widget, 1, Qt.AlignmentFlag.AlignTop)
        details_layout.addLayout(qr_column)
        scroll = touch_scroll_area(details, "summary_scroll")

        self.summary_back_button = big_button("", "summary_back_button", role="secondary")
        self.summary_back_button.clicked.connect(self.close_summary)
        self.start_button = big_button("", "start_procedure_button")
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        buttons.addWidget(self.summary_back_button, 1)
        buttons.addWidget(self.start_button, 2)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return page

    @staticmethod
    def _text_label(name: str, role: str | None = None) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            set_role(label, role)
        return label

    # -- behaviour --------------------------------------------------------------------

    @property
    def selected_procedure(self) -> str | None:
        return None if self._selected is None else self._selected.id

    def visible_tiles(self) -> list[str]:
        """Procedure ids whose tile the search currently shows, in display order."""
        return [pid for pid, tile in self.tiles.items() if not tile.isHidden()]

    def _filter(self, query: str) -> None:
        found = {item.id for item in search([t.definition for t in self.tiles.values()], query)}
        shown = [tile for pid, tile in self.tiles.items() if pid in found]
        self._place_tiles(shown)
        self.empty_label.setVisible(not shown)

    def open_summary(self, procedure_id: str) -> None:
        self._selected = self.catalogue[procedure_id]
        self._fill_summary()
        self.pages.setCurrentWidget(self.summary_page)
        scroll_to_top(self.summary_page)  # never where the previous reader left it

    def close_summary(self) -> None:
        self._selected = None
        self.qr_label.set_payload("")
        self.pages.setCurrentWidget(self.list_page)

    def _start(self) -> None:
        if self._selected is not None:
            self.start_requested.emit(self._selected.id)

    def _go_back(self) -> None:
        self.reset()
        self.back_requested.emit()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def reset(self) -> None:
        """Clear the search and close the summary (the search may hold typed text)."""
        self.search_input.clear()
        self.close_summary()
        scroll_to_top(self)

    # -- texts ------------------------------------------------------------------------

    def _fill_summary(self) -> None:
        definition = self._selected
        if definition is None:
            return
        lang = self.language
        colour = self.palette().color(self.foregroundRole())
        self.summary_icon.setPixmap(icon_pixmap(definition.icon, ICON_PX, colour))
        self.summary_title.setText(definition.title.get(lang))
        self.summary_text.setText(definition.summary.get(lang))
        self.documents_heading.setText(self.tr("Giấy tờ cần mang theo"))
        self.documents_label.setText("\n".join(self._document_lines(definition)))
        self.fee_heading.setText(self.tr("Lệ phí"))
        self.fee_label.setText("\n".join(self.fee_lines(definition.fee)))
        self.time_heading.setText(self.tr("Thời gian giải quyết"))
        self.time_label.setText(self.processing_text(definition.processing))
        if definition.official_url:
            self.qr_label.set_payload(definition.official_url)
            self.qr_caption.setText(self.tr("Quét mã này bằng điện thoại để đọc thêm"))
        else:
            self.qr_label.set_payload("")
            self.qr_caption.clear()

    def _document_lines(self, definition: ProcedureDefinition) -> list[str]:
        lang = self.language
        lines = []
        for document in definition.documents:
            line = f"• {document.name.get(lang)} ({document.form.label.get(lang)}"
            if document.quantity > 1:
                line += self.tr(", {count} bản").format(count=document.quantity)
            line += ")"
            if document.required_when is not None:
                line += " " + self.tr("(tùy trường hợp)")
            if document.note is not None:
                line += " " + document.note.get(lang)
            lines.append(line)
        return lines

    def fee_lines(self, rule: FeeRule) -> list[str]:
        """The fee rule in words, one line per part (amounts in the current language)."""
        lang = self.language
        match rule:
            case FreeFee(label=label):
                return [label.get(lang) if label else self.tr("Miễn lệ phí")]
            case FixedFee(amount=amount, label=label):
                name = label.get(lang) if label else self.tr("Lệ phí")
                return [f"{name}: {format_vnd_in_text(amount, lang)}"]
            case PerUnitFee(rate=rate, label=label):
                name = label.get(lang) if label else self.tr("Lệ phí")
                return [
                    self.tr("{name}: {amount} mỗi bản").format(
                        name=name, amount=format_vnd_in_text(rate, lang)
                    )
                ]
            case PerPageFee():
                name = rule.label.get(lang) if rule.label else self.tr("Lệ phí")
                text = self.tr(
                    "{name}: {first} mỗi trang cho {pages} trang đầu, {next} mỗi trang từ "
                    "trang tiếp theo"
                ).format(
                    name=name,
                    first=format_vnd_in_text(rule.first_rate, lang),
                    pages=rule.first_pages,
                    next=format_vnd_in_text(rule.next_rate, lang),
                )
                if rule.cap_per_copy is not None:
                    text += self.tr(", tối đa {cap} một bản").format(
                        cap=format_vnd_in_text(rule.cap_per_copy, lang)
                    )
                return [text]
            case ByChannelFee(in_person=in_person):
                return self.fee_lines(in_person)  # the kiosk files in person
            case ByChoiceFee(cases=cases):
                return [line for _value, part in cases for line in self.fee_lines(part)]
            case ConditionalFee():
                lines = []
                for case in rule.cases:
                    parts = self.fee_lines(case.fee)
                    reason = case.reason.get(lang) if case.reason else ""
                    if isinstance(case.fee, FreeFee) and reason:
                        lines.append(self.tr("Miễn lệ phí nếu {reason}").format(reason=reason))
                    else:
                        lines += [f"{part} ({reason})" if reason else part for part in parts]
                otherwise = self.fee_lines(rule.otherwise)
                if rule.otherwise_reason:
                    reason = rule.otherwise_reason.get(lang)
                    otherwise = [f"{part} ({reason})" for part in otherwise]
                return lines + otherwise
            case SumFee(parts=parts):
                return [line for part in parts for line in self.fee_lines(part)]
        return []

    def processing_text(self, processing: Processing) -> str:
        """How long the office takes, in words."""
        if processing.note is not None:
            return processing.note.get(self.language)
        if processing.by_choice:
            days = sorted({choice.working_days for _value, choice in processing.by_choice})
            return self.tr("Từ {low} đến {high} ngày làm việc, tùy trường hợp").format(
                low=days[0], high=days[-1]
            )
        if processing.same_day:
            return self.tr("Trả kết quả trong ngày")
        return self.tr("{days} ngày làm việc").format(days=processing.working_days)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Chọn thủ tục"))
        self.search_input.setPlaceholderText(self.tr("Tìm thủ tục (gõ không dấu cũng được)"))
        # Not «Xoá»: the keyboard's backspace is called so, just below.
        self.search_clear_button.setText(self.tr("Xoá hết"))
        self.empty_label.setText(
            self.tr("Không tìm thấy thủ tục phù hợp. Xin thử từ khác hoặc nhờ cán bộ hỗ trợ.")
        )
        self.back_button.setText(self.tr("Quay lại"))
        self.summary_back_button.setText(self.tr("Chọn thủ tục khác"))
        self.start_button.setText(self.tr("Bắt đầu khai"))
        for tile in self.tiles.values():
            tile.set_language(self.language)
        self._fill_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            # The theme changed: icons are drawn in the text colour.
            for tile in self.tiles.values():
                tile.set_language(self.language)
        super().changeEvent(event)
