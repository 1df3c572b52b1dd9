"""The extractor fingerprint: which code and rule data turned files into facts.

A load keeps the facts of an unchanged file only from a database written with
the same fingerprint, and the default database is rebuilt when it changes, so
editing an extractor (or a word list) without bumping EXTRACTOR_VERSION still
re-extracts everything. The files are chosen by exclusion: every module of the
package except the query side (``zjpolicy.layers.QUERY_SIDE``), and every
data/*.toml. A new module can then cause one needless re-extraction, never
stale facts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from zjpolicy import EXTRACTOR_VERSION
from zjpolicy.layers import PACKAGE_DIR, extraction_modules
from zjpolicy.paths import data_dir


def extractor_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """EXTRACTOR_VERSION and the names and bytes of fingerprinted_files(package_dir), hashed."""
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for name, path in fingerprinted_files(package_dir):
        data = path.read_bytes()
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:16]


def fingerprinted_files(package_dir: Path = PACKAGE_DIR) -> list[tuple[str, Path]]:
    """(name, path) of every extraction module and rule-data file, in a stable order.

    A module is named by its path inside the package (extract/targets.py), a data file as data/NAME.toml.
    """
    modules = [(p.relative_to(package_dir).as_posix(), p) for p in extraction_modules(package_dir)]
    rule_data = [(f"data/{p.name}", p) for p in sorted(data_dir(package_dir).glob("*.toml"))]
    return modules + rule_data
