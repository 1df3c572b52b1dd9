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
from zjpolicy.extract.headers import district_rules, solve_header
from zjpolicy.extract.tables import Cell, cell_stream
from zjpolicy.rules import places


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


_d = district_rules


@cache
def _known_places() -> frozenset[str]:
    names = set()
    for city, districts in places()["cities"].items():
        names.add(city)
        names.add(city + "市")
        names.update(districts)
    return frozenset(names)


def is_total(label: str) -> bool:
    return label in _d()["total_labels"] or bool(re.fullmatch(r"[\u4e00-\u9fff]{0,8}[合总]计(?:\(.*\))?", label))


def is_place(label: str) -> bool:
    if is_total(label) or label in _known_places():
        return True
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,10}", label)) and label.endswith(tuple(_d()["place_suffixes"]))


def extract_districts(doc: Document, cells: list[Cell] | None = None) -> list[DistrictTable]:
    # Numbers and brackets are read from the folded text; names are written as the document has them.
    cells = cell_stream(doc.text) if cells is None else cells
    rows_groups = _row_groups(cells)
    tables: list[DistrictTable] = []
    text_end = len(doc.text.rstrip())

    def shown(c: Cell) -> str:
        return re.sub(r"\s+", "", doc.display[c.start:c.end])

    for rows, first_index in rows_groups:
        labels = [r.label.text for r in rows]
        place_like = sum(1 for lb in labels if is_place(lb) or lb in _d()["subtotal_labels"])
        mostly_places = place_like >= max(2, 0.6 * len(labels))
        if not mostly_places and sum(1 for lb in labels if is_place(lb) and not is_total(lb)) < 3:
            continue
        if not mostly_places:
            # a table in sections (按企业规模分 / 按地区分): keep the places and the total
            rows = [r for r in rows if is_place(r.label.text) or r.label.text in _d()["subtotal_labels"]]
        _drop_row_numbers(rows)
        lengths = Counter(len(r.values) for r in rows)
        n = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if n < 1:
            continue
        header = _header_cells(cells, first_index)
        columns = solve_header([shown(c) for c in header], n)
        table_no = len(tables) + 1
        count_cols = [c for j, c in enumerate(columns) if _is_count_column(c, rows, j)]
        table = DistrictTable(doc.id, table_no, columns, count_cols, title=_title(cells, first_index, header))
        for r in rows:
            label = r.label.text
            if label in _d()["subtotal_labels"] or not (is_place(label) or len(label) <= 6):
                continue
            values = r.values[:n]
            if values and values[-1].end >= text_end and len(r.values) < n:
                values = values[:-1]  # a cell cut off by the end of the page
            district = "合计" if is_total(label) else shown(r.label)
            for j, v in enumerate(values):
                col = columns[j]
                if col not in count_cols or v.is_blank:
                    continue
                count = v.count
                if count is None:
                    continue
                table.cells.append(
                    DistrictCell(doc.id, table_no, district, col, count, is_total(label), v.start, v.end, r.label.start,
                                 doc.text[r.label.start:v.end])
                )
        if table.cells:
            tables.append(table)
    for table in _transposed(doc, len(tables)):
        tables.append(table)
    return tables


_ROW_LABEL = re.compile(r"^(?P<indent>\s*)(?P<mark>(?:\d{1,2}[.、])|[#△※*])?\s*(?P<label>[^\d\s|][^\s|]*?)(?:\s+(?P<unit>万元|亿元|元|千元|人年|个|项|件|家|人|名))?(?=\s+[\d-])")


def _slots(line: str, start: int) -> list[tuple[str, int, int] | None]:
    """Cells of a space-aligned row from start: a run of 3 spaces holds one empty cell (15 9   2)."""
    out: list[tuple[str, int, int] | None] = []
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
    text = doc.text
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    tables: list[DistrictTable] = []
    i = 0
    while i < len(lines):
        tokens = [t.group(0).lstrip("△") for t in re.finditer(r"\S+", lines[i])]
        places_in = [t for t in tokens if is_place(t) or t in _d()["subtotal_labels"]]
        if len(places_in) < 3 or len(places_in) < len(tokens) - 1 or "|" in lines[i]:
            i += 1
            continue
        first = re.search(r"\S+", lines[i])
        assert first is not None
        lead = first.group(0).lstrip("△")
        header = _slots(lines[i], first.end()) if not is_place(lead) else [None] + _slots(lines[i], first.start())
        names = [None if h is None else h[0].lstrip("△") for h in header]
        parents: list[tuple[int, str]] = []
        rows: list[tuple[str, str, int, list[tuple[str, int, int] | None]]] = []
        j = i + 1
        while j < len(lines) and j - i < 300:
            line = lines[j]
            if not line.strip():
                j += 1
                continue
            m = _ROW_LABEL.match(line)
            if not m:
                if re.match(r"^\s*(?:\d{1,2}[.、])?[^\d\s|]+\s*$", line):
                    j += 1  # a heading row without figures
                    continue
                break
            indent = len(m.group("indent")) + (2 if m.group("mark") == "#" else 0)
            label = m.group("label")
            while parents and parents[-1][0] >= indent:
                parents.pop()
            parent = parents[-1][1] if parents else ""
            parents.append((indent, label))
            if m.group("unit") not in ("万元", "亿元", "元", "千元", "人年"):
                rows.append((label, parent, j, _slots(line, m.end())))
            j += 1
        counts = Counter(r[0] for r in rows)
        table = DistrictTable(doc.id, numbered + len(tables) + 1, [], [], title=lines[i - 1].strip()[:60] if i else "")
        for label, parent, li, slots in rows:
            if len(slots) != len(names):
                continue
            name = parent + label if counts[label] > 1 and parent else label
            for place, cell in zip(names, slots):
                if place is None or cell is None or place in _d()["subtotal_labels"]:
                    continue
                value, a, b = cell
                if not re.fullmatch(r"\d+", value):
                    continue
                table.cells.append(DistrictCell(doc.id, table.table_no, place, name, int(value), False, offsets[li] + a,
                                                offsets[li] + b, offsets[li], text[offsets[li]:offsets[li] + b]))
                if name not in table.columns:
                    table.columns.append(name)
        table.count_columns = list(table.columns)
        if table.cells:
            tables.append(table)
        i = max(j, i + 1)
    return tables


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
    if c.is_number or c.is_blank or not (is_place(c.text) or is_total(c.text) or c.text in _d()["subtotal_labels"]):
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
        if c.kind == "line" and (len(t) > 16 or re.search(r"[。;；:：]|表$|统计|附件|^单位[:：]|各(?:区|县|市|地|设区)", t) or re.match(r"^(19|20)\d{2}年.{4,}", t)):
            break
        if c.kind != "line" and len(t) > 24:
            break
        if c.is_number and c.kind == "line":
            break
        if is_place(t) and t not in _d()["place_headers"] and not is_total(t):
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
    if any(m in name for m in _d()["non_count_marks"]):
        return False
    vals = [r.values[j] for r in rows if j < len(r.values) and not r.values[j].is_blank]
    if not vals:
        return False
    # a few cells that are no count (约400, —) do not make the column something else; a share does
    if any(v.is_percent for v in vals):
        return False
    return sum(1 for v in vals if v.count is not None) >= 0.5 * len(vals)
