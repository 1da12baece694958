"""Two kiosks of one ward on one PostgreSQL database, and the ward's server going away.

Real parts only: two kiosk windows in this process (kiosk numbers 1 and 2), each
with its own home, key store and engine, on one database of the throw-away
PostgreSQL server (tests/pg_support.py). The outage tests stop that real server
(``pg_ctl stop``) under a kiosk in the middle of a citizen's answers and start it
again; the kiosk must find its way back by itself.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.cases import format_resume_code
from kiosk.cases.synthetic import complete_answers
from kiosk.config import DatabaseSettings, KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.keys import KeyStore
from kiosk.store.models import Case, Consent, OutboxEntry
from kiosk.store.server import open_server_store
from kiosk.ui.controller import CitizenSession
from tests import pg_support
from tests.ui_shell_support import Kiosk, build_kiosk, catalogue, find, tap
from tests.ui_wizard_support import type_into

pytestmark = pytest.mark.skipif(
    pg_support.server_bindir() is None, reason="no PostgreSQL server binaries installed"
)

RETRY_MS = 50  # the tests' retry period (the kiosk's is seconds)


def ward_store(
    tmp_path: Path, url: str, number: int, key: bytes | None
) -> tuple[Store, KioskConfig]:
    """Kiosk ``number``'s own home and engine on the ward database (the ward key given)."""
    config = KioskConfig(key_store="file", kiosk_number=number)
    config = replace(config, database=DatabaseSettings(url=url))
    layout = HomeLayout(tmp_path / f"kiosk-{number}")
    return open_server_store(layout, config, ward_key=key), config


@pytest.fixture
def two_kiosks(
    qtbot: QtBot, tmp_path: Path, ward_database_url: str
) -> Iterator[tuple[Kiosk, Kiosk]]:
    first_store, first_config = ward_store(tmp_path, ward_database_url, 1, None)
    key = KeyStore(HomeLayout(tmp_path / "kiosk-1").secrets, "file").load()
    assert key is not None
    second_store, second_config = ward_store(tmp_path, ward_database_url, 2, key)
    first = build_kiosk(qtbot, first_store, first_config)
    second = build_kiosk(qtbot, second_store, second_config)
    yield first, second
    first_store.close()
    second_store.close()


def start_at(kiosk: Kiosk, procedure_id: str) -> str:
    """What the catalogue's tap does: a new draft of ``procedure_id``, in the wizard."""
    kiosk.controller.session = CitizenSession(purpose="submit")
    kiosk.controller.on_start_procedure(procedure_id)
    case_id = kiosk.controller.session.case_id
    assert case_id is not None
    return case_id


