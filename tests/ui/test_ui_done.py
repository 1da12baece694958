"""The done screen: reference, next steps, the receipt saved and printed off the GUI thread.

No real printer exists here: the "printed" path prints through Qt's own PDF
printer (kiosk/ui/printing.print_pdf_to_file, the same painting code as a
real printer) and the file is read back; the "no printer" path uses the
kiosk's default configuration, which has no printer.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.admin.personal_files import open_receipt
from kiosk.cases import CaseService
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.ui.main_window import MainWindow
from kiosk.ui.print_worker import ReceiptOutcome, ready_day_text
from kiosk.ui.printing import PrintError, print_pdf_to_file
from kiosk.ui.screens.done import DoneScreen
from tests.ui_screen_support import (
    assert_fits,
    child,
    decode_qr,
    screenshot,
    shown_texts,
    submitted_birth,
    translated,
)

LEFT = Qt.MouseButton.LeftButton


def finish_printing(
    qtbot: QtBot, screen: DoneScreen, start: Callable[[], object]
) -> ReceiptOutcome:
    with qtbot.waitSignal(screen.printer.finished, timeout=30_000) as blocker:
        start()
    assert blocker.args is not None
    outcome = blocker.args[0]
    assert isinstance(outcome, ReceiptOutcome)
    return outcome


def test_no_printer_saves_the_pdf_and_shows_the_tracking_qr(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    assert kiosk_config.printing.printer == ""
    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference
    assert reference is not None
    screen = DoneScreen(service, kiosk_config, catalogue, "vi")
    qtbot.addWidget(screen)
    outcome = finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert outcome.printed is False
    assert outcome.problem is not None and "chưa được cài đặt máy in" in outcome.problem
    expected = service.store.layout.documents / f"{reference}.pdf.sealed"
    assert outcome.pdf_path == expected
    assert not expected.read_bytes().startswith(b"%PDF-"), "kept sealed, not in the clear"
    receipt = open_receipt(service.store, expected)
    receipt_text = pypdf.PdfReader(io.BytesIO(receipt)).pages[0].extract_text()
    assert reference in receipt_text
    assert screen.reference_label.text() == reference
    # Issue 15 #13: the citizen is told what to do, calmly; why is the volunteers' business.
    assert "chưa được cài đặt máy in" not in screen.print_label.text()
    assert "nhận giấy hẹn tại quầy" in screen.print_label.text()
    assert screen.print_label.property("kiosk_role") in (None, "")
    assert screen.qr_box.isVisibleTo(screen)
    template = kiosk_config.portal.tracking_url_template
    assert decode_qr(screen.qr_label) == [template.replace("{reference}", reference)]
    assert screen.snapshot is not None
    assert ready_day_text(screen.snapshot.ready_on, "vi") in screen.ready_label.text()
    assert kiosk_config.ward.collect_at in screen.collect_label.text()
    assert "16.000" in screen.fee_label.text()
    # The case is untouched by the failed print.
    assert service.get(case_id).status == "ready"
    assert child(screen, QPushButton, "reprint_button").isEnabled()
    screenshot(screen, "done-print-failed")
    assert_fits(screen, 1366, 768)


def test_printing_through_qt_pdf_printer(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    printed: list[Path] = []

    def print_to_file(pdf: bytes) -> None:
        printed.append(print_pdf_to_file(pdf, tmp_path / f"printed-{len(printed)}.pdf"))

    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference or ""
    screen = DoneScreen(service, kiosk_config, catalogue, "vi", print_function=print_to_file)
    qtbot.addWidget(screen)
    outcome = finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert outcome.printed and outcome.problem is None
    (page,) = pypdf.PdfReader(printed[0]).pages
    assert float(page.mediabox.width) == pytest.approx(419.5, abs=2)  # A5
    assert outcome.pdf_path is not None and outcome.pdf_path.is_file()
    assert "Đã in 2 bản" in screen.print_label.text()
    assert not screen.qr_box.isVisibleTo(screen) and screen.qr_label.payload == ""
    assert screen.reference_label.text() == reference
    screenshot(screen, "done-printed")
    # Reprint: a second job, the same saved file replaced.
    reprint = child(screen, QPushButton, "reprint_button")
    second = finish_printing(qtbot, screen, lambda: qtbot.mouseClick(reprint, LEFT))
    assert second.printed and second.job_id != outcome.job_id and len(printed) == 2


def test_a_printer_error_is_told_plainly(
    qtbot: QtBot,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    def out_of_paper(_pdf: bytes) -> None:
        raise PrintError("Máy in chưa sẵn sàng (hết giấy).", "paper out")

    case_id = submitted_birth(service)
    screen = DoneScreen(service, kiosk_config, catalogue, "en", print_function=out_of_paper)
    qtbot.addWidget(screen)
    outcome = finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert outcome.problem == "Máy in chưa sẵn sàng (hết giấy)."
    assert "hết giấy" not in screen.print_label.text()  # the why goes to the volunteers
    assert outcome.snapshot is not None and outcome.snapshot.language == "en"
    assert screen.qr_label.payload.startswith("https://")


def test_finish_and_reset_leave_nothing_of_the_citizen(
    qtbot: QtBot,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    case_id = submitted_birth(service)
    reference = service.get(case_id).local_reference or ""
    screen = DoneScreen(service, kiosk_config, catalogue, "vi")
    qtbot.addWidget(screen)
    finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    with qtbot.waitSignal(screen.finish_requested, timeout=2000):
        qtbot.mouseClick(child(screen, QPushButton, "finish_button"), LEFT)
    screen.reset()
    texts = shown_texts(screen)
    assert not any(reference in text or "Nguyễn" in text for text in texts)
    assert screen.qr_label.payload == "" and not screen.qr_box.isVisibleTo(screen)
    assert not child(screen, QPushButton, "reprint_button").isEnabled()


def test_a_late_result_after_reset_is_ignored(
    qtbot: QtBot,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    case_id = submitted_birth(service)
    screen = DoneScreen(service, kiosk_config, catalogue, "vi")
    qtbot.addWidget(screen)

    def start_then_walk_away() -> None:
        screen.show_result(case_id)
        screen.reset()

    finish_printing(qtbot, screen, start_then_walk_away)
    assert screen.last_outcome is None and screen.reference_label.text() == ""
    assert screen.qr_label.payload == ""


def test_an_unknown_case_is_a_message_not_a_crash(
    qtbot: QtBot,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    screen = DoneScreen(service, kiosk_config, catalogue, "vi")
    qtbot.addWidget(screen)
    outcome = finish_printing(qtbot, screen, lambda: screen.show_result("no-such-case"))
    assert outcome.printed is False and outcome.problem == "Không tìm thấy hồ sơ này."
    assert "Không tìm thấy hồ sơ" in screen.print_label.text()
    assert outcome.pdf_path is None


def test_a_recorded_payment_is_not_asked_for_again(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    from kiosk.cases import Actor

    case_id = submitted_birth(service)
    assert service.get(case_id).fee_amount > 0, "the sample case carries a fee"
    screen = DoneScreen(service, kiosk_config, catalogue, "vi")
    qtbot.addWidget(screen)
    finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert "chưa chuyển khoản" in screen.fee_label.text()
    service.record_payment(case_id, "cash", Actor("volunteer", "1"))
    finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert "đã thanh toán" in screen.fee_label.text()


def test_print_the_declaration_for_a_signature(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    """Issue 15 #9: the filled tờ khai, A4, printed from the done screen (sealed, not saved)."""
    printed: list[Path] = []
    sent: list[bytes] = []

    def print_to_file(pdf: bytes) -> None:
        sent.append(pdf)
        printed.append(print_pdf_to_file(pdf, tmp_path / f"printed-{len(printed)}.pdf"))

    case_id = submitted_birth(service)
    screen = DoneScreen(service, kiosk_config, catalogue, "vi", print_function=print_to_file)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    assert_fits(screen, 1366, 768)
    button = screen.findChild(QPushButton, "print_declaration_button")
    assert button is not None and button.isVisible() and button.isEnabled()
    assert button.text() == "In tờ khai"
    outcome = finish_printing(qtbot, screen, lambda: qtbot.mouseClick(button, LEFT))
    assert outcome.printed and outcome.pdf_path is None  # never a plain copy on disk
    page = pypdf.PdfReader(printed[-1]).pages[0]
    assert float(page.mediabox.width) == pytest.approx(595.3, abs=2)  # A4
    pages = pypdf.PdfReader(io.BytesIO(sent[-1])).pages
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in pages))
    assert "TỜ KHAI" in text.upper() and "không?" not in text
    assert "Đã in tờ khai" in screen.print_label.text()
    sealed = list((service.store.layout.root / "declarations").iterdir())
    assert len(sealed) == 1 and not sealed[0].read_bytes().startswith(b"%PDF")
    screenshot(screen, "done-declaration-printed")
    assert_fits(screen, 1366, 768)


