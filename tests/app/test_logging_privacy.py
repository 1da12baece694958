from __future__ import annotations

import logging

import pytest

from kiosk.logs import configure_logging, redact
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import Citizen


def test_redaction_masks_ids_phones_and_emails() -> None:
    line = redact("citizen 049090001234 phone 0905123456 / +84905123456 mail an@example.vn")
    assert "049090001234" not in line
    assert "0905123456" not in line and "905123456" not in line
    assert "an@example.vn" not in line
    assert redact("synced 12 cases in 3.5 s") == "synced 12 cases in 3.5 s"


def test_log_file_holds_no_personal_data(store: Store, kiosk_layout: HomeLayout) -> None:
    log_file = configure_logging(kiosk_layout.logs, level=logging.DEBUG)
    logger = logging.getLogger("kiosk.test")
    with store.sessions.begin() as session:
        session.add(Citizen(full_name="Nguyễn Văn An", id_number="049090001234"))
    # A careless line and an exception that carry personal data still come out masked.
    logger.info("scanned card %s", "049090001234")
    try:
        raise ValueError("bad phone 0905123456")
    except ValueError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = log_file.read_text(encoding="utf-8")
    assert "scanned card [number]" in content
    assert "049090001234" not in content
    assert "0905123456" not in content
    assert "Nguyễn Văn An" not in content


GROUPED_NUMBERS = [
    "048 187 735193",
    "048187 735193",
    "048.187.735193",
    "048-187-735193",
    "0481 8773 5193",
    "04 81 87 73 51 93",
    "048\u00a0187\u00a0735193",
    "048\u202f187\u202f735193",
    "0912.876.543",
    "0912 876 543",
    "0912-876-543",
    "091 287 6543",
    "09 12 87 65 43",
    "+84 912 876 543",
    "+84912876543",
    "84 912.876.543",
    "(+84) 912-876-543",
    "(+84)912876543",
    "+84-912-876-543",
    "0236 3822 123",
    "0236.3822.123",
]


@pytest.mark.parametrize("number", GROUPED_NUMBERS)
def test_grouped_numbers_are_masked_wherever_they_sit(number: str) -> None:
    digits = "".join(ch for ch in number if ch.isdigit())
    for line in (number, f"ID {number}.", f"phone={number}, retry", f"({number})"):
        masked = redact(line)
        assert "[number]" in masked, masked
        assert not any(ch.isdigit() for ch in masked.replace("[number]", "")), masked
        assert digits[-6:] not in masked


@pytest.mark.parametrize(
    "line",
    [
        "synced 12 cases in 3.5 s",
        "pushed 10, pending 0, failed 2",
        "reference 20551-261206-01-0001-8 sent",
        "Backup taken (daily): kiosk-20261206-093000-123456_daily.db",
        "next retry at 2026-11-29 10:00:01",
        "portal on 127.0.0.1:8080, pid 123456",
    ],
)
def test_counts_times_and_references_stay_readable(line: str) -> None:
    assert redact(line) == line
