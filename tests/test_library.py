"""The user's library: the default database, in the user data folder, starting with the bundled seeds.

Without --db, `load` adds to it and queries read it. When another version of
zjpolicy wrote it, its documents are extracted again from the text it keeps (no
source file needed), in one atomic write with one line of notice. When the
bundled seeds change, the seeds in it follow, and the user's own documents stay.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run

from zjpolicy import db, library
from zjpolicy.paths import library_path

PLAN = "003_319bd9830f448044"
IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
MINE = "温州市2025年科技工作要点\n到2025年，全市新增高新技术企业321家，研发投入强度达到3.4%。\n"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ZJPOLICY_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def mydocs(tmp_path: Path) -> Path:
    folder = tmp_path / "mydocs"
    folder.mkdir()
    (folder / "wenzhou-2025.txt").write_text(MINE, encoding="utf-8")
    return folder


def ids() -> list[str]:
    result = run(None, "docs", "--format", "csv")
    assert result.exit_code == 0, result.output
    return [r["id"] for r in read_csv(result.stdout)]


def edited_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """As after an upgrade: the extractor's fingerprint is not the one the library was written with."""
    monkeypatch.setattr(library, "extractor_fingerprint", lambda: "an-edited-extractor")
    monkeypatch.setattr(db, "extractor_fingerprint", lambda: "an-edited-extractor")


def test_load_without_db_adds_to_the_library_beside_the_seeds(data_dir: Path, mydocs: Path) -> None:
    result = run(None, "load", mydocs)
    assert result.exit_code == 0, result.output
    path = data_dir / "library.db"
    assert result.stderr.splitlines() == [
        f"Making your library from the bundled seeds: {path}",
        (f"Loaded into {path}: 1 added, 0 updated, 0 removed, 5 unchanged (6 documents: 72 targets, 99 task owners, "
        "56 district cells)"),
    ]
    targets = run(None, "targets", "--year", "2025", "--format", "csv")
    assert targets.exit_code == 0 and targets.stderr == ""
    docs = {r["doc"] for r in read_csv(targets.stdout)}
    assert "wenzhou-2025" in docs and docs - {"wenzhou-2025"}, docs  # theirs beside the seeds'


def test_the_library_lives_in_the_data_folder_and_the_old_variable_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZJPOLICY_DATA_DIR")
    monkeypatch.setenv("ZJPOLICY_CACHE_DIR", str(tmp_path / "old"))
    assert library_path() == tmp_path / "old" / "library.db"
    monkeypatch.delenv("ZJPOLICY_CACHE_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert library_path() == tmp_path / "share" / "zjpolicy" / "library.db"  # platformdirs' user data folder


def test_help_and_docs_show_where_the_library_is(data_dir: Path) -> None:
    path = data_dir / "library.db"
    top = run(None, "--help")
    assert top.exit_code == 0 and f"(default:yourlibrary,{path})" in "".join(top.stdout.split()), top.stdout
    docs = run(None, "docs", "--format", "table")
    assert docs.exit_code == 0, docs.output
    assert f"文件：5个（{path}）" in "".join(docs.stdout.split()), docs.stdout  # the title, wrapped or not (tests run in zh)


def test_after_an_upgrade_documents_are_extracted_again_from_their_stored_text(
    data_dir: Path, mydocs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(None, "load", mydocs).exit_code == 0
    path = data_dir / "library.db"
    expected = run(None, "targets", "--format", "csv").stdout
    shutil.rmtree(mydocs)  # the source file is gone: only the library's stored text is left
    conn = sqlite3.connect(path)
    conn.execute("delete from targets where doc_id = 'wenzhou-2025'")  # facts only a new extraction brings back
    conn.commit()
    conn.close()
    edited_extractor(monkeypatch)
    result = run(None, "targets", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Updating your library for this version of zjpolicy (extracting 1 documents again from the text it keeps): "
        f"{path}\n"
    )
    assert result.stdout == expected
    again = run(None, "targets", "--format", "csv")
    assert again.stderr == "" and again.stdout == expected


def test_a_load_into_a_database_of_another_version_keeps_and_re_extracts_its_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "x.db"
    assert run(database, "load", SEEDS).exit_code == 0
    edited_extractor(monkeypatch)
    new = tmp_path / "wenzhou-2025.txt"
    new.write_text(MINE, encoding="utf-8")
    result = run(database, "load", new)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        (f"{database} was written by another version of zjpolicy: extracting its 5 documents again from the text "
        "it keeps"),
        (f"Loaded into {database}: 1 added, 0 updated, 0 removed, 5 unchanged (6 documents: 72 targets, 99 task owners, "
        "56 district cells); 5 extracted again from their stored text"),
    ]


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled seeds, as a folder a test may change (a new version of zjpolicy with other seeds)."""
    folder = tmp_path / "bundled"
    shutil.copytree(SEEDS, folder)
    monkeypatch.setattr(library, "seeds_dir", lambda: folder)
    return folder


def test_the_seeds_in_the_library_follow_the_bundled_ones_and_the_users_documents_stay(
    data_dir: Path, mydocs: Path, bundled: Path, tmp_path: Path
) -> None:
    assert run(None, "load", mydocs).exit_code == 0
    removed_by_user, withdrawn, changed = IDS[0], IDS[1], IDS[2]
    assert run(None, "remove", removed_by_user).exit_code == 0
    own = tmp_path / "own"
    own.mkdir()
    (own / "new-seed.txt").write_text("湖州市科技工作要点\n到2025年，新增科技型中小企业800家。\n", encoding="utf-8")
    assert run(None, "load", own).exit_code == 0  # the user's document of an id a later seed takes
    # a new version: one seed withdrawn, one changed, one new (of an id the user holds), one new
    (bundled / f"{withdrawn}.txt").unlink()
    (bundled / f"{changed}.txt").write_bytes((SEEDS / f"{changed}.txt").read_bytes() + "\n到2027年，新增企业研究院12家。\n".encode())
    (bundled / "new-seed.txt").write_text("另一个种子\n", encoding="utf-8")
    (bundled / "another-seed.txt").write_text("嘉兴市科技工作要点\n到2026年，新增高新技术企业400家。\n", encoding="utf-8")
    result = run(None, "docs", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Updating the bundled seeds in your library: {data_dir / 'library.db'}\n"
    assert ids() == sorted([*IDS[2:], "another-seed", "new-seed", "wenzhou-2025"])
    conn = sqlite3.connect(data_dir / "library.db")
    assert conn.execute("select count(*) from targets where doc_id = ? and year = 2027", (changed,)).fetchone() == (1,)
    assert "湖州" in conn.execute("select text from documents where id = 'new-seed'").fetchone()[0]
    conn.close()


def test_two_first_queries_at_once_make_the_library_once(data_dir: Path) -> None:
    import subprocess
    import sys

    argv = [sys.executable, "-m", "zjpolicy", "docs", "--format", "csv"]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len({out for out, _ in outs}) == 1
    assert sum("Making your library" in err for _, err in outs) == 1
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.db"]  # no lock or temp file left


def test_a_damaged_library_is_one_line_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir()
    damaged = data_dir / "library.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = run(None, "docs")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: {damaged}: your library is damaged or not a zjpolicy database; move it away, and the next command "
        "makes a new one from the bundled seeds\n"
    )
    assert damaged.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 200
