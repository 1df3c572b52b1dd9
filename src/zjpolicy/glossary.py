"""The words of the output's two languages, read from data/glossary.toml.

`--lang en`: English names; a place the glossary does not list gets its pinyin from China's
divisions (zjpolicy.places) when it is named in full (海淀区); any other name the glossary does not
know stays in Chinese, and translated columns keep their Chinese in a column of their own
(`district_zh`, `unit_zh`, `role_zh` …). `--lang zh`: Chinese headers and Chinese names of the
tool's own fixed values (document kinds, scripts, comparators …).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from zjpolicy.errors import ZjpolicyError

Row = dict[str, Any]


@lru_cache(maxsize=1)
def glossary() -> dict[str, Any]:
    import tomllib

    from zjpolicy.paths import data_dir

    path = data_dir() / "glossary.toml"
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ZjpolicyError(f"{path}: cannot read the glossary ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise ZjpolicyError(f"{path}: not valid TOML ({e})") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _table(name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in glossary().get(name, {}).items() if isinstance(v, str)}


@lru_cache(maxsize=1)
def headers_zh() -> dict[str, str]:
    """Column name → Chinese header (a column not listed keeps its name)."""
    return _table("headers_zh")


@lru_cache(maxsize=1)
def _values_zh() -> dict[str, dict[str, str]]:
    tables = glossary().get("values_zh", {})
    return {str(c): {str(k): str(v) for k, v in t.items()} for c, t in tables.items() if isinstance(t, dict)}


def chinese(rows: Sequence[Row], columns: Sequence[str]) -> list[Row]:
    """Rows with the tool's own fixed values in Chinese (kind 答复, script 繁体, comparator 不低于 …)."""
    tables = {c: t for c, t in _values_zh().items() if c in columns}
    if not tables:
        return list(rows)
    return [{k: tables[k].get(v, v) if k in tables and isinstance(v, str) else v for k, v in r.items()} for r in rows]


@lru_cache(maxsize=1)
def number_suffix() -> tuple[list[str], list[str], list[str]]:
    """What a table keeps on one line with the number before it: (magnitudes 万 亿 …, units 家 亿元 年 …,
    endings 以上 左右 …), each longest first; 12.5万件, 30项以上, 2024年."""
    words = glossary().get("keep_with_number", {})

    def longest_first(items: Sequence[str]) -> list[str]:
        return sorted(set(items), key=lambda w: (-len(w), w))

    return (
        longest_first(list(_table("magnitudes"))),
        longest_first([*_table("units"), *(str(w) for w in words.get("units", []))]),
        longest_first([str(w) for w in words.get("after_unit", [])]),
    )


@lru_cache(maxsize=1)
def _place_bases() -> dict[str, str]:
    """滨江 → Binjiang, from 滨江区 → Binjiang District."""
    endings = _table("place_endings")
    bases: dict[str, str] = {}
    for zh, en in _table("places").items():
        end = endings.get(zh[-1:])
        if end and en.endswith(" " + end):
            bases.setdefault(zh[:-1], en[: -len(end) - 1])
    return bases


def place(name: str) -> str:
    """Pinyin of a Zhejiang place: 滨江区 → Binjiang District, 杭州市 → Hangzhou City."""
    if not isinstance(name, str) or not name:
        return name
    n = name.strip()
    places = _table("places")
    if n in places:
        return places[n]
    labels = _table("labels")
    if n in labels:
        return labels[n]
    bases = _place_bases()
    if n in bases:
        return bases[n]
    end = _table("place_endings").get(n[-1:])
    if end and n[:-1] in places:
        return f"{places[n[:-1]]} {end}"
    return _division(n) or name


def _division(name: str) -> str:
    """The pinyin of a division of China named in full (海淀区 → Haidian District), "" for any other name."""
    from zjpolicy.places import lookup

    found = lookup(name)
    return found.en if found is not None and found.name == name else ""


def unit(name: str) -> str:
    """亿元 → 100 million yuan, 家 → enterprises/units, 万件 → 10 thousand pieces."""
    if not isinstance(name, str) or not name:
        return name
    units = _table("units")
    if name in units:
        return units[name]
    for zh, en in sorted(_table("magnitudes").items(), key=lambda kv: -len(kv[0])):
        if name.startswith(zh):
            rest = name[len(zh):]
            if not rest:
                return en
            if rest in units:
                return f"{en} {units[rest]}"
    return name


def _lookup(table: str) -> Callable[[Any], Any]:
    def translate(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _table(table).get(value.strip(), value)

    return translate


def institution(name: str) -> str:
    """市研发中心 → municipal R&D centre; 平台数（个） → platforms (个)."""
    if not isinstance(name, str) or not name:
        return name
    table = _table("institutions")
    if name in table:
        return table[name]
    for open_, close in (("（", "）"), ("(", ")")):
        if name.endswith(close) and open_ in name:
            head, _, tail = name[:-1].partition(open_)
            if head in table:
                return f"{table[head]} ({unit(tail)})"
    return name


role = _lookup("roles")
comparator = _lookup("comparators")

# Columns whose values are translated, and whether the Chinese is kept beside them.
COLUMNS: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "district": (place, True),
    "region": (place, True),
    "unit": (unit, True),
    "base_unit": (unit, True),
    "role": (role, True),
    "institution": (institution, True),
    "comparator": (comparator, False),
}


def english(
    rows: Sequence[Row],
    columns: list[str],
    *,
    header_columns: Sequence[str] = (),
) -> tuple[list[Row], dict[str, str], list[str]]:
    """Rows with English values and headers.

    Returns the new rows, the renaming of columns (Chinese header → English
    header, for columns named after an institution kind) and the list of
    `_zh` columns added, each to stand right after the column it keeps.
    """
    renames: dict[str, str] = {}
    taken = set(columns)
    for c in header_columns:
        en = institution(c)
        if en != c and en not in taken:
            renames[c] = en
            taken.add(en)
    translated = [c for c in columns if c in COLUMNS]
    added = [f"{c}_zh" for c in translated if COLUMNS[c][1]]
    out: list[Row] = []
    for r in rows:
        new: Row = {}
        for k, v in r.items():
            if k in COLUMNS and k in translated:
                func, keep = COLUMNS[k]
                new[k] = func(v)
                if keep:
                    new[f"{k}_zh"] = v
            else:
                new[renames.get(k, k)] = v
        out.append(new)
    return out, renames, added
