"""The capture screen on its own: the camera path fed through Qt's video pipeline, bad
input with a message and nothing lost, page limits, retake/rotate/delete, no device.

Why no real camera: this machine has none (QMediaDevices lists no video input), so
frames made from image files are handed to the screen's QVideoSink as QVideoFrames,
the way QtMultimedia hands a camera's frames to it."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.attachments.capture import CaptureService
from kiosk.attachments.samples import photograph, render_sample, sample_jpeg
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseService
from kiosk.config import AttachmentSettings, KioskConfig
from kiosk.paths import asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store
from kiosk.ui.screens.documents import CaptureSources, DocumentsScreen
from tests.ui_shell_support import find, tap

CATALOGUE = load_catalogue(asset_dir() / "procedures")


def make_screen(
    qtbot: QtBot,
    store: Store,
    sources: CaptureSources,
    settings: AttachmentSettings | None = None,
) -> tuple[DocumentsScreen, str]:
    service = CaseService(store, CATALOGUE, KioskConfig())
    case = service.start_case("birth", Actor.citizen("t"))
    screen = DocumentsScreen(
        service, CATALOGUE, CaptureService(PageStore(store, settings)), sources
    )
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.load_case(case.id)
    return screen, case.id


def feed_frame(screen: DocumentsScreen, jpeg: bytes) -> None:
    """One camera frame, made from an image file, through the screen's QVideoSink."""
    image = QImage.fromData(jpeg).convertToFormat(QImage.Format.Format_RGB32)
    screen.camera.sink.setVideoFrame(QVideoFrame(image))


