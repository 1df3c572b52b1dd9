"""Counts by district: tables of places against counts of things.

The table is found in the cell stream as rows of a place label followed by
numbers; its header is the run of short cells just before the first row,
rebuilt into one heading per column (broken headings joined, group headings
giving way to their leaves, repeated leaves prefixed with their group).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from zjpolicy.document import Document
from zjpolicy.extract.headers import solve_header
from zjpolicy.extract.tables import Cell, cell_stream
from zjpolicy.rules import alternation, table, value, words

_TOTAL_LABELS = frozenset(words("districts", "total_labels"))
_TOTAL_ROW = re.compile(rf"[\u4e00-\u9fff]{{0,8}}(?:{alternation(words('districts', 'total_endings'))})(?:\(.*\))?")
_TOTAL_NAME: str = value("districts", "total_name")
_SUBTOTALS = frozenset(words("districts", "subtotal_labels"))
_PLACE_SUFFIXES = words("districts", "place_suffixes")
_PLACE_HEADERS = frozenset(words("districts", "place_headers"))
_NON_COUNT = words("districts", "non_count_marks")
# a caption or prose above a table's header: 附件2 …统计表, 单位: 家, 各区、县(市)…
_CAPTION = re.compile(
    rf"[。;；:：]|(?:{alternation(words('districts', 'caption_ends'))})$|{alternation(words('districts', 'caption_words'))}"
    rf"|^(?:{alternation(words('districts', 'unit_labels'))})[:：]"
)
_MONEY_UNITS = frozenset(words("districts", "money_units"))
_ROW_UNIT = alternation([*words("districts", "row_units"), *_MONEY_UNITS])


@dataclass
class DistrictCell:
    doc_id: str
    table_no: int
    district: str
    institution: str
    count: int
    is_total: bool
    start: int  # the number's cell in the normalised text
    end: int
    row_start: int  # the row label
    quote: str


@dataclass
class DistrictTable:
    """One table, with what a reader checks: its columns, rows and stated totals."""

    doc_id: str
    table_no: int
    columns: list[str]
    count_columns: list[str]
    cells: list[DistrictCell] = field(default_factory=list)
    title: str = ""


@dataclass
class _Row:
    label: Cell
    values: list[Cell]


@cache
def _known_places() -> frozenset[str]:
    names = set()
    city_suffix: str = value("regions", "city_suffix")
    for city, districts in table("cities", file="places").items():
        names.add(city)
        names.add(city + city_suffix)
        names.update(districts)
    return frozenset(names)


def is_total(label: str) -> bool:
    return label in _TOTAL_LABELS or bool(_TOTAL_ROW.fullmatch(label))


def is_place(label: str) -> bool:
    if is_total(label) or label in _known_places():
        return True
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,10}", label)) and label.endswith(_PLACE_SUFFIXES)


def _place_or_subtotal(label: str) -> bool:
    return is_place(label) or label in _SUBTOTALS


def extract_districts(doc: Document, cells: list[Cell] | None = None) -> list[DistrictTable]:
    # Numbers and brackets are read from the folded text; names are written as the document has them.
    cells = cell_stream(doc.text) if cells is None else cells
    tables: list[DistrictTable] = []
    text_end = len(doc.text.rstrip())
    for rows, first_index in _row_groups(cells):
        place_rows = _place_rows(rows)
        if place_rows is None:
            continue
        table = _read_table(doc, cells, place_rows, first_index, table_no=len(tables) + 1, text_end=text_end)
        if table is not None and table.cells:
            tables.append(table)
    tables.extend(_transposed(doc, len(tables)))
    return tables


def _place_rows(rows: list[_Row]) -> list[_Row] | None:
    """The rows of a table of places; None when its labels are mostly no places."""
    labels = [r.label.text for r in rows]
    mostly_places = sum(1 for lb in labels if _place_or_subtotal(lb)) >= max(2, 0.6 * len(labels))
    if mostly_places:
        return rows
    if sum(1 for lb in labels if is_place(lb) and not is_total(lb)) < 3:
        return None
    # a table in sections (按企业规模分 / 按地区分): keep the places and the total
    return [r for r in rows if _place_or_subtotal(r.label.text)]


def _shown(doc: Document, c: Cell) -> str:
    """A cell as the document writes it, without spaces."""
    return re.sub(r"\s+", "", doc.display[c.start:c.end])


def _read_table(
    doc: Document, cells: list[Cell], rows: list[_Row], first_index: int, *, table_no: int, text_end: int
) -> DistrictTable | None:
    """One table of place rows: its header solved into columns, and a cell per count."""
    _drop_row_numbers(rows)
    lengths = Counter(len(r.values) for r in rows)
    n = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    if n < 1:
        return None
    header = _header_cells(cells, first_index)
    columns = solve_header([_shown(doc, c) for c in header], n)
    count_cols = [c for j, c in enumerate(columns) if _is_count_column(c, rows, j)]
    table = DistrictTable(doc.id, table_no, columns, count_cols, title=_title(cells, first_index, header))
    for r in rows:
        label = r.label.text
        if label in _SUBTOTALS or not (is_place(label) or len(label) <= 6):
            continue
        values = r.values[:n]
        if values and values[-1].end >= text_end and len(r.values) < n:
            values = values[:-1]  # a cell cut off by the end of the page
        district = _TOTAL_NAME if is_total(label) else _shown(doc, r.label)
        for j, v in enumerate(values):
            count = None if columns[j] not in count_cols or v.is_blank else v.count
            if count is not None:
                table.cells.append(
                    DistrictCell(doc.id, table_no, district, columns[j], count, is_total(label), v.start, v.end,
                                 r.label.start, doc.text[r.label.start:v.end])
                )
    return table


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


def _transposed(doc: Document, numbered: int) -> list[DistrictTable]:
    """Places as columns, things counted as rows (a yearbook's 分县区 table).

    The heading line names the places; a column with no heading before them is
    the whole area's total and is left out, as are subtotal columns (△市区) and
    money rows (万元). A sub-item (#发明) that repeats takes its parent's name."""
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
    tokens = [t.group(0).lstrip("△") for t in re.finditer(r"\S+", line)]
    places_in = [t for t in tokens if _place_or_subtotal(t)]
    if len(places_in) < 3 or len(places_in) < len(tokens) - 1 or "|" in line:
        return None
    first = re.search(r"\S+", line)
    assert first is not None
    lead = first.group(0).lstrip("△")
    header = _slots(line, first.end()) if not is_place(lead) else [None, *_slots(line, first.start())]
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
            if place is None or cell is None or place in _SUBTOTALS or not re.fullmatch(r"\d+", cell[0]):
                continue
            _, a, b = cell
            table.cells.append(DistrictCell(doc.id, table.table_no, place, name, int(cell[0]), False, offsets[li] + a,
                                            offsets[li] + b, offsets[li], doc.text[offsets[li]:offsets[li] + b]))
            if name not in table.columns:
                table.columns.append(name)
    table.count_columns = list(table.columns)


def _drop_row_numbers(rows: list[_Row]) -> None:
    """A 序号 column puts each row's number after the row before it: 上城区 181 100 2 | 拱墅区 …"""
    if len(rows) < 3:
        return
    tails = [r.values[-1].count if r.values else None for r in rows[:-1]]
    first = tails[0]
    if first is None:
        return
    hits = sum(1 for i, t in enumerate(tails) if t == first + i)
    if first in (1, 2) and hits >= 0.8 * len(tails):
        for i, r in enumerate(rows[:-1]):
            if r.values and r.values[-1].count == first + i:
                r.values = r.values[:-1]


def _row_groups(cells: list[Cell]) -> list[tuple[list[_Row], int]]:
    """Runs of rows: a short label cell followed by numbers (blank cells allowed in pipe tables)."""
    groups: list[tuple[list[_Row], int]] = []
    current: list[_Row] = []
    first = -1
    gap = 0
    i = 0
    while i < len(cells):
        c = cells[i]
        values: list[Cell] = []
        if _label_like(c):
            j = i + 1
            if c.kind == "line":
                # one cell a line: the numbers that follow
                while j < len(cells) and cells[j].is_number:
                    values.append(cells[j])
                    j += 1
            else:
                # a pipe, tab or space row: every cell of the line up to the next place label
                # that opens a row of its own (many rows may share one line); a cell that is no
                # number (约400, 超过了87.89%的区县) is a value too, never a new row
                while j < len(cells) and cells[j].line == c.line:
                    nxt = cells[j]
                    if _opens_row(cells, j):
                        break
                    values.append(nxt)
                    j += 1
            if sum(1 for v in values if v.is_number) >= 1 and len(values) >= 1:
                if not current:
                    first = i
                current.append(_Row(c, values))
                gap = 0
                i = j
                continue
        # a cell between rows: a city label over its districts, a section label, or the end of the table
        if c.is_blank and c.kind != "line":
            i += 1
            continue
        gap += 1
        row_number = c.kind != "line" and bool(re.fullmatch(r"\d{1,3}", c.text))
        if current and (gap > 2 or not (_label_like(c) or row_number)):
            groups.append((current, first))
            current = []
        i += 1
    if current:
        groups.append((current, first))
    return [g for g in groups if len(g[0]) >= 2]


def _opens_row(cells: list[Cell], j: int) -> bool:
    """A place or total label followed on its line by a number."""
    c = cells[j]
    if c.is_number or c.is_blank or not (_place_or_subtotal(c.text) or is_total(c.text)):
        return False
    k = j + 1
    while k < len(cells) and cells[k].line == c.line and cells[k].is_blank:
        k += 1
    return k < len(cells) and cells[k].line == c.line and cells[k].is_number


def _label_like(c: Cell) -> bool:
    t = c.text
    return bool(t) and not c.is_number and len(t) <= 12 and bool(re.search(r"[\u4e00-\u9fff]", t)) and not re.search(r"[。,，;；:：]", t)


def _header_cells(cells: list[Cell], first_index: int) -> list[Cell]:
    """Short cells before the first row, back to the table's title or the prose."""
    out: list[Cell] = []
    i = first_index - 1
    blanks = 0
    while i >= 0:
        c = cells[i]
        t = c.text
        blanks = blanks + 1 if c.is_blank and c.kind != "line" else 0
        if blanks >= 2:
            while out and out[-1].is_blank:
                out.pop()
            break
        if c.kind != "line" and c.is_number and not (i == first_index - 1 and re.fullmatch(r"\d{1,3}", t)):
            break
        if c.kind == "line" and (len(t) > 16 or _CAPTION.search(t) or re.match(r"^(19|20)\d{2}年.{4,}", t)):
            break
        if c.kind != "line" and len(t) > 24:
            break
        if c.is_number and c.kind == "line":
            break
        if is_place(t) and t not in _PLACE_HEADERS and not is_total(t):
            i -= 1  # a city label over its districts' rows
            continue
        out.append(c)
        i -= 1
        if len(out) > 80:
            break
    return out[::-1]


def _title(cells: list[Cell], first_index: int, header: list[Cell]) -> str:
    i = first_index - len(header) - 1
    return cells[i].text[:60] if i >= 0 else ""


def _is_count_column(name: str, rows: list[_Row], j: int) -> bool:
    if any(m in name for m in _NON_COUNT):
        return False
    vals = [r.values[j] for r in rows if j < len(r.values) and not r.values[j].is_blank]
    if not vals:
        return False
    # a few cells that are no count (约400, —) do not make the column something else; a share does
    if any(v.is_percent for v in vals):
        return False
    return sum(1 for v in vals if v.count is not None) >= 0.5 * len(vals)
