"""Shared fixtures: a CLI runner, a database of the seeds, and a private cache folder."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zjpolicy.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
VARIANTS = Path(__file__).resolve().parent / "variants"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Plain, fixed-width output, and a default database that never touches the user's cache.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("ZJPOLICY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("ZJPOLICY_DB", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(app, ["--db", str(db), "load", str(SEEDS)])
    assert result.exit_code == 0, result.output
    yield db


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
