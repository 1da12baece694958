from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select, text

from kiosk.store.crypto import DecryptionError, FieldCipher, new_master_key
from kiosk.store.database import Store
from kiosk.store.models import Case, Citizen

PEOPLE = [
    ("049090001234", "Nguyễn Văn An", "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam"),
    ("049195005678", "Trần Thị Bình", "Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng"),
    ("048208000042", "Lê Minh Khang", "Phường Hải Châu, Thành phố Đà Nẵng"),
]


def add_people(store: Store) -> None:
    with store.sessions.begin() as session:
        for id_number, name, address in PEOPLE:
            citizen = Citizen(
                id_number=id_number,
                id_number_hash=store.cipher.lookup_hash(id_number),
                full_name=name,
                address=address,
                phone="+84905123456",
            )
            session.add(citizen)
            session.flush()
            session.add(
                Case(
                    procedure_id="birth",
                    procedure_version=1,
                    citizen_id=citizen.id,
                    answers={"requester_name": name, "requester_id": id_number},
                )
            )


def test_no_personal_data_in_database_or_wal_files(store: Store) -> None:
    add_people(store)
    raw = store.layout.database.read_bytes()
    wal = store.layout.database.with_name("kiosk.db-wal")
    assert wal.exists(), "WAL mode should leave a -wal file while the engine is open"
    raw += wal.read_bytes()
    for id_number, name, address in PEOPLE:
        for needle in (
            id_number,
            name,
            unicodedata.normalize("NFD", name),
            name.split()[-1],
            address.split(",")[0],
            "905123456",
        ):
            assert needle.encode("utf-8") not in raw, f"plaintext {needle!r} found on disk"
            assert needle.encode("utf-16-le") not in raw


@pytest.mark.backends("sqlite", "postgresql")
def test_values_round_trip_and_are_found_by_keyed_hash(store: Store) -> None:
    add_people(store)
    with store.sessions() as session:
        wanted = store.cipher.lookup_hash("049195005678")
        citizen = session.scalars(select(Citizen).where(Citizen.id_number_hash == wanted)).one()
        assert citizen.full_name == "Trần Thị Bình"
        assert citizen.cases[0].answers["requester_name"] == "Trần Thị Bình"


@pytest.mark.backends("sqlite", "postgresql")
def test_ciphertext_moved_to_another_column_does_not_open(store: Store) -> None:
    add_people(store)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE citizens SET full_name = address"))
    with store.sessions() as session, pytest.raises(DecryptionError):
        session.scalars(select(Citizen)).first()


@pytest.mark.backends("postgresql")
def test_no_personal_data_in_the_ward_databases_columns(store: Store) -> None:
    """The server's counterpart of the file test above: what the server stores, byte for
    byte, holds no name, ID number or address (the files are the server's, not ours)."""
    add_people(store)
    with store.engine.connect() as connection:
        stored = b"".join(
            bytes(value)
            for row in connection.execute(
                text(
                    "SELECT c.full_name, c.address, c.id_number, c.phone, k.answers "
                    "FROM citizens c JOIN cases k ON k.citizen_id = c.id"
                )
            )
            for value in row
        )
    for id_number, name, address in PEOPLE:
        for secret in (id_number, name, address, "+84905123456"):
            assert secret.encode() not in stored
            assert unicodedata.normalize("NFD", secret).encode() not in stored


def test_other_key_cannot_open() -> None:
    sealed = FieldCipher(new_master_key()).seal(b"Nguyen", "citizens.full_name")
    with pytest.raises(DecryptionError):
        FieldCipher(new_master_key()).open(sealed, "citizens.full_name")
