"""Loads add, update, replace and remove documents by id, and never take one document twice.

`load` adds to the database what it does not hold and updates the documents whose
id it holds; `load --replace` makes the database hold exactly the files given;
`remove DOC…` drops documents. Each says what changed in one line. A file the
database already holds under another id (the same bytes, the same text in another
encoding, or the same 文号 and title) is skipped with one line naming both. Every
refusal is one line, exit 2, and leaves the database's bytes as they were.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run

PLAN = "003_319bd9830f448044"  # 杭科领办〔2024〕1号
REPLY = "001_509357e0b9b1b6c5"  # no 文号
IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def ids(db: Path) -> list[str]:
    result = run(db, "docs", "--format", "csv")
    assert result.exit_code == 0, result.output
    return [r["id"] for r in read_csv(result.stdout)]


def n_targets(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("select count(*) from targets").fetchone()[0])
    finally:
        conn.close()


def folder_of(tmp_path: Path, name: str, *seeds: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for stem in seeds:
        shutil.copy(SEEDS / f"{stem}.txt", folder)
    return folder


def summary(db: Path, added: int, updated: int, removed: int, unchanged: int) -> str:
    return f"{db}: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged ("


def one_line_error(result: object, text: str) -> None:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert result.stderr == f"Error: {text}\n"  # type: ignore[attr-defined]


# ---------------------------------------------------------------- adding and updating


def test_load_a_then_load_b_keeps_both(tmp_path: Path) -> None:
    a = folder_of(tmp_path, "a", *IDS[:2])
    b = folder_of(tmp_path, "b", *IDS[2:])
    db = tmp_path / "x.db"
    first = run(db, "load", a)
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith(f"Loaded into {summary(db, 2, 0, 0, 0)}2 documents: ")
    second = run(db, "load", b)
    assert second.exit_code == 0, second.output
    assert second.stderr.startswith(f"Loaded into {summary(db, 3, 0, 0, 2)}5 documents: ")
    assert ids(db) == IDS


def test_one_more_document_into_a_database_of_five_makes_six(old_db: Path, tmp_path: Path) -> None:
    new = tmp_path / "new-plan.txt"
    new.write_text("温州市科技创新行动计划\n到2025年，新增高新技术企业300家。\n", encoding="utf-8")
    result = run(old_db, "load", new)
    assert result.exit_code == 0, result.output
    assert ids(old_db) == [*IDS, "new-plan"]


def test_a_document_loaded_again_with_new_bytes_is_updated(old_db: Path, tmp_path: Path) -> None:
    before = n_targets(old_db)
    changed = tmp_path / f"{PLAN}.txt"
    changed.write_bytes((SEEDS / f"{PLAN}.txt").read_bytes() + "\n到2026年，新增省级研发机构55家。\n".encode())
    result = run(old_db, "load", changed)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Loaded into {summary(old_db, 0, 1, 0, 4)}5 documents: ")
    assert ids(old_db) == IDS and n_targets(old_db) == before + 1
    conn = sqlite3.connect(old_db)
    assert conn.execute("select path from documents where id = ?", (PLAN,)).fetchone() == (str(changed),)
    conn.close()


def test_replace_makes_the_database_hold_exactly_the_files_given(old_db: Path) -> None:
    result = run(old_db, "load", SEEDS / f"{PLAN}.txt", "--replace")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Loaded into {summary(old_db, 0, 0, 4, 1)}1 documents: ")
    assert ids(old_db) == [PLAN]


def test_nothing_new_leaves_the_database_as_it_was(old_db: Path) -> None:
    before = old_db.read_bytes()
    result = run(old_db, "load", SEEDS / f"{PLAN}.txt")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Loaded into {summary(old_db, 0, 0, 0, 5)}5 documents: ")
    assert old_db.read_bytes() == before


# ---------------------------------------------------------------- removing


def test_remove_drops_documents_by_id(old_db: Path) -> None:
    result = run(old_db, "remove", PLAN, REPLY)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Removed from {summary(old_db, 0, 0, 2, 3)}3 documents: ")
    assert ids(old_db) == [i for i in IDS if i not in (PLAN, REPLY)]
    conn = sqlite3.connect(old_db)
    assert conn.execute("select count(*) from targets where doc_id = ?", (PLAN,)).fetchone() == (0,)
    assert conn.execute("select count(*) from documents_fts").fetchone() == (3,)
    assert conn.execute("select count(*) from documents_fts where documents_fts match ?", ("杭科领办",)).fetchone() == (0,)
    conn.close()


def test_remove_of_an_unknown_id_is_one_line_and_removes_nothing(old_db: Path) -> None:
    before = old_db.read_bytes()
    result = run(old_db, "remove", PLAN, "nope", "gone")
    one_line_error(result, f"{old_db}: holds no document gone, nope; list the ids with: zjpolicy --db {old_db} docs "
                           "--columns id,title")
    assert old_db.read_bytes() == before


def test_remove_from_a_missing_database_is_one_line(tmp_path: Path) -> None:
    one_line_error(run(tmp_path / "none.db", "remove", PLAN), f"{tmp_path / 'none.db'}: no such database")
    assert not (tmp_path / "none.db").exists()


# ---------------------------------------------------------------- the same document twice


def test_the_same_file_under_another_name_is_skipped_and_sums_stay(old_db: Path, tmp_path: Path) -> None:
    before, targets = old_db.read_bytes(), n_targets(old_db)
    copy = tmp_path / "plan-copy.txt"
    shutil.copy(SEEDS / f"{PLAN}.txt", copy)
    result = run(old_db, "load", copy)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"skipped: {copy}: the same file as document '{PLAN}' (same SHA-256), skipped"
    )
    assert result.stderr.splitlines()[1].endswith("; 1 skipped")
    assert old_db.read_bytes() == before and n_targets(old_db) == targets


def test_a_load_of_duplicates_only_copies_no_database(
    old_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to write after all: the database is not copied (a reload of a large library that
    holds duplicates stays fast)."""
    copy = tmp_path / "plan-copy.txt"
    shutil.copy(SEEDS / f"{PLAN}.txt", copy)
    copied: list[object] = []
    monkeypatch.setattr(shutil, "copyfile", lambda *args, **kwargs: copied.append(args))
    result = run(old_db, "load", copy)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1].endswith("; 1 skipped")
    assert copied == []
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_gbk_copy_is_skipped_by_its_text_or_its_number_and_title(old_db: Path, tmp_path: Path) -> None:
    before = old_db.read_bytes()
    folder = tmp_path / "gbk"
    folder.mkdir()
    for stem, name in ((PLAN, "plan-gbk"), (REPLY, "reply-gbk")):
        (folder / f"{name}.txt").write_bytes((SEEDS / f"{stem}.txt").read_text(encoding="utf-8").encode("gb18030"))
    result = run(old_db, "load", folder)
    assert result.exit_code == 0, result.output
    assert [ln for ln in result.stderr.splitlines() if ln.startswith("skipped: ")] == [
        (f"skipped: {folder / 'plan-gbk.txt'}: the same document as '{PLAN}' (same document number "
        "杭科领办〔2024〕1号 and title), skipped"),
        f"skipped: {folder / 'reply-gbk.txt'}: the same text as document '{REPLY}' (another copy of it), skipped",
    ]
    assert old_db.read_bytes() == before


