"""Spreadsheets (.xlsx): each sheet a titled table, one line per row with the cells joined by " | ".

openpyxl (the ``docs`` extra) opens the workbook, imported only when a
spreadsheet is read. Each visible sheet with any text is written as its name
(unless it is a default name such as Sheet1) and then its rows. Cells read as
the sheet shows them: the values Excel last computed (not formulas), whole
numbers without a trailing .0, percentages as 12.5%, dates as 2024-03-05. A
merged cell is written once, where it starts (its value is the merged area's),
and the cells it covers as empty cells, so every cell keeps its column: the
sheet reads as its CSV export does (a heading over two columns is the heading
and an empty cell; ``_common.sheet_lines``).
Old workbooks (.xls, .et, or an .xls named .xlsx) are converted first (``legacy``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats import legacy
from zjpolicy.formats._common import import_extra, sheet_lines
from zjpolicy.rules import value

_DECIMALS = re.compile(r"\.(0+)")


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a workbook."""
    if legacy.is_old_kind(data, name):  # an .xls or .et file (whatever its name): converted, or a one-line error
        data = legacy.newer_bytes(data, name, default=".xls")
    if not data.startswith(b"PK"):
        raise ZjpolicyError(f"{name}: not an .xlsx file (not a ZIP package)")
    openpyxl = import_extra("openpyxl", ".xlsx", name)
    try:
        workbook = openpyxl.load_workbook(_bytes_io(data), data_only=True)
        lines = [line for sheet in workbook.worksheets if sheet.sheet_state == "visible" for line in _sheet(sheet)]
    except ZjpolicyError:
        raise
    except Exception as e:  # noqa: BLE001  (a damaged package: zip, XML or style errors)
        raise ZjpolicyError(f"{name}: not a readable .xlsx file ({type(e).__name__})") from None
    if not lines:
        raise ZjpolicyError(f"{name}: no text in the workbook")
    return "\n".join(lines) + "\n", "utf-8"


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _sheet(sheet: Any) -> list[str]:
    """A sheet's title line and rows; nothing for a sheet without text."""
    grid = list(sheet.iter_rows())
    # the columns up to the last with a value: a sheet's used range often runs past its data (formatting)
    used = max((cell.column for row in grid for cell in row if cell.value not in (None, "")), default=0)
    rows = [[_shown(cell) for cell in row[:used]] for row in grid]  # a cell a merged one covers reads empty
    lines = sheet_lines(rows)
    if not lines:
        return []
    return lines if _default_name(sheet.title) else [sheet.title.strip(), *lines]


@cache
def _default_names() -> re.Pattern[str]:
    """Sheet1, Sheet2, 工作表1 …: names a spreadsheet program gives, which say nothing (data/formats.toml)."""
    names = "|".join(re.escape(n) for n in value("xlsx", "default_sheet_names", file="formats"))
    return re.compile(rf"(?:{names})\s*\d*", re.IGNORECASE)


def _default_name(title: str) -> bool:
    return bool(_default_names().fullmatch(title.strip()))


def _shown(cell: Any) -> str:
    """A cell's value as the sheet shows it (see the module's docstring)."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, int | float):
        return _number(v, cell.number_format or "")
    return str(v)


def _number(v: float, number_format: str) -> str:
    if "%" in number_format:
        m = _DECIMALS.search(number_format)
        return f"{v * 100:.{len(m.group(1)) if m else 0}f}%"
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.15g}"
