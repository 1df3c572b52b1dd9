"""Shared helpers: the CLI run in-process, a database of the seeds and a copy of it to change, and a
private cache folder."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from zjpolicy.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
VARIANTS = Path(__file__).resolve().parent / "variants"
CASES = Path(__file__).resolve().parent / "cases"
COPIES = 60  # 60 × 5 seeds = 300 documents: a load that lasts a few seconds


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Plain, fixed-width output, and a library (the default database) that never touches the user's own.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    # Tables in Chinese, as for the analysts the tool is for (the language follows the locale):
    # the locale set explicitly, and nothing that would override it
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "ZJPOLICY_LANG", "ZJPOLICY_PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZJPOLICY_DATA_DIR", str(tmp_path_factory.getbasetemp() / "data"))
    monkeypatch.delenv("ZJPOLICY_CACHE_DIR", raising=False)
    # measures of the user's own never reach a test (the user config folder's measures.toml)
    monkeypatch.setenv("ZJPOLICY_CONFIG_DIR", str(tmp_path_factory.getbasetemp() / "config"))
    monkeypatch.delenv("ZJPOLICY_DB", raising=False)


def run(db: Path | None, *args: str | Path, **env: str) -> Result:
    """`zjpolicy --db DB ARGS…` in-process, with env added to the environment; without `--db` (the
    default database) when db is None."""
    argv = (["--db", str(db)] if db is not None else []) + [str(a) for a in args]
    return CliRunner().invoke(app, argv, env=env or None)


def main_entry(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real entry point, as `zjpolicy …` runs it: a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "zjpolicy", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


def load_text(tmp_path: Path, name: str, text: str) -> Path:
    """Write text to NAME.txt and load it into NAME.db (both in tmp_path); the database's path."""
    doc, db = tmp_path / f"{name}.txt", tmp_path / f"{name}.db"
    doc.write_text(text, encoding="utf-8")
    result = run(db, "load", doc)
    assert result.exit_code == 0, result.output
    return db


def other_sqlite(path: Path) -> None:
    """Make path an SQLite database of someone else's, which zjpolicy must not touch."""
    conn = sqlite3.connect(path)
    conn.execute("create table accounts (name text, balance real)")
    conn.execute("insert into accounts values ('x', 1)")
    conn.commit()
    conn.close()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run(db, "load", SEEDS)
    assert result.exit_code == 0, result.output
    yield db


@pytest.fixture
def old_db(seeds_db: Path, tmp_path: Path) -> Path:
    """A copy of the seeds' database, for a test that changes it or checks that it stays as it is."""
    db = tmp_path / "old.db"
    shutil.copyfile(seeds_db, db)
    return db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """COPIES copies of the seeds under other names, for loads long enough to interrupt or read beside.

    Each copy is a document of its own, not a duplicate a load would skip: its 文号 has a number
    of its own, and its bytes differ (a trailing blank line per copy)."""
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(COPIES):
        for f in sorted(SEEDS.glob("*.txt")):
            (folder / f"c{i:03d}_{f.name}").write_bytes(distinct_copy(f.read_bytes(), i))
    return folder


def distinct_copy(data: bytes, i: int) -> bytes:
    """A seed's bytes as copy i: the same facts, another 文号 number and other bytes."""
    text = re.sub(r"〔(\d{4})〕(\d+)号", lambda m: f"〔{m.group(1)}〕{1000 + i}号", data.decode("utf-8"), count=1)
    return (text + "\n" * (i + 1)).encode("utf-8")


class Case(dict[str, Any]):
    """One case of a table in tests/cases/: its fields, and `id`, what the test's id calls it."""

    def __init__(self, id: str, fields: Mapping[str, Any]) -> None:
        super().__init__(fields)
        self.id = id


def cases(file: str, *groups: str, name: str) -> list[Case]:
    """The cases of the named groups (of every group when none is named) of tests/cases/FILE.toml, in
    the file's order; each is called `group-<its field NAME>` ("none" where that is empty; pytest numbers
    ids that come out the same)."""
    with (CASES / f"{file}.toml").open("rb") as f:
        tables: dict[str, list[dict[str, Any]]] = tomllib.load(f)
    return [Case(f"{group}-{fields[name] or 'none'}", fields) for group in groups or tables for fields in tables[group]]


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """A case of tests/cases/ goes by its id as written: pytest would spell its Chinese \\u9ad8\\u65b0…"""
    return val.id if isinstance(val, Case) else None


def load_tool(name: str) -> ModuleType:
    """tools/NAME.py, imported as the module NAME (dataclasses look their module up by name)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_terminal(master: int, *, timeout: float) -> bytes:
    """All that reaches a pseudo-terminal's master end until the other end closes, or until nothing
    comes for timeout seconds."""
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal (EIO)
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def read_json(text: str) -> list[dict[str, object]]:
    return json.loads(text)


# ---------------------------------------------------------------- hypothesis profiles
# "default" for the normal run; HYPOTHESIS_PROFILE=fuzz for a long fuzzing run:
#   HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/test_fuzz.py
try:
    import os as _os

    from hypothesis import HealthCheck as _HealthCheck
    from hypothesis import settings as _settings

    _settings.register_profile(
        "default", max_examples=200, deadline=None, suppress_health_check=[_HealthCheck.too_slow]
    )
    _settings.register_profile(
        "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[_HealthCheck.too_slow]
    )
    _settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "default"))
except ImportError:  # hypothesis is a test extra; test_fuzz.py skips without it
    pass
