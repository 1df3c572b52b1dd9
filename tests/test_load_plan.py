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
    assert not plan.base and plan.held == {} and not plan.unchanged


def test_the_same_files_again_change_nothing(folder: Path, loaded: Path) -> None:
    plan = plan_load(loaded, files_of(folder), meta={})
    assert actions(plan) == dict.fromkeys(IDS, "keep")
    assert plan.base and set(plan.held) == set(IDS) and plan.unchanged
    inode = loaded.stat().st_ino
    report = loader.load(loaded, [folder])
    assert loaded.stat().st_ino == inode  # not rewritten
    assert report.counts["extracted"] == 0 and report.unchanged == IDS and report.summary() == (
        "0 added, 0 updated, 0 removed, 5 unchanged"
    )


def test_other_meta_is_a_change(folder: Path, loaded: Path) -> None:
    plan = plan_load(loaded, files_of(folder), meta={"source": "elsewhere"})
    assert actions(plan) == dict.fromkeys(IDS, "keep") and not plan.unchanged


def test_a_touched_file_is_touched_and_a_changed_one_read(folder: Path, loaded: Path) -> None:
    touched, changed = (folder / f"{IDS[0]}.txt"), (folder / f"{IDS[1]}.txt")
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    changed.write_bytes(changed.read_bytes() + "\n2030年新增企业10家。\n".encode())
    plan = plan_load(loaded, files_of(folder), meta={})
    assert actions(plan) == {**dict.fromkeys(IDS, "keep"), IDS[0]: "touch", IDS[1]: "read"}
    assert Step(IDS[0], "touch", touched, moved=(str(touched), touched.stat().st_size, 1_000_000_000)) in plan.steps
    assert plan.base and plan.to_read == [changed] and not plan.unchanged
    report = loader.load(loaded, [folder])
    assert report.counts["extracted"] == 1 and report.updated == [IDS[1]] and len(report.unchanged) == 4


def test_a_file_no_longer_given_stays_unless_replace(folder: Path, loaded: Path) -> None:
    (folder / f"{IDS[0]}.txt").unlink()
    plan = plan_load(loaded, files_of(folder), meta={})
    assert actions(plan) == dict.fromkeys(IDS, "keep") and plan.drop == frozenset() and plan.unchanged
    replacing = plan_load(loaded, files_of(folder), meta={}, replace=True)
    assert actions(replacing) == dict.fromkeys(IDS[1:], "keep") and replacing.drop == {IDS[0]}
    assert not replacing.unchanged
    report = loader.load(loaded, [folder], replace=True)
    assert report.loaded == IDS[1:] and report.removed == [IDS[0]]


def test_removing_is_a_plan_without_files(loaded: Path) -> None:
    plan = plan_load(loaded, [], meta={}, remove={IDS[2]})
    assert actions(plan) == {i: "keep" for i in IDS if i != IDS[2]} and plan.drop == {IDS[2]} and plan.base


def test_most_files_changed_builds_afresh_and_copies_the_rest(folder: Path, loaded: Path) -> None:
    for i in range(PARALLEL_MIN_FILES + 1):
        data = (SEEDS / f"{IDS[i % 5]}.txt").read_bytes()
        (folder / f"new{i:03d}.txt").write_bytes(data + b"\n" * (i + 1))
    plan = plan_load(loaded, files_of(folder), meta={})
    assert not plan.base
    assert {i: a for i, a in actions(plan).items() if not i.startswith("new")} == dict.fromkeys(IDS, "keep")
    assert {a for i, a in actions(plan).items() if i.startswith("new")} == {"read"}


def test_a_database_of_another_version_extracts_its_documents_again(
    folder: Path, loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zjpolicy import db

    monkeypatch.setattr(db, "extractor_fingerprint", lambda: "an-edited-extractor")
    given = folder / f"{IDS[0]}.txt"
    plan = plan_load(loaded, [given], meta={})
    assert actions(plan) == {IDS[0]: "read", **dict.fromkeys(IDS[1:], "reextract")}
    assert not plan.base and not plan.current
