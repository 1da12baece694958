"""One way for a widget to follow the language switch: the :class:`Retranslated` mixin.

Installing or removing a translator makes Qt post ``LanguageChange`` to every
widget; a widget that shows ``tr()`` texts sets them again in ``retranslate()``.
Screens, panels and field widgets list the mixin first in their bases:
``class ReviewScreen(Retranslated, QWidget)``, and define ``retranslate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _WidgetBase = QWidget  # what the mixin is always combined with
else:
    _WidgetBase = object  # a plain mixin at run time, before the Qt base in the MRO


class Retranslated(_WidgetBase):
    """Calls :meth:`retranslate` on every ``LanguageChange``."""

    def retranslate(self) -> None:
        """Set every ``tr()`` text again, in the language just installed."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
