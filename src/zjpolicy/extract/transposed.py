"""Places as columns, things counted as rows: a yearbook's 分县区 table.

The heading line names the places; a column with no heading before them is the whole
area's total and is left out, as are subtotal columns (△市区) and money rows (万元).
A sub-item (#发明) that repeats takes its parent's name.
"""

from __future__ import annotations

import re
from collections import Counter

from zjpolicy.document import Document
from zjpolicy.extract.district_places import (
    SUBTOTALS,
    DistrictCell,
    DistrictTable,
    looks_like_place,
    place_or_subtotal,
)
from zjpolicy.rules import alternation, words

_MONEY_UNITS = frozenset(words("districts", "money_units"))
_ROW_UNIT = alternation([*words("districts", "row_units"), *_MONEY_UNITS])


_ROW_LABEL = re.compile(
    rf"^(?P<indent>\s*)(?P<mark>(?:\d{{1,2}}[.、])|[#△※*])?\s*(?P<label>[^\d\s|][^\s|]*?)(?:\s+(?P<unit>{_ROW_UNIT}))?(?=\s+[\d-])"
)
_Slot = tuple[str, int, int] | None  # a cell of a space-aligned row: its text and span in the line
_TransposedRow = tuple[str, str, int, list[_Slot]]  # label, parent label, line index, cells


def _slots(line: str, start: int) -> list[_Slot]:
    """Cells of a space-aligned row from start: a run of 3 spaces holds one empty cell (15 9   2)."""
    out: list[_Slot] = []
    prev_end = start
    for t in re.finditer(r"\S+", line[start:]):
        a = start + t.start()
        out.extend([None] * max(0, (a - prev_end - 1) // 2))
        out.append((t.group(0), a, start + t.end()))
        prev_end = start + t.end()
    return out


def transposed_tables(doc: Document, numbered: int) -> list[DistrictTable]:
    """The tables of places as columns, numbered on from the tables before them."""
    lines = doc.text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    tables: list[DistrictTable] = []
    i = 0
    while i < len(lines):
        names = _place_heading(lines[i])
        if names is None:
            i += 1
            continue
        rows, j = _transposed_rows(lines, i)
        table = DistrictTable(doc.id, numbered + len(tables) + 1, [], [], title=lines[i - 1].strip()[:60] if i else "")
        _fill_transposed(doc, table, names, rows, offsets)
        if table.cells:
            tables.append(table)
        i = max(j, i + 1)
    return tables


def _place_heading(line: str) -> list[str | None] | None:
    """The column names of a heading line that names places (None over a total column), or None."""
    words_of_line = line.split()  # as \S+ finds them: str.split's whitespace is the engine's \s
    if len(words_of_line) < 3:  # fewer than three places: the test of most lines, without a pattern
        return None
    tokens = [t.lstrip("△") for t in words_of_line]
    places_in = [t for t in tokens if place_or_subtotal(t)]
    if len(places_in) < 3 or len(places_in) < len(tokens) - 1 or "|" in line:
        return None
    first = re.search(r"\S+", line)
    assert first is not None
    lead = first.group(0).lstrip("△")
    header = _slots(line, first.end()) if not looks_like_place(lead) else [None, *_slots(line, first.start())]
    return [None if h is None else h[0].lstrip("△") for h in header]


def _transposed_rows(lines: list[str], i: int) -> tuple[list[_TransposedRow], int]:
    """The rows under the heading line i, each with its parent's label, and the line after them."""
    parents: list[tuple[int, str]] = []
    rows: list[_TransposedRow] = []
    j = i + 1
    while j < len(lines) and j - i < 300:
        line = lines[j]
        m = _ROW_LABEL.match(line)
        if line.strip() and not m:
            if not re.match(r"^\s*(?:\d{1,2}[.、])?[^\d\s|]+\s*$", line):
                break
        elif m:
            indent = len(m.group("indent")) + (2 if m.group("mark") == "#" else 0)
            label = m.group("label")
            while parents and parents[-1][0] >= indent:
                parents.pop()
            parent = parents[-1][1] if parents else ""
            parents.append((indent, label))
            if m.group("unit") not in _MONEY_UNITS:
                rows.append((label, parent, j, _slots(line, m.end())))
        j += 1  # a blank line, a heading row without figures, or a row
    return rows, j


def _fill_transposed(
    doc: Document, table: DistrictTable, names: list[str | None], rows: list[_TransposedRow], offsets: list[int]
) -> None:
    counts = Counter(r[0] for r in rows)
    for label, parent, li, slots in rows:
        if len(slots) != len(names):
            continue
        name = parent + label if counts[label] > 1 and parent else label
        for place, cell in zip(names, slots):
            if place is None or cell is None or place in SUBTOTALS or not re.fullmatch(r"\d+", cell[0]):
                continue
            _, a, b = cell
            table.cells.append(DistrictCell(doc.id, table.table_no, place, name, int(cell[0]), False, offsets[li] + a,
                                            offsets[li] + b, offsets[li], doc.text[offsets[li]:offsets[li] + b]))
            if name not in table.columns:
                table.columns.append(name)
    table.count_columns = list(table.columns)
