"""Shared helpers for the screens' UI tests: does it fit, what does it show, screenshots.

Not a test module: imported by tests/ui/test_ui_payment.py, test_ui_done.py,
test_ui_account.py, test_ui_wizard_typing.py and the screenshot tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kiosk.cases import Actor, CaseService
from kiosk.identity.qr_decode import decode_qr_from_image
from kiosk.paths import asset_dir
from kiosk.ui.fonts import load_kiosk_fonts
from kiosk.ui.qr import QrLabel
from kiosk.ui.theme import apply_theme
from tests.cases_support import CARD, NOTICE, birth_answers

CITIZEN = Actor.citizen("session-ui-c")
SCREEN_SIZES = ((1366, 768), (1920, 1080))


def child[W: QWidget](root: QWidget, kind: type[W], name: str) -> W:
    """``root.findChild(kind, name)``, which must exist."""
    found = root.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def submitted_birth(service: CaseService) -> str:
    """A birth registration with two extract copies: 16.000 đồng."""
    case = service.start_case("birth", CITIZEN, card=CARD)
    service.save_answers(case.id, birth_answers(True))
    service.promise_required_documents(case.id)
    service.submit(case.id, CITIZEN, NOTICE)
    return case.id


def decode_qr(label: QrLabel) -> list[str]:
    """Read back the QR drawn on screen, as a phone camera would."""
    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    pixels = buffer.reshape(height, stride)[:, :width].copy()
    return decode_qr_from_image(pixels)


THEME_VARIANTS = (
    ("vi", False, False),
    ("vi-high-contrast", True, False),
    ("vi-large-text", False, True),
)


def screenshot(widget: QWidget, name: str) -> None:
    """Save ``widget`` at both screen sizes and in every theme into $KIOSK_SCREENSHOT_DIR.

    Does nothing when the variable is unset; leaves the normal theme applied.
    """
    folder = os.environ.get("KIOSK_SCREENSHOT_DIR")
    app = QApplication.instance()
    if not folder or not isinstance(app, QApplication):
        return
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    family = load_kiosk_fonts().family
    widget.show()
    for variant, high_contrast, large_text in THEME_VARIANTS:
        apply_theme(app, high_contrast=high_contrast, large_text=large_text, font_family=family)
        for width, height in SCREEN_SIZES:
            widget.resize(width, height)
            # Twice: scroll areas settle their scroll bars one event round later.
            QApplication.processEvents()
            QApplication.processEvents()
            widget.grab().save(str(target / f"{name}-{variant}-{width}x{height}.png"))
    apply_theme(app, high_contrast=False, large_text=False, font_family=family)
    QApplication.processEvents()


def _scrolled(child: QWidget, top: QWidget) -> bool:
    """True inside a scroll area: such content may be taller than the screen."""
    parent = child.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(widget: QWidget, width: int, height: int) -> None:
    """At this size, every visible child lies inside the screen and no text is cut off."""
    widget.resize(width, height)
    widget.show()
    QApplication.processEvents()
    QApplication.processEvents()
    assert widget.size().width() == width and widget.size().height() == height
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or _scrolled(child, widget):
            continue
        bottom_right = child.mapTo(widget, child.rect().bottomRight())
        assert widget.rect().contains(bottom_right), child.objectName()
        if isinstance(child, QLabel) and child.wordWrap() and child.text():
            assert child.heightForWidth(child.width()) <= child.height() + 1, child.objectName()
        if isinstance(child, QScrollArea) and child.objectName() != "account_consent_scroll":
            # At the normal text size nothing needs scrolling (larger text may).
            assert not child.verticalScrollBar().isVisible(), child.objectName()


def shown_texts(widget: QWidget) -> list[str]:
    return [
        child.text()
        for child in widget.findChildren(QLabel) + widget.findChildren(QPushButton)
        if child.text()
    ]


BUTTON_PADDING = 2 * 20 + 2 * 2  # the theme's horizontal padding and border


def clipped_texts(root: QWidget) -> list[str]:
    """Visible buttons and one-line labels whose text does not fit their width."""
    QApplication.processEvents()
    problems: list[str] = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        needed = max(
            button.fontMetrics().horizontalAdvance(line) for line in button.text().split("\n")
        )
        if needed + BUTTON_PADDING > button.width():
            problems.append(f"{button.objectName()}: {button.text()!r} {needed}>{button.width()}")
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.wordWrap():
            continue
        needed = label.fontMetrics().horizontalAdvance(label.text())
        if needed > label.contentsRect().width() - 2 * label.margin():
            problems.append(f"{label.objectName()}: {label.text()!r} {needed}>{label.width()}")
    return problems


def in_scroll_area(widget: QWidget) -> bool:
    """Inside a scroll area a widget may lie past the edge: it scrolls into view."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped_or_outside(window: QWidget) -> list[str]:
    """Visible buttons and single-line labels whose text does not fit their width,
    and buttons or fields that reach past the window (nobody could tap them)."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QPushButton | QLineEdit) and not in_scroll_area(widget):
            bottom_right = widget.mapTo(window, QPoint(widget.width(), widget.height()))
            if bottom_right.x() > window.width() + 1 or bottom_right.y() > window.height() + 1:
                problems.append(f"outside the window: {widget.objectName()}")
        metrics = widget.fontMetrics()
        if isinstance(widget, QPushButton) and widget.text():
            widest = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n"))
            if widest + BUTTON_PADDING > widget.width() + 1:
                problems.append(f"button {widget.objectName()}: {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            widest = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n"))
            if widest > widget.contentsRect().width() + 1:
                problems.append(f"label {widget.objectName()}: {widget.text()!r}")
    return problems


@contextmanager
def translated(lang: str) -> Iterator[None]:
    """The kiosk's compiled translation for ``lang`` installed, as the controller does.

    A screen's ``set_language("en")`` alone changes only the texts that carry both
    languages (procedure definitions, errors): its ``tr`` strings need this.
    ``make translations`` (and so ``make test``) compiles the file.
    """
    if lang == "vi":
        yield
        return
    translator = QTranslator()
    path = asset_dir() / "translations" / f"kiosk_{lang}.qm"
    assert translator.load(str(path)), f"{path} is missing: run make translations"
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
