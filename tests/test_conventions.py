"""Conventions people expect of a command-line tool: --version, -h, options where they type them, Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, main_entry, run

import zjpolicy
from zjpolicy import loader
from zjpolicy.cli import COMMANDS

PLAN = "003_319bd9830f448044"


def test_version_names_the_package_the_extractor_and_the_schema() -> None:
    result = run(None, "--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"zjpolicy {zjpolicy.__version__} (extractor {zjpolicy.EXTRACTOR_VERSION}, schema {zjpolicy.SCHEMA_VERSION})\n"
    )


def test_version_from_the_real_entry_point() -> None:
    proc = main_entry("--version")
    assert proc.returncode == 0 and proc.stdout.startswith(f"zjpolicy {zjpolicy.__version__} (extractor "), proc


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_dash_h_is_help_everywhere(command: str | None) -> None:
    argv = ["-h"] if command is None else [command, "-h"]
    short, long = run(None, *argv), run(None, *[a if a != "-h" else "--help" for a in argv])
    assert short.exit_code == 0, short.output
    assert short.stdout == long.stdout and "Usage: zjpolicy" in short.stdout


def test_db_after_a_query_command(seeds_db: Path) -> None:
    before = run(None, "--db", seeds_db, "targets", "--year", "2024", "--format", "csv")
    after = run(None, "targets", "--year", "2024", "--format", "csv", "--db", seeds_db)
    assert after.exit_code == 0 and after.stderr == "", after.output
    assert after.stdout == before.stdout


def test_ctrl_c_during_a_load_says_the_database_is_unchanged(old_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = old_db.read_bytes()
    changed = old_db.parent / f"{PLAN}.txt"
    changed.write_bytes((SEEDS / f"{PLAN}.txt").read_bytes() + "\n到2026年，新增企业研究院9家。\n".encode())

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loader, "apply_plan", interrupted)
    result = run(old_db, "load", changed)
    assert result.exit_code == 130, result.output
    assert result.stderr == f"interrupted: {old_db} is unchanged\n"
    assert old_db.read_bytes() == before
    assert sorted(p.name for p in old_db.parent.iterdir()) == sorted([old_db.name, changed.name])
