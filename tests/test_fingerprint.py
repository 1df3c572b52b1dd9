"""The extractor fingerprint follows every file that turns a document into facts, and only those.

A database keeps the facts of an unchanged file only while the fingerprint it was
written with holds, and the default database is rebuilt when it changes: a file
left out of it means stale facts after an upgrade. So each extraction module and
each rule-data file of a copy of the package is edited in turn, and the
fingerprint of the copy must change; editing a module of the query side must not
change it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

import zjpolicy
from zjpolicy import db, library, loader
from zjpolicy.cli import app
from zjpolicy.fingerprint import extractor_fingerprint, fingerprinted_files
from zjpolicy.layers import QUERY_SIDE, extraction_modules, module_name
from zjpolicy.paths import data_dir

PACKAGE = Path(zjpolicy.__file__).resolve().parent
EXTRACTION = [p.relative_to(PACKAGE).as_posix() for p in extraction_modules(PACKAGE)]
RULE_DATA = [f"data/{p.name}" for p in sorted(data_dir().glob("*.toml"))]
QUERY_MODULES = sorted(
    p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if module_name(p, PACKAGE) in QUERY_SIDE
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package copied as a checkout lays it out: src/zjpolicy beside data/."""
    root = tmp_path_factory.mktemp("checkout")
    package = root / "src" / "zjpolicy"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    if not (package / "data").is_dir():  # installed from a wheel, the data sits inside the package
        shutil.copytree(data_dir(), root / "data")
    return package


@pytest.fixture
def baseline(copy: Path) -> str:
    return extractor_fingerprint(copy)


@contextmanager
def edited(path: Path) -> Iterator[None]:
    """Append a comment to the file for the length of a with block."""
    before = path.read_bytes()
    path.write_bytes(before + b"\n# edited\n")
    try:
        yield
    finally:
        path.write_bytes(before)


def data_file(copy: Path, name: str) -> Path:
    return (copy / name) if (copy / name).is_file() else copy.parents[1] / name


def test_the_copy_has_the_fingerprint_of_the_package(copy: Path) -> None:
    assert extractor_fingerprint(copy) == extractor_fingerprint()
    assert [name for name, _ in fingerprinted_files(copy)] == EXTRACTION + RULE_DATA


def test_the_reading_path_and_the_extractors_are_fingerprinted() -> None:
    for name in (
        "__init__.py",
        "corpus.py",
        "document.py",
        "normalise.py",
        "metadata.py",
        "rules.py",
        "db.py",
        "formats/__init__.py",
        "formats/text.py",
        "formats/sniff.py",
        "formats/html.py",
        "extract/__init__.py",
        "extract/targets.py",
        "extract/owners.py",
        "extract/districts.py",
    ):
        assert name in EXTRACTION, name
    assert {"data/rules.toml", "data/places.toml", "data/formats.toml"} <= set(RULE_DATA)


@pytest.mark.parametrize("name", EXTRACTION + RULE_DATA)
def test_editing_an_extraction_file_changes_the_fingerprint(copy: Path, baseline: str, name: str) -> None:
    path = data_file(copy, name) if name.startswith("data/") else copy / name
    with edited(path):
        assert extractor_fingerprint(copy) != baseline
    assert extractor_fingerprint(copy) == baseline


@pytest.mark.parametrize("name", QUERY_MODULES)
def test_editing_a_query_module_keeps_the_fingerprint(copy: Path, baseline: str, name: str) -> None:
    with edited(copy / name):
        assert extractor_fingerprint(copy) == baseline


def test_a_new_module_changes_the_fingerprint(copy: Path, baseline: str) -> None:
    new = copy / "extract" / "measures.py"
    new.write_text('"""A new extractor."""\n', encoding="utf-8")
    try:
        assert extractor_fingerprint(copy) != baseline
    finally:
        new.unlink()
    assert extractor_fingerprint(copy) == baseline


def test_query_side_modules_are_the_declared_ones() -> None:
    assert {"cli/__init__.py", "render/__init__.py", "queries.py"} <= set(QUERY_MODULES)
    assert not set(QUERY_MODULES) & set(EXTRACTION)


def test_a_changed_fingerprint_re_extracts_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "x.db"
    assert loader.load(database, [SEEDS]).counts["extracted"] == 5
    assert loader.load(database, [SEEDS]).counts["extracted"] == 0
    monkeypatch.setattr(db, "extractor_fingerprint", lambda: "an-edited-extractor")
    again = loader.load(database, [SEEDS])
    assert again.counts["extracted"] == 5 and again.unchanged == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert again.reextracted == []  # the files were given: read again, not their stored text


def test_the_library_is_updated_when_the_fingerprint_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZJPOLICY_DATA_DIR", str(tmp_path / "data"))
    first = CliRunner().invoke(app, ["docs", "--format", "csv"])
    assert first.exit_code == 0 and "Making your library" in first.stderr, first.output
    before = library.seeds_fingerprint()
    monkeypatch.setattr(library, "extractor_fingerprint", lambda: "an-edited-extractor")
    monkeypatch.setattr(db, "extractor_fingerprint", lambda: "an-edited-extractor")
    assert library.seeds_fingerprint() != before
    second = CliRunner().invoke(app, ["docs", "--format", "csv"])
    assert second.exit_code == 0, second.output
    assert second.stderr == f"Updating your library for this version of zjpolicy: {tmp_path / 'data' / 'library.db'}\n"
    assert second.stdout == first.stdout
