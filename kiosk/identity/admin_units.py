"""Today's administrative units (34 provinces, 3,321 wards/communes) and old addresses.

A thin, cached layer over the ``vietnam-provinces`` package (2026.x). Callers
get plain :class:`AdminUnit` values sorted in Vietnamese order and compare
them by ``code``: names change between data releases, codes do not.

Addresses printed on cards issued before 1 July 2025 have three levels (ward,
district, province) of the old 63-province map. :func:`map_legacy_address`
finds the unit that covers such an address today, using the package's
official conversion table where the old ward is recognised, and name
matching otherwise.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

from kiosk.identity.collation import vietnamese_sort_key
from kiosk.identity.text import collapse_spaces, fold_vietnamese

if TYPE_CHECKING:
    # The current tables too load on first use (0.05-0.1 s): the welcome screen needs none.
    from vietnam_provinces import Province, Ward

    # The pre-2025 tables build about 18,000 Enum members on import (about half a
    # second): they are imported inside the old-address functions only, so a start
    # that never maps an old card address never pays for them.
    from vietnam_provinces.legacy import Ward as LegacyWard

Confidence = Literal["exact", "probable", "province_only"]

_MAX_QUERY_CHARS: Final = 100
_MAX_ADDRESS_CHARS: Final = 500
_TOKEN_SPLIT = re.compile(r"[^0-9a-z]+")
_ADDRESS_SPLIT = re.compile(r"[,;]")

# Unit-type words as they appear (folded) in front of names, longest first so
# "thanh pho" wins over a bare "tp". Abbreviations are common on cards.
_PROVINCE_PREFIXES: Final = ("thanh pho ", "tinh ", "tp. ", "tp.", "tp ", "t. ")
_DISTRICT_PREFIXES: Final = (
    "thanh pho ",
    "thi xa ",
    "quan ",
    "huyen ",
    "tp. ",
    "tp.",
    "tp ",
    "tx. ",
    "tx.",
    "tx ",
    "q. ",
    "q.",
    "h. ",
    "h.",
)
_WARD_PREFIXES: Final = (
    "thi tran ",
    "phuong ",
    "dac khu ",
    "xa ",
    "tt. ",
    "tt.",
    "tt ",
    "p. ",
    "p.",
    "x. ",
    "x.",
)
# Unit-type words in the official names of current units.
_NAME_PREFIXES: Final = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")
# Names people still write for provinces whose official name differs.
_PROVINCE_ALIASES: Final[dict[str, str]] = {
    "thua thien hue": "hue",
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "sai gon": "ho chi minh",
}


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """One current unit: a province (``province_code`` None) or a ward/commune.

    ``kind`` is the Vietnamese unit type as the statistics office writes it:
    "tỉnh", "thành phố trung ương", "phường", "xã" or "đặc khu".
    """

    code: int
    name: str
    province_code: int | None
    kind: str


@dataclass(frozen=True, slots=True)
class LegacyMatch:
    """Where an old address lies today.

    ``confidence`` is "exact" when the ward was recognised and lies in one
    unit today (or the address already names a current unit), "probable"
    when the old ward was split: ``ward`` is then the likeliest part and
    ``ward_candidates`` lists every unit it went to, for the citizen to pick.
    "province_only" means only the province was recognised (``ward`` None).
    """

    province: AdminUnit
    ward: AdminUnit | None
    confidence: Confidence
    ward_candidates: tuple[AdminUnit, ...] = field(default=())


# --- current units ---------------------------------------------------------


def _province_unit(province: Province) -> AdminUnit:
    return AdminUnit(int(province.code), province.name, None, str(province.division_type.value))


def _ward_unit(ward: Ward) -> AdminUnit:
    return AdminUnit(
        int(ward.code), ward.name, int(ward.province_code), str(ward.division_type.value)
    )


def _sorted_units(units: Iterable[AdminUnit]) -> tuple[AdminUnit, ...]:
    return tuple(sorted(units, key=lambda unit: (vietnamese_sort_key(_core_name(unit)), unit.code)))


@functools.cache
def _provinces() -> tuple[AdminUnit, ...]:
    from vietnam_provinces import Province

    return _sorted_units(_province_unit(p) for p in Province.iter_all())


@functools.cache
def _wards_by_province() -> dict[int, tuple[AdminUnit, ...]]:
    grouped: dict[int, list[AdminUnit]] = {}
    from vietnam_provinces import Ward

    for ward in Ward.iter_all():
        unit = _ward_unit(ward)
        grouped.setdefault(int(ward.province_code), []).append(unit)
    return {code: _sorted_units(units) for code, units in grouped.items()}


@functools.cache
def _units_by_code() -> tuple[dict[int, AdminUnit], dict[int, AdminUnit]]:
    provinces = {unit.code: unit for unit in _provinces()}
    wards = {unit.code: unit for units in _wards_by_province().values() for unit in units}
    return provinces, wards


def list_provinces() -> list[AdminUnit]:
    """The 34 current provinces and centrally-run cities, in Vietnamese order of their names."""
    return list(_provinces())


def list_wards(province_code: int) -> list[AdminUnit]:
    """Wards, communes and special zones of one province, sorted; empty for an unknown code."""
    return list(_wards_by_province().get(province_code, ()))


def get_province(code: int) -> AdminUnit | None:
    """The current province with this code, or None."""
    return _units_by_code()[0].get(code)


def get_ward(code: int) -> AdminUnit | None:
    """The current ward/commune with this code, or None."""
    return _units_by_code()[1].get(code)


# --- search ----------------------------------------------------------------


def _strip_prefix(folded: str, prefixes: Iterable[str]) -> str:
    for prefix in prefixes:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix) :].strip()
    return folded


def _core_name(unit: AdminUnit) -> str:
    """The name without its unit-type word: "Phường Điện Bàn" -> "Điện Bàn"."""
    for prefix in _NAME_PREFIXES:
        if unit.name.startswith(prefix) and len(unit.name) > len(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def _tokens(folded: str) -> list[str]:
    return [token for token in _TOKEN_SPLIT.split(folded) if token]


@functools.cache
def _search_index() -> tuple[tuple[AdminUnit, str, str, tuple[str, ...]], ...]:
    """(unit, folded full name, folded core name, folded full-name tokens) for every unit."""
    entries = []
    all_units = list(_provinces()) + [u for us in _wards_by_province().values() for u in us]
    for unit in all_units:
        full = " ".join(_tokens(fold_vietnamese(unit.name)))
        core = " ".join(_tokens(fold_vietnamese(_core_name(unit))))
        entries.append((unit, full, core, tuple(full.split())))
    return tuple(entries)


def search_units(query: str, province_code: int | None = None, limit: int = 50) -> list[AdminUnit]:
    """Units whose name matches ``query``, best matches first, at most ``limit``.

    Matching ignores diacritics, case and punctuation ("dien ban", "Điện
    Bàn", "phuong dien ban" all find Phường Điện Bàn). Every word of the query
    must start a word of the name. With ``province_code`` only that
    province's wards are searched; without it, provinces and wards both.
    Ranking: exact name, name starting with the query, then word matches;
    provinces before wards; then Vietnamese order.
    """
    if not isinstance(query, str) or limit <= 0:
        return []
    query_tokens = _tokens(fold_vietnamese(query[:_MAX_QUERY_CHARS]))
    if not query_tokens:
        return []
    folded_query = " ".join(query_tokens)
    ranked: list[tuple[int, int, AdminUnit]] = []
    for unit, full, core, name_tokens in _search_index():
        if province_code is not None and unit.province_code != province_code:
            continue
        if folded_query in (core, full):
            rank = 0
        elif core.startswith(folded_query) or full.startswith(folded_query):
            rank = 1
        elif _words_match(query_tokens, name_tokens):
            rank = 2
        else:
            continue
        ranked.append((rank, 0 if unit.province_code is None else 1, unit))
    ranked.sort(key=lambda item: (item[0], item[1], vietnamese_sort_key(item[2].name)))
    return [unit for _, _, unit in ranked[:limit]]


def _words_match(query_tokens: list[str], name_tokens: tuple[str, ...]) -> bool:
    """Each query word starts a different word of the name, in any order."""
    unused = list(name_tokens)
    for token in query_tokens:
        for index, name_token in enumerate(unused):
            if name_token.startswith(token):
                del unused[index]
                break
        else:
            return False
    return True


# --- old three-level addresses ---------------------------------------------


def _folded_core(text: str, prefixes: Iterable[str]) -> str:
    folded = fold_vietnamese(text)
    core = _strip_prefix(folded, prefixes)
    tokens = _tokens(core)
    # "Phường 01" and "Phường 1" are the same ward.
    return " ".join(str(int(t)) if t.isdigit() else t for t in tokens)


@functools.cache
def _legacy_province_codes() -> dict[str, int]:
    from vietnam_provinces.legacy import Province as LegacyProvince

    index = {
        _folded_core(p.name, _PROVINCE_PREFIXES): int(p.code) for p in LegacyProvince.iter_all()
    }
    for alias, official in _PROVINCE_ALIASES.items():
        if official in index:
            index.setdefault(alias, index[official])
    return index


@functools.cache
def _current_province_codes() -> dict[str, int]:
    index = {_folded_core(unit.name, _PROVINCE_PREFIXES): unit.code for unit in _provinces()}
    for alias, official in _PROVINCE_ALIASES.items():
        if official in index:
            index.setdefault(alias, index[official])
    return index


@functools.cache
def _legacy_districts(legacy_province_code: int) -> dict[str, int]:
    from vietnam_provinces.legacy import District as LegacyDistrict
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyProvinceCode

    return {
        _folded_core(d.name, _DISTRICT_PREFIXES): int(d.code)
        for d in LegacyDistrict.iter_by_province(LegacyProvinceCode(legacy_province_code))
    }


def _legacy_wards_named(
    core: str, legacy_province_code: int, district_code: int | None
) -> tuple[int, ...]:
    """Codes of old wards with this folded name, in the district if known, else the province."""
    if district_code is not None:
        return _legacy_ward_index_by_district(district_code).get(core, ())
    return _legacy_ward_index_by_province(legacy_province_code).get(core, ())


def _index_by_core(wards: Iterable[LegacyWard]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for ward in wards:
        index.setdefault(_folded_core(ward.name, _WARD_PREFIXES), []).append(int(ward.code))
    return {core: tuple(codes) for core, codes in index.items()}


@functools.cache
def _legacy_ward_index_by_district(district_code: int) -> dict[str, tuple[int, ...]]:
    from vietnam_provinces.legacy import Ward as LegacyWard
    from vietnam_provinces.legacy.codes import DistrictCode

    return _index_by_core(LegacyWard.iter_by_district(DistrictCode(district_code)))


@functools.cache
def _legacy_ward_index_by_province(legacy_province_code: int) -> dict[str, tuple[int, ...]]:
    from vietnam_provinces.legacy import Ward as LegacyWard
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyProvinceCode

    return _index_by_core(LegacyWard.iter_by_province(LegacyProvinceCode(legacy_province_code)))


@functools.cache
def _current_ward_codes(province_code: int) -> dict[str, int]:
    return {
        _folded_core(unit.name, _WARD_PREFIXES): unit.code for unit in list_wards(province_code)
    }


@functools.cache
def _successor_province(legacy_province_code: int) -> int | None:
    """The current province that took in most of an old province's wards."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import Ward as LegacyWard
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyProvinceCode

    votes: Counter[int] = Counter()
    for old_ward in LegacyWard.iter_by_province(LegacyProvinceCode(legacy_province_code)):
        for successor in Ward.search_from_legacy(code=int(old_ward.code)):
            votes[int(successor.ward.province_code)] += 1
    if votes:
        return votes.most_common(1)[0][0]
    successors = Province.search_from_legacy(code=legacy_province_code)
    return int(successors[0].province.code) if successors else None


def _successor_wards(legacy_ward_code: int) -> list[AdminUnit]:
    from vietnam_provinces import Ward

    units = []
    for successor in Ward.search_from_legacy(code=legacy_ward_code):
        unit = get_ward(int(successor.ward.code))
        if unit is not None:
            units.append(unit)
    return units


def _looks_like_district(part: str) -> bool:
    folded = fold_vietnamese(part)
    return any(folded.startswith(prefix) for prefix in _DISTRICT_PREFIXES)


def _looks_like_ward(part: str) -> bool:
    folded = fold_vietnamese(part)
    return any(folded.startswith(prefix) for prefix in _WARD_PREFIXES)


def map_legacy_address(text: str) -> LegacyMatch | None:
    """Today's province (and ward, when recognised) for an address from a card.

    ``text`` is comma-separated, most specific part first, province last, as
    printed on cards: "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam"
    maps to Thành phố Đà Nẵng / Phường Điện Bàn. An address already written
    with current units is recognised too. Returns None when no province is
    recognised in the last part. Never raises for any ``str``.
    """
    if not isinstance(text, str):
        return None
    # The province, district and ward come last: keep the end of an overlong text.
    parts = [collapse_spaces(p) for p in _ADDRESS_SPLIT.split(text[-_MAX_ADDRESS_CHARS:])]
    parts = [p for p in parts if p]
    if not parts:
        return None
    province_part, rest = parts[-1], parts[:-1]

    # A current two-level address: "..., Phường X, Thành phố Y".
    current_code = _current_province_codes().get(_folded_core(province_part, _PROVINCE_PREFIXES))
    if current_code is not None and rest and not _looks_like_district(rest[-1]):
        ward_code = _current_ward_codes(current_code).get(_folded_core(rest[-1], _WARD_PREFIXES))
        province = get_province(current_code)
        ward = get_ward(ward_code) if ward_code is not None else None
        if province is not None and ward is not None:
            return LegacyMatch(province, ward, "exact", (ward,))

    legacy_code = _legacy_province_codes().get(_folded_core(province_part, _PROVINCE_PREFIXES))
    if legacy_code is None:
        if current_code is None:
            return None
        province = get_province(current_code)
        return LegacyMatch(province, None, "province_only") if province else None
    return _map_legacy_parts(legacy_code, rest)


def _map_legacy_parts(legacy_code: int, rest: list[str]) -> LegacyMatch | None:
    districts = _legacy_districts(legacy_code)
    district_code: int | None = None
    ward_parts = rest
    for index in range(len(rest) - 1, -1, -1):
        if _looks_like_ward(rest[index]):
            continue
        found = districts.get(_folded_core(rest[index], _DISTRICT_PREFIXES))
        if found is not None:
            district_code, ward_parts = found, rest[:index]
            break

    for part in reversed(ward_parts):
        old_wards = _legacy_wards_named(
            _folded_core(part, _WARD_PREFIXES), legacy_code, district_code
        )
        if len(old_wards) != 1:
            continue
        successors = _successor_wards(old_wards[0])
        if not successors:
            continue
        # When an old ward was split, the part keeping its code is the likeliest.
        successors.sort(key=lambda unit: unit.code != old_wards[0])
        ward = successors[0]
        province = get_province(ward.province_code or 0)
        if province is None:
            continue
        confidence: Confidence = "exact" if len(successors) == 1 else "probable"
        return LegacyMatch(province, ward, confidence, tuple(successors))

    successor_code = _successor_province(legacy_code)
    province = get_province(successor_code) if successor_code is not None else None
    return LegacyMatch(province, None, "province_only") if province else None
