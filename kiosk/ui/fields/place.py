"""A place written as text (home town, place of birth) picked instead of typed.

The official forms write such places as names: "Phường Điện Bàn, Thành phố
Đà Nẵng". A text field with ``place_picker`` gets this panel under its
editor: the kiosk's own ward in one tap (``field_<key>_home_ward``), and
``field_<key>_pick_place``, which opens a province list then a ward list
(``place_<key>_province``, ``place_<key>_ward``, each with a ``..._filter``
that ignores diacritics). A picked ward emits ``picked(text)`` with the name
the engine composes (:func:`kiosk.procedures.place_name`); the field stays
free text, so an older place name from the parents' papers can still be typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.identity import admin_units
from kiosk.procedures import place_name
from kiosk.ui.fields.address import CODE_ROLE, UnitList
from kiosk.ui.fields.base import FieldContext
from kiosk.ui.fields.chips import CHIP_MIN_PX
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, set_role


class PlacePicker(Retranslated, QWidget):
    """The home-ward shortcut and the province/ward lists of one text field."""

    picked = Signal(str)

    def __init__(
        self,
        name_key: str,
        context: FieldContext,
        watch_editor: Callable[[QLineEdit], None],
        reveal: Callable[[QWidget], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"place_{name_key}_picker")
        self.context = context
        self._reveal = reveal
        self.province_code: int | None = None
        self.stage = "closed"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.home_button = big_button("", f"field_{name_key}_home_ward", role="secondary")
        self.home_button.setVisible(context.home_place is not None)
        self.home_button.clicked.connect(self._home_clicked)
        self.open_button = big_button("", f"field_{name_key}_pick_place", role="secondary")
        self.open_button.clicked.connect(self._toggle)
        self.step_label = QLabel()
        self.step_label.setWordWrap(True)
        self.step_label.setObjectName(f"place_{name_key}_step")
        set_role(self.step_label, "muted")
        self.provinces = UnitList(f"place_{name_key}_province")
        self.wards = UnitList(f"place_{name_key}_ward")
        self.provinces.list.itemClicked.connect(self._province_clicked)
        self.wards.list.itemClicked.connect(self._ward_clicked)
        watch_editor(self.provinces.filter)
        watch_editor(self.wards.filter)
        for button in (self.home_button, self.open_button):
            button.setMinimumHeight(CHIP_MIN_PX)
        for widget in (self.home_button, self.open_button, self.step_label):
            layout.addWidget(widget)
        layout.addWidget(self.provinces)
        layout.addWidget(self.wards)
        self._set_stage("closed")

    def _set_stage(self, stage: str) -> None:
        self.stage = stage
        if stage == "province":
            self.provinces.fill(admin_units.list_provinces(), self.province_code)
        elif stage == "ward" and self.province_code is not None:
            self.wards.fill(admin_units.list_wards(self.province_code), None)
        self.provinces.setVisible(stage == "province")
        self.wards.setVisible(stage == "ward")
        self.step_label.setVisible(stage != "closed")
        self.retranslate()
        if stage in ("province", "ward"):
            self._reveal(self.provinces if stage == "province" else self.wards)

    def close_lists(self) -> None:
        """Back to the two buttons (after a pick, or when the citizen types instead)."""
        if self.stage != "closed":
            self._set_stage("closed")

    def _toggle(self) -> None:
        self._set_stage("closed" if self.stage != "closed" else "province")

    def _home_clicked(self) -> None:
        home = self.context.home_place
        if home is not None:
            self.close_lists()
            self.picked.emit(home)

    def _province_clicked(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        if isinstance(code, int):
            self.province_code = code
            self._set_stage("ward")

    def _ward_clicked(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        text = place_name(code) if isinstance(code, int) else None
        if text is not None:
            self._set_stage("closed")
            self.picked.emit(text)

    def retranslate(self) -> None:
        home = self.context.home_place
        self.home_button.setText(
            self.tr("{place} (nơi đặt ki-ốt)").format(place=home) if home else ""
        )
        self.open_button.setText(
            self.tr("Đóng danh sách")
            if self.stage != "closed"
            else self.tr("Chọn nơi khác từ danh sách tỉnh, phường/xã")
        )
        self.step_label.setText(
            self.tr("Chạm vào tên tỉnh/thành phố:")
            if self.stage == "province"
            else self.tr("Chạm vào tên phường/xã:")
        )
        search_hint = self.tr("Gõ vài chữ để tìm, ví dụ: dien ban")
        self.provinces.filter.setPlaceholderText(search_hint)
        self.wards.filter.setPlaceholderText(search_hint)
        self.provinces.empty_label.setText(self.tr("Không tìm thấy. Xin gõ lại."))
        self.wards.empty_label.setText(self.tr("Không tìm thấy. Xin gõ lại."))
