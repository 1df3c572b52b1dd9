"""Imports in src/zjpolicy only go down: the graph of its modules has no cycle.

Every import statement counts: at the top of a module, inside a function (a
lazy import hides a cycle from Python, not from the design) and under
TYPE_CHECKING; so does, in a module that calls importlib.import_module, a
module's dotted name written as a string (formats/__init__ names its readers so).
Importing zjpolicy.a.b from outside the package zjpolicy.a runs
zjpolicy/a/__init__.py first, so it counts as importing zjpolicy.a as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import zjpolicy
from zjpolicy.layers import module_name

PACKAGE = Path(zjpolicy.__file__).resolve().parent
MODULES = {module_name(p, PACKAGE): p for p in sorted(PACKAGE.rglob("*.py"))}
Graph = dict[str, set[str]]


def imported_modules(source: str, importer: str, modules: set[str], *, is_package: bool = False) -> set[str]:
    """The modules of the package a module's import statements name.

    `from m import x` names m.x when that is a module, else m (x is a name defined in m). In a
    module that imports by name (import_module), a string that is a module's dotted name names it."""
    tree = ast.parse(source)
    dynamic = any(
        isinstance(n, (ast.Attribute, ast.Name))
        and "import_module" in (getattr(n, "attr", None), getattr(n, "id", None))
        for n in ast.walk(tree)
    )
    named: set[str] = set()
    for node in ast.walk(tree):
        if (
            dynamic
            and isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in modules
        ):
            named.add(node.value)
        elif isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, importer, is_package=is_package)
            for alias in node.names:
                named.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return named & modules


def _absolute(node: ast.ImportFrom, importer: str, *, is_package: bool) -> str:
    """The module a `from ... import` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def edges_of(importer: str, named: set[str], modules: set[str]) -> set[str]:
    """What importing these modules runs: each of them, and each package above them that does not
    hold the importer (its own packages are running already)."""
    targets = {m for m in named if m != importer}
    for name in named:
        parts = name.split(".")
        for i in range(1, len(parts)):
            ancestor = ".".join(parts[:i])
            inside = importer == ancestor or importer.startswith(ancestor + ".")
            if ancestor in modules and not inside:
                targets.add(ancestor)
    return targets


def import_graph(modules: dict[str, Path] = MODULES) -> Graph:
    names = set(modules)
    graph: Graph = {}
    for m, p in modules.items():
        named = imported_modules(p.read_text(encoding="utf-8"), m, names, is_package=p.name == "__init__.py")
        graph[m] = edges_of(m, named, names)
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def reachable(graph: Graph, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_package_imports_form_no_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_graph_sees_the_imports_of_the_reading_path() -> None:
    graph = import_graph()
    assert {"zjpolicy.formats", "zjpolicy.normalise", "zjpolicy.document", "zjpolicy.metadata"} <= graph[
        "zjpolicy.corpus"
    ]
    assert "zjpolicy.formats.sniff" in graph["zjpolicy.formats.html"] & graph["zjpolicy.formats.text"]
    assert {"zjpolicy.formats.text", "zjpolicy.formats.html", "zjpolicy.formats.pdf"} <= graph[
        "zjpolicy.formats"
    ]
    assert "zjpolicy.normalise" in graph["zjpolicy.search"]


@pytest.mark.parametrize("leaf", ["zjpolicy.document", "zjpolicy.normalise", "zjpolicy.errors", "zjpolicy"])
def test_leaves_import_nothing_of_the_package(leaf: str) -> None:
    assert import_graph()[leaf] == set()


def test_the_readers_stand_below_the_documents() -> None:
    graph = import_graph()
    below = reachable(graph, "zjpolicy.formats")
    assert not below & {"zjpolicy.corpus", "zjpolicy.metadata", "zjpolicy.document", "zjpolicy.normalise"}
    assert not {m for m in below if m.startswith(("zjpolicy.extract", "zjpolicy.db", "zjpolicy.loader"))}
    assert "zjpolicy.corpus" not in reachable(graph, "zjpolicy.metadata")
    assert not {
        m for m in reachable(graph, "zjpolicy.extract") if m in ("zjpolicy.corpus", "zjpolicy.loader")
    }


# ---------------------------------------------------------------- the checker itself


def test_find_cycle_names_the_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_lazy_and_type_checking_imports_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from zjpolicy.corpus import Document\n"
        "def f():\n    from zjpolicy import loader\n    import zjpolicy.extract.numbers\n"
    )
    modules = {
        "zjpolicy",
        "zjpolicy.corpus",
        "zjpolicy.loader",
        "zjpolicy.extract",
        "zjpolicy.extract.numbers",
    }
    named = imported_modules(source, "zjpolicy.metadata", modules)
    assert named == {"zjpolicy.corpus", "zjpolicy.loader", "zjpolicy.extract.numbers"}
    assert edges_of("zjpolicy.metadata", named, modules) == modules - {"zjpolicy"}


def test_a_module_named_to_import_module_counts_and_a_mere_string_does_not() -> None:
    modules = {"zjpolicy", "zjpolicy.db", "zjpolicy.cli"}
    dynamic = "import importlib\nREADERS = {'.x': 'zjpolicy.db'}\ndef f(n):\n    return importlib.import_module(n)\n"
    assert imported_modules(dynamic, "zjpolicy.formats", modules) == {"zjpolicy.db"}
    declared = "QUERY_SIDE = ('zjpolicy.cli', 'zjpolicy.db')\n"
    assert imported_modules(declared, "zjpolicy.layers", modules) == set()


def test_a_package_counts_unless_it_holds_the_importer() -> None:
    modules = {"zjpolicy", "zjpolicy.extract", "zjpolicy.extract.numbers", "zjpolicy.extract.targets"}
    sibling = imported_modules("from .numbers import x\n", "zjpolicy.extract.targets", modules)
    assert edges_of("zjpolicy.extract.targets", sibling, modules) == {"zjpolicy.extract.numbers"}
    # a name from the package's own __init__: the package itself (a real cycle if it imports this module)
    own = imported_modules("from zjpolicy.extract import extract_all\n", "zjpolicy.extract.targets", modules)
    assert edges_of("zjpolicy.extract.targets", own, modules) == {"zjpolicy.extract"}
    outside = imported_modules("from zjpolicy.extract.numbers import x\n", "zjpolicy.db", modules)
    assert edges_of("zjpolicy.db", outside, modules) == {"zjpolicy.extract", "zjpolicy.extract.numbers"}
