"""The acceptance walk for supporting documents, by accessible names, then sync.

A birth registration whose birth certificate is scanned (two pages) and a
certified copy of a three-page original (three pages scanned), each from the
welcome screen to the receipt; then the sync engine sends both to the real
training portal on 127.0.0.1, which must hold each attachment once with the
digest the kiosk computed. The scanner is a real SANE device: SANE's own
``test`` backend (test:0) through ``scanimage``, enabled by a dll.conf in a
SANE_CONFIG_DIR of the test's own. The camera is not used here (no camera can
run on this machine; tests/ui/test_ui_documents.py feeds frames through
Qt's video pipeline instead).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.admin.personal_files import open_receipt
from kiosk.attachments.storage import PageStore
from kiosk.office_day import office_today
from kiosk.store.database import Store
from kiosk.ui.printing import print_pdf_to_file
from kiosk.ui.screens.documents import CaptureSources, DocumentsScreen
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from tests.sync_support import catalogue, start_portal, training_client
from tests.ui_shell_support import (
    EXAMPLE_1,
    Kiosk,
    build_kiosk,
    find,
    scan,
    screenshot_dir,
    tap,
)
from tests.ui_typing_support import KeyboardTyping, pick_date, tap_in_view


def shoot(kiosk: Kiosk, name: str) -> None:
    """Save the window (KIOSK_SCREENSHOT_DIR set: docs/screenshots are made so)."""
    folder = screenshot_dir()
    if folder is not None:
        assert kiosk.window.grab().save(str(folder / f"{name}.png"))


pytest.importorskip("kiosk.ui.screens.wizard")


@pytest.fixture
def sources(tmp_path: Path) -> CaptureSources:
    folder = tmp_path / "sane"
    folder.mkdir()
    (folder / "dll.conf").write_text("test\n", encoding="ascii")
    return CaptureSources(
        scanner_device="test:0",
        scanner_options=("--test-picture", "Grid"),
        scanner_environment={"SANE_CONFIG_DIR": str(folder)},
        scan_resolution=100,
    )


def scan_pages(qtbot: QtBot, kiosk: Kiosk, count: int, shot: str | None = None) -> None:
    screen = kiosk.controller.screen("documents")
    assert isinstance(screen, DocumentsScreen)
    for _ in range(count):
        wanted = len(screen.page_widgets) + 1
        tap(qtbot, kiosk.window, "document_capture_button")

        def captured(count: int = wanted) -> bool:
            return len(screen.page_widgets) == count

        qtbot.waitUntil(captured, timeout=60_000)
        assert not screen.runner.is_busy()
    if shot is not None:
        shoot(kiosk, shot)
    tap(qtbot, kiosk.window, "document_done_button")
    qtbot.waitUntil(lambda: not screen.runner.is_busy(), timeout=30_000)


def start(qtbot: QtBot, kiosk: Kiosk, procedure_id: str) -> str:
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, f"procedure_tile_{procedure_id}")
    tap(qtbot, window, "start_procedure_button")
    assert controller.current_screen_name() == "wizard"
    assert controller.session.case_id is not None
    return controller.session.case_id


def finish_to_receipt(qtbot: QtBot, kiosk: Kiosk, store: Store) -> str:
    """Review -> consent -> payment -> done; returns the receipt's text."""
    window, controller = kiosk.window, kiosk.controller
    assert controller.current_screen_name() == "review"
    tap(qtbot, window, "review_confirm_button")
    tap(qtbot, window, "consent_confirm_button")
    tap(qtbot, window, "submit_button")
    assert controller.current_screen_name() == "payment"
    tap(qtbot, window, "payment_continue_button")
    done = controller.screen("done")
    qtbot.waitUntil(lambda: done.last_outcome is not None, timeout=30_000)  # type: ignore[attr-defined]
    outcome = done.last_outcome  # type: ignore[attr-defined]
    assert outcome.pdf_path is not None
    folder = screenshot_dir()
    if folder is not None:
        name = f"receipt-{kiosk.controller.session.case_id}.pdf"
        (folder / name).write_bytes(open_receipt(store, outcome.pdf_path))
    receipt = open_receipt(store, outcome.pdf_path)  # kept sealed, like every receipt
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt)).pages)
    tap(qtbot, window, "finish_button")
    return " ".join(text.split())


