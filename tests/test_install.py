"""The README's install works as written: the Python it needs said and checked, pip upgraded first,
users given the docs extra and developers the test extra, activation shown for each system, the
quick start in Chinese at the top, and CI running exactly the README's test command."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(text: str) -> list[list[str]]:
    """The lines of each ``` code block, in order."""
    return [part.strip("\n").splitlines() for part in text.split("```")[1::2]]


def test_the_quick_start_in_chinese_comes_first() -> None:
    head = README[: README.index("## Install and first run")]
    assert "## 快速上手" in head and "需要 Python 3.11 或更新版本" in head
    main, windows, examples, tests = _blocks(head)
    assert main == [
        "python3 -m venv .venv && .venv/bin/python -m pip install -U pip && .venv/bin/pip install '.[docs]'",
        ".venv/bin/zjpolicy targets --year 2024",
    ]
    assert tests == [
        "python3 -m venv .venv && .venv/bin/python -m pip install -U pip && .venv/bin/pip install '.[test]'",
        ".venv/bin/python -m pytest -q",
    ]
    assert len(windows) == 2 and windows[0].startswith("py -3.11 -m venv .venv") and ".venv\\Scripts\\zjpolicy" in windows[1]
    assert [line.split("#")[0].split() for line in examples] == [
        ["zjpolicy", "targets", "--year", "2024"], ["zjpolicy", "districts", "--sort", "rnd"], ["zjpolicy", "owners", "--task", "7"],
    ]
    assert all("#" in line for line in examples)  # each says in Chinese what it answers
    for activate in ("source .venv/bin/activate", ".venv\\Scripts\\activate", "pipx install '.[docs]'"):
        assert activate in head


def test_a_python_too_old_is_told_what_to_do_in_one_line() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "若是 3.10 或更早：先安装 Python 3.11，再把下面的" in README
    english = next(p for p in README.split("\n\n") if p.startswith("It needs Python 3.11 or newer"))
    assert "with 3.10 or older, install Python 3.11 and write" in " ".join(english.split())


def test_users_get_the_readers_and_developers_the_tests() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {r.split(">")[0] for r in extras["docs"]} >= {"selectolax", "python-docx", "pdfplumber"}
    assert "zjpolicy[docs]" in extras["test"]
    assert not {r.split(">")[0].split("=")[0] for r in extras["docs"]} & {"pytest", "hypothesis", "reportlab", "datasette"}


def test_ci_runs_the_readmes_test_command_line_for_line() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    head = README[: README.index("## Install and first run")]
    for line in _blocks(head)[-1]:
        assert line in ci, line


def test_the_readme_shows_what_the_first_command_prints(seeds_db: Path) -> None:
    from conftest import run

    def block_after(marker: str) -> list[str]:
        return _blocks(README[README.index(marker):])[0]

    shown = block_after("The first command prints, on a terminal 100 columns wide")
    assert shown[0].startswith("Making your library from the bundled seeds: ")  # on stderr (library.ensure_library)
    out = [line.rstrip() for line in run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="100").stdout.splitlines()]
    assert out[: len(shown) - 1] == shown[1:]
    records = block_after("each target is a block of")
    narrow = [line.rstrip() for line in run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="60").stdout.splitlines()]
    start = narrow.index(records[0])
    assert narrow[start: start + len(records)] == records
