"""The options commands share, declared once as Annotated aliases, and the one Output value built from them.

A listing command wears `@listing_options` and takes `out: Output`: the decorator adds the
shared output options (--format, --columns, --bom, --excel-safe, --lang, --no-pager) to its
signature and hands it them checked, as one value. Their names, help, defaults and checks live
here only. An option with a fixed set of values shows them (`--format [table|csv|…]`) and the
shell completes them; document ids complete from the database.
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer

from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import DOCUMENT_WRITERS, LANGS, WRITERS, Output, default_format, default_lang


def _either(choices: Sequence[str]) -> str:
    return ", ".join(choices[:-1]) + " or " + choices[-1]


def _shown(choices: Sequence[str]) -> str:
    """The metavar of an option with fixed values: [table|csv|…]."""
    return "[" + "|".join(choices) + "]"


def _completing(choices: Sequence[str]) -> Callable[[str], list[str]]:
    """Shell completion of an option's fixed values."""
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.lower())]

    return complete


def complete_doc_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of a document id: the ids of --db (or ZJPOLICY_DB, or the default database when
    it is built) that begin with what is typed. Never builds a database; nothing when there is none."""
    import os
    import sqlite3

    from zjpolicy.queries import ro_uri

    db = ctx.params.get("db") or ctx.find_root().params.get("db") or os.environ.get("ZJPOLICY_DB")
    if not db:
        from zjpolicy.paths import library_path

        db = library_path()
    try:
        conn = sqlite3.connect(ro_uri(db), uri=True)
        try:
            ids = [str(r[0]) for r in conn.execute("select id from documents order by id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [i for i in ids if i.startswith(incomplete)]


Format = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", metavar=_shown(list(WRITERS)), autocompletion=_completing(list(WRITERS)),
        help=f"{_either(list(WRITERS))} (default: table on a terminal, csv when piped)",
    ),
]
Columns = Annotated[
    str | None, typer.Option("--columns", "-c", help="Only these columns, in this order: a,b,c (a wrong name lists the choices).")
]
Bom = Annotated[
    bool,
    typer.Option(
        "--bom", help="CSV/TSV for Excel on Windows: a UTF-8 byte-order mark and CRLF line ends (implies --format csv)."
    ),
]
ExcelSafe = Annotated[
    bool | None,
    typer.Option(
        "--excel-safe/--no-excel-safe",
        help="Prefix ' to text cells that begin with = + - @, tab or CR, so a spreadsheet never runs them as formulas "
        "(default: on with --bom).",
    ),
]
Lang = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar=_shown(LANGS), autocompletion=_completing(LANGS),
        help="Headers and names in Chinese (zh) or English (en: pinyin places, institution kinds, roles, units; "
        "the Chinese stays in *_zh columns). Default for tables: the locale's language (LANG; zh_* → zh, "
        "else en, or ZJPOLICY_LANG); CSV and JSON keep their column names and values unless --lang is given.",
    ),
]
NoPager = Annotated[
    bool,
    typer.Option("--no-pager", help="Write long output straight to the terminal, not through the pager (less)."),
]
Doc = Annotated[str | None, typer.Option("--doc", help="Only this document id.", autocompletion=complete_doc_id)]
DocId = Annotated[str, typer.Argument(help="The document id (see: zjpolicy docs).", autocompletion=complete_doc_id)]
ShowFormat = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar=_shown(list(DOCUMENT_WRITERS)), autocompletion=_completing(list(DOCUMENT_WRITERS)),
                 help=f"{_either(list(DOCUMENT_WRITERS))} (default: text)."),
]
Region = Annotated[
    str | None,
    typer.Option("--region", help="Only documents of this place or of a place inside it: 杭州市, 杭州 and Hangzhou are one; "
                 "杭州市 includes 萧山区."),
]
Year = Annotated[str | None, typer.Option("--year", "-y", help="Only this year (four digits).")]
MeasureId = Annotated[str | None, typer.Option("--measure", "-m", help="Only this measure's id (see: zjpolicy measures).")]


def _choice(option: str, given: str, choices: Sequence[str], listed: str) -> str:
    chosen = given.lower()
    if chosen not in choices:
        raise ZjpolicyError(f"{option} {given}: choose {listed} (请从中选一个)")
    return chosen


def output(
    fmt: str | None, columns: str | None, bom: bool, excel_safe: bool | None, lang: str | None, no_pager: bool = False
) -> Output:
    """The shared options of a listing command, checked: one line of error for a bad value or pair."""
    if fmt is None:
        chosen = "csv" if bom else default_format()
    else:
        chosen = _choice("--format", fmt, list(WRITERS), "one of " + ", ".join(WRITERS))
    if bom and chosen not in ("csv", "tsv"):
        raise ZjpolicyError(f"--bom: only with --format csv or tsv, not {chosen} (--bom 只用于 csv 或 tsv)")
    language = default_lang() if lang is None else _choice("--lang", lang, LANGS, "one of " + ", ".join(LANGS))
    return Output(fmt=chosen, columns=columns, bom=bom, excel_safe=bom if excel_safe is None else excel_safe, lang=language,
                  format_given=fmt is not None, lang_given=lang is not None, pager=not no_pager)


def document_format(fmt: str | None) -> str:
    """`show --format`: text (the default) or json."""
    return "text" if not fmt else _choice("--format", fmt, list(DOCUMENT_WRITERS), _either(list(DOCUMENT_WRITERS)))


def four_digit_year(given: str | None) -> int | None:
    """`--year 2024`: four digits, or a one-line error."""
    if given is None:
        return None
    if not (given.isdigit() and len(given) == 4):
        raise ZjpolicyError(f"--year {given}: give a four-digit year such as 2024 (请写四位年份，如 2024)")
    return int(given)



# The shared output options of every listing command: name, annotation (option and help), default.
OUTPUT_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("fmt", Format, None),
    ("columns", Columns, None),
    ("bom", Bom, False),
    ("excel_safe", ExcelSafe, None),
    ("lang", Lang, None),
    ("no_pager", NoPager, False),
)


def listing_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a listing command the shared output options; it receives them checked as `out: Output`."""
    signature = inspect.signature(command)
    own = [p for name, p in signature.parameters.items() if name != "out"]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
              for name, annotation, default in OUTPUT_OPTIONS]

    @functools.wraps(command)
    def with_output(*args: Any, **kwargs: Any) -> None:
        given = {name: kwargs.pop(name, default) for name, _, default in OUTPUT_OPTIONS}
        command(*args, out=output(**given), **kwargs)

    with_output.__signature__ = signature.replace(parameters=[*own, *shared])  # type: ignore[attr-defined]
    return with_output
