"""Numbers that sum right in a spreadsheet: the 合计 row is marked and left out of CSV/JSON unless asked
for, and no value of the tool's own needs a ' to keep a spreadsheet from running it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import read_csv, run

COUNTS = ["市研发中心", "省研发中心", "省企业研究院", "省重点企业研究院", "total"]
STATED = {"市研发中心": 3050, "省研发中心": 1941, "省企业研究院": 599, "省重点企业研究院": 132, "total": 5722}


def test_districts_csv_sums_to_the_total_row_not_twice_it(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "districts", "--format", "csv").stdout)
    assert len(rows) == 13 and {r["is_total"] for r in rows} == {"0"} and "合计" not in {r["district"] for r in rows}
    assert {c: sum(int(r[c]) for r in rows) for c in COUNTS} == STATED
    with_total = read_csv(run(seeds_db, "districts", "--format", "csv", "--with-total").stdout)
    assert with_total[:-1] == rows
    assert with_total[-1]["district"] == "合计" and with_total[-1]["is_total"] == "1"
    assert {c: int(with_total[-1][c]) for c in COUNTS} == STATED
    as_json = json.loads(run(seeds_db, "districts", "--format", "json").stdout)
    assert len(as_json) == 13 and all(r["is_total"] == 0 for r in as_json)
    # the table, for a reader, keeps the 合计 as its footer
    table = run(seeds_db, "districts", "--format", "table").stdout
    assert any(line.strip().startswith("合计") and "3050" in line for line in table.splitlines())


def test_pandas_sums_the_districts_csv_to_the_total_row(seeds_db: Path) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed in this environment")
    frame = pandas.read_csv(io.StringIO(run(seeds_db, "districts", "--format", "csv").stdout))
    assert {c: int(frame[c].sum()) for c in COUNTS} == STATED
    full = pandas.read_csv(io.StringIO(run(seeds_db, "districts", "--format", "csv", "--with-total").stdout))
    assert {c: int(full[full["is_total"] == 0][c].sum()) for c in COUNTS} == STATED  # the marked row filtered out


def test_export_marks_the_total_rows(seeds_db: Path, tmp_path: Path) -> None:
    assert run(seeds_db, "export", str(tmp_path)).exit_code == 0
    cells = read_csv((tmp_path / "districts.csv").read_text(encoding="utf-8"))
    assert list(cells[0])[:5] == ["doc", "district", "institution", "count", "is_total"]
    for kind in COUNTS[:-1]:
        total = [int(c["count"]) for c in cells if c["institution"] == kind and c["is_total"] == "1"]
        rows = [int(c["count"]) for c in cells if c["institution"] == kind and c["is_total"] == "0"]
        assert total == [STATED[kind]] and sum(rows) == STATED[kind]
    assert {c["district"] for c in cells if c["is_total"] == "1"} == {"合计"}


def test_comparators_never_need_escaping(seeds_db: Path, tmp_path: Path) -> None:
    plain = read_csv(run(seeds_db, "targets", "--format", "csv").stdout)
    safe = read_csv(run(seeds_db, "targets", "--bom").stdout_bytes[3:].decode("utf-8"))  # --bom: excel-safe on
    assert {r["comparator"] for r in plain} == {r["comparator"] for r in safe} == {"eq", "ge"}
    assert [r["comparator"] for r in plain] == [r["comparator"] for r in safe]
    run(seeds_db, "export", str(tmp_path), "--bom")
    exported = read_csv((tmp_path / "targets.csv").read_bytes()[3:].decode("utf-8"))
    assert {r["comparator"] for r in exported} == {"eq", "ge"}
    # the search hits that are targets, and facts' values, carry no = either
    hits = json.loads(run(seeds_db, "search", "以上", "--format", "json").stdout)
    assert {h["comparator"] for h in hits if h["kind"] == "target"} <= {"eq", "ge", "le"}
    facts = read_csv(run(seeds_db, "facts", "003_319bd9830f448044", "--format", "csv", "--excel-safe").stdout)
    assert not any(f["value"].startswith(("=", "'")) for f in facts)
    assert "≥ 70%" in {f["value"] for f in facts} and "800亿元" in {f["value"] for f in facts}


def test_comparators_read_as_words_in_either_language(seeds_db: Path) -> None:
    zh = json.loads(run(seeds_db, "targets", "--year", "2024", "--format", "json", "--lang", "zh").stdout)
    assert {r["比较"] for r in zh} == {"达到", "不低于"}
    en = json.loads(run(seeds_db, "targets", "--year", "2024", "--format", "json", "--lang", "en").stdout)
    assert {r["comparator"] for r in en} == {"reach", "at least"}


def test_the_bom_csv_reads_back_as_numbers(seeds_db: Path, tmp_path: Path) -> None:
    """The --bom CSV (for Excel) read back by pandas: counts are numbers, the sum is the 合计."""
    pandas = pytest.importorskip("pandas", reason="pandas is not installed in this environment")
    data = run(seeds_db, "districts", "--bom").stdout_bytes
    frame = pandas.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns[:2]) == ["district", "市研发中心"] and frame["市研发中心"].dtype.kind == "i"
    assert int(frame["市研发中心"].sum()) == STATED["市研发中心"]
