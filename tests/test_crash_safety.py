"""A load killed at any point leaves the previous database as it was.

A load writes a new database in a temp file beside the target and moves it into
place only when complete. Kill it (kill -9, SIGTERM, Ctrl-C) at several points:
the previous database is byte for byte the same and answers queries, the lock
is free at once (no worker process outlives the load holding it), and the next
load succeeds and removes the temp file the killed load left behind.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run

from zjpolicy.loader import db_lock


def temp_files(db: Path) -> list[Path]:
    return sorted(
        p for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.") and p.name.endswith(".tmp")
    )


def live_members(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies are done)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


# The installed command, as users run it. Run as `python -m zjpolicy`, an interrupted load was seen to end
# by CPython re-raising SIGINT after its message (4 runs in 100: exit -2, which a shell shows as 130 too);
# the installed command exited 130 in 100 runs of 100 (session 3).
ZJPOLICY = Path(sys.executable).with_name("zjpolicy")


def start_load(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(ZJPOLICY), "--db", str(db), "load", str(corpus), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for(point: str, p: subprocess.Popen[bytes], db: Path) -> None:
    """Let the load run to a point: seconds after the start, or a stage of writing the new file."""
    deadline = time.monotonic() + 30
    if point.endswith("s"):
        time.sleep(float(point[:-1]))
        return
    while time.monotonic() < deadline and p.poll() is None:
        tmp = temp_files(db)
        if point == "new-file-created" and tmp:
            return
        if point == "new-file-half-written" and tmp and tmp[0].stat().st_size > 4 * 1024 * 1024:
            return
        time.sleep(0.01)
    raise AssertionError(f"the load never reached {point}")


def assert_intact(db: Path, before: bytes) -> None:
    assert db.read_bytes() == before, "the previous database changed"
    docs = run(db, "docs", "--format", "csv")
    assert docs.exit_code == 0, docs.output
    assert len(read_csv(docs.stdout)) == 5
    targets = run(db, "targets", "--year", "2024", "--format", "csv")
    assert targets.exit_code == 0 and read_csv(targets.stdout), targets.output


def assert_released(db: Path, pgid: int) -> None:
    """No process of the killed load lives on, and the lock is free."""
    deadline = time.monotonic() + 5
    while live_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = live_members(pgid)
    if left:
        for pid in left:
            os.kill(pid, signal.SIGKILL)  # processes this test started: do not leave them behind
        raise AssertionError(f"processes of the killed load still run: {left}")
    with db_lock(db, timeout=2):
        pass


@pytest.mark.parametrize("point", ["0.2s", "0.5s", "1.0s", "new-file-created", "new-file-half-written"])
def test_kill_9_during_a_load_leaves_the_previous_database(corpus: Path, old_db: Path, point: str) -> None:
    before = old_db.read_bytes()
    p = start_load(old_db, corpus)
    try:
        wait_for(point, p, old_db)
        assert p.poll() is None, "the load finished before it could be killed"
        os.kill(p.pid, signal.SIGKILL)  # the loading process only, as a crash would
        p.wait(timeout=10)
        assert_intact(old_db, before)
        assert_released(old_db, p.pid)
    finally:
        if live_members(p.pid):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    # the next load is not hindered by what the killed one left, and tidies it away
    result = run(
        old_db, "load", str(SEEDS / "003_319bd9830f448044.txt"), str(SEEDS / "004_9a95156947d6f080.txt"), "--replace"
    )
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in read_csv(run(old_db, "docs", "--format", "csv").stdout)] == [
        "003_319bd9830f448044",
        "004_9a95156947d6f080",
    ]
    assert temp_files(old_db) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_terminate_or_interrupt_during_a_load(corpus: Path, old_db: Path, sig: signal.Signals) -> None:
    before = old_db.read_bytes()
    p = start_load(old_db, corpus)
    try:
        wait_for("new-file-created", p, old_db)
        assert p.poll() is None, "the load finished before it could be interrupted"
        os.kill(p.pid, sig)
        _, err = p.communicate(timeout=20)
    finally:
        if live_members(p.pid):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    assert b"Traceback" not in err, err.decode(errors="replace")
    assert p.returncode != 0
    if sig == signal.SIGINT:
        assert p.returncode == 130, err.decode(errors="replace")
        assert err.decode() == f"interrupted: {old_db} is unchanged\n"
        assert temp_files(old_db) == []  # an interrupted load removes its own temp file
    assert_intact(old_db, before)
    assert_released(old_db, p.pid)
    assert run(old_db, "load", str(SEEDS)).exit_code == 0
    assert temp_files(old_db) == []


def test_stale_temp_files_of_other_databases_are_left_alone(old_db: Path, tmp_path: Path) -> None:
    stale = tmp_path / f".{old_db.name}.abcd1234.tmp"
    stale.write_bytes(b"left by a killed load")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    others = [
        tmp_path / f".{old_db.name}.x.abcd1234.tmp",
        tmp_path / ".other.db.abcd1234.tmp",
        tmp_path / "keep.tmp",
    ]
    for o in others:
        o.write_bytes(b"not ours")
    assert run(old_db, "load", str(SEEDS)).exit_code == 0
    assert not stale.exists()
    assert all(o.exists() for o in others)


def test_a_load_keeps_the_permissions_of_the_database_it_replaces(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    assert run(db, "load", str(SEEDS)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(db.stat().st_mode) == 0o666 & ~umask, oct(db.stat().st_mode)
    db.chmod(0o640)
    assert run(db, "load", str(SEEDS / "003_319bd9830f448044.txt")).exit_code == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
