"""The rule data of data/*.toml, read once."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from zjpolicy.paths import data_dir


@cache
def load(name: str) -> dict[str, Any]:
    with (data_dir() / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def rules() -> dict[str, Any]:
    return load("rules")


def places() -> dict[str, Any]:
    return load("places")


def by_length(words: list[str]) -> list[str]:
    """Longest first, so that 超过 is tried before 超."""
    return sorted(set(words), key=len, reverse=True)
