"""What the readers share: the optional parsers, and how a table row is written."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

from zjpolicy.errors import ZjpolicyError

EXTRA_HINT = "needs the docs extra: pip install 'zjpolicy[docs]'"

_SPACE = re.compile(r"\s+")
# A cell longer than this, or a table inside a table, marks a table used for page layout.
LAYOUT_CELL_CHARS = 300


def import_extra(module: str, suffix: str, name: str) -> ModuleType:
    """Import a parser of the docs extra, or say which extra is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ZjpolicyError(f"{name}: reading {suffix} {EXTRA_HINT}") from None


def one_line(text: str) -> str:
    """A cell's text on one line: line breaks and runs of spaces become one space."""
    return _SPACE.sub(" ", text).strip()


def table_row(cells: list[str], *, edges: bool = False) -> str:
    """A table row as one line: cells joined by " | ".

    A row of two cells gets a closing pipe so that the table reader sees a
    pipe row (one pipe alone is no table); a row of one cell is written as a
    plain line. With edges, a row that starts or ends with an empty cell is
    written between pipes (| | a | b |), as the table reader takes a bare pipe
    at either end for the row's edge, not for an empty cell. Returns "" for a
    row with no text.
    """
    cells = [one_line(c).replace("|", "｜") for c in cells]
    if not any(cells):
        return ""
    if len(cells) == 1:
        return cells[0]
    line = " | ".join(cells)
    if edges and not (cells[0] and cells[-1]):
        return f"| {line} |"
    return line + " |" if len(cells) == 2 else line


def sheet_lines(rows: list[list[str]]) -> list[str]:
    """A grid of cells (a CSV file, a spreadsheet's sheet) as table rows, one line each.

    Columns empty in every row at the right are dropped (a sheet's used range often
    runs past its data), rows with no text are left out, and a row whose only text
    is its first cell (a title over the table, a note under it) is written as that
    text alone, as a row merged across reads in a Word table. Every other cell
    stays in its place, empty ones at either end too (see table_row's edges).
    """
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell.strip()), default=0)
    lines = (
        table_row(row[:1]) if not any(c.strip() for c in row[1:]) else table_row(row[:width], edges=True)
        for row in rows
    )
    return [line for line in lines if line]
