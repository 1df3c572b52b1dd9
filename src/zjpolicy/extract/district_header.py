"""The header of a district table: found above its first row and lined up with its columns.

A table written a row a line (pipe, tab or space-separated rows, a CSV's rows) has header
lines: two or more are read as a grid (cells over their columns) or as stacked rows (see
header_rows). Otherwise the header is the run of short cells before the first row, read by
headers.solve_header. Either way the headings either line up one to one with the data
columns or the table gives no rows, with the reason.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from zjpolicy.document import Document
from zjpolicy.extract.district_places import NUMBER_HEADERS, is_place_header, is_total, looks_like_place
from zjpolicy.extract.district_rows import ROW_NUMBER
from zjpolicy.extract.header_rows import heading_text, is_translation, solve_grid, solve_stacked
from zjpolicy.extract.headers import solve_header
from zjpolicy.extract.tables import Cell
from zjpolicy.rules import alternation, words

# a caption or prose above a table's header: 附件2 …统计表, 单位: 家, 各区、县(市)…
_CAPTION = re.compile(
    rf"[。;；:：]|(?:{alternation(words('districts', 'caption_ends'))})$|{alternation(words('districts', 'caption_words'))}"
    rf"|^(?:{alternation(words('districts', 'unit_labels'))})[:：]"
)
_LINE_KINDS = ("pipe", "tab")
_MAX_LINES = 6  # header lines: a bilingual header may have two a level  # forms whose blank cells keep their place (a space-separated row has none)


@dataclass
class Header:
    headings: list[str] | None  # one per data column; None: they cannot be lined up
    start: int  # the header's first cell, as an index of the cell stream
    title: str
    shown: list[str]  # the header as read, for the reason a table gives no rows


def read_header(doc: Document, cells: list[Cell], first: int, n: int, non_count: frozenset[int] = frozenset()) -> Header:
    """The header above the row whose label is cells[first], for n data columns; non_count: the columns
    whose numbers are no counts (shares, growth rates), evidence of where their headings stand."""
    if _numbered_on_its_line(cells, first):
        first -= 1  # 1 | 铜陵市 | 138 …: the row opens with its number, and the header stands above that
    lines = header_lines(cells, first)
    if lines is not None and len(lines) >= 2:
        texts = [[heading_text(_raw(doc, c)) for c in line] for line in lines if not _translation_line(doc, line)]
        start = cells.index(lines[0][0])
        headings = _solve_lines(texts, lines, n, non_count)
        if headings is None and (joined := _joined_at_wide_gaps(doc, lines)) is not None:
            headings = _solve_lines(joined, lines, n, non_count)
        return Header(headings, start, _title_before(cells, start), _named([t for r in texts for t in r]))
    header = _header_cells(cells, first)
    shown = [heading_text(_raw(doc, c)) for c in header if not is_translation(_raw(doc, c))]
    start = first - len(header)
    title = cells[start - 1].text[:60] if start >= 1 else ""
    return Header(solve_header(shown, n, non_count), start, title, _named(shown))


def _numbered_on_its_line(cells: list[Cell], first: int) -> bool:
    """The row's label follows its row number, the first cell of its line, under a header with 序号."""
    if first < 1 or cells[first - 1].line != cells[first].line or not ROW_NUMBER.fullmatch(cells[first - 1].text):
        return False
    return (first < 2 or cells[first - 2].line != cells[first].line) and numbered_rows(cells, first)


def _joined_at_wide_gaps(doc: Document, lines: list[list[Cell]]) -> list[list[str]] | None:
    """Space-separated header lines whose cells stand one space apart and whose pieces of a heading stand two
    apart (当年  累计 月累计 发明 实用  新型: a heading broken inside its cell, the break written as spaces): the
    headings joined; None for lines of another form. Tried only when the lines as split cannot be lined up."""
    if not all(c.kind == "space" for line in lines for c in line):
        return None
    out: list[list[str]] = []
    widths: set[int] = set()
    for line in lines:
        texts = [heading_text(_raw(doc, line[0]))]
        for before, c in itertools.pairwise(line):
            gap = c.start - before.end
            widths.add(gap)
            if gap > 1:
                texts[-1] += heading_text(_raw(doc, c))
            else:
                texts.append(heading_text(_raw(doc, c)))
        out.append(texts)
    return out if widths == {1, 2} else None


