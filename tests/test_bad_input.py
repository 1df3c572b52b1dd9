"""Bad input to `load` and to the query options.

Every bad input ends in a one-line error that names the file, exit 2, never a
traceback (or, where the input is fine after all, a correct load). A load of
many files reports each bad one on a `skipped: …` line and loads the good
ones; --strict makes any bad file fail the whole load. An existing database is
never damaged: its bytes are compared before and after.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SEEDS, load_text, main_entry, other_sqlite, read_csv, run

PLAN = "003_319bd9830f448044"  # the Hangzhou plan: targets and task owners
REPLY = "000_3669a09881a7b6b9"  # a district reply in traditional script, with the district table
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_text(stem: str = PLAN) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def no_traceback(result: object) -> None:
    exc = result.exception  # type: ignore[attr-defined]
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def one_line_error(result: object, *needles: str) -> str:
    """Exit 2 and exactly one line on stderr, `Error: …`, holding each needle (a file name)."""
    no_traceback(result)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr  # type: ignore[attr-defined]
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def loaded_ids(db: Path) -> list[str]:
    result = run(db, "docs", "--format", "csv")
    assert result.exit_code == 0, result.output
    return [r["id"] for r in read_csv(result.stdout)]


def skipped_lines(result: object) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("skipped: ")]  # type: ignore[attr-defined]


@contextmanager
def untouched(db: Path) -> Iterator[None]:
    before = db.read_bytes()
    yield
    assert db.read_bytes() == before, "the existing database changed"
    assert len(loaded_ids(db)) == 5


# ---------------------------------------------------------------- paths


def test_missing_path(old_db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with untouched(old_db):
        one_line_error(run(old_db, "load", missing), f"{missing}: no such file or folder")
        r = main_entry("--db", str(old_db), "load", str(missing))
        assert r.returncode == 2 and r.stderr == f"Error: {missing}: no such file or folder\n", r.stderr


def test_folder_with_no_documents(old_db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    others = tmp_path / "others"
    others.mkdir()
    (others / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (others / ".hidden.txt").write_text(seed_text(), encoding="utf-8")
    with untouched(old_db):
        one_line_error(run(old_db, "load", empty), str(empty), "no documents")
        one_line_error(run(old_db, "load", others), str(others), "no documents")


def test_a_folder_named_like_a_document(old_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plan.txt"
    folder.mkdir()
    with untouched(old_db):
        one_line_error(run(old_db, "load", folder), str(folder))


# ---------------------------------------------------------------- contents


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf", b"\xff\xfe", "\u3000\n\u3000".encode()],
    ids=["zero-bytes", "whitespace", "utf8-bom-only", "utf16-bom-only", "ideographic-spaces"],
)
def test_empty_file(old_db: Path, tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(data)
    with untouched(old_db):
        one_line_error(run(old_db, "load", f), str(f))


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("plan.txt", seed_text())
    return buf.getvalue()


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "zip": _zip(),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(128, 256)) * 8,
    "gif": b"GIF89a" + bytes(range(256)),
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4,
    "elf": b"\x7fELF\x02\x01\x01" + bytes(64),
    "sqlite": b"SQLite format 3\x00" + bytes(4000),
    "random": random.Random(8).randbytes(8192),
    "text-with-nuls": seed_text().encode()[:3000] + b"\x00\x00\x00" + seed_text().encode()[3000:6000],
    "control-chars": bytes(range(1, 9)) * 500 + "研发中心".encode(),
}


def _mixed() -> bytes:
    text = seed_text()
    return text[:400].encode("utf-8") + text[400:900].encode("gbk")


BAD_TEXT = {
    "invalid-utf8": seed_text().encode()[:1000] + b"\xff\xfe\xfa" + seed_text().encode()[1000:2000],
    "utf8-then-gbk": _mixed(),
    "big5": seed_text(REPLY).encode("big5", errors="replace"),
    "latin1": "Café, naïve, résumé - Zürich 2024".encode("latin-1") * 20,
    "lone-surrogate-utf16": b"\xff\xfe"
    + "研发".encode("utf-16-le")
    + b"\x00\xd8"
    + "中心".encode("utf-16-le"),
}


UNREADABLE = {**BINARIES, **BAD_TEXT}  # binary files renamed .txt, and text in no encoding it can read


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_a_txt_file_it_cannot_read_as_text(old_db: Path, tmp_path: Path, kind: str) -> None:
    f = tmp_path / f"{kind}.txt"
    f.write_bytes(UNREADABLE[kind])
    with untouched(old_db):
        one_line_error(run(old_db, "load", f), str(f))


def test_utf8_cut_off_in_a_character_is_an_error_that_says_where(old_db: Path, tmp_path: Path) -> None:
    data = seed_text().encode("utf-8").rstrip()
    assert data.endswith("。".encode()) or data[-1] >= 0x80  # it ends with a Chinese character or mark
    lead = len(data) - 3  # a three-byte character: keep its first byte only
    f = tmp_path / "cut.txt"
    f.write_bytes(data[: lead + 1])
    with untouched(old_db):
        line = one_line_error(run(old_db, "load", f), str(f))
        assert f"invalid UTF-8 at byte {lead}" in line


def _facts(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every fact and the documents' text and metadata, without what says how the file was stored."""
    conn = sqlite3.connect(db)
    out = {
        "documents": conn.execute(
            "select id, title, doc_number, issuer, date, year, period, city, district, region, kind, script, chars, text"
            " from documents order by id"
        ).fetchall(),
    }
    for table, order in (
        ("targets", "doc_id, seq"),
        ("owners", "doc_id, seq"),
        ("district_cells", "doc_id, table_no, seq"),
        ("district_tables", "doc_id, table_no"),
        ("notes", "doc_id, seq"),
    ):
        out[table] = conn.execute(f"select * from {table} order by {order}").fetchall()
    conn.close()
    return out


