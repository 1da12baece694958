"""`kiosk admin rotate-ward-key`: a new ward key, every sealed value re-sealed and every
keyed ID hash recomputed in one transaction; a kiosk left with the old key refuses."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import LargeBinary, select, type_coerce

from kiosk.admin import cli
from kiosk.cases import Actor, CaseService
from kiosk.cases.synthetic import synthetic_card
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.crypto import FieldCipher
from kiosk.store.database import Store, open_store
from kiosk.store.keys import KeyMismatchError, KeyStore
from kiosk.store.models import Citizen
from kiosk.store.ward_key import open_ward_key
from tests.sync_support import catalogue

PASSPHRASE = "mùa lúa chín vàng 2026"
CITIZEN = Actor.citizen("rotation")

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def rotate(out: Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(
        ["rotate-ward-key", "--out", str(out)],
        stdin=io.StringIO(PASSPHRASE + "\n"),
        stdout=stdout,
        stderr=stderr,
    )
    return code, stdout.getvalue(), stderr.getvalue()


def test_rotation_reseals_everything_and_the_old_key_is_refused(
    store: Store, kiosk_layout: HomeLayout, kiosk_config: KioskConfig, tmp_path: Path
) -> None:
    service = CaseService(store, catalogue(), kiosk_config)
    card = synthetic_card(random.Random(4))
    draft = service.start_case("birth", CITIZEN, card=card)
    service.save_answer(draft.id, "child_birth_place", "Bệnh viện Đà Nẵng")
    old_key = KeyStore(kiosk_layout.secrets, "file").load()
    assert old_key is not None
    with store.engine.connect() as connection:
        before = connection.execute(select(type_coerce(Citizen.full_name, LargeBinary))).scalar()
    store.close()  # every kiosk stopped

    out = tmp_path / "ward-new.key"
    code, said, errors = rotate(out)
    assert code == 0, errors
    new_key = open_ward_key(out.read_bytes(), PASSPHRASE).key
    assert new_key != old_key
    assert KeyStore(kiosk_layout.secrets, "file").load() == new_key
    assert FieldCipher(new_key).check_value() in said

    reopened = open_store(kiosk_layout, kiosk_config)
    try:
        with reopened.engine.connect() as connection:
            after = connection.execute(select(type_coerce(Citizen.full_name, LargeBinary))).scalar()
        assert after != before  # re-sealed, not copied
        service = CaseService(reopened, catalogue(), kiosk_config)
        drafts = service.drafts_for_id_number(card.id_number)  # the hash was recomputed
        assert [found.id for found in drafts] == [draft.id]
        assert drafts[0].answers["child_birth_place"] == "Bệnh viện Đà Nẵng"
    finally:
        reopened.close()

    # A kiosk still holding the old key refuses and writes nothing (exit 3).
    kept = sorted(kiosk_layout.secrets.glob("field.key.before-rotation-*"))
    assert len(kept) == 1  # the old key kept aside (old dumps and backups need it)
    shutil.copyfile(kept[0], kiosk_layout.secrets / "field.key")
    with pytest.raises(KeyMismatchError):
        open_store(kiosk_layout, kiosk_config)


@pytest.mark.backends("postgresql")
def test_rotation_is_refused_while_another_kiosk_is_connected(
    store: Store, kiosk_layout: HomeLayout, tmp_path: Path
) -> None:
    key = KeyStore(kiosk_layout.secrets, "file").load()
    with store.engine.connect():  # another kiosk, still working
        out = tmp_path / "ward-new.key"
        code, _, errors = rotate(out)
    assert code == cli.EXIT_REFUSED
    assert "stop every kiosk" in errors
    assert not out.exists()  # no key file for a rotation that did not happen
    assert KeyStore(kiosk_layout.secrets, "file").load() == key
