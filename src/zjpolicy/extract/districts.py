"""Counts by district: tables of places against counts of things.

The table is found in the cell stream as rows of a place label followed by
numbers (district_rows); its header stands above the first row and is lined
up with the data columns (district_header): broken headings joined, group
headings giving way to their leaves, repeated leaves prefixed with their
group. A header that cannot be lined up one to one gives no rows: the table
is kept with the reason, for `check` to report. Places as columns are read
by transposed.
"""

from __future__ import annotations

import re
from collections import Counter

from zjpolicy.document import Document
from zjpolicy.extract.district_header import numbered_rows, read_header
from zjpolicy.extract.district_places import (
    SUBTOTALS,
    TOTAL_NAME,
    DistrictCell,
    DistrictTable,
    is_other,
    is_place,
    is_total,
)
from zjpolicy.extract.district_rows import Group, Row, drop_row_numbers, place_rows, row_groups
from zjpolicy.extract.header_rows import names_non_count
from zjpolicy.extract.tables import Cell, cell_stream
from zjpolicy.extract.transposed import transposed_tables

__all__ = ["DistrictCell", "DistrictTable", "extract_districts", "is_place", "is_total"]



def extract_districts(doc: Document, cells: list[Cell] | None = None) -> list[DistrictTable]:
    # Numbers and brackets are read from the folded text; names are written as the document has them.
    cells = cell_stream(doc.text) if cells is None else cells
    tables: list[DistrictTable] = []
    text_end = len(doc.text.rstrip())
    for group in _join_repeated_headers(doc, cells, row_groups(cells)):
        rows = place_rows(group)
        if rows is None:
            continue
        table = _read_table(doc, cells, group, rows, table_no=len(tables) + 1, text_end=text_end)
        if table is not None and (table.cells or table.problem):
            tables.append(table)
    tables.extend(transposed_tables(doc, len(tables)))
    return tables


def _join_repeated_headers(doc: Document, cells: list[Cell], groups: list[Group]) -> list[Group]:
    """A heading repeated at the top of each printed page is no row: the rows under it go on the table."""
    out: list[Group] = []
    for g in groups:
        prev = out[-1] if out else None
        if prev is not None and _repeats_header(doc, cells, prev, g):
            prev.sections.extend((len(prev.rows) + k, s) for k, s in g.sections)
            prev.rows.extend(g.rows)
            prev.last = g.last
        else:
            out.append(g)
    return out


def _repeats_header(doc: Document, cells: list[Cell], prev: Group, g: Group) -> bool:
    width = _width(prev.rows)
    if width != _width(g.rows):
        return False
    mine, theirs = read_header(doc, cells, g.first, width), read_header(doc, cells, prev.first, width)
    between = cells[prev.last:mine.start]
    return bool(mine.shown) and mine.shown == theirs.shown and all(c.is_blank for c in between)


def _width(rows: list[Row]) -> int:
    lengths = Counter(len(r.values) for r in rows)
    return max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _read_table(
    doc: Document, cells: list[Cell], group: Group, rows: list[Row], *, table_no: int, text_end: int
) -> DistrictTable | None:
    """One table of place rows: its header lined up with its columns, and a cell per count."""
    if numbered_rows(cells, group.first):
        drop_row_numbers(rows)
    n = _width(rows)
    if n < 1:
        return None
    counted = [_is_count_values(rows, j) for j in range(n)]  # each column's numbers read once
    header = read_header(doc, cells, group.first, n, _non_count_columns(rows, counted))
    table = DistrictTable(doc.id, table_no, header.headings or [], [], title=header.title,
                          start=cells[group.first].start, end=cells[group.last - 1].end)
    if header.headings is None:
        if any(counted):
            table.problem = _unaligned(header.shown, n)
        return table
    columns = header.headings
    table.count_columns = [c for c, is_count in zip(columns, counted, strict=True) if is_count and not names_non_count(c)]
    for r in rows:
        label = r.label.text
        if label in SUBTOTALS or is_other(label) or not is_place(label):
            continue
        values = r.values[:n]
        if values and values[-1].end >= text_end and len(r.values) < n:
            values = values[:-1]  # a cell cut off by the end of the page
        district = TOTAL_NAME if is_total(label) else _shown(doc, r.label)
        for j, v in enumerate(values):
            count = None if columns[j] not in table.count_columns or v.is_blank else v.count
            if count is not None:
                table.cells.append(
                    DistrictCell(doc.id, table_no, district, columns[j], count, is_total(label), v.start, v.end,
                                 r.label.start, doc.text[r.label.start:v.end])
                )
    return table


def _unaligned(shown: list[str], n: int) -> str:
    heads = f" ({' / '.join(shown)})" if shown else ""
    return f"{len(shown)} headings{heads} cannot be lined up one to one with its {n} columns of numbers; no rows taken"


def _shown(doc: Document, c: Cell) -> str:
    """A cell as the document writes it, without spaces."""
    return re.sub(r"\s+", "", doc.display[c.start:c.end])


def _is_count_values(rows: list[Row], j: int) -> bool:
    vals = [r.values[j] for r in rows if j < len(r.values) and not r.values[j].is_blank]
    if not vals or any(v.is_percent for v in vals):
        return False
    # a few cells that are no count (约400, —) do not make the column something else; a share does
    return sum(1 for v in vals if v.count is not None) >= 0.5 * len(vals)


def _non_count_columns(rows: list[Row], counted: list[bool]) -> frozenset[int]:
    """The columns whose numbers are shares or rates (21.2, -4.5, 3.5%), not counts (counted: each column's
    _is_count_values)."""
    return frozenset(
        j for j, is_count in enumerate(counted)
        if not is_count and any(j < len(r.values) and not r.values[j].is_blank for r in rows)
    )
