"""The tracking payload in the receipt's QR, and the snapshot's own checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from kiosk.documents import (
    DeclarationRow,
    DeclarationSection,
    DeclarationTable,
    DocumentDataError,
    DocumentItem,
    TrackingReference,
    parse_tracking_payload,
    tracking_payload_for,
)
from kiosk.documents.tracking import check_url_template
from tests.documents_support import sample_snapshot

REFERENCE = "BADINH-260520-01-0007-K"
DOSSIER = "000.00.21.H42-260520-0001"


def test_payload_before_and_after_sync() -> None:
    assert tracking_payload_for(REFERENCE) == f"CDKV:{REFERENCE}"
    assert tracking_payload_for(REFERENCE, DOSSIER) == f"CDKV:{REFERENCE}/{DOSSIER}"
    assert sample_snapshot(dossier_code=None).tracking_payload == f"CDKV:{REFERENCE}"
    assert sample_snapshot().tracking_payload == f"CDKV:{REFERENCE}/{DOSSIER}"


TEMPLATE = "https://dichvucong.quangnam.gov.vn/tra-cuu?ma={reference}"


def test_a_url_template_makes_the_qr_a_tracking_url_a_phone_opens() -> None:
    assert tracking_payload_for(REFERENCE, None, TEMPLATE) == TEMPLATE.format(reference=REFERENCE)
    # Once the portal has numbered the dossier, its tracking page knows that code.
    assert tracking_payload_for(REFERENCE, DOSSIER, TEMPLATE).endswith("?ma=" + DOSSIER)
    both = "https://x.vn/h/{dossier_code}?k={local_reference}"
    assert (
        tracking_payload_for(REFERENCE, DOSSIER, both) == f"https://x.vn/h/{DOSSIER}?k={REFERENCE}"
    )
    snapshot = sample_snapshot(tracking_url_template=TEMPLATE)
    assert snapshot.tracking_payload == f"https://dichvucong.quangnam.gov.vn/tra-cuu?ma={DOSSIER}"


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        (TEMPLATE.format(reference=REFERENCE), TrackingReference(REFERENCE, None)),
        (TEMPLATE.format(reference=DOSSIER), TrackingReference(None, DOSSIER)),
        (f"https://x.vn/ho-so/{DOSSIER}", TrackingReference(None, DOSSIER)),
        (f"  https://x.vn/h?k={REFERENCE}&lang=vi\n", TrackingReference(REFERENCE, None)),
    ],
)
def test_the_lookup_reads_tracking_urls(scanned: str, expected: TrackingReference) -> None:
    assert parse_tracking_payload(scanned) == expected


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("", None),
        (TEMPLATE, None),
        ("dichvucong.gov.vn/?ma={reference}", "http"),
        ("https://x.vn/tra-cuu", "{reference}"),
        ("https://x.vn/?ma={ref}", "unknown placeholder"),
    ],
)
def test_url_template_check(template: str, problem: str | None) -> None:
    found = check_url_template(template)
    assert found is None if problem is None else problem in (found or "")


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        (f"CDKV:{REFERENCE}", TrackingReference(REFERENCE, None)),
        (f"CDKV:{REFERENCE}/{DOSSIER}", TrackingReference(REFERENCE, DOSSIER)),
        (f"  cdkv:{REFERENCE}\n", TrackingReference(REFERENCE, None)),
        (DOSSIER, TrackingReference(None, DOSSIER)),
    ],
)
def test_parse(scanned: str, expected: TrackingReference) -> None:
    assert parse_tracking_payload(scanned) == expected


@pytest.mark.parametrize(
    "scanned",
    [
        "",
        "hello",
        "CDKV:",
        "CDKV:has space",
        "CDKV:ABC/not-a-dossier",
        "CDKV:" + "A" * 41,
        "CDKV:Nguyễn",
        "\x00",
        "000.00.21.H42-2605-0001",
        "00020101021138540010A000000727",
    ],
)
def test_parse_refuses_anything_else(scanned: str) -> None:
    with pytest.raises(DocumentDataError):
        parse_tracking_payload(scanned)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(DocumentDataError):
        parse_tracking_payload(b"CDKV:X")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"local_reference": "has space"}, "Số tham chiếu"),
        ({"dossier_code": "H42-1"}, "Mã hồ sơ"),
        ({"citizen_name": None}, "citizen_name"),
        ({"citizen_phone": 912345678}, "citizen_phone"),
        ({"sets": 0}, "sets"),
        ({"processing_days": -1}, "processing_days"),
        ({"fee_amount": -1000}, "fee_amount"),
        ({"fee_amount": 1.5}, "fee_amount"),
        ({"received_at": date(2026, 5, 20)}, "tiếp nhận"),
        ({"ready_on": datetime(2026, 5, 25)}, "hẹn trả"),
        ({"ready_on": date(2026, 5, 19)}, "không được trước"),
        ({"language": "fr"}, "Ngôn ngữ"),
        ({"training": "yes"}, "dùng thử"),
        ({"documents": [DocumentItem(name="A", original_or_copy="copy")]}, "giấy tờ"),
        (
            {
                "documents": tuple(
                    DocumentItem(name="A", original_or_copy="copy") for _ in range(51)
                )
            },
            "tối đa",
        ),
        ({"declaration_sections": ("x",)}, "tờ khai"),
    ],
)
def test_snapshot_checks_its_fields(changes: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DocumentDataError, match=fragment):
        sample_snapshot(**changes)


@pytest.mark.parametrize(
    ("factory", "fragment"),
    [
        (lambda: DocumentItem(name="A", original_or_copy="photocopy"), "bản chính"),  # type: ignore[arg-type]
        (lambda: DocumentItem(name="A", original_or_copy="copy", quantity=0), "quantity"),
        (lambda: DeclarationRow(label="Họ tên", value=None), "value"),  # type: ignore[arg-type]
        (lambda: DeclarationSection(title="I", rows=("x",)), "dòng"),  # type: ignore[arg-type]
        (lambda: DeclarationTable(columns=(), rows=()), "tiêu đề cột"),
        (lambda: DeclarationTable(columns=("A", "B"), rows=(("1",),)), "đủ số cột"),
    ],
)
def test_parts_check_their_fields(factory: Any, fragment: str) -> None:
    with pytest.raises(DocumentDataError, match=fragment):
        factory()
