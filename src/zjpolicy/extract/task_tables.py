"""Owners in a task table: the column heading (责任单位, 主要责任单位 …) is the
role, each row's number (序号) is the task, and each owner cell is a clause."""

from __future__ import annotations

import re

from zjpolicy.document import Document
from zjpolicy.extract.numbers import counting
from zjpolicy.extract.owners import _Clause, is_agency, split_agencies
from zjpolicy.extract.tables import Cell, cell_stream
from zjpolicy.rules import alternation, words

_ROW_NO = re.compile(r"^\d{1,3}$")
_SECTION_NO = re.compile(f"[{counting(10)}]{{1,3}}、")  # 三、: a section row with owners of its own
_DEADLINE = re.compile(rf"(19|20)\d{{2}}年|\d{{1,2}}月|{alternation(words('owners', 'deadline_words'))}")
_OWNER_HEADS = frozenset(words("owners", "column_heads"))  # 责任单位, 牵头单位 …
_ANY_OWNER_HEAD = re.compile(alternation(words("owners", "column_heads")))
_ETC = words("owners", "etc_words")  # a cell 等 after a list of agencies


def agency_cell(text: str) -> bool:
    items = [x for x in re.split(r"[、,，;；\s]+", text.strip("。. ")) if x]
    if not items or re.search(r"\d", text) and not re.search(r"[(（]", text):
        return False
    good = sum(1 for x in items if is_agency(x) or x.startswith(_ETC))
    return good >= max(1, 0.8 * len(items))


def table_owner_clauses(doc: Document, cells: list[Cell] | None = None) -> list[_Clause]:
    cells = cell_stream(doc.text) if cells is None else cells
    out = _cell_table(doc, cells)
    out.extend(_space_table(doc))
    return out


def _cell_table(doc: Document, cells: list[Cell]) -> list[_Clause]:
    """A table read cell by cell (a pipe table, one cell a line): the first header with an owner column."""
    header = _cell_header(cells)
    if header is None:
        return []
    owner_heads, end = header
    out: list[_Clause] = []
    task: tuple[str, str] | None = None
    k = 0
    expect_title = False
    prev_agency = False  # the cell before was an owner cell
    prev_line = -1
    for c in cells[end + 1:]:
        was_agency, prev_agency = prev_agency, False
        # a row's number stands in its first cell: a small number further on is a score or a count (分值 5)
        first_in_row, prev_line = c.kind == "line" or c.line != prev_line, c.line
        number = _row_number(c.text) if first_in_row else ""
        if number:
            task, k, expect_title = (number, ""), 0, True
        elif task is None:
            continue
        elif c.is_blank:
            k = 0
        elif expect_title:
            task, expect_title = (task[0], re.split(r"[。,，;；]", c.raw)[0].strip()), False
        elif agency_cell(c.text) or _cut_agencies(doc, c):
            agencies = _split_at_spaces(doc.display, split_agencies(doc.display, c.start, c.end))
            if not agency_cell(c.text):
                agencies = agencies[:-1]  # the last name is cut off by the end of the page (市经)
            if was_agency and c.kind == "line" and out and agencies:
                # one cell a line: a cell's second line (成果处 / 规划处) continues its list
                out[-1].roles[-1][1].extend(agencies)
                out[-1].end = c.end
            elif agencies:
                out.append(_Clause(c.start, c.start, c.end, [(owner_heads[min(k, len(owner_heads) - 1)], agencies)], task))
                k += 1
            prev_agency = True
    return out


def _row_number(text: str) -> str:
    """The task number a row opens with: 7, or a section's 三、 (三); "" for none."""
    if _ROW_NO.match(text):
        return text
    return text[:-1] if _SECTION_NO.fullmatch(text) else ""


