"""Where things live: the bundled seeds and rule data (installed or in a checkout), and the user's library."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def data_dir(package_dir: Path = _PKG) -> Path:
    """Rule data: shipped inside the wheel, or the checkout's data/ folder (of this package, or of a copy)."""
    return _first_existing(package_dir / "data", package_dir.parents[1] / "data")


def seeds_dir() -> Path:
    """The bundled default corpus."""
    return _first_existing(_PKG / "seeds", _PKG.parents[1] / "seeds")


# The folder of the user's library; ZJPOLICY_CACHE_DIR is its name from before the library (still honoured).
DATA_DIR_ENV = "ZJPOLICY_DATA_DIR"
OLD_DATA_DIR_ENV = "ZJPOLICY_CACHE_DIR"
LIBRARY_NAME = "library.db"


def library_dir() -> Path:
    """ZJPOLICY_DATA_DIR, else the user data folder (platformdirs: ~/.local/share/zjpolicy on Linux)."""
    for name in (DATA_DIR_ENV, OLD_DATA_DIR_ENV):
        given = os.environ.get(name)
        if given:
            return Path(given)
    from platformdirs import user_data_dir

    return Path(user_data_dir("zjpolicy"))


def library_path() -> Path:
    """The user's library: the database of queries, load and remove without --db."""
    return library_dir() / LIBRARY_NAME
