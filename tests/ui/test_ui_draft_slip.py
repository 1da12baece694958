"""Issue 15 #5: a citizen leaving a draft sees its resume code and takes a draft slip.

The real window and controller over a real store. No printer exists here: the print
function keeps the PDF bytes handed to the printer (parsed back with pypdf, its QR
rendered with pdfium and read with zxing-cpp) and runs them through Qt's PDF printer,
the same painting code a real printer gets (kiosk/ui/printing.print_pdf_to_file).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor
from kiosk.cases.clock import VIETNAM, from_storage
from kiosk.cases.draft_overview import draft_expires_on, overview_of
from kiosk.cases.references import format_resume_code, resume_qr_payload
from kiosk.identity import parse_id_card_qr
from kiosk.store.database import Store
from kiosk.ui.controller import Overrides
from kiosk.ui.printing import print_pdf_to_file
from kiosk.ui.screens.draft_saved import DraftSavedScreen
from kiosk.ui.screens.duplicate_draft import DuplicateDraftScreen
from tests.documents_support import decode_qr_codes
from tests.ui_screen_support import assert_fits, clipped_texts, decode_qr, screenshot
from tests.ui_shell_support import EXAMPLE_1, Kiosk, build_kiosk, find, scan, tap

CHILD = "Trần Minh Khôi"


class Printer:
    """Keeps what was sent to the printer; prints it through Qt's PDF printer too."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pdfs: list[bytes] = []

    def __call__(self, pdf: bytes) -> None:
        self.pdfs.append(pdf)
        print_pdf_to_file(pdf, self.folder / f"printed-{len(self.pdfs)}.pdf")

    def text(self, index: int = -1) -> str:
        reader = pypdf.PdfReader(io.BytesIO(self.pdfs[index]))
        return " ".join((page.extract_text() or "") for page in reader.pages)

    def qr_texts(self, index: int = -1) -> list[str]:
        return decode_qr_codes(self.pdfs[index])


def kiosk_with_printer(
    qtbot: QtBot, store: Store, tmp_path: Path, *, idle_ms: int = 600_000
) -> tuple[Kiosk, Printer]:
    printer = Printer(tmp_path)
    kiosk = build_kiosk(
        qtbot,
        store,
        idle_ms=idle_ms,
        countdown_ms=60_000,
        overrides=Overrides(print_function=printer),
    )
    return kiosk, printer


def open_birth_draft_at_step_two(kiosk: Kiosk) -> str:
    service = kiosk.services.case_service
    case = service.start_case("birth", Actor.citizen("s"), card=parse_id_card_qr(EXAMPLE_1))
    service.save_answers(case.id, {"child_name": CHILD})
    steps = kiosk.services.catalogue["birth"].steps
    service.set_current_step(case.id, steps[1].id)
    kiosk.controller.open_case(case.id)
    return case.id


def wait_for_slip(qtbot: QtBot, kiosk: Kiosk, printer: Printer) -> DraftSavedScreen:
    screen = kiosk.controller.draft_saved_screen()
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=30_000)
    assert kiosk.controller.current_screen_name() == "draft_saved"
    assert screen.last_outcome is not None and screen.last_outcome.printed
    assert len(printer.pdfs) == 1
    return screen


