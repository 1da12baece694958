"""Current administrative units and mapping old card addresses onto them.

Uses the real ``vietnam-provinces`` data; codes, not names, are compared
where the data may be renamed in a later release.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.admin_units import (
    AdminUnit,
    LegacyMatch,
    get_province,
    get_ward,
    list_provinces,
    list_wards,
    map_legacy_address,
    search_units,
)
from kiosk.identity.collation import vietnamese_sort_key

DA_NANG = 48
DIEN_BAN_WARD = 20551


def test_34_provinces_in_vietnamese_order() -> None:
    provinces = list_provinces()
    assert len(provinces) == 34
    assert len({p.code for p in provinces}) == 34
    assert all(p.province_code is None for p in provinces)
    assert {p.kind for p in provinces} == {"tỉnh", "thành phố trung ương"}
    names = [p.name.removeprefix("Thành phố ").removeprefix("Tỉnh ") for p in provinces]
    assert names == sorted(names, key=vietnamese_sort_key)
    # Code-point order would put Đà Nẵng after every plain letter.
    assert names.index("Đà Nẵng") < names.index("Gia Lai")


def test_units_are_frozen_and_lists_are_copies() -> None:
    provinces = list_provinces()
    provinces.clear()
    assert len(list_provinces()) == 34
    with pytest.raises(dataclasses.FrozenInstanceError):
        list_provinces()[0].name = "X"  # type: ignore[misc]


def test_wards_of_da_nang() -> None:
    wards = list_wards(DA_NANG)
    assert len(wards) > 50
    assert all(w.province_code == DA_NANG for w in wards)
    assert {w.kind for w in wards} <= {"phường", "xã", "đặc khu"}
    dien_ban = next(w for w in wards if w.code == DIEN_BAN_WARD)
    assert dien_ban.name == "Phường Điện Bàn"
    assert sum(len(list_wards(p.code)) for p in list_provinces()) == 3321


def test_lookup_by_code() -> None:
    assert get_province(DA_NANG) == AdminUnit(
        DA_NANG, "Thành phố Đà Nẵng", None, "thành phố trung ương"
    )
    assert get_province(49) is None  # Quảng Nam no longer exists
    ward = get_ward(DIEN_BAN_WARD)
    assert ward is not None and ward.province_code == DA_NANG
    assert get_ward(20593) is None  # Điện Minh was merged into Điện Bàn
    assert list_wards(49) == []


@pytest.mark.parametrize(
    "query", ["dien ban", "Điện Bàn", "ĐIỆN BÀN", "phuong dien ban", "  Điện   bàn "]
)
def test_search_ignores_diacritics_and_case(query: str) -> None:
    results = search_units(query)
    assert results and results[0].code == DIEN_BAN_WARD


def test_search_ranks_provinces_first_and_respects_scope_and_limit() -> None:
    results = search_units("da nang")
    assert results[0] == get_province(DA_NANG)
    in_da_nang = search_units("hai", province_code=DA_NANG)
    assert in_da_nang and all(u.province_code == DA_NANG for u in in_da_nang)
    assert len(search_units("a", limit=5)) == 5
    assert search_units("", limit=5) == []
    assert search_units("zzzz qqqq") == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_search_and_mapping_never_fail(text: str) -> None:
    assert isinstance(search_units(text, limit=3), list)
    result = map_legacy_address(text)
    assert result is None or isinstance(result, LegacyMatch)


def test_example_1_old_address_maps_to_da_nang_dien_ban() -> None:
    match = map_legacy_address("Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam")
    assert match is not None
    assert match.province.code == DA_NANG
    assert match.ward is not None and match.ward.code == DIEN_BAN_WARD
    assert match.confidence == "exact"


@pytest.mark.parametrize(
    "address",
    [
        "Phường Điện Minh, Thị xã Điện Bàn, Tỉnh Quảng Nam",
        "Khối phố 5, P. Điện Phương, TX. Điện Bàn, T. Quảng Nam",
        "phuong vinh dien, dien ban, quang nam",
    ],
)
def test_merged_wards_and_abbreviations_map_to_the_same_unit(address: str) -> None:
    match = map_legacy_address(address)
    assert match is not None and match.ward is not None
    assert (match.province.code, match.ward.code) == (DA_NANG, DIEN_BAN_WARD)


@pytest.mark.parametrize(
    ("address", "ward_name"),
    [
        ("Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng", "Phường Điện Bàn"),
        ("Phường Hải Châu, Thành phố Đà Nẵng", "Phường Hải Châu"),
    ],
)
def test_current_addresses_are_recognised(address: str, ward_name: str) -> None:
    match = map_legacy_address(address)
    assert match is not None and match.ward is not None
    assert match.province.code == DA_NANG and match.confidence == "exact"
    assert match.ward.name == ward_name


def test_numbered_wards_with_leading_zero() -> None:
    plain = map_legacy_address("Phường 1, Quận 3, TP. Hồ Chí Minh")
    padded = map_legacy_address("Phường 01, Quận 3, Thành phố Hồ Chí Minh")
    assert plain is not None and padded is not None
    assert plain.ward is not None and plain.ward == padded.ward
    assert plain.province.code == 79


def test_a_ward_split_across_units_is_probable() -> None:
    from vietnam_provinces import Ward
    from vietnam_provinces.legacy import District as LegacyDistrict
    from vietnam_provinces.legacy import Province as LegacyProvince
    from vietnam_provinces.legacy import Ward as LegacyWard

    # Find, in the data itself, an old ward whose area went to several units.
    for old_ward in LegacyWard.iter_all():
        if len(Ward.search_from_legacy(code=int(old_ward.code))) > 1:
            district = LegacyDistrict.from_code(old_ward.district_code)
            province = LegacyProvince.from_code(district.province_code)
            break
    else:
        pytest.fail("this vietnam-provinces release has no split ward: pick another example")
    match = map_legacy_address(f"{old_ward.name}, {district.name}, {province.name}")
    assert match is not None and match.confidence == "probable"
    assert match.ward is not None and len(match.ward_candidates) > 1
    assert match.ward in match.ward_candidates


def test_unknown_ward_gives_the_province_only() -> None:
    match = map_legacy_address("Thôn Không Có, Xã Không Tồn Tại, Quảng Nam")
    assert match is not None
    assert match.province.code == DA_NANG and match.ward is None
    assert match.confidence == "province_only"


def test_aliases_and_unknown_text() -> None:
    hue = map_legacy_address("Phường Phú Hội, Thành phố Huế, Tỉnh Thừa Thiên Huế")
    assert hue is not None and hue.province.code == 46
    assert map_legacy_address("Số 5 đường Không Tên") is None
    assert map_legacy_address("") is None
    assert map_legacy_address(", , ,") is None
