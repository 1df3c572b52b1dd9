"""SQL (and FTS) injection through every option that reaches a query.

Each option is tried with quotes, ;, --, %, _, FTS syntax and
`'; DROP TABLE targets; --`. The database file does not change (its hash is
compared), and the results are exactly those of the literal text: `--grep %`
finds only rows that hold a literal %, `--grep _` only rows that hold a literal _.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import main_entry, run

PAYLOADS = [
    "'",
    '"',
    "''",
    ";",
    "--",
    "%",
    "_",
    "%%",
    "%_%",
    "\\",
    "*",
    "[",
    "]",
    "`",
    "'; DROP TABLE targets; --",
    '"; DROP TABLE owners; --',
    "x' OR '1'='1",
    'x" OR "1"="1',
    "') OR 1=1 --",
    "1; DELETE FROM documents",
    "1 OR 1=1",
    "/* */",
    "研发' --",
    "市经信局'; --",
    "%研发%",
    "研_中心",
    "NEAR(研发 中心)",
    "研发 OR 专利",
    "研发*",
    "^研发",
    "documents_fts",
    "' UNION SELECT sql FROM sqlite_master --",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, seeds_db: Path) -> Path:
    path = tmp_path_factory.mktemp("inject") / "seeds.db"
    shutil.copyfile(seeds_db, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(db: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    command, *rest = args
    result = run(db, command, "--format", "json", *rest)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    rows = json.loads(result.stdout) if result.exit_code == 0 else []
    return result.exit_code, rows, result.stderr


def all_rows(db: Path, command: str) -> list[dict[str, object]]:
    code, rows, err = query(db, command)
    assert code == 0, err
    return rows


def doc_places(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return {i: (c or "", d or "") for i, c, d in conn.execute("select id, city, district from documents")}
    finally:
        conn.close()


def key(r: dict[str, object]) -> tuple[object, ...]:
    return tuple(r.get(c) for c in ("doc", "start", "end", "indicator", "agency", "task", "position"))


def literal(rows: list[dict[str, object]], keep: object) -> list[tuple[object, ...]]:
    return sorted(key(r) for r in rows if keep(r))  # type: ignore[operator]


def test_the_payloads_include_the_wildcards_that_occur_in_the_seeds(db: Path) -> None:
    """% occurs in the seeds' targets (3.95%); _ does not: --grep finds the one and not the other."""
    rows = all_rows(db, "targets")
    assert any("%" in str(r["quote"]) for r in rows)
    assert not any("_" in str(r["quote"]) or "_" in str(r["indicator"]) for r in rows)
    assert query(db, "targets", "--grep", "_")[1] == []
    assert query(db, "targets", "--grep", "%")[1]


def _check_option(db: Path, command: str, option: str, expected: object) -> list[str]:
    before = digest(db)
    problems = []
    for payload in PAYLOADS:
        code, rows, err = query(db, command, option, payload)
        if code != 0:
            problems.append(f"{option} {payload!r}: exit {code}: {err.strip()}")
            continue
        want = expected(payload)  # type: ignore[operator]
        if sorted(key(r) for r in rows) != want:
            problems.append(f"{option} {payload!r}: {len(rows)} rows, the literal text gives {len(want)}")
        if digest(db) != before:
            problems.append(f"{option} {payload!r}: the database changed")
            break
    return problems


def test_targets_grep(db: Path) -> None:
    rows = all_rows(db, "targets")
    problems = _check_option(
        db,
        "targets",
        "--grep",
        lambda p: literal(rows, lambda r: p in str(r["indicator"]) or p in str(r["quote"])),
    )
    assert problems == []


def test_targets_region(db: Path) -> None:
    rows = all_rows(db, "targets")
    places = doc_places(db)
    problems = _check_option(
        db,
        "targets",
        "--region",
        lambda p: literal(
            rows,
            lambda r: (
                p in str(r["region"] or "") or p in places[str(r["doc"])][0] or p in places[str(r["doc"])][1]
            ),
        ),
    )
    assert problems == []