def _split_at_spaces(display: str, agencies: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """县委宣传部 县教育局: a cell whose lines were joined by spaces names one agency a piece."""
    out: list[tuple[str, int, int]] = []
    for name, a, b in agencies:
        pieces = [(m.group(0), a + m.start(), a + m.end()) for m in re.finditer(r"\S+", display[a:b])]
        out.extend(pieces if len(pieces) > 1 and all(is_agency(x) for x, _, _ in pieces) else [(name, a, b)])
    return out


def _cut_agencies(doc: Document, c: Cell) -> bool:
    """The document's last cell, cut off inside its last agency: the names before it are whole."""
    if c.end < len(doc.text.rstrip()):
        return False
    items = [x for x in re.split(r"[、,，;；\s]+", c.text.strip("。. ")) if x]
    return len(items) >= 2 and agency_cell("、".join(items[:-1])) and not is_agency(items[-1])


def _is_owner_head(cells: list[Cell], i: int) -> bool:
    # a heading broken over two cells (责任 / 单位) counts too
    joined = cells[i].text + cells[i + 1].text if i + 1 < len(cells) else ""
    return cells[i].kind in ("pipe", "line", "tab") and (cells[i].text in _OWNER_HEADS or joined in _OWNER_HEADS)


def _cell_header(cells: list[Cell]) -> tuple[list[str], int] | None:
    """The owner columns of the first header that has one, and the index of the header's last cell."""
    idx = next((i for i in range(len(cells)) if _is_owner_head(cells, i)), None)
    if idx is None:
        return None
    # the header runs back to 序号 and forward to the first row number
    start = idx
    while start > 0 and idx - start < 10 and not _ROW_NO.match(cells[start - 1].text) and len(cells[start - 1].text) <= 12:
        start -= 1
    end = idx
    while end + 1 < len(cells) and not _ROW_NO.match(cells[end + 1].text) and end - idx < 10:
        end += 1
    header = [c.text for c in cells[start:end + 1]]
    owner_heads = []
    k = 0
    while k < len(header):
        if header[k] in _OWNER_HEADS:
            owner_heads.append(header[k])
        elif k + 1 < len(header) and header[k] + header[k + 1] in _OWNER_HEADS:
            owner_heads.append(header[k] + header[k + 1])
            k += 1
        k += 1
    return (owner_heads, end) if owner_heads else None


def _space_table(doc: Document) -> list[_Clause]:
    """A header line of whitespace-separated headings and rows that start with their number."""
    display = doc.display
    if not _ANY_OWNER_HEAD.search(display):
        return []  # no heading of an owner column anywhere: no line is a header (the test of most documents)
    lines = display.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    out: list[_Clause] = []
    for li, line in enumerate(lines):
        if "|" in line:
            continue  # a pipe table is read cell by cell
        tokens = line.split()
        owner_heads = [t for t in tokens if t in _OWNER_HEADS]
        if len(tokens) < 3 or not owner_heads:
            continue
        for a, b in _numbered_rows(lines, li):
            toks = [(m.group(0), offsets[x] + m.start(), offsets[x] + m.end()) for x in range(a, b) for m in re.finditer(r"\S+", lines[x])]
            out.extend(_space_row(display, toks, owner_heads))
    return out


_NUMBERED_ROW = re.compile(r"^\s*\d{1,3}\s+\S")


def _numbered_rows(lines: list[str], li: int) -> list[tuple[int, int]]:
    """The rows under header line li, as (first line, line after it): a row starts with its number."""
    rows: list[tuple[int, int]] = []
    j = li + 1
    while j < len(lines):
        if _NUMBERED_ROW.match(lines[j]):
            end = j + 1
            while end < len(lines) and lines[end].strip() and not _NUMBERED_ROW.match(lines[end]):
                end += 1
            rows.append((j, end))
            j = end
        elif rows:
            break
        else:
            j += 1
            if j - li > 3:
                break
    return rows


def _space_row(display: str, toks: list[tuple[str, int, int]], owner_heads: list[str]) -> list[_Clause]:
    """One row's owner clauses: its number, its title, then owner cells, the last ones one a column."""
    number = toks[0][0]
    title = re.split(r"[。,，;；]", toks[1][0])[0] if len(toks) > 1 else ""
    owners = [t for t in toks[2:] if agency_cell(t[0]) and not _DEADLINE.search(t[0])]
    if not owners:
        return []
    h = len(owner_heads)
    groups: list[list[tuple[str, int, int]]] = []
    if len(owners) >= h:
        groups.append(owners[: len(owners) - h + 1])
        groups.extend([o] for o in owners[len(owners) - h + 1:])
    else:
        groups = [[o] for o in owners]
    out: list[_Clause] = []
    for gi, group in enumerate(groups):
        agencies = []
        for _, s, e in group:
            agencies.extend(split_agencies(display, s, e))
        if agencies:
            out.append(_Clause(group[0][1], group[0][1], group[-1][2], [(owner_heads[min(gi, h - 1)], agencies)], (number, title)))
    return out