def test_duplicates_within_one_load_keep_the_first(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, "docs", PLAN)
    shutil.copy(SEEDS / f"{PLAN}.txt", folder / "z-copy.txt")
    db = tmp_path / "x.db"
    result = run(db, "load", folder)
    assert result.exit_code == 0, result.output
    assert f"skipped: {folder / 'z-copy.txt'}: the same file as document '{PLAN}' (same SHA-256), skipped" in (
        result.stderr.splitlines()
    )
    assert ids(db) == [PLAN]


def test_a_renamed_file_under_replace_is_no_duplicate(old_db: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "hangzhou-2024.txt"
    shutil.copy(SEEDS / f"{PLAN}.txt", renamed)
    result = run(old_db, "load", renamed, "--replace")
    assert result.exit_code == 0, result.output
    assert ids(old_db) == ["hangzhou-2024"]


def test_a_duplicate_update_keeps_the_stored_document(old_db: Path, tmp_path: Path) -> None:
    """A file of a held id whose new bytes are another document's: skipped, the stored one stays."""
    before = old_db.read_bytes()
    clash = tmp_path / f"{REPLY}.txt"
    shutil.copy(SEEDS / f"{PLAN}.txt", clash)
    result = run(old_db, "load", clash)
    assert result.exit_code == 0, result.output
    assert f"skipped: {clash}: the same file as document '{PLAN}' (same SHA-256), skipped" in result.stderr
    assert old_db.read_bytes() == before


# ---------------------------------------------------------------- refusals leave the database as it was


def test_a_load_of_nothing_readable_is_one_line_and_changes_nothing(old_db: Path, tmp_path: Path) -> None:
    before = old_db.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    one_line_error(run(old_db, "load", bad), f"no document could be loaded ({bad}: empty file)")
    assert old_db.read_bytes() == before


@pytest.mark.parametrize("args", [["load", "docs/", "--db", "{db}"], ["--db", "{db}", "load", "docs/"]])
def test_db_before_or_after_the_command(tmp_path: Path, args: list[str]) -> None:
    folder = folder_of(tmp_path, "docs", PLAN)
    db = tmp_path / "my.db"
    argv = [a.replace("{db}", str(db)).replace("docs/", str(folder)) for a in args]
    result = run(None, *argv)
    assert result.exit_code == 0, result.output
    assert ids(db) == [PLAN]
    after = run(None, "docs", "--format", "csv", "--columns", "id", "--db", str(db))
    assert after.exit_code == 0 and after.stdout.split() == ["id", PLAN]


def test_load_help_names_db_and_replace() -> None:
    result = run(None, "load", "--help")
    assert result.exit_code == 0
    assert "--db" in result.stdout and "--replace" in result.stdout and "your library" in result.stdout


def test_a_load_leaves_pandas_and_numpy_unimported(tmp_path: Path) -> None:
    """sqlite_utils reaches for pandas and numpy only to type their values; a load, which never hands it such
    values, does not pay for importing them (they are installed with the test extra, so this could fail)."""
    pytest.importorskip("pandas")
    code = ("import sys; from zjpolicy.cli import main; sys.argv = ['zjpolicy', '--db', sys.argv[1], 'load', sys.argv[2],"
            " '--quiet']\ntry: main()\nexcept SystemExit as e: assert not e.code, e.code\n"
            "import sqlite_utils.db; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules), sqlite_utils.db.pd)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.db"), str(SEEDS)], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["[]", "None"]
    assert sqlite3.connect(tmp_path / "p.db").execute("select count(*) from documents").fetchone()[0] == 5
