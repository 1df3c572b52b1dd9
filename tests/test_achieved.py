"""Achieved figures, the common measure of every target, work reports stored without their title, each
document's place, and a user's own measures file end to end (issue 12).

Achieved rows are (year, measure, value, unit, estimate), as GUIDE.md section 4 and dev3's calls have them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import VARIANTS, Case, cases, read_csv, run

from zjpolicy.corpus import document_from_text, read_document
from zjpolicy.extract import explain_targets, extract_all
from zjpolicy.places import contains, lookup

ACHIEVED: dict[str, list[tuple[object, ...]]] = {
    # one sentence: last year's figure is achieved, this year's (力争) a target
    "v43_achieved_and_target_in_one_sentence": [(2023, "hitech_firms_new", 120, "家", 0)],
    # a report stored without its title: the review (一、2023年工作回顾) gives 2023; 预计数,下同 governs the
    # figures from its own on, not the one before it; a flow and a stock in one clause are two rows
    "v44_report_without_title": [
        (2023, "budget_revenue_growth", 8.1, "%", 0), (2023, "gdp_growth", 6.1, "%", 1),
        (2023, "industry_growth", 7.2, "%", 1), (2023, "hitech_firms_new", 300, "家", 1), (2023, "hitech_firms", 2100, "家", 1),
    ],
    # 过去一年 in a 2024 report is 2023, though its heading names no year
    "v45_report_last_year": [(2023, "investment_growth", 9.3, "%", 0), (2023, "retail_growth", 7.4, "%", 0)],
    # a bulletin: its title's year; its closing 初步统计数 note makes every figure an estimate; a fall is negative;
    # 按可比价格计算 between a subject and its growth
    "v46_bulletin_estimates_and_falls": [
        (2023, "gdp_growth", 5.2, "%", 1), (2023, "industry_growth", 6.0, "%", 1),
        (2023, "investment_growth", -3.4, "%", 1), (2023, "invention_patents", 1.2, "万件", 1),
    ],
    # a level, its growth and its share in one sentence are three rows
    "v47_share_level_and_growth": [
        (2023, "digital_core_value", 5675, "亿元", 0), (2023, "digital_core_growth", 8.5, "%", 0),
        (2023, "digital_core_share", 28.3, "%", 0),
    ],
    # without the user's measures file the incubators are no measure
    "v48_user_measure": [],
}

MEASURED_TARGETS: dict[str, list[tuple[object, ...]]] = {  # (year, value, measure) of each target
    "v43_achieved_and_target_in_one_sentence": [(2024, 150, "hitech_firms_new"), (2024, 3.2, "rd_intensity")],
    "v44_report_without_title": [(2024, 6, "gdp_growth"), (2024, 350, "hitech_firms_new")],
    "v45_report_last_year": [(2024, 7, "investment_growth")],
    "v48_user_measure": [(2024, 3, ""), (2024, 20, "hitech_firms_new")],
}


def _facts(name: str):
    return extract_all(read_document(VARIANTS / f"{name}.txt"))


@pytest.mark.parametrize("name", sorted(ACHIEVED))
def test_achieved_figures(name: str) -> None:
    facts = _facts(name)
    got = [(a.year, a.measure, a.value, a.unit, a.estimate) for a in facts.achieved]
    assert got == ACHIEVED[name]
    for a in facts.achieved:
        assert a.quote == facts.doc.text[a.start:a.end] and a.start <= a.value_start < a.value_end <= a.end


@pytest.mark.parametrize("name", sorted(MEASURED_TARGETS))
def test_every_target_gets_its_measure(name: str) -> None:
    assert [(t.year, t.value, t.measure) for t in _facts(name).targets] == MEASURED_TARGETS[name]


def test_a_target_is_never_an_achieved_figure() -> None:
    facts = _facts("v43_achieved_and_target_in_one_sentence")
    assert {a.value_start for a in facts.achieved}.isdisjoint(t.value_start for t in facts.targets)
    (past,) = [d for d in explain_targets(facts.doc) if d.written == "120家"]
    assert (past.step, past.targets, len(past.figures)) == ("past year", (), 1)
    assert past.figures[0].indicator.endswith("新认定高新技术企业")


def test_a_figure_of_part_of_a_year_is_not_annotated() -> None:
    doc = document_from_text("half", "某市2024年上半年科技工作总结\n一、工作总结\n上半年新认定高新技术企业120家。\n")
    assert extract_all(doc).achieved == []


def _figures(text: str) -> list[tuple[int | None, str, float]]:
    """(year, measure, value) of the achieved figures of a document of that text."""
    return [(a.year, a.measure, a.value) for a in extract_all(document_from_text("doc", text)).achieved]


def test_a_figure_at_a_month_of_the_year_is_not_the_years() -> None:
    """截至2024年3月底 dates a stock within the year: progress would set it against the year's target."""
    text = ("某区2024年一季度专利统计\n截至2024年3月底,全区有效发明专利4321件。\n"
            "2024年截至6月底,每万人有效发明专利拥有量12.5件。\n截至2023年12月底,全区有效发明专利4100件。\n")
    assert _figures(text) == [(2023, "invention_patents", 4100)]


def test_a_report_of_a_month_gives_no_figure_of_that_year() -> None:
    """2024年5月…专利数据统计: its figures are at the end of May (the text may drop the 年: 截至20245月底);
    a figure of the year before, in the same report, is that year's."""
    text = ("2024年5月某自治区专利数据统计\n截至20245月底,全区有效发明专利7406件。\n"
            "2023年全区有效发明专利7000件。\n")
    assert _figures(text) == [(2023, "invention_patents", 7000)]


