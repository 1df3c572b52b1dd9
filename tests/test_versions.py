"""Databases the queries must not misread: written by another version, not a database at all, damaged.

Each is reported with a one-line error (exit 2) that names the file and says what to do,
never a traceback and never rows read from a database of another shape.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, main_entry, other_sqlite, run

from zjpolicy import SCHEMA_VERSION

QUERIES = [
    ["targets"],
    ["owners"],
    ["districts"],
    ["docs"],
    ["export", "OUT"],
]


def one_line_error(result: object, *needles: str) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert result.stdout == "", result.stdout  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr  # type: ignore[attr-defined]
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def _copy(seeds_db: Path, tmp_path: Path, name: str = "copy.db") -> Path:
    db = tmp_path / name
    shutil.copyfile(seeds_db, db)
    return db


def _set_meta(db: Path, key: str, value: str | None) -> None:
    conn = sqlite3.connect(db)
    with conn:
        if value is None:
            conn.execute("delete from meta where key = ?", (key,))
        else:
            conn.execute("update meta set value = ? where key = ?", (value, key))
    conn.close()


@pytest.mark.parametrize("version", ["0", str(SCHEMA_VERSION + 1), "x"])
@pytest.mark.parametrize("args", QUERIES, ids=lambda a: a[0])
def test_database_of_another_version_is_reported_not_misread(
    seeds_db: Path, tmp_path: Path, version: str, args: list[str]
) -> None:
    db = _copy(seeds_db, tmp_path)
    _set_meta(db, "schema_version", version)
    before = db.read_bytes()
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    line = one_line_error(run(db, *args), str(db), "another version", "load")
    assert f"schema {version}" in line
    assert db.read_bytes() == before
    assert not (tmp_path / "out").exists()


def test_database_without_a_schema_version_is_reported(seeds_db: Path, tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    _set_meta(db, "schema_version", None)
    one_line_error(run(db, "targets"), str(db), "load")


def test_loading_again_over_an_old_database_replaces_it(seeds_db: Path, tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    _set_meta(db, "schema_version", "0")
    result = run(db, "load", str(SEEDS))
    assert result.exit_code == 0, result.output
    docs = run(db, "docs", "--format", "csv")
    assert docs.exit_code == 0 and len(docs.stdout.splitlines()) == 6


def _text_file(path: Path) -> None:
    path.write_text("区、县(市),市研发中心\n滨江区,593\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def _sqlite_header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)


@pytest.mark.parametrize("make", [_text_file, _empty_file, _png, other_sqlite, _sqlite_header_only])
def test_a_file_that_is_not_a_zjpolicy_database(tmp_path: Path, make: object) -> None:
    db = tmp_path / "notadb.db"
    make(db)  # type: ignore[operator]
    before = db.read_bytes()
    for args in (["targets"], ["districts"], ["docs"]):
        one_line_error(run(db, *args), str(db), "not a zjpolicy database")
    assert db.read_bytes() == before


def test_a_folder_given_as_the_database(tmp_path: Path) -> None:
    one_line_error(run(tmp_path, "docs"), str(tmp_path))


def test_not_a_database_through_the_real_entry_point(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    _text_file(db)
    r = main_entry("--db", db, "targets", "--format", "csv")
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert r.stderr.strip() == f"Error: {db}: not a zjpolicy database"


def test_a_database_missing_a_table_is_reported(seeds_db: Path, tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("drop table targets")
    conn.commit()
    conn.close()
    one_line_error(run(db, "targets"), str(db), "load")
    one_line_error(run(db, "docs"), str(db), "load")


@pytest.mark.parametrize("name", ["a#b.db", "a?b.db", "a%41b.db", "a b.db", "库 2024.db"])
def test_database_paths_with_uri_characters(seeds_db: Path, tmp_path: Path, name: str) -> None:
    """The read-only open goes through an SQLite URI: ?, # and % in a path must not change the file opened."""
    db = _copy(seeds_db, tmp_path, name)
    result = run(db, "docs", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file made by a cut-off path


def test_a_damaged_database_is_a_one_line_error(seeds_db: Path, tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    data = db.read_bytes()
    page = 4096
    # zero one page after another until a query trips over it
    for p in range(2, len(data) // page):
        db.write_bytes(data[: p * page] + b"\x00" * page + data[(p + 1) * page :])
        for args in (["targets"], ["districts"]):
            result = run(db, *args)
            if result.exit_code != 0:
                assert not isinstance(result.exception, sqlite3.DatabaseError), repr(result.exception)
                one_line_error(result, str(db))
                return
    pytest.fail("no damaged page made a query fail")