def _named(texts: list[str]) -> list[str]:
    """The header cells that name columns (not the place column's 地区)."""
    return [t for t in texts if t and not is_place_header(t)]


def _raw(doc: Document, c: Cell) -> str:
    return doc.display[c.start:c.end]


def _translation_line(doc: Document, line: list[Cell]) -> bool:
    filled = [_raw(doc, c) for c in line if not c.is_blank]
    return bool(filled) and all(is_translation(r) for r in filled)


def _solve_lines(texts: list[list[str]], lines: list[list[Cell]], n: int, non_count: frozenset[int]) -> list[str] | None:
    """Header lines: a grid when their cells keep their places and the widest is the data's
    width with the label column; else two stacked rows."""
    if not texts:
        return None
    width = max(len(t) for t in texts)
    label_column = all(not t[0] or is_place_header(t[0]) for t in texts)  # else a row lost its first cell
    if all(c.kind in _LINE_KINDS for line in lines for c in line) and width == n + 1 and label_column:
        return solve_grid([t[1:] for t in texts], n)
    if len(texts) != 2:
        return None
    top, below = ([x for x in t if x and not is_place_header(x)] for t in texts)
    return solve_stacked(top, below, n, non_count=non_count)


def header_lines(cells: list[Cell], first: int) -> list[list[Cell]] | None:
    """The header lines above the first row of a table written a row a line, back to its caption;
    None when the first row is one cell a line or shares its line with what stands before it."""
    label = cells[first]
    if label.kind == "line" or (first > 0 and cells[first - 1].line == label.line):
        return None
    lines: list[list[Cell]] = []
    i = first - 1
    while i >= 0 and len(lines) < _MAX_LINES:
        k = i
        while k > 0 and cells[k - 1].line == cells[i].line:
            k -= 1
        line = cells[k:i + 1]
        kind = _line_kind(line)
        if kind == "stop":
            break
        if kind == "header":
            lines.append(line)
        i = k - 1
    return lines[::-1]


def _line_kind(line: list[Cell]) -> str:
    """header, skip (a blank line; a line with only its first cell: a place that groups the rows under
    it) or stop (a caption, prose, data)."""
    filled = [c for c in line if not c.is_blank]
    if not filled:
        return "skip"
    if line[0].kind == "line" or any(len(heading_text(c.raw)) > 24 for c in filled):
        return "stop"
    lead = filled[0].text
    if len(filled) == 1:
        if _CAPTION.search(lead) or len(lead) > 16:
            return "stop"
        if line[0] is filled[0] and not is_total(lead):
            return "skip"  # a province over its cities, a place over its rows: no heading of a column
    numbers = sum(1 for c in filled if c.is_number)
    if not is_place_header(lead) and numbers * 2 > len(filled):
        return "stop"
    return "header"


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
        if looks_like_place(t) and not is_place_header(t) and not is_total(t):
            i -= 1  # a city label over its districts' rows
            continue
        out.append(c)
        i -= 1
        if len(out) > 80:
            break
    return out[::-1]


def numbered_rows(cells: list[Cell], first: int) -> bool:
    """A 序号 column stands in the header before the first row."""
    return any(c.text in NUMBER_HEADERS for c in cells[max(0, first - 60):first])


def _title_before(cells: list[Cell], start: int) -> str:
    i = start - 1
    while i >= 0 and (cells[i].is_blank or is_translation(cells[i].raw)):
        i -= 1
    return cells[i].text[:60] if i >= 0 else ""
