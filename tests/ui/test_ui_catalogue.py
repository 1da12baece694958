"""The catalogue screen: tiles, diacritic-blind search, the summary with its QR, starting."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.identity.qr_decode import decode_qr_from_image
from kiosk.store.database import Store
from kiosk.ui.camera_scanner import qimage_to_gray_array
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.catalogue import CatalogueScreen
from tests.ui_screen_support import translated
from tests.ui_shell_support import EXAMPLE_1, build_kiosk, catalogue, find, scan, tap


@pytest.fixture
def screen(qtbot: QtBot) -> CatalogueScreen:
    widget = CatalogueScreen(catalogue())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_procedure_has_a_big_named_tile(screen: CatalogueScreen) -> None:
    expected = [definition.id for definition in catalogue().tiles()]
    assert screen.visible_tiles() == expected
    for procedure_id in expected:
        tile = find(screen, f"procedure_tile_{procedure_id}", QPushButton)
        assert tile.accessibleName() == f"procedure_tile_{procedure_id}"
        assert tile.height() >= 60
        assert tile.title_label.text() == catalogue()[procedure_id].title.vi  # type: ignore[attr-defined]
        assert not tile.icon_label.pixmap().isNull()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khai sinh", ["birth"]),
        ("KHAI SINH", ["birth"]),
        ("Khai Sinh", ["birth"]),
        ("hôn nhân", ["marital_status"]),
        ("hon nhan", ["marital_status"]),
        ("tam tru", ["residence_ct01"]),
        ("birth", ["birth"]),
        ("chứng   thực", ["certified_copy"]),
    ],
)
def test_search_ignores_diacritics_and_case(
    screen: CatalogueScreen, query: str, expected: list[str]
) -> None:
    screen.search_input.setText(query)
    assert screen.visible_tiles() == expected
    assert not screen.empty_label.isVisible()


@pytest.mark.parametrize("query", ["xyzzy", "😀", "\x00\x00", "a" * 10_000])
def test_search_without_match_says_so(screen: CatalogueScreen, query: str) -> None:
    screen.search_input.setText(query)
    assert screen.visible_tiles() == []
    assert screen.empty_label.isVisible()
    assert len(screen.search_input.text()) <= 60
    screen.search_input.clear()
    assert len(screen.visible_tiles()) == len(catalogue())


def test_summary_lists_documents_fee_time_and_a_readable_qr(
    qtbot: QtBot, screen: CatalogueScreen
) -> None:
    tap(qtbot, screen, "procedure_tile_birth")
    assert screen.selected_procedure == "birth"
    assert find(screen, "summary_title_label", QLabel).text() == "Đăng ký khai sinh"
    documents = find(screen, "summary_documents_label", QLabel).text()
    assert "Giấy chứng sinh" in documents
    fee = find(screen, "summary_fee_label", QLabel).text()
    assert "Miễn lệ phí nếu khai sinh trong 60 ngày" in fee
    assert "8.000 đồng" in fee
    assert "15 giờ" in find(screen, "summary_time_label", QLabel).text()
    qr = find(screen, "summary_qr_code", QLabel)
    image = qr.pixmap().toImage()
    assert decode_qr_from_image(qimage_to_gray_array(image)) == [catalogue()["birth"].official_url]
    tap(qtbot, screen, "summary_back_button")
    assert screen.selected_procedure is None


def test_fee_rules_in_words(screen: CatalogueScreen) -> None:
    lines = {pid: screen.fee_lines(catalogue()[pid].fee) for pid in catalogue()}
    assert any("2.000 đồng mỗi trang" in line for line in lines["certified_copy"])
    assert any("200.000 đồng" in line for line in lines["certified_copy"])
    assert any("20.000 đồng" in line for line in lines["residence_ct01"])
    assert any("3.000 đồng" in line for line in lines["marital_status"])
    assert "7 ngày" in screen.processing_text(catalogue()["residence_ct01"].processing) or (
        "3 đến 7" in screen.processing_text(catalogue()["residence_ct01"].processing)
    )


def test_english_texts_come_from_the_definitions(screen: CatalogueScreen, qtbot: QtBot) -> None:
    screen.set_language("en")
    assert screen.tiles["birth"].title_label.text() == "Birth registration"
    tap(qtbot, screen, "procedure_tile_marital_status")
    assert "3,000 VND" in find(screen, "summary_fee_label", QLabel).text()


def test_start_asks_for_the_procedure(qtbot: QtBot, screen: CatalogueScreen) -> None:
    tap(qtbot, screen, "procedure_tile_death")
    with qtbot.waitSignal(screen.start_requested) as blocker:
        tap(qtbot, screen, "start_procedure_button")
    assert blocker.args == ["death"]


def test_reset_clears_search_and_summary(qtbot: QtBot, screen: CatalogueScreen) -> None:
    screen.search_input.setText("khai")
    tap(qtbot, screen, "procedure_tile_birth")
    screen.reset()
    assert screen.search_input.text() == ""
    assert screen.pages.currentWidget() is screen.list_page
    assert screen.qr_label.pixmap().isNull()


def test_starting_creates_a_prefilled_draft(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: controller.scan.confirm_button.isVisible())
    tap(qtbot, window, "scan_confirm_button")
    tap(qtbot, window, "procedure_tile_birth")
    start = find(window, "start_procedure_button", QPushButton)
    controller.guard(start.click)()
    case_id = controller.session.case_id
    assert case_id is not None
    case = kiosk.services.case_service.get(case_id)
    assert case.status == "draft"
    assert case.procedure_id == "birth"
    assert case.answers["requester_id_number"] == "049090001234"
    assert case.citizen_id is not None
    assert controller.current_screen_name() in ("wizard", "error")


def test_starting_without_a_card_prefills_nothing_personal(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window, controller = kiosk.window, kiosk.controller
    tap(qtbot, window, "welcome_submit_button")
    tap(qtbot, window, "scan_manual_button")
    controller.catalogue_screen.open_summary("marital_status")
    controller.guard(controller.catalogue_screen.start_button.click)()
    assert controller.session.case_id is not None
    case = kiosk.services.case_service.get(controller.session.case_id)
    assert case.citizen_id is None
    assert "requester_id_number" not in case.answers


def test_the_summary_qr_is_sharp_and_reads_back(qtbot: QtBot, screen: CatalogueScreen) -> None:
    tap(qtbot, screen, "procedure_tile_birth")
    url = catalogue()["birth"].official_url
    assert screen.qr_label.payload == url
    pixels = qimage_to_gray_array(screen.qr_label.pixmap().toImage())
    # Drawn module by module: black and white only, and every run of equal pixels along
    # a row a whole number of modules (a scaled PNG has modules of uneven width).
    assert {int(value) for value in set(pixels.flatten().tolist())} == {0, 255}
    runs: list[int] = []
    for row in pixels:
        edges = [0, *[i for i in range(1, len(row)) if row[i] != row[i - 1]], len(row)]
        runs.extend(b - a for a, b in itertools.pairwise(edges) if a > 0 and b < len(row))
    module = min(runs)
    assert module >= 3 and all(run % module == 0 for run in runs)
    assert decode_qr_from_image(pixels) == [url]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_tile_is_in_sight_in_the_training_window(
    qtbot: QtBot, themed: QApplication, kiosk_config: KioskConfig, lang: str
) -> None:
    """A citizen does not know the list scrolls: at 1366x768, with the training ribbon,
    all five tiles are whole on the screen (the tiles say a tagline, not the summary)."""
    assert kiosk_config.training
    window = MainWindow(kiosk_config, locked=False)
    qtbot.addWidget(window)
    screen = CatalogueScreen(catalogue(), lang)
    window.show_screen(screen)
    with translated(lang):
        screen.set_language(lang)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        QApplication.processEvents()
        QApplication.processEvents()
    scroll = screen.findChild(QScrollArea, "catalogue_scroll")
    assert scroll is not None
    assert not scroll.verticalScrollBar().isVisible(), lang
    viewport = scroll.viewport()
    for procedure_id, tile in screen.tiles.items():
        top_left = tile.mapTo(viewport, tile.rect().topLeft())
        bottom_right = tile.mapTo(viewport, tile.rect().bottomRight())
        assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right), (
            procedure_id
        )
        tagline = catalogue()[procedure_id].tagline
        assert tagline is not None and tile.summary_label.text() == tagline.get(lang)
