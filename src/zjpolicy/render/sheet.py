"""What every writer shares: a listing as a Sheet, and a value as a cell shows it (a leaf module)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def plain(v: Any) -> Any:
    """A whole float as an int (2.0 → 2): numbers as written, not as stored."""
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return int(v)
    return v


def cell_text(v: Any) -> str:
    """A value as a cell shows it: nothing for None."""
    if v is None:
        return ""
    v = plain(v)
    return str(v)


class Sheet:
    """A listing as a writer gets it: rows and columns, and what goes around them."""

    __slots__ = ("bom", "columns", "empty", "excel_safe", "footer", "labels", "notes", "page", "rows", "title", "warnings")

    def __init__(
        self, rows: Sequence[dict[str, Any]], columns: list[str], *, title: str | None = None,
        footer: Sequence[dict[str, Any]] = (), notes: Sequence[str] = (), warnings: Sequence[str] = (),
        bom: bool = False, excel_safe: bool = False, labels: dict[str, str] | None = None, page: bool = False,
        empty: str = "(no rows)",
    ) -> None:
        self.rows = list(rows)
        self.columns = columns
        self.title = title
        self.footer = list(footer)  # totals: the table sets them apart, a file has them as last rows
        self.notes = notes
        self.warnings = warnings
        self.bom = bom  # CSV/TSV for Excel: a byte-order mark and CRLF line ends
        self.excel_safe = excel_safe
        self.labels = labels or {}  # column → header, when it is not the column's name (--lang zh)
        self.page = page  # on a terminal, through the pager when longer than the screen
        self.empty = empty  # what a table says when it has no rows

    def header(self, column: str) -> str:
        """The header a column shows under: its label in the language asked for, else its name."""
        return self.labels.get(column, column)


def numeric(rows: Sequence[dict[str, Any]], column: str) -> bool:
    """A column of numbers (and blanks): right-aligned."""
    values = [r.get(column) for r in rows]
    return any(v is not None for v in values) and all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values
    )
