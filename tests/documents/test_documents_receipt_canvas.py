"""The A5 receipt drawn on the canvas is the receipt platypus lays out, byte for byte.

``kiosk.documents.receipt_a5`` mirrors platypus (line breaking, frame spacing, table
geometry) to draw the receipt in half the time. These tests hold it to the platypus
story (``a5_story_pdf``, the code the receipt had before) on whole PDFs, for the
variants a ward prints (every field long or empty, English, training, no documents,
markup characters in names) and for seeded random receipts; and hold its paragraphs
to platypus's ``Paragraph`` on random texts, widths and alignments. Receipts it
declines (a word wider than its line, more than a page) must come from the story.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, Literal

import pypdf
import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from kiosk.documents import DocumentItem, render_receipt
from kiosk.documents.canvas_text import Run, break_run, draw_block, layout, markup_runs
from kiosk.documents.layout import styles_for
from kiosk.documents.receipt import a5_story_pdf
from kiosk.documents.receipt_a5 import render_a5
from tests.documents_support import decode_qr_codes, sample_snapshot

VARIANTS: dict[str, dict[str, Any]] = {
    "sample": {},
    "training": {"training": True},
    "english": {"language": "en"},
    "english_pending_no_email": {"language": "en", "dossier_code": None, "citizen_email": None},
    "pending": {"dossier_code": None},
    "no_documents": {"documents": ()},
    "no_phone": {"citizen_phone": ""},
    "no_contact": {"citizen_phone": "", "citizen_email": None},
    "no_place": {"place_name": ""},
    "empty_address": {"citizen_address": ""},
    "free_same_day": {"fee_amount": 0, "processing_days": 0, "ready_on": date(2026, 5, 20)},
    "markup_characters": {
        "citizen_name": "Trần & <Lê> > Văn",
        "citizen_address": "Số 1 & 2 <ngõ> 3",
        "agency_name": "UBND & Phường <X>",
    },
    "long_name": {
        "citizen_name": "Nguyễn Thị Phương Thảo Hoàng Lan Anh Minh Châu Bảo Ngọc Khánh "
        "Linh Diệu Huyền Thanh Tâm Bích Phượng"
    },
    "address_of_five_lines": {"citizen_address": "Số 12 ngõ 34 phố Đội Cấn, " * 7},
    "decomposed_diacritics": {"citizen_name": "Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng"},
    "long_document": {
        "documents": (
            DocumentItem(
                name="Giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở và tài sản "
                "khác gắn liền với đất bản gốc",
                original_or_copy="certified_copy",
                quantity=12,
            ),
        )
    },
    "six_documents": {
        "documents": tuple(
            DocumentItem(name=f"Giấy tờ số {index}", original_or_copy="copy") for index in range(6)
        )
    },
    "slots_scanned_and_promised": {
        "documents": (
            DocumentItem(name="Giấy chứng sinh (đã quét 2 trang)", original_or_copy="original"),
            DocumentItem(
                name="Căn cước của người đi đăng ký (mang bản giấy tới quầy)",
                original_or_copy="copy",
            ),
        )
    },
    "slots_scanned_english": {
        "language": "en",
        "documents": (
            DocumentItem(name="Birth certificate (scanned, 12 pages)", original_or_copy="original"),
            DocumentItem(
                name="Identity card (paper brought to the counter)", original_or_copy="copy"
            ),
        ),
    },
    "long_agency_and_unit": {
        "agency_name": "Ủy ban nhân dân phường Nguyễn Trung Trực thành phố Hồ Chí Minh mới",
        "receiving_unit": "Bộ phận tiếp nhận và trả kết quả giải quyết thủ tục hành chính",
    },
    "long_procedure": {
        "procedure_title": "Đăng ký khai sinh kết hợp đăng ký thường trú và cấp thẻ bảo "
        "hiểm y tế cho trẻ em dưới 6 tuổi theo liên thông"
    },
    "long_collect_at": {
        "collect_at": "Quầy số 2, Bộ phận Một cửa, tầng 1, trụ sở Ủy ban nhân dân phường "
        "Ba Đình, số 1 phố Đội Cấn"
    },
    "emoji_and_controls": {
        "citizen_name": "Lê Văn\x00 Tám 🎉",
        "procedure_title": "Đăng ký\r\nkhai sinh\t",
        "citizen_email": "a\u202eb@example.vn",
    },
}

DECLINED: dict[str, dict[str, Any]] = {
    "address_of_ten_thousand_characters": {"citizen_address": "Phố Huế " * 1_250},
    "document_name_of_one_long_word": {
        "documents": (DocumentItem(name="X" * 10_000, original_or_copy="original"),)
    },
    "email_wider_than_the_page": {"citizen_email": "a" * 110 + "@example.vn"},
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_canvas_draws_the_stories_bytes(name: str) -> None:
    snapshot = sample_snapshot(**VARIANTS[name])
    drawn = render_a5(snapshot)
    assert drawn is not None, "this receipt should not need platypus"
    assert drawn == a5_story_pdf(snapshot)
    assert render_receipt(snapshot) == drawn


WORDS = [
    *("Nguyễn", "Thị", "Hồng", "Nhung", "phường", "Ba", "Đình", "Hà", "Nội", "số", "ngõ"),
    *("phố", "Đội", "Cấn", "Giấy", "chứng", "nhận", "kết", "hôn", "bản", "sao", "Quầy"),
    *("Bộ", "phận", "Một", "cửa", "đăng", "ký", "khai", "sinh", "thường", "trú", "&", "<"),
    *(">", "A-B", "1234", "W", "WWWW", "iii", "ỦY", "ĐƯỜNG", "(x)", "tổ", "dân", "phố"),
]


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _random_snapshot(rng: random.Random) -> Any:
    return sample_snapshot(
        citizen_name=_words(rng, 1, 12),
        citizen_address=_words(rng, 0, 15),
        citizen_phone=rng.choice(["", "0912 345 678", _words(rng, 1, 6)]),
        citizen_email=rng.choice([None, "", "nhung@example.vn", _words(rng, 1, 8)]),
        procedure_title=_words(rng, 1, 20),
        agency_name=_words(rng, 1, 14),
        receiving_unit=_words(rng, 1, 12),
        collect_at=_words(rng, 1, 14),
        place_name=rng.choice(["", "Ba Đình", _words(rng, 1, 6)]),
        language=rng.choice(["vi", "en"]),
        training=rng.random() < 0.3,
        dossier_code=rng.choice([None, "000.00.21.H42-260520-0001"]),
        fee_amount=rng.choice([0, 20_000, 1_234_567]),
        processing_days=rng.choice([0, 3, 15]),
        sets=rng.choice([1, 2, 10]),
        documents=tuple(
            DocumentItem(
                name=_words(rng, 1, 16),
                original_or_copy=rng.choice(["original", "copy", "certified_copy"]),
                quantity=rng.randint(1, 12),
            )
            for _ in range(rng.randint(0, 4))
        ),
    )


def test_random_receipts_are_drawn_byte_for_byte_or_left_to_platypus() -> None:
    rng = random.Random(19)
    drawn_count = 0
    for _ in range(60):
        snapshot = _random_snapshot(rng)
        story = a5_story_pdf(snapshot)
        drawn = render_a5(snapshot)
        if drawn is None:
            # Declined only where platypus needs a second page (no long words here).
            assert len(pypdf.PdfReader(io.BytesIO(story)).pages) > 1, snapshot
            continue
        drawn_count += 1
        assert drawn == story, snapshot
    assert drawn_count >= 30  # the comparison above ran on most of them


@pytest.mark.parametrize("name", list(DECLINED))
def test_receipts_only_platypus_can_lay_out_come_from_the_story(name: str) -> None:
    snapshot = sample_snapshot(**DECLINED[name])
    assert render_a5(snapshot) is None
    pdf = render_receipt(snapshot)
    assert pdf == a5_story_pdf(snapshot)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    found = [text for page in range(pages) for text in decode_qr_codes(pdf, page)]
    assert found == [snapshot.tracking_payload]


def _markup(parts: list[tuple[str, str] | None], regular: str, bold: str, italic: str) -> str:
    """The Paragraph markup of ``parts`` (text, font; ``None`` is a line break)."""
    tags = {regular: ("", ""), bold: ("<b>", "</b>"), italic: ("<i>", "</i>")}
    markup: list[str] = []
    for part in parts:
        if part is None:
            markup.append("<br/>")
            continue
        text, font = part
        opening, closing = tags[font]
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        markup.append(opening + escaped.replace("\xa0", "&nbsp;") + closing)
    return "".join(markup)


def _runs(parts: list[tuple[str, str] | None], break_font: str) -> list[Run]:
    runs: list[Run] = []
    for part in parts:
        runs += [break_run(break_font)] if part is None else markup_runs(part)
    return runs


def _page_code(draw: Callable[[Canvas], None]) -> bytes:
    """The PDF of one page with what ``draw`` drew (invariant: no date, no random ID)."""
    canvas = Canvas(io.BytesIO(), pagesize=A5, invariant=1)
    draw(canvas)
    canvas.showPage()
    return bytes(canvas.getpdfdata())


@pytest.mark.parametrize("alignment", [TA_LEFT, TA_CENTER, TA_RIGHT])
def test_paragraphs_break_and_draw_as_platypus_paragraphs(alignment: Literal[0, 1, 2]) -> None:
    """Random markup of three fonts, entities, NO-BREAK SPACEs and line breaks, at random
    widths and space shrinkages: the same page as ``Paragraph.drawOn`` (line breaks, shrinkage and
    its word spacing, alignment offsets, font switches)."""
    styles = styles_for(9.5)
    fonts = styles.fonts
    rng = random.Random(alignment)
    compared = 0
    for _ in range(200):
        parts: list[tuple[str, str] | None] = []
        for _ in range(rng.randint(1, 6)):
            choice = rng.random()
            if choice < 0.08 and parts:
                parts.append(None)
            elif choice < 0.14:
                parts.append(("\xa0" * rng.randint(1, 3), fonts.regular))
            else:
                font = rng.choice([fonts.regular, fonts.bold, fonts.italic])
                parts.append((_words(rng, 1, 14) + rng.choice(["", " "]), font))
            if len(parts) > 1 and None not in parts[-2:]:
                (before, before_font), (text, font) = parts[-2:]  # type: ignore[misc]
                if before_font == font == fonts.regular:  # untagged twice: one stretch
                    parts[-2:] = [(before + text, font)]
        while parts and parts[-1] is None:
            parts.pop()
        last = parts[-1]
        if last is not None and last[0].endswith(" "):
            parts[-1] = (last[0].rstrip(), last[1])  # the markup's end is stripped
        runs = _runs(parts, fonts.regular)
        width = rng.uniform(60, 360)
        shrinkage = rng.choice([0.05, 0.05, 0.0, 0.2])  # reportlab's default, and others
        style = ParagraphStyle(
            "random", parent=styles.body, alignment=alignment, spaceShrinkage=shrinkage
        )
        block = layout(runs, style, width)
        if block is None:
            continue  # a word wider than the line: left to platypus
        paragraph = Paragraph(_markup(parts, fonts.regular, fonts.bold, fonts.italic), style)
        _, height = paragraph.wrap(width, 10_000)
        assert height == pytest.approx(block.height)
        expected = _page_code(partial(paragraph.drawOn, x=10, y=20))
        assert _page_code(partial(draw_block, block=block, x=10, y=20)) == expected, parts
        compared += 1
    assert compared >= 150


@pytest.mark.parametrize(
    "change",
    [
        {"alignment": TA_JUSTIFY},
        {"leftIndent": 6},
        {"firstLineIndent": -4},
        {"backColor": "#eeeeee"},
        {"endDots": "."},
    ],
)
def test_styles_not_mirrored_are_left_to_platypus(change: dict[str, Any]) -> None:
    styles = styles_for(9.5)
    runs = markup_runs(("Địa chỉ: ", styles.fonts.regular), ("Số 12 ngõ 34", styles.fonts.bold))
    assert layout(runs, styles.body, 300) is not None
    assert layout(runs, ParagraphStyle("changed", parent=styles.body, **change), 300) is None
