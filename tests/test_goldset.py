"""tools/goldset.py, the annotation tool of the real-document sets, on a set of one text in tmp_path."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import Case, cases, load_tool

goldset = load_tool("goldset")

TEXT = (
    "某市2025年科技工作要点\n"
    "1.培育企业。到2025年,新增高新技术企业 50 家以上。(责任单位:市科技局、市财政局)\n"
    "2.建设平台。力争建成五千亿规模产业集群。\n"
    "| 区县 | 市研发中心 |\n| 南湖区 | 100 |\n| 秀洲区 | 180 |\n| 合计 | 280 |\n"
)
GOLD = {
    "targets.csv": "doc,year,indicator,value,unit,comparator,key,measure,quote\n"
    "a01,2025,新增高新技术企业,50,家,>=,高新技术企业,hitech_firms_new,\"到2025年,新增高新技术企业50家以上\"\n"
    "a01,2025,产业集群,5000,亿,=,产业集群,,力争建成五千亿规模产业集群\n",
    "owners.csv": "doc,task,task_title,clause,role,position,agency\n"
    "a01,1,培育企业,1,责任单位,1,市科技局\na01,1,培育企业,1,责任单位,2,市财政局\n",
    "districts.csv": "doc,district,institution,count\n"
    "a01,南湖区,市研发中心,100\na01,秀洲区,市研发中心,180\na01,合计,市研发中心,280\n",
}


@pytest.fixture
def gold_set(tmp_path: Path) -> Path:
    folder = tmp_path / "local-sets" / "tiny"
    (folder / "docs").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "docs" / "a01.txt").write_text(TEXT, encoding="utf-8")
    for name, rows in GOLD.items():
        (folder / "gold" / name).write_text(rows, encoding="utf-8")
    return folder  # measure ids: the built-in measures of data/measures.toml (hitech_firms_new among them)


def test_check_passes_a_set_that_follows_the_guide(gold_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert goldset.main(["check", str(gold_set)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{gold_set}: 1 texts; 2 targets, 2 owners, 3 districts", "all checks pass"]


@pytest.mark.parametrize("case", cases("goldset", name="failure"))
def test_check_names_each_row_that_breaks_a_rule(gold_set: Path, capsys: pytest.CaptureFixture[str], case: Case) -> None:
    path = gold_set / "gold" / case["file"]
    path.write_text(path.read_text(encoding="utf-8").replace(case["old"], case["new"], 1), encoding="utf-8")
    assert goldset.main(["check", str(gold_set)]) == 1
    failures = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL ")]
    assert any(case["failure"] in line for line in failures), failures


def test_a_total_that_the_places_do_not_make_is_a_note(gold_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = gold_set / "gold" / "districts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("a01,南湖区,市研发中心,100\n", ""), encoding="utf-8")
    assert goldset.main(["check", str(gold_set)]) == 0
    assert "note: a01 市研发中心: the places add up to 180, 合计 is 280" in capsys.readouterr().out


def test_strip_quotes_keeps_every_row_but_not_the_quotes(gold_set: Path, tmp_path: Path) -> None:
    out = tmp_path / "tests" / "realsets" / "tiny"
    assert goldset.main(["strip-quotes", str(gold_set), str(out)]) == 0
    assert sorted(p.name for p in (out / "gold").iterdir()) == sorted(GOLD)
    for name in GOLD:
        with (gold_set / "gold" / name).open(encoding="utf-8") as f:
            want = [{k: v for k, v in row.items() if k != "quote"} for row in csv.DictReader(f)]
        with (out / "gold" / name).open(encoding="utf-8") as f:
            assert list(csv.DictReader(f)) == want
    assert "quote" not in (out / "gold" / "targets.csv").read_text(encoding="utf-8")


def test_init_then_save_doc_makes_a_set_that_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new"
    assert goldset.main(["init", str(folder)]) == 0
    assert (folder / "gold" / "owners.csv").read_text(encoding="utf-8") == ",".join(goldset.COLUMNS["owners.csv"]) + "\n"
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text(json.dumps("标题\n“引号” 2025年\t表").strip('"') + "\n", encoding="utf-8")
    assert goldset.main(["save-doc", str(folder), "b01_place_kind2025", str(excerpt)]) == 0
    assert (folder / "docs" / "b01_place_kind2025.txt").read_text(encoding="utf-8") == "标题\n“引号” 2025年\t表"
    assert goldset.main(["check", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "all checks pass"


def test_a_folder_that_is_no_set_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        goldset.main(["check", str(tmp_path / "nowhere")])
    assert exit_.value.code == 2
    assert f"{tmp_path / 'nowhere'}: no such set folder" in capsys.readouterr().err