@pytest.mark.parametrize("how", ["time_out", "end_button"])
def test_leaving_a_draft_shows_the_code_and_prints_the_slip(
    qtbot: QtBot, store: Store, tmp_path: Path, how: str
) -> None:
    kiosk, printer = kiosk_with_printer(qtbot, store, tmp_path, idle_ms=200)
    case_id = open_birth_draft_at_step_two(kiosk)
    service = kiosk.services.case_service
    case = service.get(case_id)
    assert case.resume_code is not None
    code = format_resume_code(case.resume_code)
    overlay = kiosk.controller.idle.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    if how == "end_button":
        tap(qtbot, kiosk.window, "idle_end_button")
    else:
        overlay._expire()  # the countdown's own end (60 s is too long to wait)
    screen = wait_for_slip(qtbot, kiosk, printer)

    # On screen: the code, its QR, procedure, step reached, expiry.
    assert find(kiosk.window, "draft_saved_code_label").isVisible()
    assert screen.code_label.text() == code
    assert decode_qr(screen.qr_label) == [resume_qr_payload(case.resume_code)]
    expires = draft_expires_on("draft", case.updated_at, kiosk.services.config)
    assert expires.strftime("%d/%m/%Y") in screen.expiry_label.text()
    assert "Đăng ký khai sinh" in screen.procedure_label.text()
    steps = kiosk.services.catalogue["birth"].steps
    assert f"Bước 2/{len(steps)}: {steps[1].title.vi}" in screen.step_label.text()
    assert "Đã in phiếu" in screen.print_label.text()

    # On paper: the same facts, and a QR the resume screen reads; no personal data.
    text = " ".join(printer.text().split())
    assert code in text
    assert "Đăng ký khai sinh" in text
    assert expires.strftime("%d/%m/%Y") in text
    assert f"Bước 2/{len(steps)}" in text
    assert CHILD not in text and "Nguyễn Văn An" not in text and "049090001234" not in text
    assert printer.qr_texts() == [resume_qr_payload(case.resume_code)]
    assert (tmp_path / "printed-1.pdf").stat().st_size > 0

    for name in (
        "draft_saved_code_label",
        "draft_saved_qr",
        "draft_saved_expiry_label",
        "draft_saved_finish_button",
    ):
        assert find(kiosk.window, name).accessibleIdentifier() == name

    # The draft is kept, free to resume; "Xong" ends at the welcome screen with nothing left.
    assert service.get(case_id).status == "draft"
    assert service.get(case_id).locked_by_kiosk is None
    tap(qtbot, kiosk.window, "draft_saved_finish_button")
    assert kiosk.controller.current_screen_name() == "welcome"
    assert screen.code_label.text() == "" and screen.qr_label.payload == ""