ENCODINGS = {
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_other_encodings_load_the_same_facts_as_utf8(seeds_db: Path, tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / encoding
    folder.mkdir()
    for f in SEED_FILES:
        (folder / f.name).write_bytes(ENCODINGS[encoding](f.read_text(encoding="utf-8")))
    db = tmp_path / "enc.db"
    result = run(db, "load", folder)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert skipped_lines(result) == []
    assert _facts(db) == _facts(seeds_db)


# ---------------------------------------------------------------- size


@pytest.mark.parametrize(
    "megabytes,seconds",
    [pytest.param(5, 60, id="5MB"), pytest.param(50, 300, id="50MB", marks=pytest.mark.slow)],
)
def test_a_large_document_loads(tmp_path: Path, megabytes: int, seconds: int) -> None:
    """The seeds' text repeated into one file of 5 MB (50 MB under -m slow): it loads, every fact found."""
    unit = "\n".join(f.read_text(encoding="utf-8") for f in SEED_FILES) + "\n"
    big = tmp_path / "big.txt"
    size = megabytes * 1024 * 1024
    copies = size // len(unit.encode("utf-8")) + 1
    big.write_text(unit * copies, encoding="utf-8")
    assert big.stat().st_size >= size
    db = tmp_path / "big.db"
    start = time.monotonic()
    try:
        r = main_entry("--db", str(db), "load", str(big), timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a {megabytes} MB document did not load within {seconds} s (killed after {time.monotonic() - start:.0f} s)")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert loaded_ids(db) == ["big"]
    # every copy's district table is read: its 56 cells, once per copy
    conn = sqlite3.connect(db)
    try:
        cells = conn.execute("select count(*) from district_cells").fetchone()[0]
        targets = conn.execute("select count(*) from targets").fetchone()[0]
    finally:
        conn.close()
    assert cells == 56 * copies
    assert targets > copies


# ---------------------------------------------------------------- long lines


def _no_newlines() -> str:
    return "".join(f.read_text(encoding="utf-8").replace("\n", "") for f in SEED_FILES) * 10


LONG_LINES = {
    "seeds-without-line-breaks": _no_newlines,  # about 200,000 characters on one line
    "chinese-without-punctuation": lambda: "科技创新平台建设项目推进落实" * 20000,
    "one-long-word": lambda: "A" * 300_000,
}


@pytest.mark.parametrize("kind", list(LONG_LINES))
def test_very_long_lines_load(tmp_path: Path, kind: str) -> None:
    f = tmp_path / f"{kind}.txt"
    f.write_text(LONG_LINES[kind](), encoding="utf-8")
    db = tmp_path / "long.db"
    start = time.monotonic()
    result = run(db, "load", f)
    elapsed = time.monotonic() - start
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert elapsed < 20, f"{elapsed:.1f} s"
    conn = sqlite3.connect(db)
    bad = conn.execute(
        "select count(*) from targets t join documents d on d.id = t.doc_id"
        " where substr(d.text, t.start + 1, t.end - t.start) != t.quote"
    ).fetchone()[0]
    assert bad == 0


# Long lines that make an extractor quadratic: each must load within the time a
# linear reading takes with a wide margin (these take well under a second when linear).
PATHOLOGICAL_LINES = {
    "digits": lambda: "1" * 60_000,
    "chinese-numerals": lambda: "一" * 60_000,
    "pipe-table-row": lambda: "|滨江区|593|403" * 15_000,
}
PATHOLOGICAL_BUDGET = 8.0


@pytest.fixture(scope="module")
def pathological_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int | None, float]]:
    """Load each pathological line in its own process, all at once: (exit code or None if killed, seconds)."""
    base = tmp_path_factory.mktemp("pathological")
    procs = {}
    for kind, make in PATHOLOGICAL_LINES.items():
        f = base / f"{kind}.txt"
        f.write_text(make(), encoding="utf-8")
        procs[kind] = subprocess.Popen(
            [sys.executable, "-m", "zjpolicy", "--db", str(base / f"{kind}.db"), "load", str(f), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    start = time.monotonic()
    results: dict[str, tuple[int | None, float]] = {}
    for kind, p in procs.items():
        try:
            rc = p.wait(timeout=max(0.1, PATHOLOGICAL_BUDGET - (time.monotonic() - start)))
            results[kind] = (rc, time.monotonic() - start)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            p.wait()
            results[kind] = (None, time.monotonic() - start)
    return results




@pytest.mark.parametrize(
    "kind",
    list(PATHOLOGICAL_LINES),
)
def test_pathological_long_lines_load_in_linear_time(
    pathological_runs: dict[str, tuple[int | None, float]], kind: str
) -> None:
    rc, elapsed = pathological_runs[kind]
    assert rc is not None, (
        f"{kind}: killed after {elapsed:.1f} s ({len(PATHOLOGICAL_LINES[kind]())} characters on one line)"
    )
    assert rc == 0


# ---------------------------------------------------------------- odd documents

TABLE_HEAD = "杭州市各区县研发机构统计表\n\n| 区、县(市) | 市研发中心 | 省研发中心 | 省企业研究院 |\n| --- | --- | --- | --- |\n"


def test_malformed_district_table_loads_and_warns_when_the_total_differs(tmp_path: Path) -> None:
    ragged = TABLE_HEAD + (
        "| 滨江区 | 593 | 403 | 116 |\n"
        "| 萧山区 | 397 | 240 |\n"  # a short row
        "| 西湖区 | — | 173 | 76 |\n"  # a dash for a missing count
        "| 上城区 | 12 | 无 | 3 | 9 |\n"  # a long row, a word for a count
        "| 合计 | 2000 | 816 | 195 |\n"  # 1002 by its rows, not 2000
    )
    no_total = (
        TABLE_HEAD + "| 滨江区 | 593 | 403 | 116 |\n| 萧山区 | 397 | 240 | 72 |\n| 西湖区 | 10 | 173 | 76 |\n"
    )
    for name, text, warned in (("ragged", ragged, True), ("nototal", no_total, False)):
        f = tmp_path / f"{name}.txt"
        f.write_text(text, encoding="utf-8")
        db = tmp_path / f"{name}.db"
        result = run(db, "load", f)
        no_traceback(result)
        assert result.exit_code == 0, result.output
        shown = run(db, "districts", "--doc", name, "--format", "csv")
        no_traceback(shown)
        assert shown.exit_code == 0, shown.output
        rows = read_csv(shown.stdout)
        assert {"滨江区", "萧山区", "西湖区"} <= {r["district"] for r in rows}
        warnings = [ln for ln in shown.stderr.splitlines() if ln.startswith("warning:")]
        if warned:
            assert any("市研发中心" in w and "2000" in w and "1002" in w for w in warnings), shown.stderr
        else:
            assert warnings == []
        table = run(db, "districts", "--doc", name, "--format", "table")
        assert table.exit_code == 0 and ("warning" in table.output) == warned


def test_non_numeric_cells_are_never_read_as_districts(tmp_path: Path) -> None:
    text = TABLE_HEAD + (
        "| 滨江区 | 593 | 403 | 116 |\n"
        "| 萧山区 | 397 | 240 | 72 |\n"
        "| 余杭区 | 约400 | 312 | 85 |\n"
        "| 西湖区 | abc | 173 | 76 |\n"
        "| 上城区 | 12 | 30 | 3 |\n"
    )
    db = load_text(tmp_path, "words", text)
    rows = read_csv(run(db, "districts", "--format", "csv").stdout)
    districts = {r["district"] for r in rows} - {"合计", "合计(行之和)"}
    assert districts == {"滨江区", "萧山区", "余杭区", "西湖区", "上城区"}


def test_numbered_task_list_without_owners(tmp_path: Path) -> None:
    f = tmp_path / "tasks.txt"
    f.write_text(
        "杭州市2025年科技工作要点\n\n一、主要任务\n1.建设重点实验室，力争新增省级重点实验室5家。\n"
        "2.引进高层次人才。\n3.推进成果转化。\n（一）完善政策。\n（二）优化服务。\n",
        encoding="utf-8",
    )
    db = tmp_path / "tasks.db"
    result = run(db, "load", f)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    owners = run(db, "owners", "--format", "csv")
    no_traceback(owners)
    assert owners.exit_code == 0 and read_csv(owners.stdout) == []
    assert run(db, "owners", "--task", "1", "--format", "table").exit_code == 0


def test_document_with_no_facts(tmp_path: Path) -> None:
    f = tmp_path / "prose.txt"
    f.write_text(
        "关于天气的说明\n今天天气很好，适合出门散步。\n明天可能下雨，请带好雨具。\n", encoding="utf-8"
    )
    db = tmp_path / "prose.db"
    result = run(db, "load", f)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    docs = read_csv(run(db, "docs", "--format", "csv").stdout)
    assert [(d["id"], d["targets"], d["owners"], d["district_cells"]) for d in docs] == [
        ("prose", "0", "0", "0")
    ]
    for command in (["targets"], ["owners"], ["export", str(tmp_path / "out")]):
        r = run(db, *command)
        no_traceback(r)
        assert r.exit_code == 0, (command, r.output)
    one_line_error(run(db, "districts"), "no district table")


def test_two_documents_with_the_same_id(old_db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEEDS / f"{PLAN}.txt", first)
    (second / f"{PLAN}.txt").write_text("另一份同名文件：力争新增企业研究院10家。\n", encoding="utf-8")
    with untouched(old_db):
        one_line_error(
            run(old_db, "load", first, second, "--strict"), str(second / f"{PLAN}.txt"), "same document id"
        )
    result = run(old_db, "load", first, second, "--replace")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert skipped_lines(result) == [
        f"skipped: {second / f'{PLAN}.txt'}: same document id '{PLAN}' as {first / f'{PLAN}.txt'}"
    ]
    assert loaded_ids(old_db) == [PLAN]
    conn = sqlite3.connect(old_db)
    assert conn.execute("select path from documents").fetchall() == [(str(first / f"{PLAN}.txt"),)]


def test_the_same_file_named_twice_is_one_document(tmp_path: Path) -> None:
    """In its folder and on its own, and through a symlink to its folder: one file."""
    linked = tmp_path / "linked"
    linked.symlink_to(SEEDS)
    db = tmp_path / "twice.db"
    result = run(db, "load", SEEDS, SEEDS / f"{PLAN}.txt", linked / f"{PLAN}.txt", "--strict")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert skipped_lines(result) == []
    assert len(loaded_ids(db)) == 5


def test_unreadable_file(old_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / f"{PLAN}.txt", folder)
    locked = folder / "locked.txt"
    locked.write_text(seed_text(REPLY), encoding="utf-8")
    locked.chmod(0)
    try:
        readable = os.access(locked, os.R_OK)
        if readable:
            # root reads a file of mode 000: make the read fail as it does for anyone else
            real = Path.read_bytes

            def read_bytes(self: Path) -> bytes:
                if self.name == "locked.txt":
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self)

            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        with untouched(old_db):
            one_line_error(run(old_db, "load", locked), str(locked), "permission denied")
            one_line_error(run(old_db, "load", folder, "--strict"), str(locked), "permission denied")
        result = run(old_db, "load", folder, "--replace")
        no_traceback(result)
        assert result.exit_code == 0, result.output
        assert skipped_lines(result) == [f"skipped: {locked}: permission denied"]
        assert loaded_ids(old_db) == [PLAN]
    finally:
        locked.chmod(0o644)


def test_symlink_loops_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for f in SEED_FILES[:2]:
        shutil.copy(f, folder / "sub")
    (folder / "sub" / "up").symlink_to("..")  # a loop: docs/sub/up -> docs
    (folder / "self.txt").symlink_to("self.txt")  # a symlink to itself
    (folder / "gone.txt").symlink_to("nowhere.txt")  # a broken symlink
    db = tmp_path / "loop.db"
    result = run(db, "load", folder)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert sorted(loaded_ids(db)) == sorted(f.stem for f in SEED_FILES[:2])
    skipped = skipped_lines(result)
    assert any("symlink loop" in s for s in skipped), skipped
    assert any(str(folder / "self.txt") in s for s in skipped), skipped
    assert any(str(folder / "gone.txt") in s for s in skipped), skipped
    assert len(skipped) == len(set(skipped))
    one_line_error(run(db, "load", folder / "self.txt"), str(folder / "self.txt"))
    one_line_error(run(db, "load", folder / "gone.txt"), str(folder / "gone.txt"))


def test_a_pipe_in_a_folder_does_not_hang_the_load(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / f"{PLAN}.txt", folder)
    os.mkfifo(folder / "pipe.txt")
    db = tmp_path / "fifo.db"
    try:
        r = main_entry("--db", str(db), "load", str(folder), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a named pipe blocked the load")
    assert r.returncode == 0, r.stderr
    assert f"skipped: {folder / 'pipe.txt'}: " in r.stderr
    assert loaded_ids(db) == [PLAN]


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / f"{PLAN}.txt", folder)
    # a zip made on Chinese Windows: the name's bytes are GBK
    gbk_name = os.path.join(os.fsencode(folder), "科技计划.txt".encode("gbk"))
    with open(gbk_name, "wb") as out:
        out.write((SEEDS / f"{REPLY}.txt").read_bytes())
    db = tmp_path / "names.db"
    result = run(db, "load", folder)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    skipped = skipped_lines(result)
    assert len(skipped) == 1 and "file name" in skipped[0], result.stderr
    assert loaded_ids(db) == [PLAN]
    one_line_error(run(db, "load", folder, "--strict"), "file name")


# ---------------------------------------------------------------- the database argument


def test_database_in_a_missing_folder(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "x.db"
    one_line_error(run(db, "load", SEEDS), "does not exist")
    assert not (tmp_path / "no").exists()


def test_database_that_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dbdir"
    folder.mkdir()
    one_line_error(run(folder, "load", SEEDS), str(folder))
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("kind", ["text", "other-sqlite"])
def test_database_argument_that_is_another_file_is_not_overwritten(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "notes.db"
    if kind == "text":
        target.write_text("my notes, not a database\n", encoding="utf-8")
    else:
        other_sqlite(target)
    before = target.read_bytes()
    one_line_error(run(target, "load", SEEDS), str(target), "not a zjpolicy database")
    assert target.read_bytes() == before


# ---------------------------------------------------------------- many files at once


def _mixed_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in SEED_FILES:
        shutil.copy(f, folder)
    bad = {
        "empty.txt": b"",
        "image.txt": BINARIES["png"],
        "archive.txt": BINARIES["zip"],
        "broken.txt": BAD_TEXT["invalid-utf8"],
        "mixed.md": BAD_TEXT["utf8-then-gbk"],
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    (folder / "zz").mkdir()
    shutil.copy(SEEDS / f"{PLAN}.txt", folder / "zz")  # the same id again
    return folder, sorted(folder / n for n in bad) + [folder / "zz" / f"{PLAN}.txt"]


def test_a_load_of_many_files_reports_the_bad_ones_and_loads_the_good_ones(
    old_db: Path, tmp_path: Path
) -> None:
    folder, bad = _mixed_folder(tmp_path)
    with untouched(old_db):
        line = one_line_error(run(old_db, "load", folder, "--strict"))
        assert any(str(b) in line for b in bad), line
    result = run(old_db, "load", folder)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    skipped = skipped_lines(result)
    assert len(skipped) == len(bad), skipped
    for b in bad:
        assert sum(1 for s in skipped if s.startswith(f"skipped: {b}: ")) == 1, (b, skipped)
    assert sorted(loaded_ids(old_db)) == sorted(f.stem for f in SEED_FILES)


def test_many_files_through_the_real_entry_point(old_db: Path, tmp_path: Path) -> None:
    folder, bad = _mixed_folder(tmp_path)
    before = old_db.read_bytes()
    strict = main_entry("--db", str(old_db), "load", str(folder), "--strict")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    assert len(strict.stderr.strip().splitlines()) == 1 and strict.stderr.startswith("Error: ")
    assert old_db.read_bytes() == before
    r = main_entry("--db", str(old_db), "load", str(folder))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.startswith("skipped: ")]) == len(bad)
    assert len(loaded_ids(old_db)) == 5


# ---------------------------------------------------------------- option values

BAD_OPTIONS = [
    (["targets", "--year", "abc"], "--year abc"),
    (["targets", "--year", "20245"], "--year 20245"),
    (["districts", "--sort", "foo"], "--sort foo"),
    (["targets", "--format", "xls"], "--format xls"),
    (["docs", "--format", ""], "--format"),
    (["districts", "--table", "x"], "--table"),
    (["districts", "--table", "99"], "district table"),
    (["districts", "--doc", "nosuch"], "nosuch"),
    (["targets", "--columns", "nosuch"], "nosuch"),
    (["targets", "--lang", "fr"], "--lang fr"),
    (["search", "研发", "--limit", "-1"], "--limit"),
    (["targets", "--bogus"], "--bogus"),
    (["load"], "paths"),
]


@pytest.mark.parametrize("args,needle", BAD_OPTIONS, ids=[" ".join(a) for a, _ in BAD_OPTIONS])
def test_bad_option_values(seeds_db: Path, args: list[str], needle: str) -> None:
    before = seeds_db.read_bytes()
    result = run(seeds_db, *args)
    no_traceback(result)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and needle in last, result.stderr
    assert seeds_db.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["targets", "--year", "abc"],
        ["districts", "--sort", "foo"],
        ["targets", "--format", "xls"],
        ["districts", "--table", "x"],
        ["targets", "--bogus"],
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_option_values_through_the_real_entry_point(seeds_db: Path, args: list[str]) -> None:
    r = main_entry("--db", str(seeds_db), *args)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