def test_birth_and_certified_copy_with_scanned_documents_then_sync(
    qtbot: QtBot, store: Store, tmp_path: Path, sources: CaptureSources
) -> None:
    kiosk = build_kiosk(qtbot, store, capture_sources=sources)

    def print_to_file(pdf: bytes) -> None:
        print_pdf_to_file(pdf, tmp_path / "printed.pdf")

    kiosk.controller.overrides.print_function = print_to_file
    window, controller = kiosk.window, kiosk.controller
    typing = KeyboardTyping(qtbot, window)
    pages = PageStore(store)

    # 1. Birth registration, filed by the father (the card holder).
    birth_id = start(qtbot, kiosk, "birth")
    tap(qtbot, window, "choice_requester_relationship_father")
    tap(qtbot, window, "next_button")
    typing.into("field_child_name", "Nguyễn Thị Bình")
    pick_date(qtbot, window, "child_dob", office_today() - dt.timedelta(days=10))
    tap(qtbot, window, "choice_child_sex_female")
    tap(qtbot, window, "next_button")
    tap_in_view(qtbot, window, "suggest_child_birth_place_1")
    tap_in_view(qtbot, window, "field_child_home_town_home_ward")
    tap(qtbot, window, "next_button")
    typing.into("field_mother_name", "Lê Thị Cúc")
    typing.into("field_mother_birth_year", "1995")
    tap_in_view(qtbot, window, "suggest_mother_address_0")
    tap(qtbot, window, "next_button")
    tap(qtbot, window, "next_button")  # the father: filled from his card
    tap(qtbot, window, "next_button")
    assert controller.current_screen_name() == "documents"
    tap(qtbot, window, "document_slot_birth_certificate")
    scan_pages(qtbot, kiosk, 2, shot="documents-walk-capture")
    tap(qtbot, window, "documents_continue_button")
    review_documents = find(window, "review_document_birth_certificate", QLabel)
    assert review_documents.text() == "Đã chụp 2 trang"
    scroll = find(window, "review_scroll")
    scroll.ensureWidgetVisible(review_documents)  # type: ignore[attr-defined]
    shoot(kiosk, "documents-walk-review")
    scroll.ensureWidgetVisible(find(window, "review_page_birth_certificate_2"))  # type: ignore[attr-defined]
    tap(qtbot, window, "review_page_birth_certificate_2")  # tap to enlarge
    viewer = find(window, "review_page_viewer", QPushButton)
    assert viewer.isVisible() and viewer.iconSize().height() > 300
    tap(qtbot, window, "review_page_viewer")  # tap again to close
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "review_page_viewer") is None)
    birth_receipt = finish_to_receipt(qtbot, kiosk, store)
    assert "đã quét 2 trang" in birth_receipt

    # 2. A certified copy of one three-page original.
    copy_id = start(qtbot, kiosk, "certified_copy")
    tap(qtbot, window, "next_button")
    tap(qtbot, window, "group_documents_to_copy_add")
    typing.into("field_documents_to_copy_0_document_name", "Sổ đỏ")
    typing.into("field_documents_to_copy_0_document_pages", "3")
    typing.into("field_documents_to_copy_0_document_copies", "1")
    tap(qtbot, window, "next_button")
    tap(qtbot, window, "next_button")
    assert controller.current_screen_name() == "documents"
    tap(qtbot, window, "document_slot_originals_0")
    scan_pages(qtbot, kiosk, 3)
    tap(qtbot, window, "document_slot_copies_to_certify")
    tap(qtbot, window, "document_bring_later_button")
    tap(qtbot, window, "documents_continue_button")
    copy_receipt = finish_to_receipt(qtbot, kiosk, store)
    assert "đã quét 3 trang" in copy_receipt

    # 3. Sync: each attachment once at the portal, with the kiosk's digest.
    expected = {}
    for case_id, slot in ((birth_id, "birth_certificate"), (copy_id, "originals.0")):
        (document,) = [d for d in pages.documents(case_id) if d.slot_key == slot]
        assert document.sha256 is not None
        content = pages.read_document(case_id, slot)
        assert hashlib.sha256(content).hexdigest() == document.sha256
        expected[document.sha256] = document.page_count
    assert sorted(expected.values()) == [2, 3]
    portal = start_portal(tmp_path)
    try:
        with training_client(portal) as client:
            engine = SyncEngine(
                store,
                client,
                catalogue(),
                kiosk_id=TRAINING_KIOSK_ID,
                holder="walk",
                backoff=BackoffPolicy(base_seconds=0.01, cap_seconds=0.1),
                rng=random.Random(1),
            )
            result = engine.run_until_done()
            engine.close()
        assert (result.pushed, result.pending) == (2, 0)
        held = portal.app.attachments.all_attachments()
        assert sorted(str(item["sha256"]) for item in held) == sorted(expected)
        assert all(item["content_sha256"] == item["sha256"] for item in held)
        named = {
            a["sha256"]: a["pages"]
            for d in portal.app.dossiers.all_dossiers()
            for a in d["body"]["attachments"]  # type: ignore[index]
        }
        assert named == expected
    finally:
        portal.stop()
