"""`zjpolicy check` findings and `zjpolicy facts` provenance."""

from __future__ import annotations

from pathlib import Path

from conftest import VARIANTS, load_text, read_csv, run


def load(tmp_path: Path, *files: Path) -> Path:
    db = tmp_path / "c.db"
    result = run(db, "load", *map(str, files))
    assert result.exit_code == 0, result.output
    return db


def test_check_on_the_seeds_finds_no_error(seeds_db: Path) -> None:
    result = run(seeds_db, "check", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert not [r for r in rows if r["level"] == "error"]
    seed = [r for r in rows if r["doc"] == "000_3669a09881a7b6b9"]
    # the table adds up, and the totals the reply states in a sentence agree with it
    assert {r["check"] for r in seed if r["level"] == "ok"} == {"district total", "stated totals"}


def test_check_reports_a_total_that_does_not_add_up_and_exits_1(tmp_path: Path) -> None:
    db = load(tmp_path, VARIANTS / "v32_district_total_mismatch.txt")
    result = run(db, "check", "--format", "csv")
    assert result.exit_code == 1
    errors = [r for r in read_csv(result.stdout) if r["level"] == "error"]
    assert [r["message"] for r in errors] == ["table 1: 省企业研究院: 合计 100, rows add up to 95"]
    shown = run(db, "districts", "--sort", "name", "--format", "table")
    assert "warning: 省企业研究院: the document's 合计 is 100, the rows add up to 95" in shown.output


def test_check_compares_totals_stated_in_the_text_with_the_table(tmp_path: Path) -> None:
    db = load_text(
        tmp_path,
        "stated",
        "关于某某建议的答复\n据统计,全市共有市研发中心300家、省研发中心120家。\n"
        "| 区县 | 市研发中心 | 省研发中心 |\n| 南湖区 | 100 | 50 |\n| 秀洲区 | 180 | 70 |\n| 合计 | 280 | 120 |\n",
    )
    result = run(db, "check", "--format", "csv")
    assert result.exit_code == 1
    messages = [r["message"] for r in read_csv(result.stdout) if r["check"] == "stated totals"]
    assert messages == ["table 1: the text states 300/120, the 合计 row is 280/120"]


def test_check_warns_of_a_target_due_before_the_document_and_a_task_without_owner(tmp_path: Path) -> None:
    db = load_text(
        tmp_path,
        "late",
        "某县2024年科技工作要点\n1.培育企业。到2025年,新增高新技术企业50家。(责任单位:县科技局)\n"
        "2.建设平台。新建省级研发中心5家。\n某县科学技术局\n2024年3月1日\n",
    )
    rows = read_csv(run(db, "check", "--format", "csv").stdout)
    assert [r["message"] for r in rows if r["check"] == "task owner"] == ["task 2 (建设平台) names no owner"]
    assert not [r for r in rows if r["check"] == "target date"]


def test_facts_shows_every_fact_with_its_span_marked(seeds_db: Path) -> None:
    result = run(seeds_db, "facts", "001_509357e0b9b1b6c5", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "2023年力争新认定国家高新技术企业【166家】" in result.stdout
    rows = read_csv(run(seeds_db, "facts", "003_319bd9830f448044", "--format", "csv").stdout)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"target", "owner"}
    starts = [int(r["start"]) for r in rows]
    assert starts == sorted(starts)


def test_facts_of_an_unknown_document_is_a_one_line_error(seeds_db: Path) -> None:
    result = run(seeds_db, "facts", "nope")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no document 'nope' in the database; list the ids with: zjpolicy docs (文件编号见 zjpolicy docs)"


def test_check_reports_a_table_whose_headings_cannot_be_lined_up(tmp_path: Path) -> None:
    db = load(tmp_path, VARIANTS / "v76_district_misaligned.txt", VARIANTS / "v74_district_bilingual_csv.txt")
    result = run(db, "check", "--format", "csv")
    assert result.exit_code == 1
    rows = read_csv(result.stdout)
    assert [(r["doc"], r["level"], r["message"]) for r in rows if r["check"] == "district header"] == [
        (
            "v76_district_misaligned",
            "error",
            (
                "table 1 (某市各区科技企业统计表): 2 headings (高新技术企业 / 科技型中小企业) cannot be lined up one to one"
                " with its 3 columns of numbers; no rows taken"
            ),
        )
    ]
    # the table gave no rows; the table read across a page break adds up to its 合计 in every column
    assert run(db, "districts", "--doc", "v76_district_misaligned").exit_code == 2
    assert [r["message"] for r in rows if r["doc"] == "v74_district_bilingual_csv"] == [
        "table 1: 4 rows add up to the 合计 in 4 columns"
    ]


def test_facts_why_names_the_step_that_rejected_each_number(tmp_path: Path) -> None:
    db = load(tmp_path, VARIANTS / "v16_caps_thresholds_budget.txt")
    result = run(db, "facts", "v16_caps_thresholds_budget", "--why", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert [(r["number"], r["outcome"], r["step"]) for r in rows] == [
        ("500万元", "rejected", "cap"), ("300万元", "rejected", "threshold"), ("12亿元", "rejected", "budget"),
        ("3位", "rejected", "rank"), ("5家", "rejected", "named things"), ("5家", "target", ""),
    ]
    assert "最高" in rows[0]["reason"] and "给予最高500万元补助" in rows[0]["context"]
    # the numbers that gave targets are the targets the database holds, in text order
    targets = read_csv(run(db, "targets", "--doc", "v16_caps_thresholds_budget", "--quote", "--format", "csv").stdout)
    assert [r["start"] for r in rows if r["outcome"] == "target"] == [t["value_start"] for t in targets]
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)
