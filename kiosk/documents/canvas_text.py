"""Paragraphs laid out and drawn straight on a reportlab canvas, as platypus draws them.

The A5 receipt is one page of short paragraphs. Platypus spends most of a receipt's
time parsing their markup, breaking lines through its general machinery (hyphenation,
bidi, images, links) and measuring tables twice. Here a paragraph is a list of runs
(text in one font, or a line break where the markup had ``<br/>``) broken into lines by
the same rules as ``reportlab.platypus.paragraph.Paragraph.breakLines`` (words split
as ``_getFragWords`` splits them, the style's space shrinkage: 5 % by default)
and drawn with the same text-object calls as ``Paragraph.drawPara``: the page it makes
is the page platypus made, byte for byte (``tests/documents/test_documents_receipt_canvas.py``
compares them).

Only what the receipt uses is mirrored (:func:`mirrored` checks a style): left, centred
and right alignment, no indents, no justification, one colour. :func:`layout` returns
``None`` for a word wider than its line (platypus would cut it into pieces) and for a
style it does not mirror: the caller then lets platypus do it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import whitespace
from typing import Final

from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

# The characters reportlab's paragraph splits words at: Unicode spaces except NO-BREAK SPACE.
_BREAKING_SPACES: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
)
_SPLIT_AT_SPACES: Final = re.compile(f"[{re.escape(_BREAKING_SPACES)}]+").split
# The characters the kiosk's markup holds as entities (xml.sax.saxutils.escape, and
# NO-BREAK SPACE only ever as "&nbsp;"): the parser makes each entity a fragment of its own.
_ENTITIES: Final = "&<>\xa0"
_ENTITY_CHARACTERS: Final = re.compile(f"([{_ENTITIES}])")


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one font, as a fragment of parsed paragraph markup; ``text=None`` is ``<br/>``."""

    text: str | None
    font: str


def _split(text: str) -> list[str]:
    """reportlab's ``paragraph.split``: NO-BREAK SPACE joins words."""
    if "\xa0" in text:
        return _SPLIT_AT_SPACES(text)
    return text.split()


def _lstrip(text: str) -> str:
    return text.lstrip(_BREAKING_SPACES)


def text_runs(text: str, font: str) -> list[Run]:
    """``text`` (drawable, not escaped) as the fragments the markup parser makes of its
    escaped form: every ``&``, ``<``, ``>`` and NO-BREAK SPACE is a fragment of its own."""
    if not _ENTITY_CHARACTERS.search(text):
        return [Run(text, font)] if text else []
    return [Run(piece, font) for piece in _ENTITY_CHARACTERS.split(text) if piece]


def markup_runs(*parts: tuple[str, str]) -> list[Run]:
    """Runs of a paragraph whose markup is ``parts`` of (drawable text, font), in order.

    Each part is one tagged (``<b>``, ``<i>``) or untagged stretch of the markup: the
    parser makes a fragment of each, and of each entity in it. (Two untagged stretches
    side by side are one stretch: pass them as one part.) The texts are what the markup
    held: single spaces, nothing to strip at the ends (the kiosk's markup starts with
    a label and ends with a tag or text)."""
    runs: list[Run] = []
    for text, font in parts:
        runs += text_runs(text, font)
    return runs


def break_run(font: str) -> Run:
    """``<br/>`` in a paragraph whose style names ``font``."""
    return Run(None, font)


@dataclass(slots=True)
class _Word:
    """One of ``_getFragWords``' words: its width, its pieces (font, text), whether a space
    follows it (``_HSFrag``) and whether it is a line break."""

    width: float
    pieces: list[tuple[str, str]]
    spaced: bool = False
    line_break: bool = False


def _words(runs: list[Run], size: float) -> list[_Word]:
    """``reportlab.platypus.paragraph._getFragWords`` for plain text fragments."""
    words: list[_Word] = []
    pieces: list[tuple[str, str]] = []
    width = 0.0
    hanging_strip = True
    for run in runs:
        text = run.text
        if text is None:
            if pieces:
                words.append(_Word(width, pieces))
                pieces, width = [], 0.0
            words.append(_Word(0.0, [(run.font, "")], line_break=True))
            hanging_strip = True
            continue
        if not text:
            continue
        if hanging_strip:
            text = _lstrip(text)
            if not text:
                continue
            hanging_strip = False
        split = _split(text)
        if text[0] in whitespace or not split:
            if pieces:
                words.append(_Word(width, pieces))
                pieces, width = [], 0.0
                spaced_before = False
            else:
                spaced_before = bool(words) and words[-1].spaced
            if not spaced_before:
                split.insert(0, "")
            elif not split:
                continue
        for word in split[:-1]:
            pieces.append((run.font, word))
            width += stringWidth(word, run.font, size)
            words.append(_Word(width, pieces, spaced=True))
            pieces, width = [], 0.0
        word = split[-1]
        pieces.append((run.font, word))
        width += stringWidth(word, run.font, size)
        if text[-1] in whitespace:
            words.append(_Word(width, pieces, spaced=True))
            pieces, width = [], 0.0
    if pieces:
        words.append(_Word(width, pieces))
    if not words and runs:
        words.append(_Word(0.0, [(runs[0].font, "")]))
    return words


