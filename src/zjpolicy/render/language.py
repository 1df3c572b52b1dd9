"""The language of a listing: which one (the locale's, or --lang), and rows and headers written in it.

A table is read by a person: its headers and the tool's own fixed values follow the language.
CSV and JSON are read by programs too: without --lang they keep names and values as stored,
except the comparator, which every listing and export writes as a code (COMPARATOR_CODES).
The words themselves are data (data/glossary.toml, read by zjpolicy.glossary only when needed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Row = dict[str, Any]
Rename = Callable[[list[str]], list[str]]

LANGS = ["zh", "en"]
# A target's comparator as every listing and export writes it (the database holds =, >=, <=):
# codes, so that no cell begins with = and a spreadsheet never needs a ' before it.
COMPARATOR_CODES = {"=": "eq", ">=": "ge", "<=": "le"}


def default_lang(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """The language of tables without --lang: ZJPOLICY_LANG, else the locale's (LC_ALL, then
    LC_MESSAGES, then LANG, as POSIX reads them): zh for zh_CN.UTF-8 and every zh_*, en for any
    other. With none of them set, Windows' display language, else en."""
    chosen = environ.get("ZJPOLICY_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    locale = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    if not locale and platform == "win32":
        locale = _windows_language()
    return "zh" if locale.lower().startswith("zh") else "en"


def _windows_language() -> str:
    import ctypes

    language = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    return "zh" if language & 0x3FF == 0x04 else "en"  # LANG_CHINESE, whatever the sublanguage


def coded(rows: Sequence[Row]) -> list[Row]:
    """Rows with their comparator written as COMPARATOR_CODES says (eq, ge, le)."""
    return [
        {**r, "comparator": COMPARATOR_CODES.get(r["comparator"], r["comparator"])} if "comparator" in r else r
        for r in rows
    ]


def in_language(
    rows: Sequence[Row], columns: list[str], language: str | None, header_columns: Sequence[str] = ()
) -> tuple[list[Row], dict[str, str], Rename, dict[str, str]]:
    """Rows written in `language` (None: as they are), with what goes with them: the columns' headers
    when they are not their names (zh), a renaming of a list of columns (en: each translated column
    followed by its `_zh` column) and the columns renamed (en: 市研发中心 → municipal R&D centre)."""
    if language == "en":
        new_rows, rename, renames = _english(list(rows), columns, header_columns)
        return new_rows, {}, rename, renames
    if language == "zh":
        from zjpolicy.glossary import chinese, headers_zh

        return chinese(rows, columns), {c: headers_zh()[c] for c in columns if c in headers_zh()}, list, {}
    return list(rows), {}, list, {}


def _english(rows: list[Row], columns: list[str], header_columns: Sequence[str] = ()) -> tuple[list[Row], Rename, dict[str, str]]:
    """Rows in English, a function renaming a list of columns (each translated column
    followed by its `_zh` column), and the renamed headers."""
    from zjpolicy.glossary import english

    new_rows, renames, added = english(rows, columns, header_columns=header_columns)

    def rename(cols: list[str]) -> list[str]:
        out: list[str] = []
        for c in cols:
            out.append(renames.get(c, c))
            if f"{c}_zh" in added:
                out.append(f"{c}_zh")
        return list(dict.fromkeys(out))

    return new_rows, rename, renames


def translate(rows: Sequence[Row], columns: list[str], header_columns: Sequence[str] = ()) -> tuple[list[Row], list[str]]:
    """Rows and columns for `--lang en`: English values and headers, the Chinese in `_zh` columns."""
    new_rows, rename, _ = _english(list(rows), columns, header_columns)
    return new_rows, rename(columns)
