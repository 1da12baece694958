"""The form wizard: one step of a procedure per page, generated from its definition.

Every answer is saved through :meth:`CaseService.save_answer` the moment it
is given (a tap on a choice, the end of typing in a field); a refused answer
shows its plain Vietnamese message next to the field and the stored answer
stays as it was. Which steps and fields are shown is recomputed after every
answer (answering "No" to "father known?" hides the father's fields), and so
are the computed values (date in words, fee).

Next (``next_button``) first checks the page with
:meth:`CaseService.validate_step`: messages appear next to the fields and the
page stays. After the last step, or after a page opened from the review with
:meth:`WizardScreen.goto_step`, Next emits ``review_requested(case_id)``.
Back (``back_button``) on the first step emits ``back_requested``. Both
buttons stay at the same place at the bottom of every page.

Nobody types what the kiosk already knows. Answers a definition copies from
others (``fill_from``: "I am the father" fills the father's name, year of
birth and address from the card's) are saved after the answer that sets
them off and marked "filled in from your details"; they stay editable. The
definition's suggestions become one-tap chips, with the ward's own lists
(``assets/procedures/local/<ward code>.json``) and the kiosk's ward
(``config.ward.code``) as the first choice of address and place pickers.

The screen owns no keyboard: a tap on a typed field emits
``keyboard_needed(editor, kind)`` (kind ``"letters"`` or ``"digits"``) for
the shell to show the on-screen keyboard or number pad attached to it.

The ward's shared database may be out of reach for a while (a cable, a server
restart). An answer that could not be saved then stays on screen and in
``unsaved`` (memory only), ``store_unreachable`` asks the shell for its banner,
and a timer (``retry_ms``) saves the waiting answers again until the server
answers (saving is idempotent: the same answer twice is one answer); then
``store_reachable`` hides the banner. Next waits, calmly, while answers wait.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import CaseError, CaseService
from kiosk.cases.chip_prefill import PARENT_ROLES, parent_answers
from kiosk.cases.presentation import is_blank
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.paths import asset_dir
from kiosk.procedures import (
    AnswerError,
    Catalogue,
    ProcedureDefinition,
    Step,
    compute_values,
    filled_fields,
    load_local_lists,
    suggested_answers,
    visible_fields,
    visible_steps,
)
from kiosk.procedures.base import JsonValue
from kiosk.store import StoreUnavailable
from kiosk.ui.chip_panel import ChipReaderPort
from kiosk.ui.fields import (
    ComputedField,
    FieldContext,
    FieldWidget,
    GroupField,
    make_field_widget,
)
from kiosk.ui.fields.base import discard_widget
from kiosk.ui.parent_chip import ParentChipBox
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    ROLE_PROPERTY,
    big_button,
    name_widget,
    scroll_field_into_sight,
    section_heading,
    set_role,
    touch_scroll_area,
)

QWIDGETSIZE_MAX = 16_777_215
"""Qt's largest widget size: a maximum width of it means "no maximum"."""
NAV_BUTTON_WIDTH = 320
CHIP_WIDTH = 64
PAGE_MARGIN = 32
RETRY_MS = 3000
"""How often answers waiting for the ward's server are saved again."""


