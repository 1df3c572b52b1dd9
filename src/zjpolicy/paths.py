"""Where the bundled seeds and rule data live, installed or in a checkout."""

from __future__ import annotations

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
