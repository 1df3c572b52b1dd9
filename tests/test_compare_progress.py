"""`measures`, `compare`, `progress` and `targets --measure/--region` through the CLI, on a database
whose measures, achieved figures and places are set by hand (tests/tracking_db.py lists them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run
from tracking_db import H24, H25, PLAN, XIAOSHAN, YUYAO, build

from zjpolicy import measures, tracking


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("tracking"))


@pytest.fixture(autouse=True)
def _fixed_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Today is 2025-03-01; no user's measures file is read; the active measures are restored afterwards."""
    monkeypatch.setattr(tracking, "today", lambda: date(2025, 3, 1))
    monkeypatch.setenv("ZJPOLICY_CONFIG_DIR", str(tmp_path / "config"))
    saved = list(measures._ACTIVE)
    measures._ACTIVE.clear()
    yield
    measures._ACTIVE[:] = saved


def csv_rows(db: Path, *args: str) -> list[dict[str, str]]:
    result = run(db, *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return read_csv(result.stdout)


def change(db: Path, sql: str, *params: str) -> None:
    """One statement run on the database file, committed and closed."""
    conn = sqlite3.connect(db)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def picked(rows: list[dict[str, str]], columns: str) -> list[tuple[str, ...]]:
    return [tuple(r[c] for c in columns.split(",")) for r in rows]


# ---------------------------------------------------------------- measures


def test_measures_lists_every_measure_with_its_counts(db: Path) -> None:
    rows = csv_rows(db, "measures")
    assert len(rows) == 28
    by_id = {r["id"]: r for r in rows}
    assert by_id["rd_intensity"] == {
        "id": "rd_intensity", "zh": "研发经费投入强度", "en": "R&D intensity (R&D spending / GDP)", "kind": "share",
        "unit": "%", "better": "higher", "targets": "4", "achieved": "3", "origin": "built-in",
    }
    assert picked([by_id["unemployment_rate"], by_id["hitech_firms"], by_id["tech_smes"]], "better,targets,achieved") == [
        ("lower", "1", "1"), ("higher", "2", "0"), ("higher", "0", "0"),
    ]


def test_measures_shows_a_users_measures_and_ids_no_definition_names(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "measures.toml").write_text(
        '[measure.patent_grants]\nzh = "发明专利授权量"\nen = "Invention patents granted"\nkind = "flow"\nunit = "件"\n'
        'names = ["发明专利授权量"]\n', encoding="utf-8")
    mine = tmp_path / "mine.db"
    mine.write_bytes(db.read_bytes())
    change(mine, "update targets set measure = 'old_measure' where doc_id = ? and seq = 3", PLAN)
    rows = {r["id"]: r for r in csv_rows(mine, "measures")}
    assert picked([rows["patent_grants"], rows["old_measure"]], "zh,targets,origin") == [
        ("发明专利授权量", "0", str(config / "measures.toml")), ("", "1", "not defined"),
    ]


# ---------------------------------------------------------------- compare

COMPARE = "region,year,target,achieved,target_doc,achieved_doc,target_value,achieved_value,unit,estimate"
RD_INTENSITY = [
    ("杭州市", "2023", "", "3.86%", "", H24, "", "3.86", "%", "0"),
    ("杭州市", "2024", "4%; 3.95%", "3.9% (estimate)", f"{H24}; {PLAN}", H25, "3.95", "3.9", "%", "1"),
    ("杭州市", "2025", "4.1%", "", H25, "", "4.1", "", "%", "0"),
    ("萧山区", "2020", "", "3.21%", "", XIAOSHAN, "", "3.21", "%", "0"),
    ("萧山区", "2022", "3.3%", "", XIAOSHAN, "", "3.3", "", "%", "0"),
]


def test_compare_gives_one_row_per_region_and_year_sorted_by_region_then_year(db: Path) -> None:
    rows = csv_rows(db, "compare", "rd_intensity")
    assert picked(rows, COMPARE) == RD_INTENSITY
    assert {(r["measure"], r["region_code"]) for r in rows} == {("rd_intensity", "330100"), ("rd_intensity", "330109")}


def test_compare_converts_a_figure_into_the_targets_unit_and_pipes_as_csv(db: Path) -> None:
    result = run(db, "compare", "rd_spending")  # not a terminal: CSV
    assert result.exit_code == 0, result.output
    assert picked(read_csv(result.stdout), COMPARE) == [
        ("杭州市", "2024", "800亿元", "812亿元", PLAN, H25, "800", "812", "亿元", "0"),
    ]
    assert run(db, "compare", "rd_spending", "--columns", "region,achieved", "--bom").stdout_bytes == (
        "\ufeffregion,achieved\r\n杭州市,812亿元\r\n".encode()
    )


@pytest.mark.parametrize("region", ["杭州市", "杭州", "Hangzhou", "hangzhou"])
def test_compare_region_names_one_place_and_the_places_inside_it(db: Path, region: str) -> None:
    assert picked(csv_rows(db, "compare", "rd_intensity", "--region", region), COMPARE) == RD_INTENSITY


def test_compare_by_region_and_year(db: Path) -> None:
    assert picked(csv_rows(db, "compare", "rd_intensity", "--region", "萧山区"), COMPARE) == RD_INTENSITY[3:]
    assert picked(csv_rows(db, "compare", "rd_intensity", "--year", "2024"), COMPARE) == [RD_INTENSITY[1]]
    assert picked(csv_rows(db, "compare", "hitech_firms_new", "--region", "宁波市"), "region,year,target,achieved") == [
        ("余姚市", "2022", "", "199家"), ("余姚市", "2023", "166家", ""),
    ]


def test_compare_in_english(db: Path) -> None:
    rows = csv_rows(db, "compare", "rd_intensity", "--lang", "en")
    assert picked(rows, "region,region_zh,year,achieved") == [
        ("Hangzhou City", "杭州市", "2023", "3.86%"), ("Hangzhou City", "杭州市", "2024", "3.9% (estimate)"),
        ("Hangzhou City", "杭州市", "2025", ""), ("Xiaoshan District", "萧山区", "2020", "3.21%"),
        ("Xiaoshan District", "萧山区", "2022", ""),
    ]
    table = run(db, "compare", "rd_intensity", "--lang", "en", "--format", "table").stdout
    assert table.splitlines()[0].strip() == (
        "R&D intensity (R&D spending / GDP) (rd_intensity): targets and achieved figures by region and year: 5")
    # the tests' locale is Chinese: the title too
    assert run(db, "compare", "rd_intensity", "--format", "table").stdout.splitlines()[0].strip() == (
        "研发经费投入强度 (rd_intensity)：各地区各年的目标与实绩，5 行")


def test_compare_chart_of_the_targets_or_the_figures(db: Path) -> None:
    result = run(db, "compare", "rd_intensity", "--chart", COLUMNS="70")
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "研发经费投入强度 (rd_intensity): targets by region and year (%)"
    assert [(line.split()[0], line.split()[1], line.split()[-1]) for line in lines[1:]] == [
        ("杭州市", "2024", "3.95"), ("杭州市", "2025", "4.1"), ("萧山区", "2022", "3.3"),
    ]
    figures = run(db, "compare", "rd_intensity", "--chart", "--achieved", "--lang", "en").stdout.splitlines()
    assert figures[0] == "R&D intensity (R&D spending / GDP) (rd_intensity): achieved figures by region and year (%)"
    assert [line.rsplit(None, 1)[1] for line in figures[1:]] == ["3.86", "3.9", "3.21"]
    assert figures[1].startswith("Hangzhou City 2023 ") and figures[3].startswith("Xiaoshan District 2020 ")
    wrong = run(db, "compare", "rd_intensity", "--chart", "--format", "csv")
    assert wrong.exit_code == 2 and wrong.stderr == "Error: --chart draws in the terminal: leave out --format and --bom\n"


def test_compare_an_unknown_measure_is_a_one_line_error_listing_the_ids(db: Path) -> None:
    result = run(db, "compare", "rd_intensty")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: measure rd_intensty: no such measure; choose one of rd_intensity, ")
    assert result.stderr.count("\n") == 1 and "g5_stations_new" in result.stderr


def test_compare_with_nothing_to_show_says_what_exists(db: Path) -> None:
    result = run(db, "compare", "rd_intensity", "--region", "宁波", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("region,year,target,") and result.stdout.count("\n") == 1
    assert result.stderr == (
        "no targets or achieved figures for region 宁波, measure rd_intensity; regions in the database: 杭州市, 萧山区, "
        "宁波市, 余姚市; measures in the database: hitech_firms (2 targets, 0 figures), hitech_firms_new (3 targets, "
        "3 figures), rd_intensity (4 targets, 3 figures), rd_spending (1 target, 1 figure), unemployment_rate "
        "(1 target, 1 figure)\n"
    )


# ---------------------------------------------------------------- progress

PROGRESS = "region,year,measure,comparator,target,unit,figure,figure_year,gap,status,doc,figure_doc,estimate"
EVERY_STATUS = [
    ("杭州市", "2024", "hitech_firms", "ge", "1.7", "万家", "", "", "", "no figure", PLAN, "", "0"),
    ("杭州市", "2024", "hitech_firms_new", "eq", "2000", "家", "2500", "2023", "500", "no figure", PLAN, H24, "0"),
    ("杭州市", "2024", "rd_intensity", "eq", "4", "%", "3.9", "2024", "-0.1", "short", H24, H25, "1"),
    ("杭州市", "2024", "rd_intensity", "eq", "3.95", "%", "3.9", "2024", "-0.05", "short", PLAN, H25, "1"),
    ("杭州市", "2024", "rd_spending", "eq", "800", "亿元", "812", "2024", "12", "met", PLAN, H25, "0"),
    ("杭州市", "2024", "unemployment_rate", "eq", "5.5", "%", "4.8", "2024", "-0.7", "met", H24, H25, "0"),
    ("杭州市", "2025", "rd_intensity", "eq", "4.1", "%", "3.9", "2024", "-0.2", "not yet due", H25, H25, "1"),
    ("杭州市", "", "hitech_firms", "ge", "1.6", "万家", "", "", "", "no year", H24, "", "0"),
    ("萧山区", "2022", "hitech_firms_new", "ge", "300", "家", "469", "2021", "169", "no figure", XIAOSHAN, XIAOSHAN, "0"),
    ("萧山区", "2022", "rd_intensity", "eq", "3.3", "%", "3.21", "2020", "-0.09", "no figure", XIAOSHAN, XIAOSHAN, "0"),
    ("余姚市", "2023", "hitech_firms_new", "eq", "166", "家", "199", "2022", "33", "no figure", YUYAO, YUYAO, "0"),
]


def test_progress_gives_every_measured_target_its_figure_gap_and_status(db: Path) -> None:
    result = run(db, "progress", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert picked(rows, PROGRESS) == EVERY_STATUS
    # the stock target 1.7万家 never meets the flow figure 2500家 of the same place (hitech_firms_new, 2023)
    assert rows[0]["indicator"] == "有效高新技术企业总数" and rows[0]["figure_quote"] == ""
    assert (rows[4]["quote"], rows[4]["figure_quote"]) == ("力争全社会研究与试验发展经费支出达800亿元", "全社会研究与试验发展经费支出812亿元")


def test_progress_title_counts_the_statuses_as_of_today(db: Path) -> None:
    title = run(db, "progress", "--format", "table", "--lang", "en").stdout.splitlines()[0].strip()
    assert title == "Progress of every measure as of 2025-03-01: 11 targets (met 2, short 2, not yet due 1, no figure 5, no year 1)"
    title = run(db, "progress", "--format", "table").stdout.splitlines()[0].strip()  # the tests' locale: Chinese
    assert title == "全部通用指标的进展（截至 2025-03-01）：11 个目标（已达成 2，未达成 2，未到期 1，无实绩 5，无年份 1）"


def test_a_target_whose_year_has_not_ended_is_not_yet_due_unless_a_figure_exists(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracking, "today", lambda: date(2024, 6, 30))
    rows = csv_rows(db, "progress", "--region", "杭州市", "--year", "2024")
    assert picked(rows, "measure,target,status") == [
        ("hitech_firms", "1.7", "not yet due"), ("hitech_firms_new", "2000", "not yet due"),
        ("rd_intensity", "4", "short"), ("rd_intensity", "3.95", "short"), ("rd_spending", "800", "met"),
        ("unemployment_rate", "5.5", "met"),
    ]


def test_progress_by_measure_status_and_region(db: Path) -> None:
    assert picked(csv_rows(db, "progress", "--measure", "rd_intensity"), PROGRESS) == [
        EVERY_STATUS[2], EVERY_STATUS[3], EVERY_STATUS[6], EVERY_STATUS[9],
    ]
    assert picked(csv_rows(db, "progress", "--status", "met"), PROGRESS) == [EVERY_STATUS[4], EVERY_STATUS[5]]
    # 杭州市 holds 萧山区, not 余姚市; 宁波 holds 余姚市
    assert picked(csv_rows(db, "progress", "--region", "Hangzhou"), PROGRESS) == EVERY_STATUS[:10]
    assert picked(csv_rows(db, "progress", "--region", "宁波"), PROGRESS) == EVERY_STATUS[10:]
    assert picked(csv_rows(db, "progress", "--region", "萧山"), PROGRESS) == EVERY_STATUS[8:10]


def test_progress_in_english(db: Path) -> None:
    rows = csv_rows(db, "progress", "--measure", "rd_spending", "--lang", "en")
    assert picked(rows, "region,region_zh,comparator,unit,unit_zh,status") == [
        ("Hangzhou City", "杭州市", "reach", "100 million yuan", "亿元", "met"),
    ]
    title = run(db, "progress", "--measure", "rd_spending", "--lang", "en", "--format", "table").stdout.splitlines()[0]
    assert title.strip() == "Progress of Gross R&D spending (rd_spending) as of 2025-03-01: 1 targets (met 1)"


def test_progress_bad_options_are_one_line_errors(db: Path) -> None:
    bad_status = run(db, "progress", "--status", "late")
    assert bad_status.exit_code == 2
    assert bad_status.stderr == "Error: --status late: choose one of met, short, not yet due, no figure, no year\n"
    bad_measure = run(db, "progress", "--measure", "rd")
    assert bad_measure.exit_code == 2 and bad_measure.stderr.startswith("Error: --measure rd: no such measure; choose")


def test_progress_with_nothing_to_show_says_what_exists(db: Path) -> None:
    result = run(db, "progress", "--region", "萧山区", "--status", "met", "--format", "csv")
    assert result.exit_code == 0 and read_csv(result.stdout) == []
    assert result.stderr == (
        "no targets with a measure for region 萧山区, status met; regions in the database: 杭州市, 萧山区, 宁波市, 余姚市\n"
    )
    none_of_it = run(db, "progress", "--measure", "tech_smes")
    assert none_of_it.exit_code == 0
    assert none_of_it.stderr.startswith("no targets for measure tech_smes; measures in the database: hitech_firms (2 ")


def test_progress_on_a_database_with_no_measures_says_so(db: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.db"
    bare.write_bytes(db.read_bytes())
    change(bare, "update targets set measure = ''")
    result = run(bare, "progress")
    assert result.exit_code == 0 and result.stderr == "no targets with a measure in the database (see: zjpolicy measures)\n"


# ---------------------------------------------------------------- targets --measure, --region


def test_targets_by_measure(db: Path) -> None:
    rows = csv_rows(db, "targets", "--measure", "rd_intensity")
    assert picked(rows, "year,value,unit,doc") == [
        ("2022", "3.3", "%", XIAOSHAN), ("2024", "3.95", "%", PLAN), ("2024", "4", "%", H24), ("2025", "4.1", "%", H25),
    ]
    unknown = run(db, "targets", "--measure", "rd_intensty")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("Error: --measure rd_intensty: no such measure; choose one of")


@pytest.mark.parametrize("region", ["杭州市", "杭州", "Hangzhou"])
def test_targets_region_is_a_place_and_the_places_inside_it(seeds_db: Path, region: str) -> None:
    rows = csv_rows(seeds_db, "targets", "--region", region)
    assert sorted({r["doc"] for r in rows}) == [XIAOSHAN, PLAN]
    assert len(rows) == 55


def test_targets_for_a_region_with_none_says_which_regions_exist(seeds_db: Path) -> None:
    result = run(seeds_db, "targets", "--region", "温州市")
    assert result.exit_code == 0 and result.stdout.count("\n") == 1
    assert result.stderr == "no targets for region 温州市; regions in the database: 杭州市, 萧山区, 宁波市, 余姚市\n"
    years = run(seeds_db, "targets", "--year", "2030", "--region", "宁波")
    assert years.stderr == (
        "no targets for region 宁波, year 2030; regions in the database: 杭州市, 萧山区, 宁波市, 余姚市; "
        "years of targets: 2022, 2023, 2024, 2025\n"
    )


def test_targets_region_works_on_a_database_of_short_names_too(tmp_path: Path) -> None:
    """The seeds' metadata as it reads today (杭州, no code) and as the place names it (杭州市, 330100) agree."""
    db = tmp_path / "seeds.db"
    assert run(db, "load", SEEDS).exit_code == 0
    before = csv_rows(db, "targets", "--region", "杭州市")
    change(db, "update documents set region = '杭州市', region_code = '330100' where region = '杭州'")
    assert csv_rows(db, "targets", "--region", "杭州市") == before and before


@pytest.mark.parametrize("command", ["measures", "compare", "progress"])
def test_each_new_command_has_help_with_examples_and_a_readme_section(command: str) -> None:
    result = run(None, command, "--help")
    assert result.exit_code == 0, result.output
    examples = [line for line in result.stdout.splitlines() if line.strip().startswith("zjpolicy ")]
    assert 2 <= len(examples) <= 3, result.stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"### {command}\n" in readme and all(e.strip() in readme for e in examples)


def test_region_help_says_a_place_includes_the_places_inside_it() -> None:
    for command in ("targets", "compare", "progress"):
        text = " ".join(run(None, command, "--help").stdout.split())
        assert "杭州市, 杭州 and Hangzhou are one; 杭州市 includes 萧山区" in text, command