@dataclass(slots=True)
class Line:
    """A laid-out line: its segments (font, text; ``None`` text is a ``<br/>``) and the
    width left over, which alignment distributes."""

    segments: list[tuple[str, str | None]]
    extra_space: float
    word_count: int


@dataclass(slots=True)
class TextBlock:
    """A paragraph laid out at one width: what a wrapped ``Paragraph`` holds."""

    runs: list[Run]
    style: ParagraphStyle
    width: float
    lines: list[Line]
    simple: bool  # one fragment: platypus's kind-0 paragraph

    @property
    def height(self) -> float:
        return len(self.lines) * float(self.style.leading)

    @property
    def space_before(self) -> float:
        return float(self.style.spaceBefore)

    @property
    def space_after(self) -> float:
        return float(self.style.spaceAfter)


def mirrored(style: ParagraphStyle) -> bool:
    """Whether platypus would lay out a paragraph of ``style`` by only the rules mirrored
    here (checked, not assumed: another reportlab version or style must not draw a
    different page silently)."""
    return (
        style.alignment in (TA_LEFT, TA_CENTER, TA_RIGHT)
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and not (style.endDots or style.hyphenationLang or style.embeddedHyphenation)
        and not (style.uriWasteReduce or style.wordWrap or style.textTransform)
        and not (style.backColor or style.borderWidth or style.shaping)
        and not getattr(style, "autoLeading", "")
        and not getattr(style, "bulletText", None)
        and bool(rl_config.paraFontSizeHeightOffset)
    )


def layout(runs: list[Run], style: ParagraphStyle, width: float) -> TextBlock | None:
    """``runs`` broken into lines of ``width`` points, or ``None`` where platypus would
    lay them out by rules not mirrored here: a word wider than the line (cut into
    pieces), or a style outside :func:`mirrored`."""
    if not mirrored(style):
        return None
    size = float(style.fontSize)
    # A line may overrun its width by this share of its spaces (reportlab's default 5 %).
    shrinkage = float(style.spaceShrinkage)
    if len(runs) == 1 and runs[0].text is not None:
        lines = _break_simple(runs[0].text, runs[0].font, size, width, shrinkage)
        simple = True
    else:
        lines = _break_fragments(runs, size, width, shrinkage) if runs else []
        simple = not runs
    if lines is None:
        return None
    return TextBlock(runs, style, width, lines, simple)


def _break_simple(
    text: str, font: str, size: float, width: float, shrinkage: float
) -> list[Line] | None:
    """``Paragraph.breakLines`` for a paragraph of one fragment (platypus's kind 0)."""
    text = text.strip(_BREAKING_SPACES)
    if not text:
        return []
    space = stringWidth(" ", font, size)
    shrink = shrinkage * space
    lines: list[Line] = []
    line: list[str] = []
    current = -space
    for word in _split(text):
        word_width = stringWidth(word, font, size)
        new_width = current + space + word_width
        limit = width + shrink * len(line)
        if new_width > limit and word_width > width:
            return None  # platypus would split this long word
        if new_width <= limit or not line:
            line.append(word)
            current = new_width
        else:
            lines.append(Line([(font, " ".join(line))], width - current, len(line)))
            line = [word]
            current = word_width
    if line:
        lines.append(Line([(font, " ".join(line))], width - current, len(line)))
    return lines


