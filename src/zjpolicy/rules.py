"""The rule data of data/*.toml, read once, and the one way code reads it.

Every word list lives in data/*.toml; code reads it through ``words`` (the
list, longest first), ``any_of`` (one compiled pattern matching any of the
words), ``value`` (anything else: a number, a table) or ``table`` (a whole
section whose keys are data, such as the cities of places.toml). The section
and key are always written as literal strings at the call, so a test can
check that every key of the data is read by some code (tests/test_rules_data.py).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from zjpolicy.paths import data_dir


@cache
def load(name: str) -> dict[str, Any]:
    """data/<name>.toml as a dict."""
    with (data_dir() / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def value(section: str, key: str, *, file: str = "rules") -> Any:
    """data/<file>.toml [section] key, as the TOML has it."""
    return load(file)[section][key]


def table(section: str, *, file: str = "rules") -> dict[str, Any]:
    """data/<file>.toml [section] as a whole, for a section whose keys are data (places by city)."""
    return load(file)[section]


@cache
def words(section: str, key: str, *, file: str = "rules") -> tuple[str, ...]:
    """A list of plain words, longest first (so that 超过 is tried before 超), without repeats."""
    return tuple(by_length(value(section, key, file=file)))


@cache
def any_of(section: str, key: str, *, file: str = "rules") -> re.Pattern[str]:
    """One pattern that matches any of the words of [section] key (escaped, longest first)."""
    return re.compile(alternation(words(section, key, file=file)))


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """Plain words as one regex alternation, escaped, longest first: for building larger patterns."""
    return "|".join(map(re.escape, by_length(list(items))))


def characters(items: tuple[str, ...] | list[str]) -> str:
    """Words of one character each, escaped, to go inside a regex character class [...]."""
    if any(len(w) != 1 for w in items):
        raise ValueError(f"not single characters: {items!r}")
    return "".join(map(re.escape, items))


def by_length(items: list[str] | tuple[str, ...]) -> list[str]:
    """Longest first, so that 超过 is tried before 超; repeats dropped, order otherwise kept."""
    return sorted(dict.fromkeys(items), key=len, reverse=True)


# Whole files, for the loader to read once before it forks its workers.
def rules() -> dict[str, Any]:
    return load("rules")


def places() -> dict[str, Any]:
    return load("places")