def test_a_figure_of_months_in_a_review_is_not_the_years() -> None:
    """1—11月，全社会固定资产投资增长4.1%: months of the year reviewed, not the year; the year's figure is."""
    text = ("2024年某市政府工作报告\n一、2023年工作回顾\n1—11月，全社会固定资产投资增长4.1%。\n"
            "全年地区生产总值增长5.3%。\n")
    assert _figures(text) == [(2023, "gdp_growth", 5.3)]


def test_a_figure_with_a_part_taken_out_is_not_the_measures() -> None:
    """排除水电行业影响，…增加值增速13.3%: the adjusted figure is not the city's growth; the next sentence's is."""
    text = ("2024年某市政府工作报告\n一、2023年工作回顾\n排除水电行业影响，全市规模以上工业增加值增速13.3%。\n"
            "全市规模以上工业增加值增长6.1%。\n")
    assert _figures(text) == [(2023, "industry_growth", 6.1)]


def test_a_report_stored_without_its_title_is_read_from_its_text() -> None:
    doc = read_document(VARIANTS / "v44_report_without_title.txt")
    assert (doc.kind, doc.year) == ("report", 2024)
    assert (doc.region, doc.region_code, doc.province) == ("丽水市", "3311", "浙江省")


@pytest.mark.parametrize("case", cases("places", "document_region", name="region"))
def test_the_place_of_a_document(case: Case) -> None:
    assert document_from_text("d", case["text"]).region == case["region"]


def test_places_of_documents_compare() -> None:
    district = document_from_text("d", "发布机构: 杭州市萧山区科学技术局\n2024年科技工作要点\n")
    city = document_from_text("c", "杭州市科学技术局2024年工作要点\n")
    inner, outer = lookup(district.region), lookup(city.region)
    assert inner is not None and outer is not None and contains(outer, inner) and not contains(inner, outer)
    assert district.province == city.province == "浙江省" and lookup("杭州") == outer


def test_docs_says_when_a_place_is_unknown(tmp_path: Path) -> None:
    doc = tmp_path / "nowhere.txt"
    doc.write_text("2024年科技工作要点\n新增高新技术企业100家。\n", encoding="utf-8")
    db = tmp_path / "n.db"
    assert run(db, "load", doc).exit_code == 0
    (row,) = read_csv(run(db, "docs", "-c", "id,region", "-f", "csv").stdout)
    assert row == {"id": "nowhere", "region": "未知"}
    (en,) = read_csv(run(db, "docs", "-c", "id,region", "-f", "csv", "--lang", "en").stdout)
    assert en["region"] == "unknown"


def _measures_of(db: Path) -> tuple[list[tuple[str, str]], list[tuple[int, str, float]]]:
    conn = sqlite3.connect(db)
    try:
        targets = conn.execute("select indicator, measure from targets order by seq").fetchall()
        achieved = conn.execute("select year, measure, value from achieved order by seq").fetchall()
        return targets, achieved
    finally:
        conn.close()


def test_a_users_measures_file_end_to_end(tmp_path: Path) -> None:
    doc, own, db = VARIANTS / "v48_user_measure.txt", VARIANTS / "v48_user_measure.toml", tmp_path / "u.db"
    result = run(db, "load", doc, "--measures", own)
    assert result.exit_code == 0, result.output
    assert _measures_of(db) == (
        [("科技企业孵化器", "incubators_new"), ("高新技术企业", "hitech_firms_new")], [(2023, "incubators_new", 2.0)]
    )
    # the same file without the user's measures: another measure set, so the document is read again
    assert run(db, "load", doc).exit_code == 0
    assert _measures_of(db) == ([("科技企业孵化器", ""), ("高新技术企业", "hitech_firms_new")], [])


def test_the_config_folders_measures_file_is_read_by_a_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "measures.toml").write_bytes((VARIANTS / "v48_user_measure.toml").read_bytes())
    monkeypatch.setenv("ZJPOLICY_CONFIG_DIR", str(config))
    db = tmp_path / "c.db"
    assert run(db, "load", VARIANTS / "v48_user_measure.txt").exit_code == 0
    assert _measures_of(db)[0][0] == ("科技企业孵化器", "incubators_new")


def test_a_bad_measures_file_is_a_one_line_error_before_anything_is_written(old_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[measure.x]\nzh = \"某\"\n", encoding="utf-8")
    before = old_db.read_bytes()
    result = run(old_db, "load", VARIANTS / "v48_user_measure.txt", "--measures", bad)
    assert result.exit_code != 0
    assert result.output == f"Error: {bad}: measure 'x': missing kind\n"
    assert old_db.read_bytes() == before


def test_export_writes_achieved_figures_and_measures(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert run(db, "load", VARIANTS / "v44_report_without_title.txt").exit_code == 0
    assert run(db, "export", tmp_path / "out").exit_code == 0
    achieved = read_csv((tmp_path / "out" / "achieved.csv").read_text(encoding="utf-8"))
    assert [(r["year"], r["measure"], r["value"], r["estimate"]) for r in achieved][:2] == [
        ("2023", "budget_revenue_growth", "8.1", "0"), ("2023", "gdp_growth", "6.1", "1")]
    targets = read_csv((tmp_path / "out" / "targets.csv").read_text(encoding="utf-8"))
    assert [(r["year"], r["measure"]) for r in targets] == [("2024", "gdp_growth"), ("2024", "hitech_firms_new")]


def test_a_number_before_its_noun_keeps_the_measure() -> None:
    doc = document_from_text("x", "某市2024年科技工作计划\n一、主要目标\n力争新增100家高新技术企业,新增科技企业孵化器5家。\n")
    assert [(t.value, t.measure) for t in extract_all(doc).targets] == [(100, "hitech_firms_new"), (5, "")]
