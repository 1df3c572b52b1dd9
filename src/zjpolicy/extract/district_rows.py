"""The rows of a table of places, found in the cell stream.

A row is a short label followed by numbers (blank cells allowed in pipe tables). Rows run
into a group while what stands between them is a label or two (a city over its districts,
a section: 按企业规模分 / 按地区分). A table in sections gives only its section of places:
sizes and types of enterprise are no places.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from zjpolicy.extract.district_places import is_place, is_total, looks_like_place, place_or_subtotal
from zjpolicy.extract.tables import Cell
from zjpolicy.rules import alternation, words

_SECTION = re.compile(
    rf"^(?:{alternation(words('districts', 'section_starts'))}).+(?:{alternation(words('districts', 'section_ends'))})$"
)
_PLACE_SECTIONS = words("districts", "place_sections")
_LONGEST_LABEL = 16  # a row label longer than this is prose
_PROSE_MARK = re.compile(r"[。,，;；:：]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
ROW_NUMBER = re.compile(r"\d{1,3}")  # a row's number before its label (序号)


@dataclass
class Row:
    label: Cell
    values: list[Cell]


@dataclass
class Group:
    """A run of rows, with the sections it is cut into: (rows before the section, its label)."""

    rows: list[Row]
    first: int  # the first row's label, as an index of the cell stream
    last: int  # the index after the last row's last cell
    sections: list[tuple[int, str]] = field(default_factory=list)


def row_groups(cells: list[Cell]) -> list[Group]:
    """Runs of at least two rows."""
    groups: list[Group] = []
    current: Group | None = None
    pending: list[str] = []  # sections named before the first row
    gap = 0
    i = 0
    while i < len(cells):
        c = cells[i]
        values = _row_values(cells, i) if label_like(c) else []
        if any(v.is_number for v in values):
            if current is None:
                current = Group([], i, i, [(0, s) for s in pending])
                pending = []
            current.rows.append(Row(c, values))
            i += 1 + len(values)
            current.last, gap = i, 0
            continue
        if c.is_blank and c.kind != "line":
            i += 1
            continue
        if label_like(c) and _SECTION.match(c.text):
            if current is None:
                pending.append(c.text)
            else:
                current.sections.append((len(current.rows), c.text))
            gap, i = 0, i + 1
            continue
        # a cell between rows: a city label over its districts, or the end of the table
        gap += 1
        row_number = c.kind != "line" and bool(ROW_NUMBER.fullmatch(c.text))
        if current is not None and (gap > 2 or not (label_like(c) or row_number)):
            groups.append(current)
            current, pending = None, []
        i += 1
    if current is not None:
        groups.append(current)
    return [g for g in groups if len(g.rows) >= 2]


def _row_values(cells: list[Cell], i: int) -> list[Cell]:
    """The values after the label at i: one cell a line, the numbers that follow; a pipe, tab or
    space row, every cell of its line up to the next place label that opens a row of its own
    (many rows may share one line); a cell that is no number (约400) is a value too."""
    c = cells[i]
    values: list[Cell] = []
    j = i + 1
    if c.kind == "line":
        while j < len(cells) and cells[j].is_number:
            values.append(cells[j])
            j += 1
        return values
    while j < len(cells) and cells[j].line == c.line and not _opens_row(cells, j):
        values.append(cells[j])
        j += 1
    return values


def _opens_row(cells: list[Cell], j: int) -> bool:
    """A place or total label followed on its line by a number."""
    c = cells[j]
    if c.is_number or c.is_blank or not (place_or_subtotal(c.text) or is_total(c.text)):
        return False
    k = j + 1
    while k < len(cells) and cells[k].line == c.line and cells[k].is_blank:
        k += 1
    return k < len(cells) and cells[k].line == c.line and cells[k].is_number


def label_like(c: Cell) -> bool:
    t = c.text
    if not t or len(t) > _LONGEST_LABEL or c.is_number or _PROSE_MARK.search(t) or not _HAN.search(t):
        return False
    return len(t) <= 12 or looks_like_place(t)  # 莫力达瓦达斡尔族自治旗


def place_rows(group: Group) -> list[Row] | None:
    """The rows of a table of places; None when its labels are mostly no places."""
    if group.sections:
        return _section_of_places(group)
    labels = [r.label.text for r in group.rows]
    if sum(1 for lb in labels if place_or_subtotal(lb)) >= max(2, 0.6 * len(labels)):
        return group.rows
    if sum(1 for lb in labels if looks_like_place(lb) and not is_total(lb)) < 3:
        return None
    # rows of places among others: keep the places and the total
    return [r for r in group.rows if place_or_subtotal(r.label.text)]


def _section_of_places(group: Group) -> list[Row] | None:
    """A table in sections (总计, 按企业规模分, 按登记注册类型分, 按地区分): the total and the
    places of the sections that name places."""
    bounds = [*group.sections, (len(group.rows), "")]
    kept = [r for r in group.rows[:bounds[0][0]] if is_total(r.label.text)]
    places = 0
    for (a, label), (b, _) in itertools.pairwise(bounds):
        if any(w in label for w in _PLACE_SECTIONS):
            rows = [r for r in group.rows[a:b] if is_place(r.label.text)]
            places += len(rows)
            kept.extend(rows)
    return kept if places >= 2 else None


def drop_row_numbers(rows: list[Row]) -> None:
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