def _break_fragments(
    runs: list[Run], size: float, width: float, shrinkage: float
) -> list[Line] | None:
    """``Paragraph.breakLines`` for a paragraph of several fragments (platypus's kind 1)."""
    lines: list[Line] = []
    segments: list[tuple[str, str | None]] = []
    current = space = 0.0
    words_on_line = 0
    for word in _words(runs, size):
        last_font = word.pieces[-1][0]
        first_font, first_text = word.pieces[0]
        if not segments:
            current = space = 0.0
            words_on_line = 0
        new_width = current + space + word.width if word.width > 0 else current
        # The shrinkable spaces: the one before this word and those the line's text holds.
        shrinkable = space
        for font, text in segments:
            if text and " " in text:
                shrinkable += text.count(" ") * stringWidth(" ", font, size)
        limit = width + shrinkable * shrinkage
        if not word.line_break and new_width > limit and word.width > width:
            return None  # platypus would split this long word
        end_line = (new_width > limit and words_on_line > 0) or word.line_break
        if not end_line:
            if first_text or any(text for _font, text in word.pieces[1:]):
                words_on_line += 1
            if not segments:
                segments.append((first_font, first_text))
            elif segments[-1][0] != first_font:
                if space:
                    for index in range(len(segments) - 1, -1, -1):
                        font, text = segments[index]
                        if text is not None:
                            if not text.endswith(" "):
                                segments[index] = (font, text + " ")
                            break
                segments.append((first_font, first_text))
            else:
                font, text = segments[-1]
                assert text is not None
                if space and not text.endswith(" "):
                    segments[-1] = (font, text + " " + first_text)
                else:
                    segments[-1] = (font, text + first_text)
            space = stringWidth(" ", last_font, size) if word.spaced else 0.0
            segments += word.pieces[1:]
            current = new_width
            continue
        if word.line_break:
            segments.append((first_font, None))
        lines.append(Line(segments, width - current, words_on_line))
        if word.line_break:
            segments = []
            continue
        segments = [(first_font, first_text), *word.pieces[1:]]
        space = stringWidth(" ", last_font, size) if word.spaced else 0.0
        current = word.width
        words_on_line = 1
    if segments:
        lines.append(Line(segments, width - current, words_on_line))
    return lines


def draw_block(canvas: Canvas, block: TextBlock, x: float, y: float) -> None:
    """``block`` with its bottom left corner at (x, y): ``Paragraph.drawOn`` and ``drawPara``."""
    canvas.saveState()
    canvas.translate(x, y)
    if block.lines:
        _draw_lines(canvas, block)
    canvas.restoreState()


def _move(text: PDFTextObject, dx: float) -> None:
    """platypus's ``setXPos``: no operator for a move of nothing."""
    if dx > 1e-6 or dx < -1e-6:
        text.setXPos(dx)


def _word_space(line: Line) -> float | None:
    """The word spacing platypus sets for a line overrunning its width (space shrinkage):
    the overrun shared by its spaces; ``None`` for a line that fits."""
    if line.extra_space > -1e-8:
        return None
    spaces = line.word_count - 1
    spaces += sum(text.count("\xa0") for _font, text in line.segments if text)
    if spaces <= 0:
        return None
    return line.extra_space / float(spaces)


def _start_line(text: PDFTextObject, line: Line, alignment: int) -> float:
    """The moves and word spacing before a line's text (``_leftDrawParaLine`` and its
    siblings); returns the move to undo after it."""
    word_space = _word_space(line)
    if word_space is not None:
        # Spaces squeezed: the line starts at the left edge whatever the alignment.
        text.setWordSpace(word_space)
        return 0.0
    if alignment == TA_LEFT:
        return 0.0
    shift = line.extra_space * (0.5 if alignment == TA_CENTER else 1.0)
    _move(text, shift)
    return shift


def _end_line(text: PDFTextObject, line: Line, shift: float) -> None:
    if _word_space(line) is not None:
        text.setWordSpace(0)
    _move(text, -shift)


def _draw_lines(canvas: Canvas, block: TextBlock) -> None:
    style = block.style
    size = float(style.fontSize)
    leading = float(style.leading)
    alignment = int(style.alignment)
    if alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT):
        raise ValueError(f"alignment {alignment} is not mirrored here")
    color: Color = style.textColor or black
    canvas.saveState()
    cur_y = block.height - size
    if block.simple:
        font = block.lines[0].segments[0][0]
        canvas.setFillColor(color)
        text = canvas.beginText(0, cur_y)
        text.setFont(font, size, leading)
        for line in block.lines:
            shift = _start_line(text, line, alignment)
            text.textLine(line.segments[0][1] or "")
            _end_line(text, line, shift)
    else:
        text = canvas.beginText(0, cur_y)
        current_font: str | None = None
        leading_set = False
        color_set = False
        for line in block.lines:
            shift = _start_line(text, line, alignment)
            if not leading_set:
                text.setLeading(leading)
                leading_set = True
            last = len(line.segments) - 1
            for index, (font, segment) in enumerate(line.segments):
                if font != current_font:
                    text.setFont(font, size, leading)
                    current_font = font
                if not color_set:
                    text.setFillColor(color)
                    color_set = True
                if segment is None:  # <br/>: the line ends here
                    text.textLine("")
                elif index == last:
                    text.textLine(segment)
                else:
                    text.textOut(segment)
            _end_line(text, line, shift)
    canvas.drawText(text)
    canvas.restoreState()
