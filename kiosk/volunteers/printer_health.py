"""What the volunteers must know about the receipt printer (the "Today" panel).

A citizen whose receipt could not be printed is only told to collect it at the
counter; why (no printer set up, the one set up not installed) is said here, to
the people who can fix it. Qt-free: the UI passes the printers it can see.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.procedures.base import LocalText


def printer_health(configured: str, installed: Sequence[str]) -> list[LocalText]:
    """One line when receipts cannot be printed with this configuration, else none."""
    if not configured:
        return [
            LocalText(
                "Ki-ốt chưa được cài đặt máy in: công dân được mời nhận giấy hẹn tại quầy. "
                "Cán bộ kỹ thuật chọn máy in trong Cài đặt (mục «Máy in»).",
                "No receipt printer is set up: citizens are asked to collect their receipt "
                "at the counter. The IT officer chooses the printer in Settings («Máy in»).",
            )
        ]
    if configured not in installed:
        return [
            LocalText(
                f"Không thấy máy in «{configured}» (chưa bật hoặc chưa kết nối): công dân "
                "được mời nhận giấy hẹn tại quầy.",
                f"The printer «{configured}» is not found (off or not connected): citizens "
                "are asked to collect their receipt at the counter.",
            )
        ]
    return []
