"""Output: rich tables on a terminal, CSV/TSV/JSON/JSONL/Markdown elsewhere. The only module that prints.

Machine formats are written as UTF-8 whatever the locale (a BOM only with `--bom`);
numbers stay numbers; a table is aligned by display width and never cuts text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from zjpolicy.errors import ZjpolicyError

FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"]
LANGS = ["zh", "en"]
# Columns of running text: they wrap; the others keep one line.
WIDE_COLUMNS = {
    "indicator", "quote", "task_title", "title", "agency", "text", "issuer", "lead", "message", "detail",
    "context", "what",
}
# A text cell beginning with one of these is run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Partial blocks for bar charts, in eighths.
_EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]


def default_format() -> str:
    """A table on a terminal; CSV with a header row when piped or redirected."""
    return "table" if sys.stdout.isatty() else "csv"


class Output:
    """How a listing is written: the options every listing command shares.

    A plain class, not a dataclass: it is built on every query, where start-up time counts."""

    __slots__ = ("fmt", "columns", "bom", "excel_safe", "lang", "quote")

    def __init__(
        self, *, fmt: str = "csv", columns: str | None = None, bom: bool = False, excel_safe: bool = False,
        lang: str = "zh", quote: bool = False,
    ) -> None:
        self.fmt = fmt
        self.columns = columns  # `--columns a,b,c` as given
        self.bom = bom
        self.excel_safe = excel_safe
        self.lang = lang
        self.quote = quote


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return int(v)
    return v


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    v = _plain(v)
    return str(v)


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
            raise ZjpolicyError(f"--columns {name}: no such column; choose from {', '.join(choices)}")
        chosen.append(column)
    if not chosen:
        raise ZjpolicyError(f"--columns: name at least one column; choose from {', '.join(choices)}")
    return _unique(chosen)


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
    """Choose the columns (the format's default or `--columns`), translate for `--lang en`, emit."""
    default = table if out.fmt == "table" else machine
    choices = _unique([*table, *machine, *extra])
    aliases = dict(aliases or {})
    rows, footer = list(rows), list(footer)
    if out.lang == "en":
        both, rename, renames = _english(rows + footer, choices, header_columns)
        rows, footer = both[: len(rows)], both[len(rows):]
        default, choices = rename(default), rename(choices)
        aliases = {k: renames.get(v, v) for k, v in aliases.items()}
        aliases.update(renames)
    columns = choose_columns(out.columns, default, choices, aliases)
    if out.fmt != "table" and footer:
        rows, footer = rows + footer, []
    emit(
        rows, columns, out.fmt, title=title, footer=footer, notes=notes, warnings=warnings,
        bom=out.bom, excel_safe=out.excel_safe,
    )


def _english(
    rows: list[dict[str, Any]], columns: list[str], header_columns: Sequence[str] = ()
) -> tuple[list[dict[str, Any]], Any, dict[str, str]]:
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
        return _unique(out)

    return new_rows, rename, renames


def translate(
    rows: Sequence[dict[str, Any]], columns: list[str], header_columns: Sequence[str] = ()
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and columns for `--lang en`: English values and headers, the Chinese in `_zh` columns."""
    new_rows, rename, _ = _english(list(rows), columns, header_columns)
    return new_rows, rename(columns)


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
) -> None:
    out = out or sys.stdout
    if fmt == "table":
        _table(rows, columns, title, footer, notes, warnings, out)
        return
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if fmt in ("csv", "tsv"):
        text = csv_text(list(rows) + list(footer), columns, delimiter="," if fmt == "csv" else "\t",
                        crlf=bom, safe=excel_safe)
        _write(out, text, bom=bom)
    elif fmt == "json":
        data = [{c: _plain(r.get(c)) for c in columns} for r in list(rows) + list(footer)]
        _write(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write(out, "".join(
            json.dumps({c: _plain(r.get(c)) for c in columns}, ensure_ascii=False) + "\n"
            for r in list(rows) + list(footer)
        ))
    elif fmt == "markdown":
        _write(out, _markdown(rows, columns, footer, notes))
    else:  # the CLI validates formats; this guards library callers
        raise ValueError(f"unknown format {fmt!r}")


def csv_text(
    rows: Sequence[dict[str, Any]], columns: list[str], *, delimiter: str = ",", crlf: bool = False, safe: bool = False
) -> str:
    """CSV quoted per RFC 4180 by the csv module; CRLF line ends for Excel, LF for pipes."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerow([excel_safe(c) if safe else c for c in columns])
    for r in rows:
        cells = [_plain(r.get(c)) for c in columns]
        writer.writerow([_cell_text(excel_safe(v) if safe else v) for v in cells])
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


def _numeric(rows: Sequence[dict[str, Any]], column: str) -> bool:
    values = [r.get(column) for r in rows]
    return any(v is not None for v in values) and all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values
    )


def _markdown(
    rows: Sequence[dict[str, Any]], columns: list[str], footer: Sequence[dict[str, Any]], notes: Sequence[str]
) -> str:
    def cell(r: dict[str, Any], c: str) -> str:
        text = _cell_text(r.get(c))
        mark = r.get("_mark") if c == r.get("_mark_column", "quote") else None
        if mark and 0 <= mark[0] <= mark[1] <= len(text):
            a, b = mark
            text = text[:a] + "**" + text[a:b] + "**" + text[b:]
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |"]
    lines.append("|" + "|".join(" ---: " if _numeric(rows, c) else " --- " for c in columns) + "|")
    for r in list(rows) + list(footer):
        lines.append("| " + " | ".join(cell(r, c) for c in columns) + " |")
    text = "\n".join(lines) + "\n"
    for n in notes:
        text += f"\n{n}\n"
    return text


def _console(out: TextIO) -> Any:
    from rich.console import Console

    width = None if out.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(
        file=out, width=width, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False,
        emoji=False,
    )


def _colour(console: Any) -> bool:
    """Colour and styles only on a terminal, and never with NO_COLOR."""
    return bool(console.is_terminal) and not os.environ.get("NO_COLOR")


def _table(
    rows: Sequence[dict[str, Any]],
    columns: list[str],
    title: str | None,
    footer: Sequence[dict[str, Any]],
    notes: Sequence[str],
    warnings: Sequence[str],
    out: TextIO,
) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    console = _console(out)
    colour = _colour(console)
    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    longest = [max((_text_width(_cell_text(r.get(c))) for r in [*rows, *footer]), default=0) for c in columns]
    fixed = _fit_widths(columns, longest, console.width - 3 * len(columns) - 1)
    for i, c in enumerate(columns):
        # fold, never cut: running text wraps, by display width (a CJK character is two cells);
        # a short column keeps its values on one line, but a header longer than every value
        # (an English institution kind) may wrap
        wide = c in WIDE_COLUMNS
        table.add_column(
            c, overflow="fold", justify="right" if _numeric(rows, c) else "left",
            no_wrap=not (wide or fixed) and cell_len(c) <= longest[i], width=fixed[i] if fixed else None,
        )
    for r in rows:
        table.add_row(*[_marked(r, c, colour) for c in columns])
    for i, f in enumerate(footer):
        table.add_row(*[Text(_cell_text(f.get(c))) for c in columns], end_section=(i == len(footer) - 1), style="bold")
    console.print(table)
    if not rows:
        console.print("(no rows)")
    for n in notes:
        console.print(Text(n))
    for w in warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", w) if colour else Text(f"warning: {w}"))


def _text_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


# Running text is not folded narrower than this many cells (5 Chinese characters) while
# short columns can give up room.
WIDE_FLOOR = 10


def _fit_widths(columns: list[str], longest: list[int], room: int) -> list[int] | None:
    """Column widths when a table does not fit the terminal as rich would lay it out, else None.

    Rich shrinks only the wrapping columns, so with many short columns the running text
    is squeezed to a character or two, or cells are cut at the screen's edge. Here the
    running text gives up room first (widest first, down to WIDE_FLOOR), then headers
    that may wrap, then every column evenly, folding: nothing is cut.
    """
    words = [max((len(w) for w in c.split()), default=0) for c in columns]
    wide = [c in WIDE_COLUMNS for c in columns]
    widths = [max(n, len(c)) for c, n in zip(columns, longest)]
    if sum(widths) <= room:
        return None
    short_floor = [max(n, w) for n, w in zip(longest, words)]

    def shrink(indexes: list[int], floor: list[int]) -> None:
        while sum(widths) > room:
            able = [i for i in indexes if widths[i] > floor[i]]
            if not able:
                return
            top = max(widths[i] for i in able)
            for i in able:
                if widths[i] == top and sum(widths) > room:
                    widths[i] -= 1

    everything = list(range(len(columns)))
    shrink([i for i in everything if wide[i]], [WIDE_FLOOR] * len(columns))
    shrink([i for i in everything if not wide[i]], short_floor)
    shrink(everything, [4 if wide[i] else min(short_floor[i], 6) for i in everything])
    return [max(1, w) for w in widths]


def _marked(row: dict[str, Any], column: str, colour: bool = False) -> Any:
    """A quote with its matched span highlighted: reverse video on a terminal, 【】 without colour."""
    from rich.text import Text

    text = _cell_text(row.get(column))
    mark = row.get("_mark")
    if column != row.get("_mark_column", "quote") or not mark:
        return Text(text)
    a, b = mark
    if not (0 <= a <= b <= len(text)):
        return Text(text)
    if not colour:
        return Text(text[:a] + "【" + text[a:b] + "】" + text[b:])
    t = Text(text)
    t.stylize("bold reverse", a, b)
    return t


def chart(
    labels: Sequence[str],
    values: Sequence[Any],
    *,
    title: str,
    out: TextIO | None = None,
    warnings: Sequence[str] = (),
) -> None:
    """A horizontal bar chart, one bar a row, in the order given; plain blocks without colour."""
    from rich.cells import cell_len
    from rich.text import Text

    console = _console(out or sys.stdout)
    colour = _colour(console)
    nums = [v if isinstance(v, (int, float)) else 0 for v in values]
    texts = [_cell_text(v) for v in values]
    label_w = max((cell_len(x) for x in labels), default=0)
    num_w = max((len(t) for t in texts), default=0)
    bar_w = max(10, console.width - label_w - num_w - 4)
    top = max(nums, default=0) or 1
    console.print(Text(title, style="bold" if colour else ""))
    for label, n, t in zip(labels, nums, texts):
        eighths = round(max(n, 0) / top * bar_w * 8)
        bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8]
        line = Text(label + " " * (label_w - cell_len(label)) + "  ")
        line.append(bar, style="cyan" if colour else "")
        line.append(" " + t)
        console.print(line, no_wrap=True, overflow="ignore", crop=False)
    if not labels:
        console.print("(no rows)")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)