def wait_idle(qtbot: QtBot, screen: DocumentsScreen, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(lambda: not screen.runner.is_busy() and condition(), timeout=60_000)


def test_a_camera_frame_becomes_a_straightened_page(qtbot: QtBot, store: Store) -> None:
    screen, case_id = make_screen(qtbot, store, CaptureSources(camera=True))
    assert screen.capture_button.text() == "Chụp trang"
    photo = photograph(render_sample("birth_certificate"), random.Random(3), size=(1600, 1200))
    with qtbot.waitSignal(screen.camera.frame_arrived, timeout=5000):
        feed_frame(screen, photo.jpeg)
    tap(qtbot, screen, "document_capture_button")
    wait_idle(qtbot, screen, lambda: len(screen.page_widgets) == 1)
    (page,) = screen.capture.pages.pages(case_id)
    assert page.height / page.width == pytest.approx(2**0.5, rel=0.02)


def test_black_frames_and_no_frame_get_messages(qtbot: QtBot, store: Store) -> None:
    screen, case_id = make_screen(qtbot, store, CaptureSources(camera=True))
    tap(qtbot, screen, "document_capture_button")
    assert "Máy ảnh chưa có hình" in screen.status_label.text()
    black = io.BytesIO()
    Image.new("RGB", (640, 480), (2, 2, 2)).save(black, "JPEG")
    with qtbot.waitSignal(screen.camera.frame_arrived, timeout=5000):
        feed_frame(screen, black.getvalue())
    tap(qtbot, screen, "document_capture_button")
    wait_idle(qtbot, screen, lambda: "tối đen" in screen.status_label.text())
    assert screen.capture.pages.pages(case_id) == []


def samples_screen(
    qtbot: QtBot, store: Store, settings: AttachmentSettings | None = None
) -> tuple[DocumentsScreen, str]:
    return make_screen(qtbot, store, CaptureSources(training_samples=True), settings)


def capture(qtbot: QtBot, screen: DocumentsScreen, pages: int) -> None:
    tap(qtbot, screen, "document_capture_button")
    wait_idle(qtbot, screen, lambda: len(screen.page_widgets) == pages)


def test_training_samples_retake_rotate_delete_and_done(qtbot: QtBot, store: Store) -> None:
    screen, case_id = samples_screen(qtbot, store)
    assert screen.capture_button.text() == "Dùng giấy mẫu"
    capture(qtbot, screen, 1)
    capture(qtbot, screen, 2)
    pages = screen.capture.pages
    first, second = pages.pages(case_id)
    before = pages.read_page(second)
    tap(qtbot, screen, "document_rotate_button")
    wait_idle(qtbot, screen, lambda: pages.read_page(pages.pages(case_id)[1]) != before)
    turned = pages.pages(case_id)[1]
    assert (turned.width, turned.height) == (second.height, second.width)
    tap(qtbot, screen, "document_retake_button")  # a new (upright) page in its place
    wait_idle(qtbot, screen, lambda: pages.pages(case_id)[1].height > pages.pages(case_id)[1].width)
    assert pages.pages(case_id)[1].id == second.id
    tap(qtbot, screen, "document_delete_page_1")
    assert [page.id for page in pages.pages(case_id)] == [second.id]
    tap(qtbot, screen, "document_done_button")
    wait_idle(qtbot, screen, lambda: bool(pages.documents(case_id)))
    (document,) = pages.documents(case_id)
    assert document.page_count == 1 and document.sha256 is not None
    assert (
        find(screen, "document_slot_birth_certificate", QPushButton)
        .text()
        .endswith("Đã chụp 1 trang")
    )
    del first


def test_too_many_pages_disables_capture(qtbot: QtBot, store: Store) -> None:
    screen, _ = samples_screen(qtbot, store)
    for count in range(1, 5):  # the birth certificate has at most 4 pages
        capture(qtbot, screen, count)
    assert not screen.capture_button.isEnabled()


def test_quota_reached_keeps_the_pages_and_says_so(qtbot: QtBot, store: Store) -> None:
    settings = AttachmentSettings(case_quota_mb=1, kiosk_quota_mb=1)
    screen, case_id = samples_screen(qtbot, store, settings)
    capture(qtbot, screen, 1)
    # Another slot of the case already holds most of its megabyte.
    room = 1024 * 1024 - screen.capture.pages.case_usage(case_id) - 30_000
    filler = random.Random(2).randbytes(room)  # a sample page is larger than 30 KB
    screen.capture.pages.add_page(case_id, "birth_witness_statement", filler)
    tap(qtbot, screen, "document_capture_button")
    wait_idle(qtbot, screen, lambda: "quá nhiều trang chụp" in screen.status_label.text())
    kept = screen.capture.pages.pages(case_id)
    assert len(kept) == 2 and len(screen.page_widgets) == 1
    assert all(screen.capture.pages.read_page(page) for page in kept)


def test_a_corrupt_file_gets_a_message(qtbot: QtBot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import kiosk.ui.screens.documents as documents

    monkeypatch.setattr(documents, "sample_jpeg", lambda kind: sample_jpeg(kind)[:5000])
    screen, case_id = samples_screen(qtbot, store)
    tap(qtbot, screen, "document_capture_button")
    wait_idle(qtbot, screen, lambda: "không phải là ảnh đọc được" in screen.status_label.text())
    assert screen.capture.pages.pages(case_id) == []


def test_without_any_device_only_bring_later_is_offered(qtbot: QtBot, store: Store) -> None:
    screen, case_id = make_screen(qtbot, store, CaptureSources())
    assert not screen.capture_button.isVisible()
    assert "mang bản giấy này tới quầy" in screen.status_label.text()
    tap(qtbot, screen, "document_bring_later_button")
    assert screen.capture.pages.bring_later(case_id)["birth_certificate"].value == "no_device"
    with qtbot.waitSignal(screen.continue_requested, timeout=5000):
        tap(qtbot, screen, "documents_continue_button")


def test_continue_is_refused_while_a_required_slot_is_empty(qtbot: QtBot, store: Store) -> None:
    screen, _ = make_screen(qtbot, store, CaptureSources())
    with qtbot.assertNotEmitted(screen.continue_requested):
        tap(qtbot, screen, "documents_continue_button")
    assert "Giấy chứng sinh" in screen.status_label.text()
