"""The IT officer's settings form, generated from :data:`kiosk.admin.settings.SETTINGS`.

Each setting gets a row: its label, an editor named ``setting_<key>`` (dots become
underscores: ``setting_ward_code``) and an error line ``setting_<key>_error``.
Choices are big buttons (``setting_mode_live_button``). Saving sends only the
settings that were changed to :func:`kiosk.admin.settings.apply_settings`, so an
environment override is never written into ``config.toml``; a refused value is
shown next to its setting. ``settings_saved(KioskConfig)`` carries the result.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.errors import SettingsError
from kiosk.admin.settings import Setting, SettingValue, apply_settings, editable_settings
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.ui.keyboard import KeyboardKind, set_keyboard_kind
from kiosk.ui.staff.common import refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, ChoiceGroup, big_button, name_widget, touch_scroll_area


def setting_name(key: str) -> str:
    """``ward.code`` -> ``setting_ward_code`` (the editor's object name)."""
    return "setting_" + key.replace(".", "_")


class _Row:
    """One setting's editor; ``text()`` is what the form holds for it."""

    def __init__(self, setting: Setting, label: QLabel, error: QLabel) -> None:
        self.setting = setting
        self.label = label
        self.error = error
        self.editor: QLineEdit | ChoiceGroup
        self.initial = ""

    def text(self) -> str:
        if isinstance(self.editor, ChoiceGroup):
            return self.editor.value() or ""
        return self.editor.text()

    def set_text(self, text: str) -> None:
        self.initial = text
        if isinstance(self.editor, ChoiceGroup):
            self.editor.set_value(text)
        else:
            self.editor.setText(text)
            self.editor.setCursorPosition(0)


class SettingsPanel(Retranslated, QWidget):
    """``settings_save_button`` saves; ``settings_status_label`` says how it went."""

    settings_saved = Signal(object)  # KioskConfig

    def __init__(
        self,
        layout: HomeLayout,
        config: KioskConfig,
        store: Store | None = None,
        actor: Callable[[], Actor | None] = lambda: None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_panel")
        self.home = layout
        self.config = config
        self.store = store
        self.actor = actor
        self.language = language
        self.rows: dict[str, _Row] = {}

        self.title_label = text_label("settings_title_label", "heading")
        self.note_label = text_label("settings_note_label", "muted")
        self.status_label = text_label("settings_status_label")
        form = QWidget()
        form.setObjectName("settings_form")
        grid = QGridLayout(form)
        grid.setContentsMargins(0, 0, 16, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for index, value in enumerate(editable_settings(config)):
            self._add_row(grid, index, value)
        self.form_scroll: QScrollArea = touch_scroll_area(form, "settings_scroll")
        self.save_button = big_button("", "settings_save_button")
        self.save_button.setMaximumWidth(320)
        self.save_button.clicked.connect(self.save)
        self.revert_button = big_button("", "settings_revert_button", role="secondary")
        self.revert_button.setMaximumWidth(320)
        self.revert_button.clicked.connect(self.reload)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(self.title_label)
        outer.addWidget(self.note_label)
        outer.addWidget(self.form_scroll, 1)
        outer.addLayout(bottom)
        self.retranslate()

    def _add_row(self, grid: QGridLayout, index: int, value: SettingValue) -> None:
        setting = value.setting
        name = setting_name(setting.key)
        label = text_label(f"{name}_label")
        error = text_label(f"{name}_error", "error")
        error.setVisible(False)
        row = _Row(setting, label, error)
        if setting.kind == "choice":
            row.editor = ChoiceGroup(name, [(key, "") for key, _ in setting.choices], columns=3)
            for button in row.editor.buttons.values():
                button.setMinimumHeight(MIN_TOUCH_PX)
        else:
            editor = QLineEdit()
            name_widget(editor, name)
            editor.setMaxLength(300)
            set_keyboard_kind(
                editor, KeyboardKind.DIGITS if setting.kind == "int" else KeyboardKind.LETTERS
            )
            row.editor = editor
        row.set_text(value.text)
        grid.addWidget(label, index * 2, 0)
        grid.addWidget(row.editor, index * 2, 1)
        grid.addWidget(error, index * 2 + 1, 1)
        self.rows[setting.key] = row

    # -- what the staff home calls -----------------------------------------------------

    def reload(self) -> None:
        """Show the running configuration again, without errors."""
        for value in editable_settings(self.config):
            self.rows[value.setting.key].set_text(value.text)
        self._clear_errors()
        self.status_label.setText("")

    def refresh(self) -> None:
        self.reload()

    def reset(self) -> None:
        self.reload()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def changes(self) -> dict[str, str]:
        """The settings whose text differs from what the form was given."""
        return {key: row.text() for key, row in self.rows.items() if row.text() != row.initial}

    def save(self) -> None:
        self._clear_errors()
        changes = self.changes()
        if not changes:
            self.status_label.setText(self.tr("Không có thay đổi nào để lưu."))
            return
        try:
            saved = apply_settings(
                self.home, self.config, changes, store=self.store, actor=self.actor()
            )
        except SettingsError as refused:
            self._show_error(refused)
            return
        self.config = saved
        self.reload()
        self.status_label.setText(
            self.tr(
                "Đã lưu {count} thiết lập. Một số thay đổi có hiệu lực sau khi khởi động lại ki-ốt."
            ).format(count=len(changes))
        )
        self.settings_saved.emit(saved)

    def error_for(self, key: str) -> str:
        row = self.rows.get(key)
        return row.error.text() if row is not None and row.error.isVisibleTo(self) else ""

    # -- inside -----------------------------------------------------------------------

    def _show_error(self, refused: SettingsError) -> None:
        text = refusal_text(refused, self.language) or ""
        row = self.rows.get(refused.key)
        if row is not None:
            row.error.setText(text)
            row.error.setVisible(True)
            self.form_scroll.ensureWidgetVisible(row.label)
        self.status_label.setText(self.tr("Chưa lưu: {problem}").format(problem=text))

    def _clear_errors(self) -> None:
        for row in self.rows.values():
            row.error.setText("")
            row.error.setVisible(False)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Cài đặt ki-ốt"))
        self.note_label.setText(
            self.tr("Chạm vào ô để sửa. Giá trị sai sẽ bị từ chối kèm lời giải thích.")
        )
        for row in self.rows.values():
            setting = row.setting
            row.label.setText(setting.label.get(self.language))
            if isinstance(row.editor, ChoiceGroup):
                for key, text in setting.choices:
                    row.editor.buttons[key].setText(text.get(self.language))
        self.save_button.setText(self.tr("Lưu cài đặt"))
        self.revert_button.setText(self.tr("Hoàn tác"))
