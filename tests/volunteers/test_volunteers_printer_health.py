"""What the volunteers are told about the receipt printer (Qt-free)."""

from __future__ import annotations

from kiosk.volunteers.printer_health import printer_health


def test_no_printer_set_up_is_one_line_in_both_languages() -> None:
    (line,) = printer_health("", ["Office_Laser"])
    assert "chưa được cài đặt máy in" in line.vi and "No receipt printer" in line.en


def test_a_printer_set_up_but_missing_is_named() -> None:
    (line,) = printer_health("Receipt_80mm", ["Office_Laser"])
    assert "«Receipt_80mm»" in line.vi and "«Receipt_80mm»" in line.en


def test_a_printer_that_is_there_says_nothing() -> None:
    assert printer_health("Receipt_80mm", ["Office_Laser", "Receipt_80mm"]) == []
