"""Output: rich tables on a terminal, CSV/TSV/JSON/JSONL/Markdown elsewhere. The only package that prints.

Machine formats are written as UTF-8 whatever the locale (a BOM only with `--bom`);
numbers stay numbers; a table is aligned by display width and never cuts text.

Language: a table (and Markdown) is read by a person, so its headers and the tool's own
fixed values follow `--lang`, by default the locale's language (default_lang). CSV, TSV,
JSON and JSONL are read by programs too: their column names and values stay as they are
(English names, codes such as `ge`) unless `--lang` is given.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from zjpolicy.errors import ZjpolicyError
from zjpolicy.render.language import COMPARATOR_CODES, LANGS, coded, default_lang, in_language, translate
from zjpolicy.render.sheet import Sheet, cell_text, numeric, plain

__all__ = ["COMPARATOR_CODES", "LANGS", "default_lang", "translate"]  # part of render's interface, defined in .language

# Formats a person reads: they follow the locale's language without --lang.
HUMAN_FORMATS = ("table", "markdown")
# A text cell beginning with one of these is run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def default_format() -> str:
    """A table on a terminal; CSV with a header row when piped or redirected."""
    return "table" if sys.stdout.isatty() else "csv"


class Output:
    """How a listing is written: the options every listing command shares.

    A plain class, not a dataclass: it is built on every query, where start-up time counts."""

    __slots__ = ("bom", "columns", "excel_safe", "fmt", "format_given", "lang", "lang_given", "pager")

    def __init__(
        self, *, fmt: str = "csv", columns: str | None = None, bom: bool = False, excel_safe: bool = False,
        lang: str = "zh", format_given: bool = False, lang_given: bool = False, pager: bool = True,
    ) -> None:
        self.fmt = fmt
        self.format_given = format_given  # --format was given (not the terminal's or the pipe's default)
        self.columns = columns  # `--columns a,b,c` as given
        self.bom = bom
        self.excel_safe = excel_safe
        self.lang = lang  # --lang, else the locale's language (default_lang)
        self.lang_given = lang_given  # --lang was given: CSV and JSON are translated too
        self.pager = pager  # long tables on a terminal go through the pager (off with --no-pager)

    @property
    def language(self) -> str | None:
        """The language the listing is written in; None for CSV/JSON without --lang (names and values as stored)."""
        return self.lang if self.lang_given or self.fmt in HUMAN_FORMATS else None

    def say(self, en: str, zh: str) -> str:
        """The text of a title or note in the listing's language."""
        return zh if self.language == "zh" else en


