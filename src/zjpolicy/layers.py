"""Which modules turn a file into facts, and which only read a database and print.

Declared once: the extractor fingerprint hashes every module of the extraction
side (so a new module can cause one extra re-extraction, never stale facts), and
the rule-data test holds the extraction side to "no rule word written in code".
"""

from __future__ import annotations

from pathlib import Path

# Modules (and packages) of the query and output side, by dotted name. Everything else
# in the package is on the extraction side.
QUERY_SIDE = (
    "zjpolicy.__main__",
    "zjpolicy.cli",
    "zjpolicy.render",
    "zjpolicy.queries",
    "zjpolicy.search",
    "zjpolicy.regions",
    "zjpolicy.tracking",
    "zjpolicy.check",
    "zjpolicy.glossary",
    "zjpolicy.datasette_meta",
    "zjpolicy.layers",
    "zjpolicy.why",
    # the tables declared: a change of shape rebuilds the database whatever the fingerprint
    "zjpolicy.schema",
)

PACKAGE_DIR = Path(__file__).resolve().parent


def on_query_side(name: str) -> bool:
    return any(name == q or name.startswith(q + ".") for q in QUERY_SIDE)


def extraction_modules(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every module of the package that is not on the query side, in a stable order."""
    return sorted(p for p in package_dir.rglob("*.py") if not on_query_side(module_name(p, package_dir)))


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """zjpolicy.extract.targets for …/zjpolicy/extract/targets.py (a package's __init__ is the package)."""
    parts = path.relative_to(package_dir).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("zjpolicy", *parts))