def district_chart(
    rows: Sequence[dict[str, Any]], column: str, *, title: str, lang: str = "zh", warnings: Sequence[str] = ()
) -> None:
    """`districts --chart`: one bar per district for one column, in the rows' order."""
    labels = [_cell_text(r.get("district")) for r in rows]
    name = column
    if lang == "en":
        from zjpolicy.glossary import institution, place

        labels = [place(x) for x in labels]
        name = institution(column)
    chart(labels, [r.get(column) for r in rows], title=f"{title}: {name}", warnings=warnings)


DOCUMENT_FIELDS = [
    "id", "title", "doc_number", "issuer", "date", "year", "period", "region", "city", "district", "kind",
    "script", "encoding", "source_format", "chars", "sha256", "path",
]


def show_document(doc: dict[str, Any], *, original: bool = False, fmt: str = "text", out: TextIO | None = None) -> None:
    """A document's metadata, a blank line, then its text (normalised, or as written with `original`)."""
    out = out or sys.stdout
    text = doc.get("original" if original else "text") or ""
    if fmt == "json":
        data = {k: _plain(doc.get(k)) for k in DOCUMENT_FIELDS}
        data["text" if not original else "original"] = text
        _write(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(k) for k in DOCUMENT_FIELDS) + 1
    head = "".join(f"{k + ':':<{width}} {_cell_text(doc.get(k))}\n" for k in DOCUMENT_FIELDS if doc.get(k) not in (None, ""))
    _write(out, head + "\n" + text.rstrip("\n") + "\n")


def message(text: str) -> None:
    """A one-line notice on stderr (never mixed into CSV on stdout)."""
    print(text, file=sys.stderr)


def write_csv(
    path: str, rows: Sequence[dict[str, Any]], columns: list[str], *, bom: bool = False, excel_safe: bool = False
) -> None:
    text = csv_text(rows, columns, crlf=bom, safe=excel_safe)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(text)


def print_json(data: Any, out: TextIO | None = None) -> None:
    _write(out or sys.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