def excel_safe(v: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading single quote.

    Numbers (negative ones too) and text that is just a number stay as they are.
    """
    if isinstance(v, str) and v.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(v):
        return "'" + v
    return v


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def choose_columns(
    requested: str | None, default: list[str], choices: list[str], aliases: dict[str, str] | None = None
) -> list[str]:
    """The columns named by `--columns a,b,c`, checked against the command's columns."""
    if requested is None:
        return default
    aliases = aliases or {}
    chosen: list[str] = []
    for name in (p.strip() for p in requested.split(",")):
        if not name:
            continue
        column = name if name in choices else aliases.get(name)
        if column is None or column not in choices:
            raise ZjpolicyError(f"--columns {name}: no such column; choose from {', '.join(choices)} (请从中选列)")
        chosen.append(column)
    if not chosen:
        raise ZjpolicyError(f"--columns: name at least one column; choose from {', '.join(choices)} (请从中选列)")
    return _unique(chosen)


def views(
    table: Sequence[str], columns: Sequence[str], *, quote_only: Sequence[str] = (), quote: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """A listing's (table view, machine view, columns on request) from the columns its query returns.

    The table view is the command's choice for a terminal. CSV and JSON show its columns but
    the quote, then every other column of the query in schema order, the quote last there too
    (so a new column of schema.py shows there with no edit here). `quote_only` columns show
    only with --quote and can always be asked for with --columns.
    """
    head = [c for c in table if c != "quote"]
    machine = head + [c for c in columns if c not in head]
    if not quote:
        table, machine = [c for c in table if c not in quote_only], [c for c in machine if c not in quote_only]
    return list(table), machine, list(quote_only)


def mark_spans(rows: Sequence[dict[str, Any]], start: str, end: str, column: str = "quote") -> None:
    """Mark in each row's quote the span [row[start], row[end]) of the document (the number, the agency)."""
    for r in rows:
        a, b, base = r.get(start), r.get(end), r.get("start")
        if isinstance(a, int) and isinstance(b, int) and isinstance(base, int):
            r["_mark"] = (a - base, b - base)
            r["_mark_column"] = column


def listing(
    rows: Sequence[dict[str, Any]],
    out: Output,
    *,
    table: list[str],
    machine: list[str],
    extra: Sequence[str] = (),
    title: str | None = None,
    footer: Sequence[dict[str, Any]] = (),
    notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
    header_columns: Sequence[str] = (),
    aliases: dict[str, str] | None = None,
) -> None:
    """Choose the columns (the format's default or `--columns`), write them in the listing's language, emit.

    A table chosen by default leaves out a column that holds one value in every row and
    says the value in its title instead (the one document, the year of `--year`)."""
    default = table if out.fmt == "table" else machine
    choices = _unique([*table, *machine, *extra])
    aliases = dict(aliases or {})
    both, labels, rename, renames = in_language(coded([*rows, *footer]), choices, out.language, header_columns)
    rows, footer = both[: len(rows)], both[len(rows):]
    default, choices = rename(default), rename(choices)
    aliases = {k: renames.get(v, v) for k, v in aliases.items()}
    aliases.update(renames)  # a column may still be named as before its renaming (市研发中心)
    aliases.update({label: c for c, label in labels.items()})  # or by its header (指标)
    columns = choose_columns(out.columns, default, choices, aliases)
    if out.fmt == "csv" and not (out.format_given or out.bom):
        _say_when_piped_to_a_person()
    if out.fmt == "table" and out.columns is None:
        columns, title = lift_constants(rows, columns, title, labels)
    emit(
        rows, columns, out.fmt, title=title, footer=footer, notes=notes, warnings=warnings,
        bom=out.bom, excel_safe=out.excel_safe, labels=labels, page=out.pager, empty=out.say("(no rows)", "（无结果）"),
    )


def _say_when_piped_to_a_person() -> None:
    """`zjpolicy targets | less` gives CSV, not the table: say so on the terminal (a script that reads
    the pipe, with no terminal on stderr, hears nothing; a file redirect is not a pipe)."""
    import stat

    try:
        piped = stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's buffer)
        return
    if piped and sys.stderr.isatty():
        print("note: stdout is a pipe, so this is CSV; --format table for the table, which pages by itself "
              "(管道输出为 CSV；要表格请加 --format table)", file=sys.stderr)


# Columns a table may leave out when every row holds the same value: where the rows come from.
LIFTED = ("doc", "year", "region", "region_zh", "kind", "task", "task_title", "agency", "role", "level", "check")


def lift_constants(
    rows: Sequence[dict[str, Any]], columns: list[str], title: str | None, labels: dict[str, str]
) -> tuple[list[str], str | None]:
    """The columns less those of LIFTED that hold one value in every row (of two rows or more),
    and the title naming each such value."""
    if len(rows) < 2:
        return columns, title
    lifted = {}
    for c in columns:
        values = {cell_text(r.get(c)) for r in rows}
        if c in LIFTED and len(values) == 1 and "" not in values:
            lifted[c] = values.pop()
    if not lifted:
        return columns, title
    said = ", ".join(f"{labels.get(c, c)} {v}" for c, v in lifted.items())
    return [c for c in columns if c not in lifted], f"{title} — {said}" if title else said


def emit(
    rows: Sequence[dict[str, Any]],
    columns: list[str],
    fmt: str,
    *,
    title: str | None = None,
    footer: Sequence[dict[str, Any]] = (),
    notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
    out: TextIO | None = None,
    bom: bool = False,
    excel_safe: bool = False,
    labels: dict[str, str] | None = None,
    page: bool = False,
    empty: str = "(no rows)",
) -> None:
    """Write rows in format fmt (a key of WRITERS) to out (stdout); `labels` name the columns' headers."""
    writer = WRITERS.get(fmt)
    if writer is None:  # the CLI validates formats; this guards library callers
        raise ValueError(f"unknown format {fmt!r}")
    sheet = Sheet(rows, columns, title=title, footer=footer, notes=notes, warnings=warnings, bom=bom,
                  excel_safe=excel_safe, labels=labels, page=page, empty=empty)
    writer(sheet, out or sys.stdout)


def _warn(sheet: Sheet) -> None:
    """A file's warnings go to stderr, beside it: the table shows them under its rows."""
    for w in sheet.warnings:
        print(f"warning: {w}", file=sys.stderr)


def _csv(sheet: Sheet, out: TextIO, delimiter: str = ",") -> None:
    _warn(sheet)
    text = csv_text(sheet.rows + sheet.footer, sheet.columns, delimiter=delimiter, crlf=sheet.bom,
                    safe=sheet.excel_safe, headers=[sheet.header(c) for c in sheet.columns])
    _write(out, text, bom=sheet.bom)


def _tsv(sheet: Sheet, out: TextIO) -> None:
    _csv(sheet, out, delimiter="\t")


def _records(sheet: Sheet) -> list[dict[str, Any]]:
    return [{sheet.header(c): plain(r.get(c)) for c in sheet.columns} for r in sheet.rows + sheet.footer]


def _json(sheet: Sheet, out: TextIO) -> None:
    import json

    _warn(sheet)
    _write(out, json.dumps(_records(sheet), ensure_ascii=False, indent=2) + "\n")


def _jsonl(sheet: Sheet, out: TextIO) -> None:
    import json

    _warn(sheet)
    _write(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(sheet)))


def csv_text(
    rows: Sequence[dict[str, Any]], columns: list[str], *, delimiter: str = ",", crlf: bool = False, safe: bool = False,
    headers: Sequence[str] | None = None,
) -> str:
    """CSV quoted per RFC 4180 by the csv module; CRLF line ends for Excel, LF for pipes; the header
    row is the columns' names unless `headers` are given."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerow([excel_safe(c) if safe else c for c in (headers or columns)])
    for r in rows:
        cells = [plain(r.get(c)) for c in columns]
        writer.writerow([cell_text(excel_safe(v) if safe else v) for v in cells])
    return buf.getvalue()


def _write(out: TextIO, text: str, *, bom: bool = False) -> None:
    """UTF-8 bytes whatever the locale's encoding (a Windows console or redirect would use GBK)."""
    data = ("\ufeff" if bom else "") + text
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data)
        return
    out.flush()
    buffer.write(data.encode("utf-8"))
    buffer.flush()


