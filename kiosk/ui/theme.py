"""The kiosk's look: two colour palettes, two text sizes, one application style sheet.

Colours are data (:class:`Palette`, hex strings) and every pair the style sheet
or the QPalette puts together is listed by :func:`colour_pairs`, so a test can
prove each one meets WCAG 2.2 AA (4.5:1 for text, 3:1 for the outline of a
control) and the high-contrast palette AAA (7:1 for text). The style sheet is
generated from the same :data:`_SURFACES` table that :func:`colour_pairs` reads:
a colour cannot be used without being checked.

Widgets choose their look with a role (``widgets.set_role``), not with their
own style sheets, so switching theme or text size restyles everything at once.
Roles styled here: labels ``heading``, ``title``, ``muted``, ``error``,
``countdown``, ``step_current`` (the wizard's current step number), ``thumbnail``
(a captured page, framed on the paper-white surface); buttons ``primary``,
``choice`` (checkable), keyboard keys ``key``, ``key_vietnamese``,
``key_special``, ``key_tone``; panels ``keyboard``, ``overlay``. Any other button
(``secondary`` or no role) gets the plain button look, which passes the same checks.
``widgets.set_large`` makes one control per screen oversized (the capture button),
whatever its role.
Body text is never below 20 pt; "large text" multiplies every size by 1.3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import partial

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets import MIN_TOUCH_PX, ROLE_PROPERTY, SIZE_PROPERTY

BODY_PT = 20
LARGE_TEXT_SCALE = 1.3
AA_TEXT = 4.5
AA_NON_TEXT = 3.0
AAA_TEXT = 7.0

_HEX_COLOUR = re.compile(r"^#([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Palette:
    """Every colour the kiosk paints with, as ``#RRGGBB``."""

    name: str
    window: str
    text: str
    muted_text: str
    error_text: str
    surface: str
    surface_text: str
    placeholder_text: str
    border: str
    focus: str
    button: str
    button_text: str
    button_pressed: str
    disabled_text: str
    primary: str
    primary_text: str
    primary_pressed: str
    highlight: str
    highlight_text: str
    keyboard: str
    key: str
    key_text: str
    key_border: str
    key_vietnamese: str
    key_special: str
    key_tone: str
    key_tone_text: str
    key_pressed: str
    key_pressed_text: str
    countdown: str

    def colours(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


# Calm paper tones with the deep red and gold of Vietnamese public-service signage.
NORMAL = Palette(
    name="normal",
    window="#F6F3EC",
    text="#1B1B1B",
    muted_text="#4D4A45",
    error_text="#A8141E",
    surface="#FFFFFF",
    surface_text="#1B1B1B",
    placeholder_text="#5E5A55",
    border="#6E6A63",
    focus="#1F5FAD",
    button="#E6DFD0",
    button_text="#1B1B1B",
    button_pressed="#D3C9B5",
    disabled_text="#595550",
    primary="#A8141E",
    primary_text="#FFFFFF",
    primary_pressed="#7D0E16",
    highlight="#1F5FAD",
    highlight_text="#FFFFFF",
    keyboard="#D9D1C1",
    key="#FFFFFF",
    key_text="#1B1B1B",
    key_border="#6E6A63",
    key_vietnamese="#FFF6E0",
    key_special="#EFEAE0",
    key_tone="#FBEFC5",
    key_tone_text="#6B1010",
    key_pressed="#F2C94C",
    key_pressed_text="#1B1B1B",
    countdown="#A8141E",
)

# Black ground, white text, yellow actions: the usual high-contrast kiosk scheme.
HIGH_CONTRAST = Palette(
    name="high_contrast",
    window="#000000",
    text="#FFFFFF",
    muted_text="#E6E6E6",
    error_text="#FF9E9E",
    surface="#000000",
    surface_text="#FFFFFF",
    placeholder_text="#CCCCCC",
    border="#FFFFFF",
    focus="#00E5FF",
    button="#000000",
    button_text="#FFFFFF",
    button_pressed="#333333",
    disabled_text="#B3B3B3",
    primary="#FFE14D",
    primary_text="#000000",
    primary_pressed="#FFF3B0",
    highlight="#FFE14D",
    highlight_text="#000000",
    keyboard="#000000",
    key="#000000",
    key_text="#FFFFFF",
    key_border="#FFFFFF",
    key_vietnamese="#0A1A33",
    key_special="#1F1F1F",
    key_tone="#FFE14D",
    key_tone_text="#000000",
    key_pressed="#00E5FF",
    key_pressed_text="#000000",
    countdown="#FFE14D",
)

PALETTES = (NORMAL, HIGH_CONTRAST)


@dataclass(frozen=True)
class _Surface:
    """One style-sheet rule's colours.

    ``background`` None means transparent: the text then sits on ``outside``.
    ``border`` is checked against ``outside`` at 3:1 (WCAG 1.4.11) unless the
    background itself already stands out that much.
    """

    selector: str
    text: str
    background: str | None
    outside: str
    border: str | None = None


def _role(widget: str, role: str, state: str = "") -> str:
    return f'{widget}[{ROLE_PROPERTY}="{role}"]{state}'


SCROLLBAR_PX = 28
_KEY_ROLES = ("key", "key_vietnamese", "key_special", "key_tone")

_SURFACES: tuple[_Surface, ...] = (
    _Surface(_role("QLabel", "muted"), "muted_text", None, "window"),
    _Surface(_role("QLabel", "error"), "error_text", None, "window"),
    _Surface(_role("QLabel", "countdown"), "countdown", None, "window"),
    _Surface(_role("QLabel", "thumbnail"), "surface_text", "surface", "window", "border"),
    _Surface("QLineEdit, QPlainTextEdit", "surface_text", "surface", "window", "border"),
    _Surface("QLineEdit:focus, QPlainTextEdit:focus", "surface_text", "surface", "window", "focus"),
    _Surface("QPushButton", "button_text", "button", "window", "border"),
    _Surface("QPushButton:pressed", "button_text", "button_pressed", "window", "border"),
    _Surface("QPushButton:disabled", "disabled_text", "button", "window", "border"),
    _Surface(_role("QPushButton", "primary"), "primary_text", "primary", "window", "primary"),
    _Surface(
        _role("QPushButton", "primary", ":pressed"),
        "primary_text",
        "primary_pressed",
        "window",
        "primary_pressed",
    ),
    _Surface(
        _role("QPushButton", "choice", ":checked"), "primary_text", "primary", "window", "focus"
    ),
    # A disabled main or choice button must not keep its "tap me" colour (a red
    # "Nộp hồ sơ" before consent looked enabled): the plain disabled look, last.
    *(
        _Surface(
            _role("QPushButton", role, ":disabled"), "disabled_text", "button", "window", "border"
        )
        for role in ("primary", "secondary", "choice")
    ),
    _Surface(_role("QWidget", "keyboard"), "text", "keyboard", "window"),
    _Surface(_role("QPushButton", "key"), "key_text", "key", "keyboard", "key_border"),
    _Surface(
        _role("QPushButton", "key_vietnamese"),
        "key_text",
        "key_vietnamese",
        "keyboard",
        "key_border",
    ),
    _Surface(
        _role("QPushButton", "key_special"), "key_text", "key_special", "keyboard", "key_border"
    ),
    _Surface(
        _role("QPushButton", "key_special", ":checked"),
        "primary_text",
        "primary",
        "keyboard",
        "key_border",
    ),
    _Surface(
        _role("QPushButton", "key_tone"), "key_tone_text", "key_tone", "keyboard", "key_border"
    ),
    *(
        _Surface(
            _role("QPushButton", role, ":pressed"),
            "key_pressed_text",
            "key_pressed",
            "keyboard",
            "key_border",
        )
        for role in _KEY_ROLES
    ),
    # Keys switched off (the staff PIN pad while a PIN is checked or an account is
    # locked) look off too: the key rules above would otherwise keep them bright.
    *(
        _Surface(
            _role("QPushButton", role, ":disabled"), "disabled_text", "button", "keyboard", "border"
        )
        for role in _KEY_ROLES
    ),
    _Surface(_role("QWidget", "overlay"), "text", "window", "window"),
)


@dataclass(frozen=True)
class ColourPair:
    """Two colours painted together and the contrast they must reach."""

    where: str
    foreground: str
    background: str
    minimum: float


def colour_pairs(palette: Palette) -> list[ColourPair]:
    """Every foreground/background pair the theme uses with ``palette``."""
    colours = palette.colours()
    pairs = [
        ColourPair("window text", palette.text, palette.window, AA_TEXT),
        ColourPair("field text", palette.surface_text, palette.surface, AA_TEXT),
        ColourPair("placeholder", palette.placeholder_text, palette.surface, AA_TEXT),
        ColourPair("selection", palette.highlight_text, palette.highlight, AA_TEXT),
        ColourPair("button text", palette.button_text, palette.button, AA_TEXT),
        ColourPair("disabled button text", palette.disabled_text, palette.button, AA_TEXT),
    ]
    for surface in _SURFACES:
        background = colours[surface.background or surface.outside]
        pairs.append(
            ColourPair(f"{surface.selector} text", colours[surface.text], background, AA_TEXT)
        )
        if surface.border is not None:
            outside = colours[surface.outside]
            # A control is told apart by its outline, or by a fill that stands out.
            outline = max(
                (colours[surface.border], background),
                key=partial(contrast_ratio, outside),  # the ratio is symmetric
            )
            pairs.append(ColourPair(f"{surface.selector} outline", outline, outside, AA_NON_TEXT))
    return pairs


def _relative_luminance(colour: str) -> float:
    match = _HEX_COLOUR.match(colour)
    if match is None:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    digits = match.group(1)
    channels = [int(digits[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two ``#RRGGBB`` colours, from 1.0 to 21.0."""
    lighter, darker = sorted(
        (_relative_luminance(foreground), _relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class TextSizes:
    """Point sizes for one text-size setting; ``body`` is never below 20 pt."""

    scale: float

    def pt(self, base: float) -> int:
        return round(base * self.scale)

    @property
    def body(self) -> int:
        return self.pt(BODY_PT)

    @property
    def key(self) -> int:
        return self.pt(24)

    @property
    def tone_key(self) -> int:
        return self.pt(21)

    @property
    def button(self) -> int:
        return self.pt(22)

    @property
    def heading(self) -> int:
        return self.pt(30)

    @property
    def title(self) -> int:
        return self.pt(40)

    @property
    def countdown(self) -> int:
        return self.pt(72)


@dataclass(frozen=True)
class Theme:
    """What :func:`apply_theme` applied; widgets may read it to size things."""

    palette: Palette
    sizes: TextSizes
    font_family: str
    high_contrast: bool
    large_text: bool


def theme_for(high_contrast: bool, large_text: bool, font_family: str = "") -> Theme:
    return Theme(
        palette=HIGH_CONTRAST if high_contrast else NORMAL,
        sizes=TextSizes(LARGE_TEXT_SCALE if large_text else 1.0),
        font_family=font_family,
        high_contrast=high_contrast,
        large_text=large_text,
    )


def style_sheet(theme: Theme) -> str:
    """The one application style sheet for ``theme``."""
    colours = theme.palette.colours()
    sizes = theme.sizes
    rules: list[str] = []
    for surface in _SURFACES:
        declarations = [f"color: {colours[surface.text]};"]
        if surface.background is not None:
            declarations.append(f"background-color: {colours[surface.background]};")
        if surface.border is not None:
            declarations.append(f"border-color: {colours[surface.border]};")
        rules.append(f"{surface.selector} {{ {' '.join(declarations)} }}")
    keys = ", ".join(_role("QPushButton", role) for role in _KEY_ROLES)
    rules += [
        f"QWidget {{ font-size: {sizes.body}pt; }}",
        f'QLabel[{ROLE_PROPERTY}="heading"] {{ font-size: {sizes.heading}pt; font-weight: bold; }}',
        f'QLabel[{ROLE_PROPERTY}="title"] {{ font-size: {sizes.title}pt; font-weight: bold; }}',
        f'QLabel[{ROLE_PROPERTY}="step_current"] {{ font-weight: bold;'
        " text-decoration: underline; }",
        f'QLabel[{ROLE_PROPERTY}="countdown"] {{ font-size: {sizes.countdown}pt;'
        " font-weight: bold; }",
        # min-height in a style sheet replaces a widget's own setMinimumHeight, so only
        # text fields get one (screens rarely size them); buttons grow by padding.
        "QLineEdit, QPlainTextEdit { border-width: 2px; border-style: solid;"
        f" border-radius: 6px; padding: 8px; min-height: {MIN_TOUCH_PX - 20}px; }}",
        "QLineEdit:focus, QPlainTextEdit:focus { border-width: 4px; padding: 6px; }",
        "QPushButton { border-width: 2px; border-style: solid; border-radius: 10px;"
        f" padding: 12px 20px; font-size: {sizes.button}pt; }}",
        f'QPushButton[{ROLE_PROPERTY}="primary"] {{ font-weight: bold; }}',
        f'QPushButton[{SIZE_PROPERTY}="large"] {{ font-size: {sizes.heading}pt;'
        " padding: 22px 32px; border-radius: 14px; }",
        f'QLabel[{ROLE_PROPERTY}="thumbnail"] {{ border-width: 2px; border-style: solid;'
        " border-radius: 4px; padding: 4px; }",
        # Disabled reads as disabled in every theme, not only by a paler colour.
        "QPushButton:disabled { border-style: dashed; }",
        # Touch-sized scroll bars that can be seen in every theme (Qt's are 14 px, pale).
        f"QScrollBar:vertical {{ width: {SCROLLBAR_PX}px; margin: 0px;"
        f" background: {colours['button']}; border: 1px solid {colours['border']}; }}",
        f"QScrollBar::handle:vertical {{ background: {colours['muted_text']};"
        f" min-height: {MIN_TOUCH_PX}px; border-radius: {SCROLLBAR_PX // 3}px; margin: 3px; }}",
        "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0px; }",
        "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }",
        # The same for the sideways strips (a document's page thumbnails).
        f"QScrollBar:horizontal {{ height: {SCROLLBAR_PX}px; margin: 0px;"
        f" background: {colours['button']}; border: 1px solid {colours['border']}; }}",
        f"QScrollBar::handle:horizontal {{ background: {colours['muted_text']};"
        f" min-width: {MIN_TOUCH_PX}px; border-radius: {SCROLLBAR_PX // 3}px; margin: 3px; }}",
        "QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal { width: 0px; }",
        "QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal { background: none; }",
        f'QPushButton[{ROLE_PROPERTY}="primary"]:disabled {{ font-weight: normal; }}',
        f'QPushButton[{ROLE_PROPERTY}="choice"]:checked {{ border-width: 4px;'
        " font-weight: bold; }",
        f"{keys} {{ border-width: 2px; border-style: solid; border-radius: 8px;"
        f" padding: 0px 6px; font-size: {sizes.key}pt; }}",
        f'QPushButton[{ROLE_PROPERTY}="key_tone"] {{ font-size: {sizes.tone_key}pt; }}',
        f'QPushButton[{ROLE_PROPERTY}="key_special"] {{ font-size: {sizes.body}pt; }}',
        ", ".join(_role("QPushButton", role, ":disabled") for role in _KEY_ROLES)
        + " { border-style: dashed; }",
    ]
    return "\n".join(rules) + "\n"


def qpalette(palette: Palette) -> QPalette:
    """The QPalette matching ``palette`` (what unstyled widgets fall back to)."""
    qt_palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: palette.window,
        QPalette.ColorRole.WindowText: palette.text,
        QPalette.ColorRole.Base: palette.surface,
        QPalette.ColorRole.AlternateBase: palette.window,
        QPalette.ColorRole.Text: palette.surface_text,
        QPalette.ColorRole.PlaceholderText: palette.placeholder_text,
        QPalette.ColorRole.Button: palette.button,
        QPalette.ColorRole.ButtonText: palette.button_text,
        QPalette.ColorRole.Highlight: palette.highlight,
        QPalette.ColorRole.HighlightedText: palette.highlight_text,
        QPalette.ColorRole.ToolTipBase: palette.surface,
        QPalette.ColorRole.ToolTipText: palette.surface_text,
        QPalette.ColorRole.BrightText: palette.error_text,
        QPalette.ColorRole.Link: palette.focus,
    }
    for role, colour in roles.items():
        qt_palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        qt_palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(palette.disabled_text))
    return qt_palette


def apply_theme(
    app: QApplication, high_contrast: bool, large_text: bool, font_family: str | None = None
) -> Theme:
    """Restyle the whole application; safe to call again when the citizen toggles.

    ``font_family`` defaults to the family already set on the application
    (``fonts.load_kiosk_fonts`` sets it).
    """
    family = font_family or app.font().family()
    theme = theme_for(high_contrast, large_text, family)
    font = QFont(family)
    font.setPointSize(theme.sizes.body)
    app.setFont(font)
    app.setPalette(qpalette(theme.palette))
    app.setStyleSheet(style_sheet(theme))
    app.setProperty("kiosk_high_contrast", high_contrast)
    app.setProperty("kiosk_large_text", large_text)
    return theme
