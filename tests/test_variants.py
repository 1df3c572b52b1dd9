"""Variant documents of our own, one per form that real documents take (tests/variants/).

Beside each variant document NAME.txt, NAME.expected.toml lists the facts the guide expects of it, each
part with why: its targets (the key must be part of the indicator, as in the gold scoring; a target
without a year has none), its owners, its district tables (a grid of counts: the columns, then a row per
place), and what the document says of itself. A part left out is not checked; an empty one expects none.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import VARIANTS

from zjpolicy.corpus import document_from_text, read_document
from zjpolicy.extract import Facts, extract_all

PARTS = ("targets", "owners", "districts", "document")


def _expected(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


EXPECTED = {p.name.removesuffix(".expected.toml"): _expected(p) for p in sorted(VARIANTS.glob("*.expected.toml"))}


def _having(part: str) -> list[str]:
    """The variants whose expected facts include PART."""
    return [name for name, expected in EXPECTED.items() if part in expected]


def _facts(name: str) -> Facts:
    return extract_all(read_document(VARIANTS / f"{name}.txt"))


def test_there_are_at_least_25_variant_documents() -> None:
    files = sorted(Path(VARIANTS).glob("v*.txt"))
    assert len(files) >= 25
    covered = {name for name, expected in EXPECTED.items() if set(expected) & {"targets", "owners", "districts"}}
    assert {f.stem for f in files} <= covered, "every variant document has expectations"
    unknown = {name: set(expected) - set(PARTS) for name, expected in EXPECTED.items() if set(expected) - set(PARTS)}
    assert unknown == {}, f"the parts of an expected file are {PARTS}"
    assert [name for name in EXPECTED if not (VARIANTS / f"{name}.txt").exists()] == [], "expected facts of no variant"


@pytest.mark.parametrize("name", _having("targets"))
def test_targets(name: str) -> None:
    facts, expected = _facts(name), EXPECTED[name]["targets"]
    got = facts.targets
    assert len(got) == len(expected), [(t.year, t.indicator, t.value, t.unit, t.comparator) for t in got]
    for t, e in zip(got, expected):
        assert (t.year, t.value, t.unit, t.comparator) == (e.get("year"), e["value"], e["unit"], e["comparator"]), t
        assert e["key"] in t.indicator, (e["key"], t.indicator)
        assert t.quote == facts.doc.text[t.start:t.end]


@pytest.mark.parametrize("name", _having("document"))
def test_documents_describe_themselves(name: str) -> None:
    doc, expected = _facts(name).doc, EXPECTED[name]["document"]
    assert (doc.kind, doc.kind_sure, doc.year, doc.period, doc.region) == (
        expected["kind"], expected["kind_sure"], expected.get("year"), expected["period"], expected["region"])


@pytest.mark.parametrize("name", _having("owners"))
def test_owners(name: str) -> None:
    got = [{"task": o.task, "clause": o.clause, "role": o.role, "position": o.position, "agency": o.agency}
           for o in _facts(name).owners]
    assert got == EXPECTED[name]["owners"]


def test_owner_note_about_all_tasks_is_kept_apart() -> None:
    facts = _facts("v24_owner_deadline_note_multi")
    assert [n.text for n in facts.owner_notes] == ["以下均需各乡镇(街道)落实,不再列出"]


@pytest.mark.parametrize("name", _having("districts"))
def test_district_cells(name: str) -> None:
    got = {(c.district, c.institution, c.count) for t in _facts(name).tables for c in t.cells}
    expected = {
        (place, column, count)
        for table in EXPECTED[name]["districts"]
        for place, counts in table["rows"].items()
        for column, count in zip(table["columns"], counts, strict=True)
    }
    assert got == expected


def test_a_table_whose_headings_cannot_be_lined_up_gives_no_rows_and_says_why() -> None:
    [table] = _facts("v76_district_misaligned").tables
    assert (table.cells, table.title) == ([], "某市各区科技企业统计表")
    assert table.problem == (
        "2 headings (高新技术企业 / 科技型中小企业) cannot be lined up one to one with its 3 columns of numbers; no rows taken"
    )


def test_a_heading_repeated_at_a_page_break_continues_the_table() -> None:
    tables = _facts("v74_district_bilingual_csv").tables
    assert [(t.table_no, t.title, len(t.cells)) for t in tables] == [(1, "表7-3各市(州)科技机构情况", 20)]


def test_a_task_tables_last_cell_cut_off_by_the_end_of_the_page_keeps_its_whole_names() -> None:
    text = "序号 | 主要任务 | 责任单位\n1 | 建设实验室。 | 市科技局、市财政局\n2 | 引进人才。 | 市人力社保局、市经"
    owners = extract_all(document_from_text("cut", text)).owners
    assert [(o.task, o.clause, o.role, o.position, o.agency) for o in owners] == [
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市财政局"), ("2", 1, "责任单位", 1, "市人力社保局"),
    ]


def test_an_assessment_table_as_csv_with_cells_of_several_lines_gives_the_owners_of_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "rubric.csv"
    path.write_text(
        "某县考核细则\n序号,考核项目,各项分值,考核指标,负责考核部门\n"
        '1,健全组织体系,5,"进一步健全组织体系。\n若人员变动及时调整。",县河长办\n'
        '2,深化培训宣传,7,"1.开展公益宣传，得2分。\n2.开展进校园活动，得3分。","县委宣传部\n县教育局"\n',
        encoding="utf-8",
    )
    owners = extract_all(read_document(path)).owners
    assert [(o.task, o.position, o.agency) for o in owners] == [("1", 1, "县河长办"), ("2", 1, "县委宣传部"), ("2", 2, "县教育局")]