def _markdown(sheet: Sheet, out: TextIO) -> None:
    """A GitHub table: numbers right-aligned, the matched span in bold, the notes below."""

    def cell(r: dict[str, Any], c: str) -> str:
        text = cell_text(r.get(c))
        mark = r.get("_mark") if c == r.get("_mark_column", "quote") else None
        if mark and 0 <= mark[0] <= mark[1] <= len(text):
            a, b = mark
            text = text[:a] + "**" + text[a:b] + "**" + text[b:]
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    _warn(sheet)
    rows, columns = sheet.rows + sheet.footer, sheet.columns
    lines = ["| " + " | ".join(sheet.header(c) for c in columns) + " |"]
    lines.append("|" + "|".join(" ---: " if numeric(rows, c) else " --- " for c in columns) + "|")
    for r in rows:
        lines.append("| " + " | ".join(cell(r, c) for c in columns) + " |")
    text = "\n".join(lines) + "\n"
    for n in sheet.notes:
        text += f"\n{n}\n"
    _write(out, text)


def _table(sheet: Sheet, out: TextIO) -> None:
    from zjpolicy.render.terminal import table  # rich and the layout: only for a terminal's table

    table(sheet, out)


Writer = Callable[[Sheet, TextIO], None]
# `--format NAME`: the writer of each format. A new format is one entry (and its writer).
WRITERS: dict[str, Writer] = {
    "table": _table,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "jsonl": _jsonl,
    "markdown": _markdown,
}


DOCUMENT_FIELDS = [
    "id", "title", "doc_number", "issuer", "date", "year", "period", "region", "city", "district", "kind",
    "script", "encoding", "source_format", "chars", "sha256", "path",
]


def _document_text(doc: dict[str, Any], text: str, original: bool, out: TextIO, page: bool = False) -> None:
    width = max(len(k) for k in DOCUMENT_FIELDS) + 1
    head = "".join(f"{k + ':':<{width}} {cell_text(doc.get(k))}\n" for k in DOCUMENT_FIELDS if doc.get(k) not in (None, ""))
    whole = head + "\n" + text.rstrip("\n") + "\n"
    if page and out.isatty():
        from zjpolicy.render.pager import page as through_pager

        if through_pager(whole, out):
            return
    _write(out, whole)


def _document_json(doc: dict[str, Any], text: str, original: bool, out: TextIO, page: bool = False) -> None:
    data = {k: plain(doc.get(k)) for k in DOCUMENT_FIELDS}
    data["text" if not original else "original"] = text
    print_json(data, out)


# `show --format NAME`: the writer of each format of one document (page: through the pager when long).
DOCUMENT_WRITERS: dict[str, Callable[[dict[str, Any], str, bool, TextIO, bool], None]] = {
    "text": _document_text,
    "json": _document_json,
}


def show_document(
    doc: dict[str, Any], *, original: bool = False, fmt: str = "text", out: TextIO | None = None, page: bool = False
) -> None:
    """A document's metadata, a blank line, then its text (normalised, or as written with `original`);
    with `page`, on a terminal, through the pager when longer than the screen."""
    text = doc.get("original" if original else "text") or ""
    DOCUMENT_WRITERS[fmt](doc, text, original, out or sys.stdout, page)


def message(text: str) -> None:
    """A one-line notice on stderr (never mixed into CSV on stdout)."""
    print(text, file=sys.stderr)


def export_csv(path: str, rows: Sequence[dict[str, Any]], columns: list[str], out: Output) -> None:
    """One of export's files: comparators as codes, in the language of an explicit --lang (Chinese headers
    and fixed values for zh, English names and `_zh` columns for en), else names and values as stored."""
    written, labels, rename, _ = in_language(coded(rows), columns, out.language)
    columns = rename(columns)
    write_csv(path, written, columns, bom=out.bom, excel_safe=out.excel_safe, headers=[labels.get(c, c) for c in columns])


def write_csv(
    path: str, rows: Sequence[dict[str, Any]], columns: list[str], *, bom: bool = False, excel_safe: bool = False,
    headers: Sequence[str] | None = None,
) -> None:
    text = csv_text(rows, columns, crlf=bom, safe=excel_safe, headers=headers)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(text)


def print_json(data: Any, out: TextIO | None = None) -> None:
    import json

    _write(out or sys.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