@pytest.mark.parametrize("command", ["targets", "owners"])
def test_doc(db: Path, command: str) -> None:
    """No payload is a document's id: each is the one error of an unknown id, the database untouched."""
    before = digest(db)
    for payload in PAYLOADS:
        code, rows, err = query(db, command, "--doc", payload)
        assert (code, rows) == (2, []), (payload, err)
        assert err == f"Error: no document '{payload}' in the database; list the ids with: zjpolicy docs (文件编号见 zjpolicy docs)\n"
    assert digest(db) == before
    rows = all_rows(db, command)
    plan = "003_319bd9830f448044"
    assert literal(query(db, command, "--doc", plan)[1], lambda r: True) == literal(rows, lambda r: r["doc"] == plan)


def test_owners_agency(db: Path) -> None:
    rows = all_rows(db, "owners")

    def expected(p: str) -> list[tuple[object, ...]]:
        exact = any(r["agency"] == p for r in rows)
        return literal(rows, lambda r: r["agency"] == p if exact else p in str(r["agency"]))

    assert _check_option(db, "owners", "--agency", expected) == []


def test_owners_task(db: Path) -> None:
    rows = all_rows(db, "owners")
    assert _check_option(db, "owners", "--task", lambda p: literal(rows, lambda r: r["task"] == p)) == []


def test_districts_sort_and_doc(db: Path) -> None:
    before = digest(db)
    for payload in PAYLOADS:
        for option in ("--sort", "--doc"):
            result = run(db, "districts", option, payload, "--format", "csv")
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(
                result.exception
            )
            assert result.exit_code == 2, (option, payload, result.output)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: "), (option, payload, result.stderr)
            assert result.stdout == ""
    assert digest(db) == before


def test_search_text_and_doc(db: Path) -> None:
    """search takes its text to FTS5 MATCH: FTS syntax in it is literal text, never a query."""
    before = digest(db)
    conn = sqlite3.connect(db)
    texts = dict(conn.execute("select id, text from documents"))
    conn.close()
    problems = []
    for payload in PAYLOADS:
        code, rows, err = query(db, "search", "--limit", "0", "--", payload)  # -- : a text may start with -
        if code != 0:
            problems.append(f"search {payload!r}: exit {code}: {err.strip()}")
            continue
        q = payload.strip()
        found = sum(texts[d].lower().count(q.lower()) for d in texts)
        hits = [
            r
            for r in rows
            if r["kind"] == "text" or texts[str(r["doc"])][r["start"] : r["end"]].lower() == q.lower()
        ]
        for r in hits:
            if texts[str(r["doc"])][r["start"] : r["end"]].lower() != q.lower():
                problems.append(f"search {payload!r}: a hit that is not the literal text")
                break
        if len({(r["doc"], r["start"]) for r in hits}) != found:
            problems.append(f"search {payload!r}: {len(hits)} hits, the literal text occurs {found} times")
        code, rows, err = query(db, "search", "研发", "--doc", payload)
        if code != 2 or rows or not err.startswith(f"Error: no document '{payload}'"):  # no payload is an id
            problems.append(f"search --doc {payload!r}: exit {code}, {len(rows)} rows")
    assert digest(db) == before
    assert problems == []


def test_drop_table_through_the_real_entry_point(db: Path) -> None:
    before = digest(db)
    payload = "'; DROP TABLE targets; --"
    for args in (
        ["targets", "--grep", payload],
        ["targets", "--region", payload],
        ["targets", "--doc", payload],
        ["owners", "--agency", payload],
        ["owners", "--task", payload],
        ["districts", "--sort", payload],
        ["search", "--", payload],
    ):
        r = main_entry("--db", db, args[0], "--format", "csv", *args[1:])
        assert "Traceback" not in r.stderr, (args, r.stderr)
        assert r.returncode in (0, 2), (args, r.stderr)
        assert r.returncode == 2 or len(r.stdout.splitlines()) == 1, (args, r.stdout)  # a header, no rows
    assert digest(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from targets").fetchone()[0] > 0
    conn.close()
