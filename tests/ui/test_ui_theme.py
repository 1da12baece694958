"""Theme: WCAG contrast of every colour pair used, text sizes, applying to the app."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import (
    AAA_TEXT,
    BODY_PT,
    HIGH_CONTRAST,
    NORMAL,
    PALETTES,
    Palette,
    apply_theme,
    colour_pairs,
    contrast_ratio,
    style_sheet,
    theme_for,
)
from kiosk.ui.widgets import set_role


def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#A8141E", "#A8141E") == pytest.approx(1.0)
    # The classic borderline grey: #777 on white just misses AA.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#767676", "#FFFFFF") >= 4.5


@pytest.mark.parametrize("bad", ["", "red", "#FFF", "#GGGGGG", "#1234567", "#12345"])
def test_contrast_ratio_refuses_non_colours(bad: str) -> None:
    with pytest.raises(ValueError):
        contrast_ratio(bad, "#FFFFFF")


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_every_pair_passes_wcag_aa(palette: Palette) -> None:
    failures = [
        f"{pair.where}: {pair.foreground} on {pair.background} "
        f"= {contrast_ratio(pair.foreground, pair.background):.2f} < {pair.minimum}"
        for pair in colour_pairs(palette)
        if contrast_ratio(pair.foreground, pair.background) < pair.minimum
    ]
    assert failures == []


def test_high_contrast_text_reaches_aaa() -> None:
    text_pairs = [p for p in colour_pairs(HIGH_CONTRAST) if p.minimum > 3.0]
    assert text_pairs
    weak = [p.where for p in text_pairs if contrast_ratio(p.foreground, p.background) < AAA_TEXT]
    assert weak == []


def test_a_bad_colour_would_be_caught() -> None:
    from dataclasses import replace

    washed_out = replace(NORMAL, key_tone_text="#E0C080")
    assert any(
        contrast_ratio(p.foreground, p.background) < p.minimum for p in colour_pairs(washed_out)
    )


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_style_sheet_uses_only_palette_colours(palette: Palette) -> None:
    theme = theme_for(palette is HIGH_CONTRAST, False)
    used = {colour.upper() for colour in re.findall(r"#[0-9A-Fa-f]{6}\b", style_sheet(theme))}
    known = {colour.upper() for colour in palette.colours().values()}
    assert used <= known
    assert not re.search(r"rgba?\(|\b(?:white|black|red|gray|grey)\b", style_sheet(theme))


def test_text_sizes() -> None:
    normal, large = theme_for(False, False).sizes, theme_for(False, True).sizes
    assert normal.body == BODY_PT >= 20
    assert large.body == round(BODY_PT * 1.3)
    for sizes in (normal, large):
        smallest = min(
            sizes.body, sizes.key, sizes.tone_key, sizes.button, sizes.heading, sizes.title
        )
        assert smallest >= 20 * sizes.scale - 0.5


def test_apply_theme_restyles_the_application(restore_app_look: QApplication, qtbot: QtBot) -> None:
    app = restore_app_look
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    body = QLabel("Họ và tên")
    heading = set_role(QLabel("Nộp hồ sơ"), "heading")
    button = set_role(QPushButton("Tiếp tục"), "primary")
    for widget in (body, heading, button):
        layout.addWidget(widget)
    page.show()

    apply_theme(app, high_contrast=False, large_text=False)
    body.ensurePolished()
    heading.ensurePolished()
    assert body.font().pointSize() == 20
    assert heading.font().pointSize() == 30
    assert app.palette().color(QPalette.ColorRole.Window).name().upper() == NORMAL.window
    qtbot.waitUntil(lambda: button.height() >= 60, timeout=1000)

    plain = QPushButton("Quay lại")
    tall = QPushButton("Nộp hồ sơ")
    tall.setMinimumHeight(140)
    layout.addWidget(plain)
    layout.addWidget(tall)
    qtbot.waitUntil(lambda: plain.height() >= 60 and tall.height() >= 140, timeout=1000)

    theme = apply_theme(app, high_contrast=True, large_text=True)
    assert theme.large_text and theme.high_contrast
    body.ensurePolished()
    assert body.font().pointSize() == 26
    assert app.font().pointSize() == 26
    assert app.palette().color(QPalette.ColorRole.Window).name().upper() == HIGH_CONTRAST.window
    assert app.palette().color(QPalette.ColorRole.WindowText).name().upper() == "#FFFFFF"
