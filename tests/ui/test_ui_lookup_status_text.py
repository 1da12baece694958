"""The Qt-free status sentences of kiosk.cases.status_text."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.cases.status_text import appointment_line, describe_status, status_sentence


@pytest.mark.parametrize(
    ("status", "portal_status", "words"),
    [
        ("ready", None, "chờ gửi"),
        ("sent", None, "đã được gửi"),
        ("sent", "received", "tiếp nhận"),
        ("sent", "processing", "đang được cán bộ xử lý"),
        ("returned", "needs_more", "bổ sung"),
        ("sent", "done", "Đã có kết quả"),
        ("sent", "rejected", "không được giải quyết"),
        ("draft", None, "chưa được nộp"),
        ("sent", "some_new_status", "đã được gửi"),
        ("weird", None, "Chưa có thông tin"),
    ],
)
def test_every_status_has_a_plain_sentence(
    status: str, portal_status: str | None, words: str
) -> None:
    assert words in status_sentence(status, portal_status, "vi")
    assert status_sentence(status, portal_status, "en")  # never empty in English


def test_english_and_fallback_language() -> None:
    assert status_sentence("sent", "done", "en").startswith("The result is ready")
    assert status_sentence("sent", "done", "fr") == status_sentence("sent", "done", "vi")


def test_appointment_line() -> None:
    assert appointment_line(None) is None
    assert appointment_line(dt.date(2026, 5, 4)) == "Ngày hẹn trả kết quả: 04/05/2026"
    assert appointment_line(dt.date(2026, 5, 4), "en") == "Result expected on: 04/05/2026"


def test_officer_note_only_when_the_citizen_must_act() -> None:
    note = "Thiếu bản sao."
    assert describe_status("returned", "needs_more", None, note).portal_message == note
    assert describe_status("sent", "processing", None, note).portal_message is None
    assert describe_status("sent", "rejected", None, "  ").portal_message is None
