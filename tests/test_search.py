"""`zjpolicy search`: either script, short and long queries, context and offsets."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import read_csv, run

DISTRICT_REPLY = "000_3669a09881a7b6b9"
HANGZHOU_PLAN = "003_319bd9830f448044"


def _texts(db: Path) -> dict[str, str]:
    return dict(sqlite3.connect(db).execute("select id, text from documents").fetchall())


def _check_hits(db: Path, rows: list[dict], query: str) -> None:
    texts = _texts(db)
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert texts[r["doc"]][start:end].lower() == query.lower(), r
        assert query.lower() in r["context"].lower()
        assert len(r["context"]) <= len(query) + 40


def test_traditional_query_finds_simplified_text(seeds_db: Path) -> None:
    result = run(seeds_db, "search", "濱江區", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert rows and {r["doc"] for r in rows} == {DISTRICT_REPLY}
    _check_hits(seeds_db, rows, "滨江区")
    assert any("593" in r["context"] for r in rows)
    # and the simplified query finds the document written in traditional script
    simplified = read_csv(run(seeds_db, "search", "滨江区", "--format", "csv").stdout)
    assert simplified == rows


def test_two_character_query_falls_back_from_trigrams(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "search", "专利", "--limit", "0", "--format", "csv").stdout)
    assert len(rows) >= 5
    _check_hits(seeds_db, rows, "专利")
    texts = _texts(seeds_db)
    assert len({(r["doc"], r["start"]) for r in rows}) == sum(t.count("专利") for t in texts.values())
    one = read_csv(run(seeds_db, "search", "专", "--limit", "0", "--format", "csv").stdout)
    assert len(one) >= len(rows)


def test_hits_in_targets_carry_the_target(seeds_db: Path) -> None:
    rows = json.loads(run(seeds_db, "search", "发明专利", "--format", "json").stdout)
    targets = [r for r in rows if r["kind"] == "target"]
    assert targets and all(r["doc"] == HANGZHOU_PLAN for r in targets)
    pieces = next(r for r in targets if r["indicator"] == "有效发明专利拥有量")
    assert (pieces["value"], pieces["unit"], pieces["year"]) == (15.5, "万件", 2024)
    assert all(r["indicator"] is None for r in rows if r["kind"] == "text")


def test_limit_and_table(seeds_db: Path) -> None:
    limited = read_csv(run(seeds_db, "search", "研发", "--limit", "3", "--format", "csv").stdout)
    assert len(limited) == 3
    result = run(seeds_db, "search", "濱江區", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "查找 滨江区：1 处" in result.stdout and "【滨江区】" in result.stdout and DISTRICT_REPLY in result.stdout
    english = run(seeds_db, "search", "濱江區", "--format", "table", "--lang", "en").stdout
    assert english.startswith("Search 滨江区: 1 hit")


def test_fullwidth_and_ascii_queries(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "search", "ｒ＆ｄ", "--format", "csv").stdout)  # full width, lower case
    assert rows and all(r["context"].lower().count("r&d") for r in rows)


def test_nothing_found_and_empty_query(seeds_db: Path) -> None:
    result = run(seeds_db, "search", "量子引力波", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["doc,kind,start,end,context,year,indicator,value,unit,comparator"]
    empty = run(seeds_db, "search", "  ")
    assert empty.exit_code == 2 and empty.stderr.startswith("Error: search: give some text")
    quoted = run(seeds_db, "search", '"研发中心" OR x', "--format", "csv")  # FTS syntax is text here
    assert quoted.exit_code == 0, quoted.output
