from __future__ import annotations

import logging

from kiosk.logs import configure_logging, redact
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import Citizen


def test_redaction_masks_ids_phones_and_emails() -> None:
    line = redact("citizen 049090001234 phone 0905123456 / +84905123456 mail an@example.vn")
    assert "049090001234" not in line
    assert "0905123456" not in line and "905123456" not in line
    assert "an@example.vn" not in line
    assert redact("synced 12 cases in 3.5 s") == "synced 12 cases in 3.5 s"


def test_log_file_holds_no_personal_data(store: Store, kiosk_layout: HomeLayout) -> None:
    log_file = configure_logging(kiosk_layout.logs, level=logging.DEBUG)
    logger = logging.getLogger("kiosk.test")
    with store.sessions.begin() as session:
        session.add(Citizen(full_name="Nguyễn Văn An", id_number="049090001234"))
    # A careless line and an exception that carry personal data still come out masked.
    logger.info("scanned card %s", "049090001234")
    try:
        raise ValueError("bad phone 0905123456")
    except ValueError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = log_file.read_text(encoding="utf-8")
    assert "scanned card [number]" in content
    assert "049090001234" not in content
    assert "0905123456" not in content
    assert "Nguyễn Văn An" not in content
