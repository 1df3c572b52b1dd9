"""Every listing query finds its rows through an index, so it takes as long at 10,000 documents as at 5.

The SQL is what queries.py really runs (recorded with a trace callback), and
each statement is checked with EXPLAIN QUERY PLAN against a database of the
seeds. A plan line that reads a whole fact table (`SCAN targets`, `SCAN owners`,
`SCAN district_cells`, or the same under an alias) fails the test unless it
goes through an index.

Not checked: `targets --grep` and `owners --agency` with a part of a name.
They match with instr() (a substring anywhere in the indicator or clause), which
no index can answer; they scan by design and their time grows with the corpus.
Listings with no filter at all (`targets`, `owners`) return every row and so scan
by definition. `--region` reads the documents table (one row a document, to find
their places) and then the facts of the chosen documents through doc_id.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zjpolicy import queries

FACT_TABLES = ("targets", "achieved", "owners", "district_cells")
HANGZHOU_PLAN = "003_319bd9830f448044"
DISTRICT_REPLY = "000_3669a09881a7b6b9"

INDEXED: dict[str, Callable[[sqlite3.Connection], Any]] = {
    "targets --year": lambda c: queries.targets(c, year=2024),
    "targets --doc": lambda c: queries.targets(c, doc=HANGZHOU_PLAN),
    "targets --year --doc": lambda c: queries.targets(c, year=2024, doc=HANGZHOU_PLAN),
    "owners --task": lambda c: queries.owners(c, task="7"),
    "owners --agency (exact name)": lambda c: queries.owners(c, agency="市经信局"),
    "owners --doc": lambda c: queries.owners(c, doc=HANGZHOU_PLAN),
    "owners --task --doc": lambda c: queries.owners(c, task="7", doc=HANGZHOU_PLAN),
    "owner notes": lambda c: queries.owner_notes(c, [HANGZHOU_PLAN]),
    "districts": lambda c: queries.districts(c),
    "districts --doc": lambda c: queries.districts(c, doc=DISTRICT_REPLY),
    "docs": lambda c: queries.documents(c),
    "targets --region": lambda c: queries.targets(c, region="杭州市"),
    "targets --measure": lambda c: queries.targets(c, measure="rd_intensity"),
    # one document: on the seeds' 70 targets, where every measure is blank, the planner scans for three
    "targets --measure --region": lambda c: queries.targets(c, measure="rd_intensity", region="Xiaoshan"),
    "measures (counts)": lambda c: queries.measure_counts(c),
    "targets --year (the years there are)": lambda c: queries.target_years(c),
    "compare / progress (every measure)": lambda c: (queries.measured_targets(c), queries.achieved_figures(c)),
    "compare MEASURE": lambda c: (queries.measured_targets(c, measure="rd_intensity", year=2024),
                                  queries.achieved_figures(c, measure="rd_intensity")),
    "compare MEASURE --region": lambda c: (
        queries.measured_targets(c, measure="rd_intensity", docs=[HANGZHOU_PLAN]),
        queries.achieved_figures(c, measure="rd_intensity", docs=[HANGZHOU_PLAN]),
    ),
}
# instr() filters: no index can serve them (see the module docstring); their plans are only printed.
UNINDEXABLE: dict[str, Callable[[sqlite3.Connection], Any]] = {
    "targets --grep": lambda c: queries.targets(c, grep="博士"),
    "owners --agency (part of a name)": lambda c: queries.owners(c, agency="经信"),
}


def _statements(db: Path, run: Callable[[sqlite3.Connection], Any]) -> list[str]:
    """The SQL a query function runs, with its parameters bound (sqlite's expanded SQL)."""
    conn = queries.connect(db)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    run(conn)
    conn.set_trace_callback(None)
    conn.close()
    return [s for s in seen if s.lstrip().lower().startswith(("select", "with"))]


def _plan(db: Path, sql: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[3] for row in conn.execute("explain query plan " + sql)]
    finally:
        conn.close()


def _names(sql: str) -> dict[str, str]:
    """Each name a fact table goes by in the statement (itself and its aliases) -> the table."""
    names = {t: t for t in FACT_TABLES}
    for table, alias in re.findall(r"\b(" + "|".join(FACT_TABLES) + r")\s+(?:as\s+)?([a-z_]\w*)", sql, flags=re.IGNORECASE):
        if alias.lower() not in {"where", "join", "on", "order", "group", "limit", "left", "inner", "using", "as"}:
            names[alias] = table
    return names


def full_scans(db: Path, sql: str) -> list[str]:
    names = _names(sql)
    bad = []
    for line in _plan(db, sql):
        m = re.match(r"SCAN (\w+)", line)
        if m and m.group(1) in names and "USING INDEX" not in line and "USING COVERING INDEX" not in line:
            bad.append(f"{line}  ({names[m.group(1)]})")
    return bad


@pytest.mark.parametrize("name", list(INDEXED))
def test_listing_query_uses_an_index(seeds_db: Path, name: str) -> None:
    statements = _statements(seeds_db, INDEXED[name])
    assert statements, f"{name}: no SQL recorded"
    for sql in statements:
        bad = full_scans(seeds_db, sql)
        assert not bad, f"{name}: reads a whole fact table\n  {sql}\n  plan: {_plan(seeds_db, sql)}"


@pytest.mark.parametrize("name", list(UNINDEXABLE))
def test_substring_filters_still_plan(seeds_db: Path, name: str) -> None:
    # Only that the statement runs and has a plan: instr() cannot use an index.
    for sql in _statements(seeds_db, UNINDEXABLE[name]):
        assert _plan(seeds_db, sql)


def test_the_check_itself_catches_a_full_scan(seeds_db: Path) -> None:
    assert full_scans(seeds_db, "select * from targets t where t.unit = '%'")
    assert not full_scans(seeds_db, "select * from targets t where t.doc_id = 'x'")
