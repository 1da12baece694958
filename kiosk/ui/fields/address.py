"""An address chosen from lists: province, then ward, then (optionally) the street.

The province list ``address_<key>_province`` and the ward list
``address_<key>_ward`` are QListWidgets with big rows; a tap on a row picks
it. Each has a filter field (``..._province_filter``, ``..._ward_filter``)
that ignores diacritics and case ("dien ban" finds "Điện Bàn"). The answer
is given once a ward is picked (a province alone is not a valid address),
and again when the street line (``address_<key>_street``) is edited.

A prefilled address from an ID card shows as already answered; when the
card's old address could only be matched to a province, the ward list of
that province opens with the printed text shown above it.

Above the province list, the kiosk's own ward is one tap
(``address_<key>_home_ward``: most people filing live in the ward whose
office they visit), and the definition's suggestions ("the same address as
yours") are chips ``suggest_<key>_<n>`` showing the address they give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases.presentation import format_address
from kiosk.identity import admin_units, fold_vietnamese
from kiosk.procedures import SuggestedAnswer
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import LETTERS, FieldWidget
from kiosk.ui.fields.chips import CHIP_MIN_PX, SuggestionChips
from kiosk.ui.widgets import MIN_TOUCH_PX, big_button, follow_finger, name_widget, set_role

ROW_HEIGHT = 64
VISIBLE_ROWS = 5
CODE_ROLE = Qt.ItemDataRole.UserRole
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1


def _int_or_none(value: JsonValue) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class UnitList(QWidget):
    """A filter field above a list of units; ``list.itemClicked`` picks one.

    Also used by the place picker of text fields (:mod:`kiosk.ui.fields.place`).
    """

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.setObjectName(f"{prefix}_box")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.filter = name_widget(QLineEdit(), f"{prefix}_filter")
        self.filter.setMinimumHeight(MIN_TOUCH_PX)
        self.filter.setClearButtonEnabled(True)
        self.list = name_widget(QListWidget(), prefix)
        self.list.setUniformItemSizes(True)
        self.list.setFixedHeight(ROW_HEIGHT * VISIBLE_ROWS + 8)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        follow_finger(self.list)
        self.empty_label = QLabel()
        set_role(self.empty_label, "muted")
        self.empty_label.hide()
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        self.filter.textChanged.connect(self.apply_filter)

    def fill(self, units: list[admin_units.AdminUnit], chosen: int | None) -> None:
        self.list.clear()
        self.filter.clear()
        for unit in units:
            item = QListWidgetItem(unit.name)
            item.setData(CODE_ROLE, unit.code)
            item.setData(FOLDED_ROLE, fold_vietnamese(unit.name))
            item.setSizeHint(QSize(0, ROW_HEIGHT))
            self.list.addItem(item)
            if unit.code == chosen:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        current = self.list.currentItem()
        if current is not None:
            self.list.scrollToItem(current, QListWidget.ScrollHint.PositionAtCenter)

    def apply_filter(self, text: str) -> None:
        key = fold_vietnamese(text)
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(key) and key not in str(item.data(FOLDED_ROLE))
            item.setHidden(hidden)
            shown += not hidden
        self.empty_label.setVisible(shown == 0)

    def item_for(self, code: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(CODE_ROLE) == code:
                return item
        return None


class AddressField(FieldWidget):
    """``{"province_code", "ward_code", "street"}`` picked from today's two-level units."""

    def build_editor(self) -> None:
        self.province_code: int | None = None
        self.ward_code: int | None = None
        self.street = ""
        self.card_text: str | None = None
        self.stage = "province"

        self.summary_label = QLabel()
        self.summary_label.setObjectName(f"address_{self.name_key}_summary")
        self.summary_label.setWordWrap(True)
        self.card_label = QLabel()
        self.card_label.setObjectName(f"address_{self.name_key}_card_text")
        self.card_label.setWordWrap(True)
        set_role(self.card_label, "muted")
        self.change_province_button = big_button(
            "", f"address_{self.name_key}_change_province", role="secondary"
        )
        self.change_ward_button = big_button(
            "", f"address_{self.name_key}_change_ward", role="secondary"
        )
        self.change_province_button.clicked.connect(lambda: self._set_stage("province"))
        self.change_ward_button.clicked.connect(lambda: self._set_stage("ward"))
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        buttons.addWidget(self.change_ward_button)
        buttons.addWidget(self.change_province_button)

        self.step_label = QLabel()
        self.step_label.setWordWrap(True)
        self.step_label.setObjectName(f"address_{self.name_key}_step")
        self.provinces = UnitList(f"address_{self.name_key}_province")
        self.wards = UnitList(f"address_{self.name_key}_ward")
        self.chips = SuggestionChips(f"suggest_{self.name_key}", self.lang, format_address)
        self.chips.chosen.connect(self.give)
        self.home_button = big_button("", f"address_{self.name_key}_home_ward", role="secondary")
        self.home_button.setMinimumHeight(CHIP_MIN_PX)
        self.home_button.clicked.connect(self._home_clicked)
        self.provinces.list.itemClicked.connect(self._province_clicked)
        self.wards.list.itemClicked.connect(self._ward_clicked)
        self.watch_editor(self.provinces.filter, LETTERS)
        self.watch_editor(self.wards.filter, LETTERS)

        self.street_label = QLabel()
        self.street_label.setWordWrap(True)
        self.street_edit = name_widget(QLineEdit(), f"address_{self.name_key}_street")
        self.street_edit.setMinimumHeight(MIN_TOUCH_PX)
        self.street_edit.setMaxLength(200)
        self.street_edit.editingFinished.connect(self._street_finished)
        self.watch_editor(self.street_edit, LETTERS)

        self.body.addWidget(self.summary_label)
        self.body.addWidget(self.card_label)
        self.body.addLayout(buttons)
        self.body.addWidget(self.step_label)
        self.body.addWidget(self.chips)
        self.body.addWidget(self.home_button)
        self.body.addWidget(self.provinces)
        self.body.addWidget(self.wards)
        self.body.addWidget(self.street_label)
        self.body.addWidget(self.street_edit)
        self._set_stage("province", reveal=False)

    # -- stages ------------------------------------------------------------------

    def _set_stage(self, stage: str, *, reveal: bool = True) -> None:
        """Show the lists for ``stage``; ``reveal`` scrolls to them (only after a tap)."""
        if stage == "ward" and self.province_code is None:
            stage = "province"
        self.stage = stage
        if stage == "province":
            self.provinces.fill(admin_units.list_provinces(), self.province_code)
        elif stage == "ward" and self.province_code is not None:
            self.wards.fill(admin_units.list_wards(self.province_code), self.ward_code)
        self._update_view()
        if reveal and stage in ("province", "ward"):
            self.reveal(self.provinces if stage == "province" else self.wards)
            self.reveal(self.step_label)  # and the one-tap choices just under it

    def _update_view(self) -> None:
        complete = self.province_code is not None and self.ward_code is not None
        self.provinces.setVisible(self.stage == "province")
        self.wards.setVisible(self.stage == "ward")
        self.step_label.setVisible(self.stage != "done")
        self.chips.set_allowed(self.stage != "done")
        self.home_button.setVisible(
            self.stage == "province" and self.context.home_ward_code is not None
        )
        self.change_ward_button.setVisible(self.stage == "done")
        self.change_province_button.setVisible(
            self.stage != "province" and self.province_code is not None
        )
        self.card_label.setVisible(bool(self.card_text) and not complete)
        self.street_label.setVisible(complete)
        self.street_edit.setVisible(complete)
        self.retranslate_editor()

    # -- picks -------------------------------------------------------------------

    def _drop_focus(self) -> None:
        """Let go of the focus before the tapped button or list hides itself.

        Qt hands a hidden widget's focus on to the next field of the tab chain, and the
        keyboard follows the focus: it would open on the next question (CT01's "Đề nghị
        khác") though the citizen asked to type nothing (seen in docs/walk.md's walk).
        """
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    def _province_clicked(self, item: QListWidgetItem) -> None:
        self._drop_focus()
        code = item.data(CODE_ROLE)
        if not isinstance(code, int):
            return
        if code != self.province_code:
            self.province_code = code
            self.ward_code = None
        self._set_stage("ward")

    def _home_clicked(self) -> None:
        self._drop_focus()
        ward = admin_units.get_ward(self.context.home_ward_code or 0)
        if ward is not None and ward.province_code is not None:
            if ward.code != self.ward_code:
                self.street = ""  # a house number belongs to the ward it was given for
                self.street_edit.clear()
            self.province_code, self.ward_code = ward.province_code, ward.code
            self.card_text = None
            self.give(self._value())

    def set_suggestions(self, items: Sequence[SuggestedAnswer]) -> None:
        self.chips.set_items(items)
        self.retranslate_editor()

    def _ward_clicked(self, item: QListWidgetItem) -> None:
        self._drop_focus()
        code = item.data(CODE_ROLE)
        if isinstance(code, int) and self.province_code is not None:
            self.ward_code = code
            self.card_text = None
            self.give(self._value())

    def _street_finished(self) -> None:
        text = self.street_edit.text()
        if text != self.street and self.province_code is not None and self.ward_code is not None:
            self.street = text
            self.give(self._value())

    def _value(self) -> dict[str, JsonValue]:
        value: dict[str, JsonValue] = {
            "province_code": self.province_code,
            "ward_code": self.ward_code,
            "street": self.street,
        }
        if self.card_text:
            value["card_text"] = self.card_text
        return value

    def flush(self) -> None:
        self._street_finished()

    def show_value(self, value: JsonValue) -> None:
        if isinstance(value, Mapping):
            self.province_code = _int_or_none(value.get("province_code"))
            self.ward_code = _int_or_none(value.get("ward_code"))
            street = value.get("street")
            self.street = street if isinstance(street, str) else ""
            card_text = value.get("card_text")
            self.card_text = card_text if isinstance(card_text, str) else None
        else:
            self.province_code = self.ward_code = None
            self.street, self.card_text = "", None
        self.street_edit.setText(self.street)
        self.chips.set_current(value if isinstance(value, Mapping) else None)
        if self.province_code is not None and self.ward_code is not None:
            self._set_stage("done", reveal=False)
        else:
            stage = "ward" if self.province_code is not None else "province"
            self._set_stage(stage, reveal=False)

    def retranslate_editor(self) -> None:
        province = admin_units.get_province(self.province_code) if self.province_code else None
        ward = admin_units.get_ward(self.ward_code) if self.ward_code else None
        if ward is not None and province is not None:
            summary = ", ".join(part for part in (self.street, ward.name, province.name) if part)
        elif province is not None:
            summary = self.tr("{province}: xin chọn phường/xã").format(province=province.name)
        else:
            summary = self.tr("Chưa chọn")
        self.summary_label.setText(summary)
        on_card = self.tr("Trên thẻ căn cước ghi: {text}")
        self.card_label.setText(on_card.format(text=self.card_text))
        one_tap = bool(self.chips.items) or self.context.home_ward_code is not None
        if self.stage != "province":
            step_text = self.tr("Chạm vào tên phường/xã:")
        elif one_tap:
            step_text = self.tr(
                "Chạm vào một nơi dưới đây, hoặc tìm tỉnh/thành phố trong danh sách:"
            )
        else:
            step_text = self.tr("Chạm vào tên tỉnh/thành phố của bạn:")
        self.step_label.setText(step_text)
        search_hint = self.tr("Gõ vài chữ để tìm, ví dụ: dien ban")
        self.provinces.filter.setPlaceholderText(search_hint)
        self.wards.filter.setPlaceholderText(search_hint)
        self.provinces.empty_label.setText(self.tr("Không tìm thấy. Xin gõ lại."))
        self.wards.empty_label.setText(self.tr("Không tìm thấy. Xin gõ lại."))
        self.change_province_button.setText(self.tr("Chọn tỉnh/thành phố khác"))
        self.change_ward_button.setText(self.tr("Chọn phường/xã khác"))
        self.street_label.setText(self.tr("Số nhà, đường, thôn, tổ (nếu có):"))
        home = self.context.home_place
        self.home_button.setText(
            self.tr("{place} (nơi đặt ki-ốt)").format(place=home) if home else ""
        )
        self.chips.set_language(self.lang)
