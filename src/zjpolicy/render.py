"""Output: rich tables on a terminal, CSV/TSV/JSON/JSONL/Markdown elsewhere. The only module that prints."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"]
# Columns of running text: they wrap; the others keep one line.
WIDE_COLUMNS = {"indicator", "quote", "task_title", "title", "agency", "text", "issuer", "lead", "message", "detail"}


def default_format() -> str:
    """A table on a terminal; CSV with a header row when piped or redirected."""
    return "table" if sys.stdout.isatty() else "csv"


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return int(v)
    return v


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    v = _plain(v)
    return str(v)


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
) -> None:
    out = out or sys.stdout
    if fmt == "table":
        _table(rows, columns, title, footer, notes, warnings, out)
        return
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell_text(r.get(c)) for c in columns])
        out.write(buf.getvalue())
    elif fmt == "json":
        out.write(json.dumps([{c: _plain(r.get(c)) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({c: _plain(r.get(c)) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        out.write("| " + " | ".join(columns) + " |\n")
        out.write("|" + "|".join(" --- " for _ in columns) + "|\n")
        for r in list(rows) + list(footer):
            out.write("| " + " | ".join(_cell_text(r.get(c)).replace("|", "\\|").replace("\n", " ") for c in columns) + " |\n")
        for n in notes:
            out.write(f"\n{n}\n")
    else:  # the CLI validates formats; this guards library callers
        raise ValueError(f"unknown format {fmt!r}")


def _console(out: TextIO) -> Any:
    from rich.console import Console

    width = None if out.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(file=out, width=width, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False)


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
    from rich.table import Table

    console = _console(out)
    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    for c in columns:
        numeric = bool(rows) and all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in rows)
        # fold, never cut: Chinese text wraps rather than ending in an ellipsis
        wide = c in WIDE_COLUMNS
        table.add_column(
            c, overflow="fold", justify="right" if numeric else "left", no_wrap=not wide, ratio=2 if wide else None
        )
    for r in rows:
        table.add_row(*[_marked(r, c) for c in columns])
    for i, f in enumerate(footer):
        table.add_row(*[_cell_text(f.get(c)) for c in columns], end_section=(i == len(footer) - 1), style="bold")
    console.print(table)
    if not rows:
        console.print("(no rows)")
    for n in notes:
        console.print(n)
    for w in warnings:
        console.print(f"[yellow]warning:[/yellow] {w}" if not os.environ.get("NO_COLOR") else f"warning: {w}")


def _marked(row: dict[str, Any], column: str) -> Any:
    """A quote with its matched span highlighted (bold on a terminal, 【】 without colour)."""
    text = _cell_text(row.get(column))
    mark = row.get("_mark")
    if column != "quote" or not mark:
        return text
    a, b = mark
    if not (0 <= a <= b <= len(text)):
        return text
    if os.environ.get("NO_COLOR"):
        return text[:a] + "【" + text[a:b] + "】" + text[b:]
    from rich.text import Text

    t = Text(text)
    t.stylize("bold reverse", a, b)
    return t


def message(text: str) -> None:
    """A one-line notice on stderr (never mixed into CSV on stdout)."""
    print(text, file=sys.stderr)


def write_csv(path: str, rows: Sequence[dict[str, Any]], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell_text(r.get(c)) for c in columns])
