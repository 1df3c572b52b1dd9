"""The rule data is the whole truth: every key of data/*.toml is read by some code, no rule
word is written in the code of the extraction side, and its functions stay short.

Reads are found statically: a call of zjpolicy.rules' words / any_of / value / table with
literal section and key strings (the accessor's contract).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from zjpolicy.layers import PACKAGE_DIR, extraction_modules, module_name
from zjpolicy.paths import data_dir

ACCESSORS = {"words", "any_of", "value", "table"}
# Data files read whole, table by table, by a module of their own (not through the accessor).
READ_WHOLE = {
    "glossary.toml": "zjpolicy.glossary: English names, one table a kind of name",
    "institutions.toml": "zjpolicy.queries.sort_keys: the `districts --sort` keys",
    "divisions.toml": "zjpolicy.places.atlas: China's divisions, a dataset built by tools/make_divisions.py",
    "measures.toml": "zjpolicy.measures: the common measures, checked as a user's own measures file is",
}
# Single characters of date and number grammar that may stand in a pattern of the code.
GRAMMAR = {
    "年": "a year: 2025年",
    "月": "a month: 1-10月, 3月",
    "日": "a day: 2024年3月5日",
    "号": "the number of a 文号: 〔2024〕5号",
    "第": "an ordinal: 第一章, 第三条",
    "度": "a year as a period: 2024年度",
}
PENDING: set[str] = set()  # modules another change is rewriting (none now)
MAX_FUNCTION_LINES = 50
HAN = re.compile(r"[\u4e00-\u9fff]")


def _pending(path: Path) -> bool:
    name = module_name(path)
    return any(name == p or name.startswith(p + ".") for p in PENDING)


def _source_files() -> list[Path]:
    """Every module but the accessor's own."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if module_name(p) != "zjpolicy.rules")


def _rule_reads(tree: ast.Module) -> set[tuple[str, str, str]]:
    """(file, section, key) for each accessor call; key "*" for a whole table."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "zjpolicy.rules"
        for alias in node.names
        if alias.name in ACCESSORS
    }
    reads = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in imported:
            name = f.id
        elif isinstance(f, ast.Attribute) and f.attr in ACCESSORS and isinstance(f.value, ast.Name) and f.value.id == "rules":
            name = f.attr
        else:
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        file = next((str(k.value.value) for k in node.keywords if k.arg == "file" and isinstance(k.value, ast.Constant)), "rules")
        assert len(args) == (1 if name == "table" else 2), f"{ast.unparse(node)}: section and key must be literal strings"
        reads.add((f"{file}.toml", args[0], "*" if name == "table" else args[1]))
    return reads


def _all_reads() -> set[tuple[str, str, str]]:
    reads: set[tuple[str, str, str]] = set()
    for path in _source_files():
        reads |= _rule_reads(ast.parse(path.read_text(encoding="utf-8")))
    return reads


def _data_keys() -> set[tuple[str, str, str]]:
    keys = set()
    for path in sorted(data_dir().glob("*.toml")):
        if path.name in READ_WHOLE:
            continue
        with path.open("rb") as f:
            data = tomllib.load(f)
        for section, table in data.items():
            assert isinstance(table, dict), f"{path.name}: {section} is outside any [section]"
            keys |= {(path.name, section, key) for key in table}
    return keys


def test_every_key_of_the_rule_data_is_read_by_some_code() -> None:
    reads = _all_reads()
    whole = {(f, s) for f, s, k in reads if k == "*"}
    unread = sorted(k for k in _data_keys() if k not in reads and k[:2] not in whole)
    assert unread == []


def test_every_read_names_a_key_of_the_data() -> None:
    keys = _data_keys()
    sections = {(f, s) for f, s, _ in keys}
    missing = sorted(r for r in _all_reads() if (r if r[2] != "*" else r[:2]) not in (keys if r[2] != "*" else sections))
    assert missing == []


def test_the_read_whole_files_exist() -> None:
    assert sorted(READ_WHOLE) == sorted(p.name for p in data_dir().glob("*.toml") if p.name in READ_WHOLE)


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def _messages(tree: ast.Module) -> set[int]:
    """String parts of ZjpolicyError(...) arguments: messages to the user, not rules."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ZjpolicyError":
            out |= {id(n) for arg in node.args for n in ast.walk(arg) if isinstance(n, ast.Constant)}
    return out


def rule_words_in_code(path: Path) -> list[tuple[int, str]]:
    """(line, literal) for each string literal of the module with a Han character outside GRAMMAR."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _messages(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        and any(c not in GRAMMAR for c in HAN.findall(node.value))
    )


@pytest.mark.parametrize("path", [p for p in extraction_modules() if not _pending(p)], ids=module_name)
def test_no_rule_word_is_written_in_the_code(path: Path) -> None:
    assert rule_words_in_code(path) == []


def test_the_check_finds_a_rule_word(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""A docstring: 力争."""\nX = "力争|年"\nY = "第"\nZ = f"{X}超过"\nraise ZjpolicyError(f"没有 {X}")\n', encoding="utf-8"
    )
    assert rule_words_in_code(module) == [(2, "力争|年"), (4, "超过")]


@pytest.mark.parametrize("path", [p for p in extraction_modules() if not _pending(p)], ids=module_name)
def test_functions_of_the_extraction_side_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_pending_modules_exist() -> None:
    names = {module_name(p) for p in extraction_modules()}
    assert all(any(n == p or n.startswith(p + ".") for n in names) for p in PENDING)
