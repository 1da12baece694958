"""The ward key and moving a kiosk onto the ward server, against a real PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.admin import cli
from kiosk.admin.ward import export_ward_key, import_ward_key, move_to_server
from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import synthetic_card
from kiosk.config import DatabaseSettings, KioskConfig, load
from kiosk.paths import HomeLayout
from kiosk.store.database import Store, open_store
from kiosk.store.keys import KeyMismatchError, KeyStore
from kiosk.store.models import Case, Meta
from kiosk.store.transfer import TransferRefused
from kiosk.store.ward_key import WardKeyError, open_ward_key, seal_ward_key
from kiosk.volunteers.accounts import VolunteerService
from tests.sync_support import catalogue

PASSPHRASE = "mùa lúa chín vàng 2026"
CITIZEN = Actor.citizen("ward")


def test_the_key_file_opens_only_with_its_passphrase() -> None:
    key = os.urandom(32)
    blob = seal_ward_key(key, PASSPHRASE)
    assert key not in blob and PASSPHRASE.encode() not in blob
    assert open_ward_key(blob, PASSPHRASE).key == key
    with pytest.raises(WardKeyError, match="passphrase"):
        open_ward_key(blob, PASSPHRASE + "x")
    with pytest.raises(WardKeyError, match="not a ward key file"):
        open_ward_key(b"\xff\x00garbage", PASSPHRASE)
    with pytest.raises(WardKeyError, match="not a ward key file"):
        open_ward_key(b'{"format": "something-else"}', PASSPHRASE)
    with pytest.raises(WardKeyError, match="at least"):
        seal_ward_key(key, "short")


def make_home(tmp_path: Path, name: str) -> HomeLayout:
    layout = HomeLayout(tmp_path / name)
    layout.ensure()
    return layout


def serve(store: Store, config: KioskConfig, count: int, seed: int) -> list[str]:
    service = CaseService(store, catalogue(), config)
    rng = random.Random(seed)
    return [service.start_case("birth", CITIZEN, card=synthetic_card(rng)).id for _ in range(count)]


@pytest.mark.backends("postgresql")
def test_a_kiosk_with_its_own_data_and_key_joins_the_ward(
    tmp_path: Path, ward_database_url: str, store_backend: str
) -> None:
    base = KioskConfig(key_store="file")
    # Kiosk 1 is on the ward server first: its key is the ward's key.
    first = make_home(tmp_path, "kiosk-1")
    first_config = replace(base, database=DatabaseSettings(url=ward_database_url))
    ward = open_store(first, first_config)
    serve(ward, first_config, 3, seed=1)
    ward.close()
    key_file = tmp_path / "ward.key"
    export_ward_key(first, first_config, PASSPHRASE, key_file)
    assert os.stat(key_file).st_mode & 0o777 == 0o600

    # Kiosk 2 ran alone until now: its own SQLite file, its own key, a volunteer.
    second = make_home(tmp_path, "kiosk-2")
    second_config = replace(base, kiosk_number=2)
    alone = open_store(second, second_config)
    drafts = serve(alone, second_config, 4, seed=2)
    card = synthetic_card(random.Random(2))
    VolunteerService(alone).create_volunteer("Trần Văn Bình", "", "482913", cli.CLI_ACTOR)
    alone.close()
    old_key = KeyStore(second.secrets, "file").load()
    before = hashlib.sha256(second.database.read_bytes()).hexdigest()

    outcome = move_to_server(
        second, second_config, ward_database_url, open_ward_key(key_file.read_bytes(), PASSPHRASE)
    )
    assert outcome.report.copied["cases"] == 4
    assert outcome.report.same_key is False
    assert outcome.report.volunteers_deactivated == 1
    # The old file is untouched and its key kept beside the ward's.
    assert hashlib.sha256(second.database.read_bytes()).hexdigest() == before
    assert outcome.previous_key_kept_in is not None
    assert outcome.previous_key_kept_in.read_text().strip()
    assert KeyStore(second.secrets, "file").load() != old_key

    # From now on kiosk 2 opens the ward database, and finds its drafts by ID number.
    reopened_config = load(second)
    assert reopened_config.database.url == ward_database_url
    joined = open_store(second, replace(reopened_config, key_store="file"))
    try:
        service = CaseService(joined, catalogue(), reopened_config)
        assert drafts[0] in {view.id for view in service.drafts_for_id_number(card.id_number)}
        with joined.sessions() as session:
            numbers = dict(
                session.execute(
                    select(Case.kiosk_number, func.count()).group_by(Case.kiosk_number)
                ).all()
            )
        assert numbers == {1: 3, 2: 4}
    finally:
        joined.close()

    # Moving twice, or a kiosk whose number is taken, is refused with nothing written.
    third = make_home(tmp_path, "kiosk-3")
    third_config = replace(base, kiosk_number=2)
    serve(open_store(third, third_config), third_config, 1, seed=3)
    with pytest.raises(TransferRefused, match="kiosk number"):
        move_to_server(
            third, third_config, ward_database_url, open_ward_key(key_file.read_bytes(), PASSPHRASE)
        )
    assert load(third).database.url == ""


@pytest.mark.backends("postgresql")
def test_a_kiosk_with_the_wrong_key_refuses_with_exit_3_and_writes_nothing(
    tmp_path: Path,
    ward_database_url: str,
    store_backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = make_home(tmp_path, "kiosk-1")
    config = replace(
        KioskConfig(key_store="file"), database=DatabaseSettings(url=ward_database_url)
    )
    open_store(first, config).close()

    stranger = make_home(tmp_path, "kiosk-9")
    KeyStore(stranger.secrets, "file").create()
    with pytest.raises(KeyMismatchError):
        open_store(stranger, config)
    with pytest.raises(KeyMismatchError):
        import_ward_key(stranger, config, seal_ward_key(os.urandom(32), PASSPHRASE), PASSPHRASE)

    monkeypatch.setenv("KIOSK_HOME", str(stranger.root))
    monkeypatch.setenv("KIOSK_DATABASE_URL", ward_database_url)
    err = io.StringIO()
    code = cli.main(["list-volunteers"], stdin=io.StringIO(), stdout=io.StringIO(), stderr=err)
    assert code == cli.EXIT_KEY_PROBLEM
    assert "ward key" in err.getvalue()
    ward = open_store(first, config)
    try:
        with ward.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Meta)) == 1  # the key check only
    finally:
        ward.close()
