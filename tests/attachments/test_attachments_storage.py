"""Sealed page storage: round trip, nothing in the clear, quotas, orphans, retention,
the data-subject export and deletion. Real SQLite file, real files under a temp home."""

from __future__ import annotations

import base64
import datetime as dt
import io
import random
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import update

from kiosk.admin.data_requests import delete_citizen, export_citizen
from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.slots import BringLaterReason
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseService, ConsentNotice
from kiosk.cases.housekeeping import expire_drafts, purge_finished
from kiosk.cases.synthetic import complete_answers
from kiosk.config import AttachmentSettings, KioskConfig
from kiosk.identity import parse_id_card_qr
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store.database import Store
from kiosk.store.models import Case

CARD = parse_id_card_qr(
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
NOTICE = ConsentNotice("Nộp hồ sơ", "Tôi đồng ý cho UBND phường xử lý dữ liệu của tôi.", "vi")
SECRET_TEXT = b"GIAY CHUNG SINH so 0042 Nguyen Thi Hoa"
ADMIN = Actor("admin", "1")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(asset_dir() / "procedures")


def jpeg_page(seed: int = 0, size: tuple[int, int] = (400, 560)) -> bytes:
    """A real JPEG with some noise (so it does not compress to nothing) and known text."""
    rng = random.Random(seed)
    image = Image.frombytes("L", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1])))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, comment=SECRET_TEXT)
    return out.getvalue()


def new_case(store: Store, catalogue: Catalogue) -> str:
    service = CaseService(store, catalogue, KioskConfig())
    return service.start_case("birth", Actor.citizen("t"), card=CARD).id


def every_file_bytes(root: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in root.rglob("*") if path.is_file()]


def assert_nothing_in_the_clear(home: Path) -> None:
    """No file holds the page's text or a JPEG's marks; every page file is a sealed blob.

    A 3-byte magic number turns up inside ciphertext by chance, so magics are
    looked for where a clear file has them, at its start.
    """
    for path, data in every_file_bytes(home):
        assert SECRET_TEXT not in data and b"JFIF" not in data, path
        assert not data.startswith((b"\xff\xd8\xff", b"\x89PNG", b"%PDF")), path
        if "attachments" in path.parts:
            assert data[:1] == b"\x01", path  # the sealed-value version byte


