"""Fee quotes (Circular 226/2016 certified copies, residence channels, on-time births)
and computed fields (date in words)."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.procedures import (
    LocalText,
    compute_fee,
    compute_values,
    copy_fee,
    load_catalogue,
)
from kiosk.procedures.base import JsonValue
from kiosk.procedures.fees import quote_rule
from kiosk.procedures.model import ConditionalFee, FeeCase, FixedFee, FreeFee
from kiosk.procedures.rules import Rule

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (1, 2_000),
        (2, 4_000),
        (3, 5_000),
        (5, 7_000),  # 2 x 2,000 + 3 x 1,000
        (10, 12_000),
        (198, 200_000),  # exactly the cap
        (199, 200_000),
        (300, 200_000),  # capped per copy
    ],
)
def test_certified_copy_fee_per_copy_follows_circular_226(pages: int, fee: int) -> None:
    assert copy_fee(pages, 2, 2_000, 1_000, 200_000) == fee


def test_certified_copy_quote_multiplies_by_copies_and_sums_documents() -> None:
    definition = CATALOGUE["certified_copy"]
    answers: dict[str, JsonValue] = {
        "documents_to_copy": [
            {"document_name": "Bằng tốt nghiệp", "document_pages": 1, "document_copies": 3},
            {"document_name": "Học bạ", "document_pages": 5, "document_copies": 2},
            {"document_name": "Sổ đỏ", "document_pages": 300, "document_copies": 2},
        ]
    }
    quote = compute_fee(definition, answers, "in_person", TODAY)
    assert [line.amount_vnd for line in quote.lines] == [6_000, 14_000, 400_000]
    assert quote.amount_vnd == 420_000
    assert quote.complete
    assert quote.lines[1].label.vi == "Chứng thực bản sao – Học bạ: 5 trang × 2 bản"
    assert quote.lines[0].label.en == "Certified copy – Bằng tốt nghiệp: 1 page × 3 copies"
    assert quote.explanation.vi.startswith("Tổng cộng 420.000 đồng")


def test_certified_copy_quote_without_documents_is_incomplete() -> None:
    quote = compute_fee(CATALOGUE["certified_copy"], {}, "in_person", TODAY)
    assert (quote.amount_vnd, quote.complete) == (0, False)
    partial: dict[str, JsonValue] = {
        "documents_to_copy": [{"document_name": "A", "document_pages": 2}]
    }
    assert not compute_fee(CATALOGUE["certified_copy"], partial, "in_person", TODAY).complete


@pytest.mark.parametrize(
    ("request_type", "channel", "amount"),
    [
        ("permanent", "in_person", 20_000),
        ("permanent", "online", 10_000),
        ("temporary", "in_person", 15_000),
        ("temporary", "online", 7_000),
    ],
)
def test_residence_fee_by_request_and_channel(request_type: str, channel: str, amount: int) -> None:
    definition = CATALOGUE["residence_ct01"]
    quote = compute_fee(definition, {"request_type": request_type}, channel, TODAY)  # type: ignore[arg-type]
    assert quote.amount_vnd == amount
    assert quote.complete


def test_residence_fee_before_the_choice_is_incomplete() -> None:
    quote = compute_fee(CATALOGUE["residence_ct01"], {}, "in_person", TODAY)
    assert (quote.amount_vnd, quote.complete) == (0, False)


def test_residence_processing_time_depends_on_the_request() -> None:
    processing = CATALOGUE["residence_ct01"].processing
    assert processing.for_answers({"request_type": "permanent"}).working_days == 7
    assert processing.for_answers({"request_type": "temporary"}).working_days == 3


@pytest.mark.parametrize(
    ("child_dob", "copies", "amount"),
    [
        ("2026-03-01", 0, 0),  # born today
        ("2026-01-01", 0, 0),  # day 59
        ("2025-12-31", 1, 8_000),  # day 60: still free, one copy 8,000
        ("2025-12-30", 0, 8_000),  # day 61: late fee (data in birth.json)
        ("2025-12-30", 2, 24_000),
    ],
)
def test_birth_registration_is_free_within_60_days(
    child_dob: str, copies: int, amount: int
) -> None:
    answers: dict[str, JsonValue] = {"child_dob": child_dob, "extract_copies": copies}
    quote = compute_fee(CATALOGUE["birth"], answers, "in_person", TODAY)
    assert quote.amount_vnd == amount
    assert quote.complete


def test_free_quote_explains_why() -> None:
    answers: dict[str, JsonValue] = {"child_dob": "2026-02-01", "extract_copies": 0}
    quote = compute_fee(CATALOGUE["birth"], answers, "in_person", TODAY)
    assert quote.explanation == LocalText(
        "Miễn lệ phí (khai sinh trong 60 ngày kể từ ngày sinh)",
        "Free of charge (registered within 60 days of birth)",
    )


def test_death_registration_is_free_within_15_days() -> None:
    definition = CATALOGUE["death"]
    on_time: dict[str, JsonValue] = {"death_date": "2026-02-14", "extract_copies": 0}
    late: dict[str, JsonValue] = {"death_date": "2026-02-13", "extract_copies": 0}
    assert compute_fee(definition, on_time, "in_person", TODAY).amount_vnd == 0
    assert compute_fee(definition, late, "in_person", TODAY).amount_vnd == 8_000


def test_conditional_rule_uses_its_otherwise_reason() -> None:
    rule = ConditionalFee(
        cases=(FeeCase(Rule({"var": "poor"}), FreeFee(), LocalText("hộ nghèo", "poor household")),),
        otherwise=FixedFee(5_000),
        otherwise_reason=LocalText("mức chung", "standard rate"),
    )
    assert quote_rule(rule, {"poor": True}, today=TODAY).explanation.vi == "Miễn lệ phí (hộ nghèo)"
    paid = quote_rule(rule, {"poor": False}, today=TODAY)
    assert paid.amount_vnd == 5_000
    assert paid.lines[0].label.vi == "Lệ phí (mức chung)"


# --- computed fields -----------------------------------------------------------------------


def test_compute_values_for_birth() -> None:
    answers: dict[str, JsonValue] = {"child_dob": "2026-02-15", "extract_copies": 2}
    values = compute_values(CATALOGUE["birth"], answers, today=TODAY)
    assert values == {
        "child_dob_words": "Ngày mười lăm tháng hai năm hai nghìn không trăm hai mươi sáu",
        "fee_amount": 16_000,
    }
    assert compute_values(CATALOGUE["birth"], {}, today=TODAY)["child_dob_words"] is None