def resume_by_code(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    tap(qtbot, kiosk.window, "welcome_resume_button")
    find(kiosk.window, "resume_code_input", QLineEdit).setText(code)
    tap(qtbot, kiosk.window, "resume_find_button")


def to_consent(qtbot: QtBot, kiosk: Kiosk, case_id: str) -> None:
    """Next after the last step: the documents step (if the procedure has one), the review."""
    kiosk.controller.on_review_requested(case_id)
    if kiosk.controller.current_screen_name() == "documents":
        documents = kiosk.controller.screen("documents")
        slots = [
            button.objectName()
            for button in documents.findChildren(QPushButton)
            if button.objectName().startswith("document_slot_")
        ]
        for slot in slots:  # every paper will be brought to the counter
            tap(qtbot, kiosk.window, slot)
            tap(qtbot, kiosk.window, "document_bring_later_button")
        tap(qtbot, kiosk.window, "documents_continue_button")
    tap(qtbot, kiosk.window, "review_confirm_button")


def test_a_draft_started_at_kiosk_1_is_resumed_and_submitted_at_kiosk_2(
    qtbot: QtBot, two_kiosks: tuple[Kiosk, Kiosk]
) -> None:
    first, second = two_kiosks
    case_id = start_at(first, "certified_copy")
    type_into(first.window, "field_requester_name", "Lê Thị Hoa")
    code = first.services.case_service.get(case_id).resume_code
    assert code is not None

    # Kiosk 2, while the citizen is still at kiosk 1: refused in plain words, no edit.
    resume_by_code(qtbot, second, format_resume_code(code))
    message = find(second.window, "resume_message_label", QLabel)
    qtbot.waitUntil(message.isVisible)
    assert "ki-ốt số 1" in message.text()
    assert second.controller.current_screen_name() == "resume"
    assert second.services.case_service.get(case_id).locked_by_kiosk == 1

    # The citizen walks away from kiosk 1 (the idle timeout ends the session): released,
    # and the draft's resume code shown for the next person to see off.
    first.controller.on_idle_expired()
    assert first.controller.current_screen_name() == "draft_saved"
    assert first.services.case_service.get(case_id).locked_by_kiosk is None
    tap(qtbot, first.window, "draft_saved_finish_button")
    assert first.controller.current_screen_name() == "welcome"

    tap(qtbot, second.window, "resume_find_button")
    qtbot.waitUntil(lambda: second.controller.current_screen_name() == "wizard")
    assert find(second.window, "field_requester_name", QLineEdit).text() == "Lê Thị Hoa"
    assert second.services.case_service.get(case_id).locked_by_kiosk == 2

    # Kiosk 1 cannot take it back meanwhile.
    resume_by_code(qtbot, first, code)
    qtbot.waitUntil(find(first.window, "resume_message_label", QLabel).isVisible)
    assert "ki-ốt số 2" in find(first.window, "resume_message_label", QLabel).text()
    assert first.controller.current_screen_name() == "resume"

    # Kiosk 2 finishes the form and submits.
    service = second.services.case_service
    case = service.get(case_id)
    definition = catalogue().version(case.procedure_id, case.procedure_version)
    answers = complete_answers(definition, None, random.Random(3))
    service.save_answers(
        case_id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    to_consent(qtbot, second, case_id)
    tap(qtbot, second.window, "consent_confirm_button")
    tap(qtbot, second.window, "submit_button")
    qtbot.waitUntil(lambda: second.controller.current_screen_name() in ("done", "payment"))
    submitted = service.get(case_id)
    assert submitted.status != "draft"
    assert submitted.local_reference is not None
    assert submitted.local_reference.split("-")[2] == "02"  # kiosk 2's number
    assert submitted.kiosk_number == 1  # where it was started
    assert submitted.locked_by_kiosk is None  # submitting ends the lock


@pytest.fixture
def lone_kiosk(
    qtbot: QtBot, tmp_path: Path, ward_database_url: str, pg_cluster: pg_support.PgCluster
) -> Iterator[Kiosk]:
    store, config = ward_store(tmp_path, ward_database_url, 1, None)
    kiosk = build_kiosk(qtbot, store, config)
    kiosk.controller.reconnect_timer.setInterval(RETRY_MS)
    kiosk.controller.wizard_screen().retry_timer.setInterval(RETRY_MS)
    try:
        yield kiosk
    finally:
        if not pg_cluster.running():
            pg_cluster.start()
        store.close()


def test_the_ward_server_stopping_mid_form_keeps_the_answers_and_saves_them_when_back(
    qtbot: QtBot, lone_kiosk: Kiosk, pg_cluster: pg_support.PgCluster
) -> None:
    kiosk = lone_kiosk
    case_id = start_at(kiosk, "certified_copy")
    banner = find(kiosk.window, "ward_server_banner", QLabel)
    assert not banner.isVisible()

    pg_cluster.stop()
    type_into(kiosk.window, "field_requester_name", "Lê Thị Hoa")
    qtbot.waitUntil(banner.isVisible)
    assert "Mất kết nối tới máy chủ của phường" in banner.text()
    assert kiosk.controller.current_screen_name() == "wizard"  # not the error screen
    assert find(kiosk.window, "field_requester_name", QLineEdit).text() == "Lê Thị Hoa"
    tap(qtbot, kiosk.window, "next_button")  # Next waits, calmly
    assert kiosk.controller.current_screen_name() == "wizard"
    assert "Đang chờ lưu" in find(kiosk.window, "wizard_message", QLabel).text()

    pg_cluster.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    assert kiosk.services.case_service.get(case_id).answers["requester_name"] == "Lê Thị Hoa"
    assert kiosk.controller.wizard_screen().unsaved == {}


def test_submit_while_the_server_is_down_refuses_calmly_and_writes_nothing(
    qtbot: QtBot, lone_kiosk: Kiosk, pg_cluster: pg_support.PgCluster
) -> None:
    kiosk = lone_kiosk
    case_id = start_at(kiosk, "certified_copy")
    service = kiosk.services.case_service
    case = service.get(case_id)
    definition = catalogue().version(case.procedure_id, case.procedure_version)
    answers = complete_answers(definition, None, random.Random(5))
    service.save_answers(
        case_id,
        {
            k: v
            for k, v in answers.items()
            if definition.field(k).is_input and k not in case.answers
        },
    )
    to_consent(qtbot, kiosk, case_id)
    tap(qtbot, kiosk.window, "consent_confirm_button")

    pg_cluster.stop()
    tap(qtbot, kiosk.window, "submit_button")
    banner = find(kiosk.window, "ward_server_banner", QLabel)
    qtbot.waitUntil(banner.isVisible)
    assert kiosk.controller.current_screen_name() == "consent"
    assert "Chưa nộp được" in find(kiosk.window, "consent_message", QLabel).text()
    assert find(kiosk.window, "submit_button", QPushButton).isEnabled()

    pg_cluster.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    with kiosk.services.case_service.store.sessions() as session:
        assert session.get(Case, case_id).status == "draft"  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(Consent)) == 0
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0

    tap(qtbot, kiosk.window, "submit_button")  # again, once the banner is gone
    qtbot.waitUntil(lambda: kiosk.controller.current_screen_name() in ("done", "payment"))
    assert service.get(case_id).local_reference is not None
