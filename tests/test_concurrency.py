"""Loads and queries at the same time.

Two loads into one database are serialised by its lock file: the second waits,
and gives up with a one-line error when the lock stays taken. Readers querying
during a load never see an error or a half-loaded document: each read sees the
old set of documents or the new one, whole.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SEEDS, main_entry, read_csv, run

from zjpolicy import loader, queries
from zjpolicy.errors import ZjpolicyError

PLAN = "003_319bd9830f448044"


@pytest.fixture(scope="module")
def medium(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100 documents: enough for worker processes, short enough to keep readers busy only a few seconds."""
    folder = tmp_path_factory.mktemp("medium")
    for f in sorted(corpus.iterdir())[:100]:
        shutil.copyfile(f, folder / f.name)
    return folder


@contextmanager
def holding_the_lock(db: Path) -> Iterator[None]:
    """Take the load lock of db as another load would."""
    fd = os.open(str(db) + ".lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def start_load(db: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "zjpolicy", "--db", str(db), "load", *map(str, paths), "--replace", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_load_gives_up_with_one_line_when_the_lock_stays_taken(
    old_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader.db_lock.__init__, "__defaults__", (1.0,))  # 60 s in real use
    before = old_db.read_bytes()
    with holding_the_lock(old_db):
        start = time.monotonic()
        result = run(old_db, "load", str(SEEDS / f"{PLAN}.txt"), "--replace")
        waited = time.monotonic() - start
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"waiting for another load into {old_db}…\n"
        f"Error: another load into {old_db} has held the lock for 1 s; try again later\n"
    )
    assert 1.0 <= waited < 10
    assert old_db.read_bytes() == before
    with (
        holding_the_lock(old_db),
        pytest.raises(ZjpolicyError, match="held the lock"),
        loader.db_lock(old_db, timeout=0.2),
    ):
        pass


def test_the_second_load_waits_for_the_first(old_db: Path) -> None:
    before = old_db.read_bytes()
    with holding_the_lock(old_db):
        p = start_load(old_db, SEEDS / f"{PLAN}.txt")
        time.sleep(1.5)
        assert p.poll() is None, "the load did not wait for the lock"
        assert old_db.read_bytes() == before
    _, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert [r["id"] for r in read_csv(run(old_db, "docs", "--format", "csv").stdout)] == [PLAN]


def test_two_loads_at_once_are_serialised(old_db: Path, medium: Path, tmp_path: Path) -> None:
    corpus = medium
    small = tmp_path / "small"
    small.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(f, small)
    big = start_load(old_db, corpus)
    time.sleep(0.3)
    little = start_load(old_db, small)
    results = [p.communicate(timeout=120) for p in (big, little)]
    assert big.returncode == 0 and little.returncode == 0, results
    ids = {r["id"] for r in read_csv(run(old_db, "docs", "--format", "csv").stdout)}
    assert ids in ({f.stem for f in corpus.iterdir()}, {f.stem for f in small.iterdir()})
    assert [p for p in old_db.parent.iterdir() if p.name.endswith(".tmp")] == []


def _expected_counts(seeds_db: Path) -> dict[str, tuple[int, int, int]]:
    conn = queries.connect(seeds_db)
    return {d["id"]: (d["targets"], d["owners"], d["district_cells"]) for d in queries.documents(conn)}


def test_readers_during_a_load_see_the_old_or_the_new_documents_whole(
    seeds_db: Path, old_db: Path, medium: Path
) -> None:
    corpus = medium
    per_seed = _expected_counts(seeds_db)
    old_ids = frozenset(per_seed)
    new_ids = frozenset(f.stem for f in corpus.iterdir())
    seen: dict[str, int] = {"old": 0, "new": 0}
    errors: list[str] = []
    done = threading.Event()
    lock = threading.Lock()

    def check(docs: list[dict[str, object]], n_targets: int) -> None:
        ids = frozenset(str(d["id"]) for d in docs)
        if ids not in (old_ids, new_ids):
            raise AssertionError(f"a mix of documents: {len(ids & old_ids)} old, {len(ids & new_ids)} new")
        for d in docs:
            stem = str(d["id"]).split("_", 1)[1] if ids == new_ids else str(d["id"])
            got = (d["targets"], d["owners"], d["district_cells"])
            if got != per_seed[stem]:
                raise AssertionError(f"{d['id']} half loaded: {got} facts, not {per_seed[stem]}")
        if n_targets != sum(d["targets"] for d in docs):  # type: ignore[misc]
            raise AssertionError("targets and documents disagree within one read")
        with lock:
            seen["new" if ids == new_ids else "old"] += 1

    def reader() -> None:
        while True:
            last = done.is_set()
            try:
                conn = queries.connect(old_db)
                docs = queries.documents(conn)
                n_targets = len(queries.targets(conn))
                conn.close()
                check(docs, n_targets)
            except Exception as e:  # noqa: BLE001 - every failure is a finding
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
                return
            if last:
                return
            time.sleep(0.02)  # ten readers, not ten busy loops starving the load of a core

    def cli_reader() -> None:
        while True:
            last = done.is_set()
            r = main_entry("--db", old_db, "docs", "--format", "csv")
            n = len(r.stdout.splitlines()) - 1
            if r.returncode != 0 or n not in (len(old_ids), len(new_ids)):
                with lock:
                    errors.append(f"zjpolicy docs: exit {r.returncode}, {n} rows, {r.stderr.strip()}")
                return
            if last:
                return

    threads = [threading.Thread(target=reader) for _ in range(10)] + [
        threading.Thread(target=cli_reader) for _ in range(2)
    ]
    for t in threads:
        t.start()
    time.sleep(0.2)
    p = start_load(old_db, corpus)
    _, err = p.communicate(timeout=120)
    done.set()
    for t in threads:
        t.join(timeout=120)
    assert p.returncode == 0, err
    assert errors == []
    assert seen["old"] > 0 and seen["new"] > 0, seen
