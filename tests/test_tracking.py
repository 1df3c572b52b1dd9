"""The pieces of the views across documents: places of documents and regions that nest, figures in a
target's unit, which figure to believe, statuses and their direction, and the measures' `better`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from zjpolicy import glossary, measures, tracking
from zjpolicy.errors import ZjpolicyError
from zjpolicy.measures import load_measures
from zjpolicy.regions import RegionIndex, code_key, document_place

DOCS = [
    {"id": "hz", "region": "杭州市", "region_code": "330100", "city": "", "district": "", "province": "浙江省"},
    {"id": "hz_short", "region": "杭州", "region_code": "", "city": "杭州", "district": "", "province": ""},
    {"id": "xs", "region": "萧山区", "region_code": "", "city": "杭州", "district": "萧山区", "province": ""},
    {"id": "yy", "region": "余姚市", "region_code": "330281", "city": "宁波", "district": "", "province": "浙江省"},
    {"id": "gl", "region": "鼓楼区", "region_code": "", "city": "南京", "district": "", "province": ""},
    {"id": "zone", "region": "滨江高新区", "region_code": "", "city": "", "district": "", "province": ""},
    {"id": "none", "region": "", "region_code": "", "city": "", "district": "", "province": ""},
]


# ---------------------------------------------------------------- places and regions


def test_division_codes_meet_whichever_way_they_are_written() -> None:
    assert [code_key(c) for c in ("330100", "3301", "330000", "330109", "", None)] == ["3301", "3301", "33", "330109", "", ""]


def test_a_documents_place_comes_from_its_code_else_its_names() -> None:
    found = {d["id"]: document_place(d) for d in DOCS}
    names = {k: (p.name, p.code) if p else None for k, p in found.items()}
    assert names == {
        "hz": ("杭州市", "3301"), "hz_short": ("杭州市", "3301"), "xs": ("萧山区", "330109"),
        "yy": ("余姚市", "330281"), "gl": ("鼓楼区", "320106"), "zone": None, "none": None,
    }


def test_a_region_selects_its_documents_and_those_of_the_places_inside_it() -> None:
    index = RegionIndex(DOCS)
    assert index.select("杭州市") == index.select("杭州") == index.select("Hangzhou") == ["hz", "hz_short", "xs"]
    assert index.select("浙江省") == ["hz", "hz_short", "xs", "yy"]
    assert index.select("萧山") == index.select("Xiaoshan District") == ["xs"]
    assert index.select("南京市") == ["gl"]
    # a name that is no division: the text of the documents' regions
    assert index.select("高新区") == ["zone"]
    assert index.select("温州市") == []


def test_a_name_several_divisions_share_is_read_inside_the_loaded_provinces() -> None:
    only_nanjing = RegionIndex([DOCS[4]])
    assert only_nanjing.wanted("鼓楼区") is not None and only_nanjing.select("鼓楼区") == ["gl"]
    assert RegionIndex(DOCS[:4]).wanted("鼓楼区") is None  # 浙江省 has no 鼓楼区


def test_regions_are_labelled_and_listed_in_the_divisions_order() -> None:
    index = RegionIndex(DOCS)
    assert index.labels() == ["鼓楼区", "杭州市", "萧山区", "余姚市", "滨江高新区"]
    rows: list[dict[str, Any]] = [{"doc": "hz_short"}, {"doc": "zone"}, {"doc": "none"}]
    index.locate(rows)
    assert [(r["region"], r["region_code"], r["_place"]) for r in rows] == [
        ("杭州市", "330100", "3301"), ("滨江高新区", "", "text:滨江高新区"), ("", "", ""),
    ]


def test_english_place_names_come_from_the_glossary_then_the_divisions() -> None:
    assert glossary.place("杭州市") == "Hangzhou City" and glossary.place("萧山区") == "Xiaoshan District"
    assert glossary.place("海淀区") == "Haidian District" and glossary.place("长沙县") == "Changsha County"
    assert glossary.place("鼓楼区") == "鼓楼区"  # four divisions have the name: it stays as written
    assert glossary.place("某某新区") == "某某新区"


# ---------------------------------------------------------------- figures against targets


def fact(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc": "d", "year": 2024, "measure": "rd_spending", "indicator": "x", "value": 800.0, "unit": "亿元",
        "comparator": "=", "value_base": 8e10, "base_unit": "元", "estimate": 0, "start": 0, "end": 1, "quote": "q",
        "region": "杭州市", "region_code": "330100", "_place": "3301", "_order": ("3301", "杭州市"), "doc_date": "",
    }
    return {**base, **fields}


def test_a_figure_is_read_in_the_targets_unit_through_the_base_unit() -> None:
    target = fact()
    assert tracking.in_unit_of(target, fact(value=812.0)) == 812
    assert tracking.in_unit_of(target, fact(value=8.12e10, unit="元", value_base=8.12e10)) == 812
    assert tracking.in_unit_of(target, fact(value=8120000.0, unit="万元", value_base=8.12e10)) == 812
    share = fact(value=3.95, unit="%", value_base=3.95, base_unit="%")
    assert tracking.in_unit_of(share, fact(value=0.1, unit="个百分点", value_base=0.1, base_unit="个百分点")) is None
    assert tracking.in_unit_of(share, fact()) is None


def test_the_figure_to_believe_is_a_final_one_then_the_later_documents() -> None:
    early = fact(doc="a", doc_date="2025-01-20", value=3.9, estimate=1)
    final = fact(doc="b", doc_date="2024-12-01", value=3.92)
    later = fact(doc="c", doc_date="2025-06-01", value=3.93)
    assert [f["doc"] for f in tracking.best_first([early, final, later])] == ["c", "b", "a"]


NOW = date(2025, 3, 1)


def status(target: dict[str, Any], *figures: dict[str, Any], lower: set[str] | None = None) -> tuple[Any, ...]:
    row = tracking.progress_row(target, list(figures), now=NOW, lower_better=lower or set())
    return row["status"], row["figure"], row["figure_year"], row["gap"]


def test_every_status_and_its_gap() -> None:
    target = fact(value=3.95, unit="%", value_base=3.95, base_unit="%", measure="rd_intensity")
    figure = fact(value=3.9, unit="%", value_base=3.9, base_unit="%", measure="rd_intensity")
    assert status(target, figure) == ("short", 3.9, 2024, -0.05)
    assert status(target, {**figure, "value": 3.95, "value_base": 3.95}) == ("met", 3.95, 2024, 0)
    assert status({**target, "year": 2025}, figure) == ("not yet due", 3.9, 2024, -0.05)
    assert status({**target, "year": 2025}) == ("not yet due", None, None, None)
    assert status({**target, "year": 2026}, {**figure, "year": 2023}) == ("not yet due", 3.9, 2023, -0.05)
    assert status(target, {**figure, "year": 2023}) == ("no figure", 3.9, 2023, -0.05)
    assert status(target) == ("no figure", None, None, None)
    assert status({**target, "year": None}, figure) == ("no year", None, None, None)
    # a later year's figure says nothing of an earlier target
    assert status(target, {**figure, "year": 2025}) == ("no figure", None, None, None)


def test_which_way_a_figure_beats_its_target() -> None:
    rate = fact(measure="unemployment_rate", value=5.5, unit="%", value_base=5.5, base_unit="%")
    low = fact(measure="unemployment_rate", value=4.8, unit="%", value_base=4.8, base_unit="%")
    high = {**low, "value": 5.8, "value_base": 5.8}
    lower = {"unemployment_rate"}
    assert status(rate, low, lower=lower)[0] == "met" and status(rate, high, lower=lower)[0] == "short"
    assert status(rate, low)[0] == "short"  # a measure where higher is better
    assert status({**rate, "comparator": "<="}, low)[0] == "met"  # 以内: at most, whatever the measure
    assert status({**rate, "comparator": ">="}, low, lower=lower)[0] == "short"  # 以上: at least


def test_compare_rows_join_several_targets_once_each_with_their_documents() -> None:
    targets = [
        fact(doc="plan", doc_date="2024-03-12", start=5), fact(doc="plan", doc_date="2024-03-12", start=9),
        fact(doc="report", doc_date="2024-01-25", value=780.0, value_base=7.8e10, comparator=">="),
    ]
    figures = [fact(doc="later", value=8.12e10, unit="元", value_base=8.12e10, estimate=1)]
    (row,) = tracking.compare_rows(targets, figures)
    assert {k: row[k] for k in ("target", "target_doc", "achieved", "achieved_doc", "target_value", "achieved_value")} == {
        "target": ">=780亿元; 800亿元", "target_doc": "report; plan", "achieved": "81200000000元 (estimate)",
        "achieved_doc": "later", "target_value": 800.0, "achieved_value": 812,
    }


# ---------------------------------------------------------------- the measures' `better`


def test_better_is_read_from_the_data_and_checked(tmp_path: Path) -> None:
    builtin = load_measures(config_file=tmp_path / "none.toml")
    assert {m.id for m in builtin if m.better == "lower"} == {"unemployment_rate"}
    path = tmp_path / "mine.toml"
    path.write_text('[measure.x]\nzh = "某"\nkind = "share"\nunit = "%"\nnames = ["某某"]\nbetter = "down"\n',
                    encoding="utf-8")
    with pytest.raises(ZjpolicyError, match="measure 'x': better must be \"higher\" or \"lower\"$"):
        load_measures(path, config_file=tmp_path / "none.toml")


def test_better_does_not_change_the_measures_fingerprint(tmp_path: Path) -> None:
    """How progress is read is no part of how an indicator is classified: no re-extraction for it."""
    path = tmp_path / "mine.toml"
    path.write_text('[measure.unemployment_rate]\nzh = "城镇调查失业率"\nen = "Surveyed urban unemployment rate"\n'
                    'kind = "share"\nunit = "%"\nnames = ["城镇调查失业率", "调查失业率"]\n', encoding="utf-8")
    changed = load_measures(path, config_file=tmp_path / "none.toml")
    assert changed.measures["unemployment_rate"].better == "higher"
    assert changed.fingerprint() == load_measures(config_file=tmp_path / "none.toml").fingerprint()
    assert measures.BETTER == ("higher", "lower")
