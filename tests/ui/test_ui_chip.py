"""The scan screen's chip panel over a real pcscd: refusals, volunteer's entry, outcomes.

The reader stack is tests/pcsc_support.py (private pcscd + vpcd + the emulated
CCCD); the screen is the real ScanScreen with the kiosk's KioskChipReader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.identity import parse_id_card_qr
from kiosk.identity.chip.reader import ChipReadResult
from kiosk.identity.chip.session import KioskChipReader
from kiosk.ui.screens.scan import ScanScreen
from tests.chip_support import FATHER, CardFiles, EmulatedCccd, Pki
from tests.pcsc_support import VirtualCard
from tests.ui_shell_support import find, screenshot_dir, tap

READ_TIMEOUT_MS = 30_000
PERSON_KEY_INTERVAL_MS = 60


def _screen(qtbot: QtBot, csca: Path, reader_name: str | None = None) -> ScanScreen:
    screen = ScanScreen(camera_check=False, chip_reader=KioskChipReader(csca, reader_name))
    qtbot.addWidget(screen)
    screen.resize(1200, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _csca_file(tmp_path: Path, pki: Pki) -> Path:
    path = tmp_path / "csca-list.pem"
    path.write_bytes(pki.csca_pem())
    return path


def _type(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    """Keys typed into ``editor`` at a person's pace.

    Faster than one key per 40 ms, eight keys in a row look like a QR scanner to
    the screen's wedge filter (kiosk/identity/wedge.py) and are not typing.
    """
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor, text, delay=PERSON_KEY_INTERVAL_MS)
    qtbot.waitUntil(lambda: editor.text() == text, timeout=5000)


def _finish_read(qtbot: QtBot, screen: ScanScreen) -> None:
    panel = screen.chip_panel
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.reading, timeout=READ_TIMEOUT_MS)


def test_no_reader_hides_the_chip_option(qtbot: QtBot, virtual_card: VirtualCard) -> None:
    screen = _screen(qtbot, Path("/nonexistent"), reader_name="A reader that is not there")
    screen.show_card(parse_id_card_qr(FATHER.qr_payload()))
    assert screen.confirm_button.isVisible()
    assert not find(screen, "chip_read_button").isVisible()


def test_chip_refuses_derived_data_then_the_volunteer_types_the_expiry(
    qtbot: QtBot, virtual_card: VirtualCard, pki: Pki, tmp_path: Path
) -> None:
    # A replacement card whose expiry the renewal ages cannot give.
    replaced = replace(FATHER, expiry_date=dt.date(2031, 1, 1))
    virtual_card.insert(EmulatedCccd(CardFiles.for_citizen(replaced, pki), replaced.access_key()))
    screen = _screen(qtbot, _csca_file(tmp_path, pki))
    screen.show_card(parse_id_card_qr(FATHER.qr_payload()))
    tap(qtbot, screen, "chip_read_button")
    _finish_read(qtbot, screen)
    status = find(screen, "chip_status_label", QLabel)
    assert "Chip từ chối" in status.text()
    assert find(screen, "chip_document_number_input", QLineEdit).text() == "090001234"
    folder = screenshot_dir()
    if folder is not None:
        screen.grab().save(str(folder / "chip_access_refused.png"))
    # Bad input first: said plainly, nothing typed is lost.
    expiry = find(screen, "chip_expiry_input", QLineEdit)
    _type(qtbot, expiry, "31/02/2031")
    tap(qtbot, screen, "chip_access_retry_button")
    assert find(screen, "chip_access_error_label", QLabel).text()
    assert expiry.text() == "31/02/2031"
    expiry.clear()
    _type(qtbot, expiry, "01/01/2031")
    tap(qtbot, screen, "chip_access_retry_button")
    _finish_read(qtbot, screen)
    assert screen.chip_result is not None and screen.chip_result.verified
    with qtbot.waitSignal(screen.chip_confirmed) as confirmed:
        tap(qtbot, screen, "scan_confirm_button")
    assert isinstance(confirmed.args[0], ChipReadResult)


def test_without_a_csca_list_the_card_reads_as_not_verified(
    qtbot: QtBot, virtual_card: VirtualCard, pki: Pki, tmp_path: Path
) -> None:
    virtual_card.insert(EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key()))
    screen = _screen(qtbot, tmp_path / "not-installed.pem")
    screen.show_card(parse_id_card_qr(FATHER.qr_payload()))
    tap(qtbot, screen, "chip_read_button")
    _finish_read(qtbot, screen)
    text = find(screen, "chip_status_label", QLabel).text()
    assert "CHƯA xác thực" in text and "CSCA" in text
    folder = screenshot_dir()
    if folder is not None:
        screen.grab().save(str(folder / "chip_not_verified.png"))
    assert screen.chip_result is not None and not screen.chip_result.verified
    assert find(screen, "chip_photo", QLabel).isVisible()


def test_card_lifted_mid_read_keeps_the_qr_path(
    qtbot: QtBot, virtual_card: VirtualCard, pki: Pki, tmp_path: Path
) -> None:
    virtual_card.remove_at_command = 15
    virtual_card.insert(EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key()))
    screen = _screen(qtbot, _csca_file(tmp_path, pki))
    screen.show_card(parse_id_card_qr(FATHER.qr_payload()))
    tap(qtbot, screen, "chip_read_button")
    _finish_read(qtbot, screen)
    assert "nhấc ra" in find(screen, "chip_status_label", QLabel).text()
    assert screen.chip_result is None
    with qtbot.waitSignal(screen.card_confirmed) as confirmed:
        tap(qtbot, screen, "scan_confirm_button")
    assert confirmed.args[0].id_number == FATHER.id_number


def test_reset_drops_the_photo(
    qtbot: QtBot, virtual_card: VirtualCard, pki: Pki, tmp_path: Path
) -> None:
    virtual_card.insert(EmulatedCccd(CardFiles.for_citizen(FATHER, pki), FATHER.access_key()))
    screen = _screen(qtbot, _csca_file(tmp_path, pki))
    screen.show_card(parse_id_card_qr(FATHER.qr_payload()))
    tap(qtbot, screen, "chip_read_button")
    _finish_read(qtbot, screen)
    photo: QWidget = find(screen, "chip_photo", QLabel)
    assert not photo.pixmap().isNull()  # type: ignore[attr-defined]
    screen.reset()
    assert photo.pixmap().isNull() and screen.chip_result is None  # type: ignore[attr-defined]