class StepProgress(QWidget):
    """A progress bar over numbered step chips; the current chip shows the step's name.

    The chips are signposts, not buttons: boxed, they looked tappable and did
    nothing. They stay unboxed text (the current step bold and underlined): a
    number is narrower than a finger, and the way back to a step is «Quay lại» or
    the review's «Sửa» beside each step, which also keeps the review's order.

    The chips are built once and kept: :meth:`set_steps` adds or removes chips
    only when the number of steps changes and otherwise re-styles just the
    chips whose title or state (done, current, upcoming) changed, so a wizard
    step costs no widget creation, deletion or style-sheet polish beyond them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "wizard_progress")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.bar = QProgressBar()
        self.bar.setObjectName("wizard_progress_bar")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(12)
        self.title_label = QLabel()
        self.title_label.setObjectName("wizard_procedure_label")
        set_role(self.title_label, "muted")
        self.chips_row = QHBoxLayout()
        self.chips_row.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.title_label, 1)
        row.addLayout(self.chips_row)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        self.chips: list[QLabel] = []
        self._chip_states: list[tuple[str, int] | None] = []
        self._shown: tuple[tuple[str, ...], int] | None = None

    def set_steps(self, titles: list[str], current: int) -> None:
        """Show ``titles`` as chips with ``current`` (an index) as the step being answered."""
        wanted = (tuple(titles), current)
        if wanted == self._shown:
            return
        self._shown = wanted
        while len(self.chips) > len(titles):
            discard_widget(self.chips.pop())
            self._chip_states.pop()
        while len(self.chips) < len(titles):
            chip = QLabel()
            chip.setObjectName(f"wizard_step_chip_{len(self.chips)}")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setFrameShape(QFrame.Shape.NoFrame)
            chip.setMargin(6)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.chips_row.addWidget(chip)
            self.chips.append(chip)
            self._chip_states.append(None)
        maximum = max(len(titles), 1)
        if self.bar.maximum() != maximum:
            self.bar.setRange(0, maximum)
        value = current + 1 if titles else 0
        if self.bar.value() != value:
            self.bar.setValue(value)
        for index, (chip, title) in enumerate(zip(self.chips, titles, strict=True)):
            # -1 done, 0 current, +1 upcoming
            state = (title, (index > current) - (index < current))
            if self._chip_states[index] != state:
                self._style_chip(chip, index, title, state[1])
                self._chip_states[index] = state
        self.setAccessibleDescription(
            f"{current + 1}/{len(titles)}: {titles[current]}" if titles else ""
        )

    def _style_chip(self, chip: QLabel, index: int, title: str, position: int) -> None:
        """Give ``chip`` the look of a done (-1), current (0) or upcoming (+1) step."""
        was_shown = not chip.isHidden()
        chip.setText(f"{index + 1}. {title}" if position == 0 else str(index + 1))
        chip.setToolTip(title)
        if position == 0:
            chip.setMinimumWidth(0)
            chip.setMaximumWidth(QWIDGETSIZE_MAX)
        else:
            chip.setFixedWidth(CHIP_WIDTH)
        # The theme draws the current step bold and underlined (a style sheet's font
        # wins over setFont), upcoming ones muted.
        role = "muted" if position > 0 else ("step_current" if position == 0 else None)
        if chip.property(ROLE_PROPERTY) != role:
            chip.setProperty(ROLE_PROPERTY, role)
            if was_shown:  # a chip not yet shown is polished when it is
                chip.style().unpolish(chip)
                chip.style().polish(chip)
        if not was_shown:
            chip.show()


class WizardScreen(Retranslated, QWidget):
    """Signals: ``review_requested(case_id)``, ``back_requested()``, ``keyboard_needed``."""

    review_requested = Signal(str)
    back_requested = Signal()
    keyboard_needed = Signal(QWidget, str)
    store_unreachable = Signal()
    store_reachable = Signal()

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        lang: str = "vi",
        parent: QWidget | None = None,
        chip_reader: ChipReaderPort | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizard_screen")
        self.chip_reader = chip_reader
        self.case_service = case_service
        self.catalogue = catalogue
        self.lang = lang
        self.case_id: str | None = None
        self.definition: ProcedureDefinition | None = None
        self.answers: dict[str, JsonValue] = {}
        self.step_id: str | None = None
        self.return_to_review = False
        self.prefilled: set[str] = set()
        self.copied: frozenset[str] = frozenset()
        self.widgets: dict[str, FieldWidget] = {}
        # Answers given while the database was out of reach, by key (memory only).
        self.unsaved: dict[str, object] = {}
        self.retry_timer = QTimer(self)
        self.retry_timer.setObjectName("wizard_retry_timer")
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry_unsaved)
        ward_code = case_service.config.ward.code
        self.field_context = FieldContext.for_ward(ward_code)
        self.local_lists = load_local_lists(ward_code, asset_dir() / "procedures" / "local")

        self.progress = StepProgress()
        self.procedure_label = self.progress.title_label
        self.step_title = section_heading("wizard_step_title")
        self.step_help = QLabel()
        self.step_help.setObjectName("wizard_step_help")
        self.step_help.setWordWrap(True)
        set_role(self.step_help, "muted")
        self.message_label = QLabel()
        self.message_label.setObjectName("wizard_message")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.message_label.hide()

        self.page = QWidget()
        self.page.setObjectName("wizard_page")
        self.page_layout = QVBoxLayout(self.page)
        self.page_layout.setContentsMargins(0, 0, 16, 24)
        self.page_layout.setSpacing(18)
        self.page_layout.addStretch(1)
        # Each step's page, built on its first visit and kept while the case is open.
        self._pages: dict[str, tuple[QWidget, dict[str, FieldWidget]]] = {}
        self.scroll_area = touch_scroll_area(self.page, "wizard_scroll")
        self._kept_editor: QWidget | None = None
        self._compact = False
        self.scroll_area.viewport().installEventFilter(self)
        # The scroll range is updated after the viewport's resize: aim again then.
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._range_changed)

        self.back_button = big_button("", "back_button", role="secondary")
        self.next_button = big_button("", "next_button", role="primary")
        for button in (self.back_button, self.next_button):
            button.setFixedWidth(NAV_BUTTON_WIDTH)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, 16, PAGE_MARGIN, 16)
        layout.setSpacing(10)
        layout.addWidget(self.progress)
        layout.addWidget(self.step_title)
        layout.addWidget(self.step_help)
        layout.addWidget(self.message_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(nav)
        self.retranslate()

    # -- loading -----------------------------------------------------------------

    def load_case(self, case_id: str) -> None:
        """Show the case's current step (or the first visible one)."""
        case = self.case_service.get(case_id)
        self._clear_page()
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        self.case_id = case_id
        self.definition = definition
        self.answers = dict(case.answers)
        # Without a scanned card nothing was prefilled (defaults are not "from the card").
        self.prefilled = {
            item.id
            for item in definition.top_level_fields()
            if item.prefill is not None
            and case.citizen_id is not None
            and not is_blank(self.answers.get(item.id))
        }
        self.copied = filled_fields(definition, self.answers)
        self.return_to_review = False
        shown = [step.id for step in visible_steps(definition, self.answers)]
        start = case.current_step if case.current_step in shown else shown[0]
        self._show_step(start)

    def goto_step(
        self, step_id: str, return_to_review: bool = True, field_id: str | None = None
    ) -> None:
        """Open ``step_id`` (from the review's Edit); Next then returns to the review."""
        self.return_to_review = return_to_review
        self._show_step(step_id)
        if field_id is not None and field_id in self.widgets:
            self.scroll_area.ensureWidgetVisible(self.widgets[field_id], 0, 40)

    def _steps(self) -> tuple[Step, ...]:
        return () if self.definition is None else visible_steps(self.definition, self.answers)

    def _show_step(self, step_id: str) -> None:
        definition = self.definition
        if definition is None:
            return
        if self.step_id != step_id or step_id not in self._pages:
            self._hide_page()
        self.step_id = step_id
        cached = self._pages.get(step_id)
        if cached is None:
            page, widgets = self._build_page(definition.step(step_id))
            self._pages[step_id] = (page, widgets)
            self.widgets = widgets
            self.page_layout.insertWidget(0, page)
        else:
            page, self.widgets = cached
            for field_id, widget in self.widgets.items():
                widget.reset_view(self.answers.get(field_id))
        for field_id, widget in self.widgets.items():
            widget.set_prefilled(field_id in self.prefilled)
            widget.set_copied(field_id in self.copied)
        self._hide_message()
        self._refresh_page()
        page.show()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
        if self.case_id is not None:
            try:
                self.case_service.set_current_step(self.case_id, step_id)
            except CaseError as error:
                self._show_message(error.message.get(self.lang))

    def _build_page(self, step: Step) -> tuple[QWidget, dict[str, FieldWidget]]:
        """A hidden container with the widgets of ``step``'s fields, by field id."""
        page = QWidget()
        page.setObjectName(f"wizard_step_{step.id}")
        page.hide()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.page_layout.spacing())
        widgets: dict[str, FieldWidget] = {}
        if self._parent_chip_offered(step):
            box = ParentChipBox(
                step.id,
                self.chip_reader,  # type: ignore[arg-type]
                self,
                language=self.lang,
            )
            box.parent_read.connect(self._on_parent_chip)
            layout.addWidget(box)
        for item in step.fields:
            if item.hidden:
                continue
            widget = make_field_widget(item, self.lang, context=self.field_context)
            widget.answer_given.connect(self._on_answer)
            widget.keyboard_needed.connect(self._on_keyboard_needed)
            if item.is_input:
                widget.show_value(self.answers.get(item.id))
            layout.addWidget(widget)
            widgets[item.id] = widget
        return page, widgets

    def _parent_chip_offered(self, step: Step) -> bool:
        definition = self.definition
        return (
            self.chip_reader is not None
            and definition is not None
            and step.id in PARENT_ROLES
            and any(item.id == f"{step.id}_name" for item in step.fields)
            and self.chip_reader.available()
        )

    def _on_parent_chip(self, role: str, result: object) -> None:
        """A parent's chip was read: their block filled and saved, marked as from the card."""
        if self.definition is None or self.case_id is None:
            return
        if not isinstance(result, ChipReadResult):
            return
        answers = parent_answers(self.definition, role, result.identity)
        try:
            saved = self.case_service.save_answers(self.case_id, answers)
        except (AnswerError, CaseError) as error:
            self._show_message(error.message.get(self.lang))
            return
        for field_id, value in saved.items():
            if value is None:
                self.answers.pop(field_id, None)
            else:
                self.answers[field_id] = value
            widget = self.widgets.get(field_id)
            if widget is not None:
                widget.accept_saved(value)
            if field_id in answers:
                self.prefilled.add(field_id)
                if widget is not None:
                    widget.set_prefilled(True)
        self._refresh_page()

    def _hide_page(self) -> None:
        """Hide the current step's page (kept, with its widgets, until the case closes)."""
        cached = self._pages.get(self.step_id or "")
        if cached is not None:
            cached[0].hide()
        self.widgets = {}

    def _clear_page(self) -> None:
        """Delete every kept page: nothing of this case stays in the widget tree."""
        for page, _widgets in self._pages.values():
            self.page_layout.removeWidget(page)
            discard_widget(page)
        self._pages = {}
        self.widgets = {}

    # -- answers -----------------------------------------------------------------

    def _on_answer(self, key: str, raw: object) -> None:
        widget = self.widgets.get(key)
        if widget is None or self.case_id is None:
            return
        if self.unsaved:
            # Keep the order: this answer waits behind the others.
            self.unsaved[key] = raw
            return
        try:
            saved = self.case_service.save_answers(self.case_id, {key: raw})
        except AnswerError as error:
            widget.reject(error.message.get(self.lang))
            return
        except CaseError as error:
            self._show_message(error.message.get(self.lang))
            return
        except StoreUnavailable as error:
            if error.kind != "unreachable":
                raise
            self._wait_for_store({key: raw})
            return
        self._accept(key, saved)

    def _wait_for_store(self, answers: dict[str, object]) -> None:
        self.unsaved.update(answers)
        if not self.retry_timer.isActive():
            self.retry_timer.start()
        self.store_unreachable.emit()

    def retry_unsaved(self) -> None:
        """Save the answers waiting for the database; stop retrying once they are in."""
        if self.case_id is None or not self.unsaved:
            self.retry_timer.stop()
            return
        waiting = dict(self.unsaved)
        try:
            saved = self.case_service.save_answers(self.case_id, waiting)
        except StoreUnavailable as error:
            if error.kind != "unreachable":
                self.retry_timer.stop()
                raise
            return
        except (AnswerError, CaseError):
            # One refused answer: save them one by one, each gets its own message.
            self.retry_timer.stop()
            self.unsaved.clear()
            self.store_reachable.emit()
            for key, raw in waiting.items():
                self._on_answer(key, raw)
            return
        self.retry_timer.stop()
        self.unsaved.clear()
        self.store_reachable.emit()
        for key in waiting:
            if key not in saved:
                continue
            if key in self.widgets:
                self._accept(key, {key: saved[key]})
            elif saved[key] is None:
                self.answers.pop(key, None)
            else:
                self.answers[key] = saved[key]
        self._show_copies({k: v for k, v in saved.items() if k not in waiting})
        self._refresh_page()

    def _accept(self, key: str, saved: dict[str, JsonValue]) -> None:
        widget = self.widgets[key]
        value = saved.pop(key)
        if value is None:
            self.answers.pop(key, None)
        else:
            self.answers[key] = value
        if key in self.prefilled:
            self.prefilled.discard(key)
            widget.set_prefilled(False)
        widget.accept_saved(value)
        self._show_copies(saved)
        self._refresh_page()
        if not any(item.has_error() or item.pending_error for item in self._visible_widgets()):
            self._hide_message()

    def _show_copies(self, copies: dict[str, JsonValue]) -> None:
        """Show the answers the service copied (or cleared), then re-mark copied fields."""
        definition = self.definition
        if definition is None:
            return
        for field_id, value in copies.items():
            if value is None:
                self.answers.pop(field_id, None)
            else:
                self.answers[field_id] = value
            if field_id in self.widgets:
                self.widgets[field_id].accept_saved(value)
        self.copied = filled_fields(definition, self.answers)
        for field_id, widget in self.widgets.items():
            widget.set_copied(field_id in self.copied)

    def _refresh_page(self) -> None:
        """Visibility, computed values, documents and progress for the current answers."""
        definition = self.definition
        if definition is None or self.step_id is None:
            return
        shown = {item.id for item in visible_fields(definition, self.step_id, self.answers)}
        computed = compute_values(definition, self.answers)
        for field_id, widget in self.widgets.items():
            visible = field_id in shown
            widget.setVisible(visible)
            if not visible:
                widget.set_error(None)
            if isinstance(widget, ComputedField):
                widget.show_value(computed.get(field_id))
            elif isinstance(widget, GroupField):
                widget.set_answers(self.answers)
            if visible and widget.field.suggestions:
                widget.set_suggestions(
                    suggested_answers(widget.field, self.answers, local_lists=self.local_lists)
                )
        self._update_progress()

    def _update_progress(self) -> None:
        steps = list(self._steps())
        ids = [step.id for step in steps]
        current = ids.index(self.step_id) if self.step_id in ids else 0
        self.progress.set_steps([step.title.get(self.lang) for step in steps], current)

    def _visible_widgets(self) -> list[FieldWidget]:
        return [widget for widget in self.widgets.values() if not widget.isHidden()]

    def reveal_error(self, widget: FieldWidget) -> None:
        """Scroll so the field's red note is in sight ("see the red note" must be true).

        The note has just been shown: layouts are settled first, or the scroll would
        aim at where the field was before the note took its place. The field's top is
        brought in first, then the note, so a short field shows both.
        """
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.scroll_area.ensureWidgetVisible(widget, 0, 40)
        notes = [
            label
            for label in widget.findChildren(QLabel)
            if label.objectName().startswith("error_") and label.isVisibleTo(widget)
        ]
        if notes:
            self.scroll_area.ensureWidgetVisible(notes[0], 0, 40)

    def _on_keyboard_needed(self, editor: QWidget, kind: str) -> None:
        self.keyboard_needed.emit(editor, kind)
        self.set_compact(True)
        self.keep_in_sight(editor)

    def set_compact(self, compact: bool) -> None:
        """While a keyboard is up: no progress row or page title, so the field fits above it.

        At 1366x768 the keyboard leaves about 120 px of page; without the two rows a
        question, its help and the field being typed are whole on screen.
        """
        self._compact = compact
        self.progress.setVisible(not compact)
        self.step_title.setVisible(not compact)
        if not compact:
            self._kept_editor = None

    def keep_in_sight(self, editor: QWidget) -> None:
        """The field being typed, and its question, visible above the keyboard.

        Asked for when the keyboard (or number pad) opens, and again each time the
        visible part of the page changes size while it is open (the keyboard appears,
        switches to the taller or shorter panel): the page shrinks after the tap, so
        one scroll at the tap is not enough. The editor wins when both cannot fit.
        """
        self._kept_editor = editor
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._scroll_to_kept()

    def _scroll_to_kept(self) -> None:
        editor = self._kept_editor
        focused = QApplication.focusWidget()
        if focused is not None and focused is not editor and self.page.isAncestorOf(focused):
            editor = focused  # the dock opened on focus alone (no keyboard_needed)
        if editor is None or not shiboken6.isValid(editor) or not editor.isVisible():
            return
        holders = [
            widget for widget in self.page.findChildren(FieldWidget) if widget.isAncestorOf(editor)
        ]
        innermost = [w for w in holders if not any(w.isAncestorOf(o) for o in holders)]
        question = innermost[0].title_label if innermost else None
        scroll_field_into_sight(self.scroll_area, editor, question)

    def _range_changed(self, _low: int, _high: int) -> None:
        if self._kept_editor is not None or self._compact:
            self._scroll_to_kept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.scroll_area.viewport()
            and (self._kept_editor is not None or self._compact)
        ):
            QTimer.singleShot(0, self, self._scroll_to_kept)
        return False

    # -- navigation --------------------------------------------------------------

    def _flush_page(self) -> None:
        for widget in self._visible_widgets():
            widget.flush()

    def go_next(self) -> None:
        """Check the page; move on, or stay with messages next to the fields."""
        if self.case_id is None or self.step_id is None:
            return
        self._flush_page()
        if self.unsaved:
            self._show_message(
                self.tr("Đang chờ lưu câu trả lời vào máy chủ của phường. Xin đợi giây lát.")
            )
            return
        pending = [widget for widget in self._visible_widgets() if widget.pending_error]
        if pending:
            self._show_message(self.tr("Xin sửa các mục có lời nhắc màu đỏ."))
            self.reveal_error(pending[0])
            return
        try:
            errors = self.case_service.validate_step(self.case_id, self.step_id)
        except CaseError as error:
            self._show_message(error.message.get(self.lang))
            return
        except StoreUnavailable as error:
            if error.kind != "unreachable":
                raise
            self.store_unreachable.emit()
            return
        texts = {key: message.get(self.lang) for key, message in errors.items()}
        for widget in self._visible_widgets():
            widget.show_errors(texts)
        if texts:
            self._show_message(self.tr("Còn mục chưa điền đúng. Xin xem lời nhắc màu đỏ."))
            flagged = [widget for widget in self._visible_widgets() if widget.has_error()]
            first = flagged[0] if flagged else None
            if first is not None:
                self.reveal_error(first)
            return
        self._hide_message()
        following = self._neighbour(+1)
        if self.return_to_review or following is None:
            self.return_to_review = False
            self.review_requested.emit(self.case_id)
            return
        self._show_step(following)

    def go_back(self) -> None:
        """The previous visible step; from the first (or a page opened from review) leave."""
        if self.step_id is None:
            self.back_requested.emit()
            return
        self._flush_page()
        if self.return_to_review and self.case_id is not None:
            self.return_to_review = False
            self.review_requested.emit(self.case_id)
            return
        previous = self._neighbour(-1)
        if previous is None:
            self.back_requested.emit()
            return
        self._show_step(previous)

    def _neighbour(self, direction: int) -> str | None:
        """The visible step before/after the current one, in the definition's order."""
        if self.definition is None or self.step_id is None:
            return None
        order = [step.id for step in self.definition.steps]
        here = order.index(self.step_id)
        shown = {step.id for step in self._steps()}
        candidates = order[here + 1 :] if direction > 0 else list(reversed(order[:here]))
        return next((step_id for step_id in candidates if step_id in shown), None)

    # -- messages, language, reset -----------------------------------------------

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()

    def _hide_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def reset(self) -> None:
        """Forget the citizen: no answer, name or step stays on screen."""
        self.retry_timer.stop()
        self.unsaved.clear()
        self._clear_page()
        self.case_id = None
        self.definition = None
        self.answers = {}
        self.step_id = None
        self.return_to_review = False
        self.prefilled = set()
        self.copied = frozenset()
        self.progress.set_steps([], 0)
        self._hide_message()
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for _page, widgets in self._pages.values():
            for widget in widgets.values():
                widget.set_language(lang)
        for box in self.findChildren(ParentChipBox):
            box.panel.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        definition = self.definition
        step = definition.step(self.step_id) if definition and self.step_id else None
        self.procedure_label.setText(definition.title.get(self.lang) if definition else "")
        self.step_title.setText(step.title.get(self.lang) if step else "")
        self.step_help.setText(step.help.get(self.lang) if step and step.help else "")
        self.step_help.setVisible(bool(step and step.help))
        self.back_button.setText(self.tr("Quay lại"))
        if self.return_to_review:
            self.next_button.setText(self.tr("Xong, xem lại"))
        elif self.definition is not None and self._neighbour(+1) is None:
            self.next_button.setText(self.tr("Xem lại hồ sơ"))
        else:
            self.next_button.setText(self.tr("Tiếp tục"))
        if definition is not None:
            self._update_progress()
