"""Planning a load: which files it reads, keeps or touches, and whether it starts from the database.

loader.plan_load decides before anything is written; loader.apply_plan writes. These
tests read the plans of loads into a database of the seeds, then check that applying
one does what it said (a load with nothing to do does not rewrite the database).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from zjpolicy import loader
from zjpolicy.loader import PARALLEL_MIN_FILES, Step, plan_load

IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    return docs


@pytest.fixture
def loaded(folder: Path, tmp_path: Path) -> Path:
    db = tmp_path / "x.db"
    loader.load(db, [folder])
    return db


def files_of(folder: Path) -> list[Path]:
    return loader.collect_files([folder])[0]


def actions(plan: loader.LoadPlan) -> dict[str, str]:
    return {s.doc_id: s.action for s in plan.steps}


def test_no_database_reads_every_file_into_a_fresh_one(folder: Path, tmp_path: Path) -> None:
    plan = plan_load(tmp_path / "none.db", files_of(folder), meta={})
    assert actions(plan) == dict.fromkeys(IDS, "read")
    assert not plan.base and plan.held == frozenset() and not plan.unchanged


def test_the_same_files_again_change_nothing(folder: Path, loaded: Path) -> None:
    plan = plan_load(loaded, files_of(folder), meta={})
    assert actions(plan) == dict.fromkeys(IDS, "keep")
    assert plan.base and plan.held == set(IDS) and plan.unchanged
    inode = loaded.stat().st_ino
    report = loader.load(loaded, [folder])
    assert loaded.stat().st_ino == inode  # not rewritten
    assert report.counts["extracted"] == 0 and report.counts["unchanged"] == 5


def test_other_meta_is_a_change(folder: Path, loaded: Path) -> None:
    plan = plan_load(loaded, files_of(folder), meta={"source": "elsewhere"})
    assert actions(plan) == dict.fromkeys(IDS, "keep") and not plan.unchanged


def test_a_touched_file_is_touched_and_a_changed_one_read(folder: Path, loaded: Path) -> None:
    touched, changed = (folder / f"{IDS[0]}.txt"), (folder / f"{IDS[1]}.txt")
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    changed.write_bytes(changed.read_bytes() + "\n2030年新增企业10家。\n".encode())
    plan = plan_load(loaded, files_of(folder), meta={})
    assert actions(plan) == {**dict.fromkeys(IDS, "keep"), IDS[0]: "touch", IDS[1]: "read"}
    assert Step(touched, "touch", moved=(str(touched), touched.stat().st_size, 1_000_000_000)) in plan.steps
    assert plan.base and plan.to_read == [changed] and not plan.unchanged
    report = loader.load(loaded, [folder])
    assert report.counts["extracted"] == 1 and report.counts["unchanged"] == 4


def test_a_file_no_longer_given_is_dropped(folder: Path, loaded: Path) -> None:
    (folder / f"{IDS[0]}.txt").unlink()
    plan = plan_load(loaded, files_of(folder), meta={})
    assert plan.drop == set(IDS) and not plan.unchanged
    assert loader.load(loaded, [folder]).loaded == IDS[1:]


def test_most_files_changed_builds_afresh(folder: Path, loaded: Path) -> None:
    for i in range(PARALLEL_MIN_FILES + 1):
        (folder / f"new{i:03d}.txt").write_bytes((SEEDS / f"{IDS[i % 5]}.txt").read_bytes())
    plan = plan_load(loaded, files_of(folder), meta={})
    assert not plan.base and set(actions(plan).values()) == {"read"}