def test_the_declaration_is_sealed_right_after_the_receipt(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
) -> None:
    """Issue 19: drawn off the GUI thread after the receipt, so the sync only opens it."""
    from kiosk.cases.declarations import declaration_pdf

    case_id = submitted_birth(service)
    screen = DoneScreen(service, kiosk_config, catalogue, "vi", print_function=lambda _pdf: None)
    qtbot.addWidget(screen)
    finish_printing(qtbot, screen, lambda: screen.show_result(case_id))
    folder = service.store.layout.root / "declarations"

    def sealed() -> list[Path]:
        if not folder.is_dir():
            return []
        return [path for path in folder.iterdir() if not path.name.startswith(".")]

    qtbot.waitUntil(lambda: len(sealed()) == 1, timeout=30_000)
    assert screen.printer.wait_for_done()
    (path,) = sealed()
    mtime = path.stat().st_mtime_ns
    pdf = declaration_pdf(service, case_id, kiosk_config, catalogue)
    assert pdf.startswith(b"%PDF") and not path.read_bytes().startswith(b"%PDF")
    assert path.stat().st_mtime_ns == mtime  # opened, not drawn again


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_failed_print_fits_the_training_window_without_scrolling(
    qtbot: QtBot,
    themed: QApplication,
    service: CaseService,
    kiosk_config: KioskConfig,
    catalogue: Catalogue,
    lang: str,
) -> None:
    """The citizen must see the QR, the day, the place and the fee without scrolling.

    In the real window: the training ribbon takes its strip off the top (the first
    walk showed the fee line and the QR's caption below the fold at 1366x768).
    """
    assert kiosk_config.training
    window = MainWindow(kiosk_config, locked=False)
    qtbot.addWidget(window)
    screen = DoneScreen(service, kiosk_config, catalogue, lang)
    window.show_screen(screen)
    with translated(lang):
        screen.set_language(lang)
        finish_printing(qtbot, screen, lambda: screen.show_result(submitted_birth(service)))
        window.resize(1366, 768)
        window.show()
        QApplication.processEvents()
        QApplication.processEvents()
        assert window.training_banner.isVisible() and screen.qr_box.isVisible()
        assert screen.fee_label.text().startswith("Fee" if lang == "en" else "Lệ phí")
        scroll = child(screen, QScrollArea, "done_scroll")
        assert not scroll.verticalScrollBar().isVisible(), lang
