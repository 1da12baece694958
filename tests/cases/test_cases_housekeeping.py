"""Draft expiry, retention purge and drafts following a new procedure version."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cases import (
    Actor,
    CaseService,
    ConsentNotice,
    expire_drafts,
    migrate_drafts,
    purge_finished,
)
from kiosk.config import KioskConfig, Retention
from kiosk.identity import parse_id_card_qr
from kiosk.paths import asset_dir
from kiosk.procedures import Catalogue, load_catalogue
from kiosk.store.database import Store
from kiosk.store.models import Case, CaseStatistic, Citizen

pytestmark = pytest.mark.backends("sqlite", "postgresql")

CARD = parse_id_card_qr(
    "049195005678||Trần Thị Bình|02021995|Nữ|"
    "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng|10082025"
)
ACTOR = Actor.citizen("s")
NOTICE = ConsentNotice("p", "Tôi đồng ý.", "vi")
CONFIG = KioskConfig(retention=Retention(draft_expiry_days=30, retention_days=90))


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_old_drafts_expire_and_leave_only_counts(store: Store, catalogue: Catalogue) -> None:
    clock = Clock()
    service = CaseService(store, catalogue, CONFIG, clock=clock)
    old = service.start_case("birth", ACTOR, card=CARD)
    service.save_answer(old.id, "child_name", "Nguyễn Minh Khôi")
    clock.now += dt.timedelta(days=29)
    fresh = service.start_case("death", ACTOR, card=CARD)
    clock.now += dt.timedelta(days=2)
    assert expire_drafts(store, CONFIG, clock) == 1
    expired = service.get(old.id)
    assert expired.status == "expired" and expired.answers == {}
    assert expired.resume_code is None and expired.citizen_id is None
    assert service.get(fresh.id).status == "draft", "a recent draft is kept"
    with store.sessions() as session:
        stat = session.scalars(select(CaseStatistic)).one()
        assert (stat.procedure_id, stat.final_status, stat.count) == ("birth", "expired", 1)
        # The citizen still has a live draft, so the record stays.
        assert session.scalar(select(func.count()).select_from(Citizen)) == 1


def test_finished_cases_are_purged_after_retention(store: Store, catalogue: Catalogue) -> None:
    clock = Clock()
    service = CaseService(store, catalogue, CONFIG, clock=clock)
    case = service.start_case("certified_copy", ACTOR, card=CARD)
    service.save_answers(
        case.id,
        {
            "documents_to_copy": [
                {"document_name": "Bằng tốt nghiệp", "document_pages": 1, "document_copies": 2}
            ],
        },
    )
    service.submit(case.id, ACTOR, NOTICE)
    with store.sessions.begin() as session:
        row = session.get(Case, case.id)
        assert row is not None
        row.portal_status = "done"
        row.finished_at = dt.datetime(2026, 11, 3)
    clock.now += dt.timedelta(days=60)
    assert purge_finished(store, CONFIG, clock) == 0
    clock.now += dt.timedelta(days=40)
    assert purge_finished(store, CONFIG, clock) == 1
    purged = service.get(case.id)
    assert purged.answers == {} and purged.citizen_id is None
    assert purged.local_reference is not None, "the reference stays for statistics"
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Citizen)) == 0
        assert session.scalars(select(CaseStatistic.final_status)).all() == ["done"]
    assert purge_finished(store, CONFIG, clock) == 0, "purging twice counts once"


def write_v2(tmp_path: Path, drop_field: str | None) -> Catalogue:
    folder = tmp_path / "procedures"
    shutil.copytree(asset_dir() / "procedures", folder)
    definition = json.loads((folder / "birth.json").read_text(encoding="utf-8"))
    definition["version"] = 2
    if drop_field:
        for step in definition["steps"]:
            step["fields"] = [f for f in step["fields"] if f["id"] != drop_field]
        order = definition.get("declaration_order", [])
        definition["declaration_order"] = [f for f in order if f != drop_field]
    (folder / "birth-v2.json").write_text(json.dumps(definition, ensure_ascii=False), "utf-8")
    return load_catalogue(folder)


def test_drafts_move_to_a_new_version_when_every_answer_fits(
    store: Store, catalogue: Catalogue, tmp_path: Path
) -> None:
    service = CaseService(store, catalogue, CONFIG)
    case = service.start_case("birth", ACTOR, card=CARD)
    service.save_answer(case.id, "child_name", "Nguyễn Minh Khôi")
    newer = write_v2(tmp_path, drop_field=None)
    report = migrate_drafts(store, newer)
    assert report.migrated == [case.id] and report.flagged == []
    moved = CaseService(store, newer, CONFIG).get(case.id)
    assert moved.procedure_version == 2
    assert moved.answers["child_name"] == "Nguyễn Minh Khôi"


def test_drafts_are_flagged_never_stripped_when_a_field_disappears(
    store: Store, catalogue: Catalogue, tmp_path: Path
) -> None:
    service = CaseService(store, catalogue, CONFIG)
    case = service.start_case("birth", ACTOR, card=CARD)
    service.save_answer(case.id, "child_home_town", "Điện Bàn")
    newer = write_v2(tmp_path, drop_field="child_home_town")
    report = migrate_drafts(store, newer)
    assert report.flagged == [case.id]
    kept = CaseService(store, newer, CONFIG).get(case.id)
    assert kept.procedure_version == 1
    assert kept.answers["child_home_town"] == "Điện Bàn"
    assert kept.flagged_reason is not None and "child_home_town" in kept.flagged_reason
    assert migrate_drafts(store, newer).flagged == [], "flagging is not repeated"