def test_no_slip_without_a_draft(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    kiosk, printer = kiosk_with_printer(qtbot, store, tmp_path, idle_ms=200)
    kiosk.controller.go("catalogue")
    overlay = kiosk.controller.idle.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    tap(qtbot, kiosk.window, "idle_end_button")
    assert kiosk.controller.current_screen_name() == "welcome"
    assert printer.pdfs == []


def test_the_slips_qr_scanned_at_the_resume_screen_opens_the_draft(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    kiosk, printer = kiosk_with_printer(qtbot, store, tmp_path)
    case_id = open_birth_draft_at_step_two(kiosk)
    kiosk.controller.end_session()  # "Kết thúc" with a draft
    wait_for_slip(qtbot, kiosk, printer)
    (payload,) = printer.qr_texts()
    tap(qtbot, kiosk.window, "draft_saved_finish_button")
    tap(qtbot, kiosk.window, "welcome_resume_button")
    assert kiosk.controller.current_screen_name() == "resume"
    scan(
        qtbot,
        kiosk.window,
        payload,
        lambda: kiosk.controller.current_screen_name() == "wizard",
    )
    assert kiosk.controller.session.case_id == case_id


def test_resume_list_tells_drafts_apart(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    kiosk, _printer = kiosk_with_printer(qtbot, store, tmp_path)
    service = kiosk.services.case_service
    card = parse_id_card_qr(EXAMPLE_1)
    steps = kiosk.services.catalogue["birth"].steps
    first = service.start_case("birth", Actor.citizen("s"), card=card)
    service.save_answers(first.id, {"child_name": CHILD})
    service.set_current_step(first.id, steps[2].id)
    second = service.start_case("birth", Actor.citizen("s"), card=card)
    service.save_answers(second.id, {"child_name": "Trần Minh An"})
    tap(qtbot, kiosk.window, "welcome_resume_button")
    resume = kiosk.controller.resume
    scan(qtbot, kiosk.window, EXAMPLE_1, lambda: len(resume.draft_buttons) == 2)
    newest, older = (b.text() for b in resume.draft_buttons)
    # Same procedure, told apart by step reached, last change and the child's name.
    assert "Đăng ký khai sinh" in newest and "Đăng ký khai sinh" in older
    assert f"Bước 1/{len(steps)}: {steps[0].title.vi}" in newest
    assert f"Bước 3/{len(steps)}: {steps[2].title.vi}" in older
    assert "Trần Minh An" in newest and CHILD in older
    changed = service.get(first.id).updated_at
    local = from_storage(changed).astimezone(VIETNAM)
    assert f"Sửa lần cuối: {local:%d/%m/%Y %H:%M}" in older
    # Nothing of the card holder's own card data beyond what they scanned.
    for text in (newest, older):
        assert "049090001234" not in text and "Nguyễn Văn An" not in text
    assert find(kiosk.window, "resume_draft_0").accessibleName() == "resume_draft_0"


@pytest.mark.parametrize("choice", ["continue", "new"])
def test_a_second_draft_of_the_same_procedure_is_asked_about_first(
    qtbot: QtBot, store: Store, tmp_path: Path, choice: str
) -> None:
    kiosk, _printer = kiosk_with_printer(qtbot, store, tmp_path)
    controller = kiosk.controller
    service = kiosk.services.case_service
    card = parse_id_card_qr(EXAMPLE_1)
    existing = service.start_case("birth", Actor.citizen("s"), card=card)
    service.save_answers(existing.id, {"child_name": CHILD})
    service.start_case("death", Actor.citizen("s"), card=card)  # another procedure: no matter
    controller.on_choice("submit")
    controller.on_card_confirmed(card)
    assert controller.current_screen_name() == "catalogue"
    controller.on_start_procedure("birth")
    assert controller.current_screen_name() == "duplicate_draft"
    screen = controller.screen("duplicate_draft")
    assert isinstance(screen, DuplicateDraftScreen)
    assert len(screen.draft_buttons) == 1
    assert CHILD in screen.draft_buttons[0].text()
    assert "Đăng ký khai sinh" in screen.title_label.text()
    for name in ("duplicate_draft_0", "duplicate_new_button", "duplicate_back_button"):
        assert find(kiosk.window, name).accessibleName() == name
    before = {d.id for d in service.drafts_for_id_number(card.id_number)}
    if choice == "continue":
        tap(qtbot, kiosk.window, "duplicate_draft_0")
        assert controller.current_screen_name() == "wizard"
        assert controller.session.case_id == existing.id
        assert {d.id for d in service.drafts_for_id_number(card.id_number)} == before
    else:
        tap(qtbot, kiosk.window, "duplicate_new_button")
        assert controller.current_screen_name() == "wizard"
        after = {d.id for d in service.drafts_for_id_number(card.id_number)}
        (new_id,) = after - before
        assert controller.session.case_id == new_id


def test_no_warning_for_the_first_draft_or_without_a_card(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    kiosk, _printer = kiosk_with_printer(qtbot, store, tmp_path)
    controller = kiosk.controller
    card = parse_id_card_qr(EXAMPLE_1)
    controller.on_choice("submit")
    controller.on_card_confirmed(card)
    controller.on_start_procedure("birth")
    assert controller.current_screen_name() == "wizard"
    controller.reset_session()
    controller.on_choice("submit")
    controller.on_continue_without_card()
    controller.on_start_procedure("birth")  # nobody known: nothing to compare with
    assert controller.current_screen_name() == "wizard"


def test_back_from_the_warning_returns_to_the_catalogue(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    kiosk, _printer = kiosk_with_printer(qtbot, store, tmp_path)
    controller = kiosk.controller
    card = parse_id_card_qr(EXAMPLE_1)
    kiosk.services.case_service.start_case("birth", Actor.citizen("s"), card=card)
    controller.on_choice("submit")
    controller.on_card_confirmed(card)
    controller.on_start_procedure("birth")
    qtbot.mouseClick(find(kiosk.window, "duplicate_back_button"), Qt.MouseButton.LeftButton)
    assert controller.current_screen_name() == "catalogue"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_new_screens_fit_and_cut_no_text(
    qtbot: QtBot, themed: QApplication, store: Store, tmp_path: Path, size: tuple[int, int]
) -> None:
    kiosk, printer = kiosk_with_printer(qtbot, store, tmp_path)
    open_birth_draft_at_step_two(kiosk)
    kiosk.controller.end_session()
    saved = wait_for_slip(qtbot, kiosk, printer)
    standalone = DraftSavedScreen(
        kiosk.services.case_service, kiosk.services.config, kiosk.services.catalogue
    )
    qtbot.addWidget(standalone)
    assert saved.slip is not None
    standalone.slip = saved.slip
    standalone.last_outcome = saved.last_outcome
    standalone.retranslate()
    assert_fits(standalone, *size)
    assert clipped_texts(standalone) == []
    screenshot(standalone, "draft-saved")

    card = parse_id_card_qr(EXAMPLE_1)
    drafts = kiosk.services.case_service.drafts_for_id_number(card.id_number)
    duplicate = DuplicateDraftScreen()
    qtbot.addWidget(duplicate)
    catalogue = kiosk.services.catalogue
    duplicate.show_drafts(
        "birth",
        catalogue["birth"].title,
        [overview_of(draft, catalogue, kiosk.services.config) for draft in drafts],
    )
    assert_fits(duplicate, *size)
    assert clipped_texts(duplicate) == []
    screenshot(duplicate, "duplicate-draft")
