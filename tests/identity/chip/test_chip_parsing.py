"""BER-TLV and data-group parsing stay total on garbage; DG13 keeps unknown fields."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.chip import tlv
from kiosk.identity.chip.datagroups import parse_com, parse_dg1, parse_dg2, parse_dg13
from kiosk.identity.chip.errors import ChipDataError, TlvError
from tests.chip_support import FATHER, dg1_bytes, dg2_bytes, dg13_bytes, face_jpeg


@given(st.binary(max_size=400))
def test_tlv_parser_raises_only_tlv_error(garbage: bytes) -> None:
    try:
        tlv.parse_all(garbage)
        tlv.find(garbage, 0x5F1F)
    except TlvError:
        pass


@given(st.binary(max_size=400))
def test_data_group_parsers_raise_only_chip_data_error(garbage: bytes) -> None:
    for parser in (parse_com, parse_dg1, parse_dg2, parse_dg13):
        with contextlib.suppress(ChipDataError):
            parser(garbage)


_ONE_BYTE_TAGS = st.integers(min_value=1, max_value=0xFF).filter(lambda tag: tag & 0x1F != 0x1F)
# Two-byte tags: the first byte's low five bits are all set, the second has bit 8 clear.
_TWO_BYTE_TAGS = st.builds(
    lambda first, second: ((first | 0x1F) << 8) | second,
    st.integers(min_value=0, max_value=0xFF),
    st.integers(min_value=0x1F, max_value=0x7F),
)


@given(st.binary(max_size=200), st.one_of(_ONE_BYTE_TAGS, _TWO_BYTE_TAGS))
def test_tlv_round_trip(value: bytes, tag: int) -> None:
    encoded = tlv.encode(tag, value)
    parsed, end = tlv.parse_one(encoded)
    assert (parsed.tag, parsed.value, end) == (tag, value, len(encoded))


@given(st.integers(min_value=0, max_value=len(dg13_bytes(FATHER)) - 1))
def test_truncated_dg13_is_refused_cleanly(cut: int) -> None:
    with pytest.raises(ChipDataError):
        parse_dg13(dg13_bytes(FATHER)[:cut])


def test_unknown_dg13_fields_are_kept() -> None:
    identity = parse_dg13(dg13_bytes(FATHER, extra_fields={21: "giá trị mới", 40: "x"}))
    assert identity.unknown_fields == ((21, ("giá trị mới",)), (40, ("x",)))
    assert identity.card.full_name == FATHER.full_name
    assert str(FATHER.id_number) not in repr(identity)


def test_the_old_id_number_is_found_in_field_15_or_16() -> None:
    from dataclasses import replace

    without_15 = replace(FATHER, old_id_number=None)
    identity = parse_dg13(dg13_bytes(without_15, extra_fields={16: "205123456"}))
    assert identity.card.old_id_number == "205123456"
    assert parse_dg13(dg13_bytes(without_15)).card.old_id_number is None


def test_dg1_reads_the_td1_mrz() -> None:
    mrz = parse_dg1(dg1_bytes(FATHER))
    assert (mrz.document_code, mrz.issuing_state) == ("ID", "VNM")
    assert mrz.document_number == "090001234"
    assert mrz.birth == "900315" and mrz.expiry == "300315"


def test_dg2_finds_jpeg_and_jpeg2000() -> None:
    jpeg = face_jpeg()
    assert parse_dg2(dg2_bytes(jpeg)).data == jpeg
    jp2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + b"rest of a jp2 file"
    face = parse_dg2(dg2_bytes(jp2))
    assert (face.mime_type, face.data) == ("image/jp2", jp2)
