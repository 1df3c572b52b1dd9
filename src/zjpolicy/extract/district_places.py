"""The facts of a district table, and what names a place in one.

A place is a row name that ends like a place (区, 县, 市, 旗, 州, 盟 …), a division of
China's list (张家界, without its 市), or a total (合计, 全省). A fixed list of places is
no limit: next year's table of another province names places this code has never seen.
No place: 其他 and what starts with it (其他街镇), subtotals (市本级), a province (a row that
groups the cities of a national table under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from zjpolicy import places
from zjpolicy.normalise import fold_width
from zjpolicy.rules import alternation, table, value, words

_TOTAL_LABELS = frozenset(words("districts", "total_labels"))
_TOTAL_ENDINGS = alternation(words("districts", "total_endings"))
_TOTAL_ROW = re.compile(rf"[\u4e00-\u9fff]{{0,8}}(?:{_TOTAL_ENDINGS})(?:\(.*\))?")  # 全市合计, 合计(全市)
# 自治区(总计): the whole region named by its level, its total word in brackets (乌海市(合计) is a city's subtotal)
_TOTAL_IN_BRACKETS = re.compile(rf"([\u4e00-\u9fff]{{1,8}})\((?:{_TOTAL_ENDINGS})\)")
TOTAL_NAME: str = value("districts", "total_name")
SUBTOTALS = frozenset(words("districts", "subtotal_labels"))
_OTHER_STARTS = words("districts", "other_starts")
_PLACE_SUFFIXES = words("districts", "place_suffixes")
_PLACE_HEADERS = frozenset(words("districts", "place_headers"))
_LEVELS_ONLY = re.compile(rf"[{''.join(words('districts', 'place_header_chars'))}、()（）]{{2,12}}")  # 旗市区, 市(州)
# 地区(市州), 地区(市、州): a heading of the place column with the levels of its places in brackets
_LEVELS_IN_BRACKETS = re.compile(rf"(.+?)\(([{''.join(words('districts', 'place_header_chars'))}、]{{1,8}})\)")
NUMBER_HEADERS = frozenset(words("districts", "number_headers"))
_NAME = re.compile(r"[\u4e00-\u9fff]{1,16}")  # 双江拉祜族佤族布朗族傣族自治县


@dataclass
class DistrictCell:
    doc_id: str
    table_no: int
    district: str
    institution: str
    count: int
    is_total: bool
    start: int  # the number's cell in the normalised text
    end: int
    row_start: int  # the row label
    quote: str


@dataclass
class DistrictTable:
    """One table, with what a reader checks: its columns, rows and stated totals.

    A table whose headings could not be lined up with its data columns has no cells and
    says why in problem (check reports it)."""

    doc_id: str
    table_no: int
    columns: list[str]
    count_columns: list[str]
    cells: list[DistrictCell] = field(default_factory=list)
    title: str = ""
    problem: str = ""
    start: int = 0  # the table's first row label, in the normalised text
    end: int = 0


@cache
def _known_places() -> frozenset[str]:
    names = set()
    city_suffix: str = value("regions", "city_suffix")
    for city, districts in table("cities", file="places").items():
        names.add(city)
        names.add(city + city_suffix)
        names.update(districts)
    return frozenset(names)


def is_total(label: str) -> bool:
    if label in _TOTAL_LABELS or _TOTAL_ROW.fullmatch(label):
        return True
    bracketed = _TOTAL_IN_BRACKETS.fullmatch(label)
    return bracketed is not None and places.lookup(bracketed.group(1)) is None


def is_other(label: str) -> bool:
    """其他, 其它, 其他街镇: the rest, no place."""
    return label.startswith(_OTHER_STARTS)


def is_place_header(text: str) -> bool:
    """The heading of the place column (地区, 区、县(市), 旗市区, 市(州), 地区(市州)), not of a count."""
    text = fold_width(text)
    if text in _PLACE_HEADERS or (bool(_LEVELS_ONLY.fullmatch(text)) and text not in SUBTOTALS):  # 市区: city proper
        return True
    bracketed = _LEVELS_IN_BRACKETS.fullmatch(text)
    return bracketed is not None and bracketed.group(1) in _PLACE_HEADERS


def looks_like_place(label: str) -> bool:
    """A total, a place of places.toml, or a name that ends like a place: the cheap test that finds tables."""
    if is_total(label) or label in _known_places():
        return True
    return bool(_NAME.fullmatch(label)) and not is_other(label) and label.endswith(_PLACE_SUFFIXES)


def is_place(label: str) -> bool:
    """looks_like_place, or a division of China's list (张家界): the test of a row in a table found."""
    if looks_like_place(label):
        return True
    if not _NAME.fullmatch(label) or is_other(label) or label in SUBTOTALS:
        return False
    place = places.lookup(label)
    return place is not None and place.level != "province"


def place_or_subtotal(label: str) -> bool:
    return looks_like_place(label) or label in SUBTOTALS
