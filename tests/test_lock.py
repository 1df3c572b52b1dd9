"""The lock of a database: loads wait their turn and say so, and no lock file stays behind.

The holder deletes DB.lock before letting go; a taker checks that the file it
locked is still the one at DB.lock. So two writers never hold the lock at once,
even as the file comes and goes, and nothing piles up beside the database.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, run

from zjpolicy.lockfile import db_lock, lock_path

PLAN = "003_319bd9830f448044"


def test_no_lock_file_stays_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(db, "load", SEEDS).exit_code == 0
    assert run(db, "load", SEEDS / f"{PLAN}.txt", "--replace").exit_code == 0
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert run(db, "load", bad).exit_code == 2
    assert run(db, "remove", PLAN).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "x.db"]


def test_a_load_waiting_for_another_says_so_once(old_db: Path) -> None:
    with db_lock(old_db):
        p = subprocess.Popen(
            [sys.executable, "-m", "zjpolicy", "--db", str(old_db), "load", str(SEEDS / f"{PLAN}.txt"), "--replace"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(1.5)
        assert p.poll() is None, "the load did not wait"
    _, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    lines = err.splitlines()
    assert lines[0] == f"waiting for another load into {old_db}…"
    assert sum(ln.startswith("waiting") for ln in lines) == 1, err
    assert lines[1].startswith(f"Loaded into {old_db}: ")
    assert not lock_path(old_db).exists()


def test_a_lock_file_left_by_a_killed_load_is_taken_and_removed(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    lock_path(db).write_bytes(b"")  # as kill -9 leaves it: there, and locked by nobody
    told: list[str] = []
    with db_lock(db, timeout=1, on_wait=told.append):
        assert lock_path(db).exists()
    assert told == [] and not lock_path(db).exists()


def _hold_many_times(db: str, times: int, inside: str) -> None:
    """Take the lock again and again; inside the lock, a marker file only one holder may create."""
    for _ in range(times):
        with db_lock(Path(db), timeout=60):
            fd = os.open(inside, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # FileExistsError: two holders at once
            os.close(fd)
            time.sleep(0.001)
            os.unlink(inside)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_holders_never_hold_the_lock_at_once_as_its_file_comes_and_goes(tmp_path: Path) -> None:
    db, inside = tmp_path / "x.db", tmp_path / "inside"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_hold_many_times, args=(str(db), 40, str(inside))) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert list(tmp_path.iterdir()) == []