def test_a_page_is_sealed_on_disk_and_opens_in_memory(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    data = jpeg_page()
    page = pages.add_page(case_id, "birth_certificate", data, width=400, height=560)
    assert pages.read_page(page) == data
    files = list(store.layout.attachments.rglob("*"))
    assert [path.name for path in files if path.is_file()] == [f"{page.id}.page"]
    assert_nothing_in_the_clear(store.layout.root)
    assert pages.page_counts(case_id) == {"birth_certificate": 1}


def test_a_sealed_page_moved_to_another_slot_does_not_open(
    store: Store, catalogue: Catalogue
) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    first = pages.add_page(case_id, "birth_certificate", jpeg_page(1))
    second = pages.add_page(case_id, "birth_witness_statement", jpeg_page(2))
    folder = store.layout.attachments / case_id
    (folder / f"{second.id}.page").write_bytes((folder / f"{first.id}.page").read_bytes())
    with pytest.raises(AttachmentError) as refused:
        pages.read_page(second)
    assert "chụp lại" in refused.value.message.vi
    assert pages.read_page(first) == jpeg_page(1)


def test_delete_moves_the_later_pages_up(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    added = [pages.add_page(case_id, "birth_certificate", jpeg_page(i)) for i in range(3)]
    pages.delete_page(added[0].id)
    left = pages.pages(case_id, "birth_certificate")
    assert [(page.id, page.position) for page in left] == [(added[1].id, 0), (added[2].id, 1)]
    assert not (store.layout.attachments / case_id / f"{added[0].id}.page").exists()


def test_too_many_pages_is_refused_and_keeps_the_others(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    for index in range(2):
        pages.add_page(case_id, "birth_certificate", jpeg_page(index), max_pages=2)
    with pytest.raises(AttachmentError) as refused:
        pages.add_page(case_id, "birth_certificate", jpeg_page(9), max_pages=2)
    assert refused.value.message.vi.startswith("Giấy tờ này chỉ có tối đa 2 trang")
    assert [pages.read_page(page) for page in pages.pages(case_id)] == [jpeg_page(0), jpeg_page(1)]


def test_case_and_kiosk_quotas_have_clear_messages(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store, AttachmentSettings(case_quota_mb=1, kiosk_quota_mb=1))
    big = random.Random(5).randbytes(600_000)  # storage does not look inside a page
    case_id = new_case(store, catalogue)
    kept = pages.add_page(case_id, "birth_certificate", big)
    with pytest.raises(AttachmentError) as refused:
        pages.add_page(case_id, "birth_certificate", big)
    assert refused.value.message.vi.startswith("Hồ sơ này đã có quá nhiều trang chụp")
    other = new_case(store, catalogue)
    small = random.Random(6).randbytes(100_000)
    pages_kiosk = PageStore(store, AttachmentSettings(case_quota_mb=1, kiosk_quota_mb=1))
    pages_kiosk.add_page(other, "birth_certificate", small)
    with pytest.raises(AttachmentError) as full:
        pages_kiosk.add_page(other, "birth_certificate", big)
    assert "Bộ nhớ dành cho giấy tờ chụp trên máy đã đầy" in full.value.message.vi
    assert pages.read_page(kept) == big
    with pytest.raises(AttachmentError) as disk:
        PageStore(store, min_free_bytes=10**18).add_page(other, "birth_certificate", small)
    assert "Ổ đĩa của máy gần đầy" in disk.value.message.vi
    assert pages.page_counts(other) == {"birth_certificate": 1}


def test_orphans_are_cleaned_and_kept_files_stay(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    kept = pages.add_page(case_id, "birth_certificate", jpeg_page())
    pages.store_document(case_id, "birth_certificate", b"%PDF-1.7 fake but sealed", 1)
    folder = store.layout.attachments / case_id
    (folder / ".x.page.abc123.tmp").write_bytes(b"\x01sealed")  # a crash mid-write
    (folder / "no-row.page").write_bytes(b"\x01sealed")  # a crash before the row
    (store.layout.attachments / "gone-case").mkdir()
    (store.layout.attachments / "gone-case" / "x.page").write_bytes(b"\x01")
    assert pages.clean_orphans() == 3
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [f"{kept.id}.page", "birth_certificate.pdf"]
    )
    assert not (store.layout.attachments / "gone-case").exists()
    assert pages.read_document(case_id, "birth_certificate").startswith(b"%PDF")


def test_document_digest_confirmation_and_staleness(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    page = pages.add_page(case_id, "birth_certificate", jpeg_page())
    digest = pages.store_document(case_id, "birth_certificate", b"%PDF-1.7 one", 1)
    assert pages.mark_confirmed(case_id, "birth_certificate", digest)
    (document,) = pages.documents(case_id)
    assert document.sha256 == digest and document.confirmed_at is not None
    assert not pages.mark_confirmed(case_id, "birth_certificate", "0" * 64)
    pages.replace_page(page.id, jpeg_page(7))
    (document,) = pages.documents(case_id)
    assert document.sha256 is None and document.confirmed_at is None


def test_bring_later_records_the_reason(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    case_id = new_case(store, catalogue)
    pages.set_bring_later(case_id, "birth_certificate", BringLaterReason.NOT_WITH_ME)
    assert pages.bring_later(case_id) == {"birth_certificate": BringLaterReason.NOT_WITH_ME}
    pages.set_bring_later(case_id, "birth_certificate", None)
    assert pages.bring_later(case_id) == {}


def test_retention_purges_pages_with_their_case(store: Store, catalogue: Catalogue) -> None:
    pages = PageStore(store)
    finished = new_case(store, catalogue)
    draft = new_case(store, catalogue)
    young = new_case(store, catalogue)
    for case_id in (finished, draft, young):
        pages.add_page(case_id, "birth_certificate", jpeg_page())
    pages.store_document(finished, "birth_certificate", b"%PDF-1.7 done", 1)
    with store.sessions.begin() as session:
        session.execute(
            update(Case)
            .where(Case.id == finished)
            .values(status="sent", portal_status="done", finished_at=dt.datetime(2026, 1, 1))
        )
        session.execute(
            update(Case).where(Case.id == draft).values(updated_at=dt.datetime(2026, 1, 1))
        )
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    config = KioskConfig()
    assert purge_finished(store, config, clock=lambda: now) == 1
    assert expire_drafts(store, config, clock=lambda: now) == 1
    assert pages.pages(finished) == [] and pages.documents(finished) == []
    assert pages.pages(draft) == []
    assert not (store.layout.attachments / finished).exists()
    assert not (store.layout.attachments / draft).exists()
    assert len(pages.pages(young)) == 1


def test_export_holds_the_pages_and_deletion_removes_them(
    store: Store, catalogue: Catalogue
) -> None:
    service = CaseService(store, catalogue, KioskConfig())
    case = service.start_case("birth", Actor.citizen("t"), card=CARD)
    answers = complete_answers(catalogue["birth"], CARD, random.Random(1))
    service.save_answers(
        case.id,
        {k: v for k, v in answers.items() if catalogue["birth"].field(k).is_input},
    )
    pages = PageStore(store)
    pages.set_bring_later(case.id, "birth_witness_statement", BringLaterReason.PREFERS_COUNTER)
    service.submit(case.id, Actor.citizen("t"), NOTICE)
    data = jpeg_page(3)
    pages.add_page(case.id, "birth_certificate", data)
    with store.sessions() as session:
        citizen_id = session.get(Case, case.id).citizen_id  # type: ignore[union-attr]
    assert citizen_id is not None
    export = export_citizen(store, citizen_id, ADMIN, catalogue=catalogue)
    (exported,) = export["cases"]
    by_slot = {item["slot"]: item for item in exported["attachments"]}
    assert base64.b64decode(by_slot["birth_certificate"]["pages"][0]["base64"]) == data
    assert by_slot["birth_witness_statement"]["bring_later_reason"] == "prefers_counter"

    delete_citizen(store, citizen_id, ADMIN, confirm_unsynced=True)
    assert pages.pages(case.id) == []
    assert not any(path.is_file() for path in store.layout.attachments.rglob("*"))
