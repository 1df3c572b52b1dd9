"""Tables as the documents carry them, read into one stream of cells.

A table may be flattened one cell a line (with blank lines between), a pipe
table (markdown or a web page's cells joined by |, one line or many), tab- or
space-separated rows. Every form becomes a list of cells with offsets, so
the district and task-table readers need one parser each, not one per form.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from zjpolicy.rules import alternation, words

_NUMERIC = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")
_COUNT = re.compile(rf"^(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.0+)?\s*(?P<unit>{alternation(words('tables', 'count_units'))})?$")
_PERCENT = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[%％]$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MISSING = {"", "-", "—", "/", "–", "--", "——", *words("tables", "missing")}
_RULE_ROW = re.compile(r"[|\s:：\-]+")  # a row of empty cells, or a markdown rule |---|---|
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Cell:
    text: str  # the cell with spaces removed
    start: int
    end: int
    line: int
    kind: str  # "pipe", "line", "tab", "space"
    raw: str = ""

    @property
    def is_blank(self) -> bool:
        return self.text in _MISSING

    @property
    def count(self) -> int | None:
        m = _COUNT.match(self.text)
        return int(m.group("n").replace(",", "")) if m else None

    @property
    def is_number(self) -> bool:
        return bool(_COUNT.match(self.text) or _NUMERIC.match(self.text) or _PERCENT.match(self.text))

    @property
    def is_percent(self) -> bool:
        return bool(_PERCENT.match(self.text)) or ("." in self.text and bool(_NUMERIC.match(self.text)) and self.text.startswith("-"))


def _cell(text: str, a: int, b: int, line: int, kind: str) -> Cell:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    # str.split's whitespace is the engine's \s: the cell without its spaces, as re.sub(r"\s+", "", raw) has it
    return Cell("".join(raw.split()), a + lead, max(a + lead, b - trail), line, kind, raw.strip())


def cell_stream(text: str) -> list[Cell]:
    """Every line of the text as cells; blank lines give none."""
    lines = text.split("\n")
    layout = _pipe_layout(lines)
    cells: list[Cell] = []
    pos = 0
    for lineno, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or lineno in layout.openers:
            continue
        row = layout.row_of.get(lineno, lineno)
        if _RULE_ROW.fullmatch(stripped) and lineno not in layout.unframed:
            if "-" not in stripped:
                cells.extend(Cell("", start, start, row, "pipe") for _ in range(max(1, stripped.count("|") - 1)))
            continue
        if "|" in stripped and (stripped.count("|") >= 2 or lineno in layout.unframed):
            cells.extend(_pipe_cells(text, line, start, end, row, keep_edges=lineno in layout.unframed))
            continue
        if stripped.endswith("|") or stripped.startswith("|"):
            inner_a = start + line.index(stripped) + (1 if stripped.startswith("|") else 0)
            inner_b = start + line.index(stripped) + len(stripped) - (1 if stripped.endswith("|") else 0)
            cells.append(_cell(text, inner_a, inner_b, row, "pipe"))
            continue
        if "\t" in stripped:
            p = start
            for piece in line.split("\t"):
                if piece.strip():
                    cells.append(_cell(text, p, p + len(piece), lineno, "tab"))
                p += len(piece) + 1
            continue
        tokens = _tokens(line) if len(stripped.split(maxsplit=2)) == 3 else []  # a row of three cells or more
        numeric = sum(1 for a, b in tokens if _is_numeric(line[a:b]))
        if len(tokens) >= 3 and numeric >= 2 and numeric >= len(tokens) // 2:
            cells.extend(_cell(text, start + a, start + b, lineno, "space") for a, b in tokens)
            continue
        cells.append(_cell(text, start, end, lineno, "line"))
    return _split_space_headers(text, cells)


def _is_numeric(token: str) -> bool:
    return bool(_NUMERIC.match(token) or _COUNT.match(token) or _PERCENT.match(token))


def _tokens(line: str) -> list[tuple[int, int]]:
    """Spans of a space-separated line's cells; single characters set apart by one space
    (地 区, 职 务: a heading spaced out to fill its cell) are one cell."""
    spans = [t.span() for t in _WORD.finditer(line)]
    if all(b - a > 1 for a, b in spans):
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        prev = out[-1] if out else None
        single = b - a == 1 and _HAN.fullmatch(line[a:b]) is not None
        if prev and single and a - prev[1] == 1 and _spaced_out(line, prev):
            out[-1] = (prev[0], b)
        else:
            out.append((a, b))
    return out


def _spaced_out(line: str, span: tuple[int, int]) -> bool:
    """A cell of single Han characters, each set apart by one space (地 区 so far)."""
    return all(_HAN.fullmatch(ch) for ch in line[span[0]:span[1]].split(" "))


@dataclass
class _PipeLayout:
    openers: set[int]  # a lone | that opens a row written one cell a line (| / 地区 | / 4222 |)
    row_of: dict[int, int]  # the lines of such a row: the line of its opener
    unframed: set[int]  # lines of a block written without frame (cells joined by |, as a CSV): edges are cells


def _pipe_layout(lines: list[str]) -> _PipeLayout:
    layout = _PipeLayout(set(), {}, set())
    if not any("|" in line for line in lines):
        return layout
    block: list[int] = []
    row: int | None = None
    for i, line in enumerate([*lines, ""]):
        stripped = line.strip()
        if "|" not in stripped:
            _mark_unframed(lines, block, layout)
            block, row = [], None
            continue
        block.append(i)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if stripped == "|" and nxt.endswith("|") and nxt != "|" and nxt.count("|") <= 3:
            layout.openers.add(i)
            row = i
        elif row is not None:
            layout.row_of[i] = row
    return layout


def _mark_unframed(lines: list[str], block: list[int], layout: _PipeLayout) -> None:
    """A block of two or more rows most of which neither open nor close with a pipe: a CSV's rows."""
    rows = [i for i in block if i not in layout.openers and i not in layout.row_of]
    if len(rows) < 2:
        return
    framed = sum(1 for i in rows if lines[i].strip().startswith("|") or lines[i].strip().endswith("|"))
    if framed * 2 < len(rows):
        layout.unframed.update(rows)


def _pipe_cells(text: str, line: str, start: int, end: int, row: int, *, keep_edges: bool) -> list[Cell]:
    bounds = [start - 1] + [start + i for i, ch in enumerate(line) if ch == "|"] + [end]
    pieces = list(itertools.pairwise(bounds))
    if not keep_edges:
        # a leading or trailing pipe opens or closes the row, it is no empty cell
        if not line[: bounds[1] - start].strip():
            pieces = pieces[1:]
        if pieces and not text[pieces[-1][0] + 1:pieces[-1][1]].strip():
            pieces = pieces[:-1]
    return [_cell(text, a + 1, b, row, "pipe") for a, b in pieces]


def _split_space_headers(text: str, cells: list[Cell]) -> list[Cell]:
    """The header lines of a space-separated table (区县 企业数 平台数, and up to two header rows
    above that one: 地 区 2021年 职 务 … over 2月 大专院校 …) into their cells."""
    marked: set[int] = set()
    for i, c in enumerate(cells):
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if c.kind != "line" or nxt is None or nxt.kind != "space" or nxt.line != c.line + 1:
            continue
        if not 2 <= len(_tokens(text[c.start:c.end])) <= 30:
            continue
        marked.add(i)
        k = i - 1
        while k >= 0 and i - k <= 2 and cells[k].kind == "line" and cells[k].line == cells[k + 1].line - 1:
            if not _header_line(text[cells[k].start:cells[k].end]):
                break
            marked.add(k)
            k -= 1
    out: list[Cell] = []
    for i, c in enumerate(cells):
        if i in marked:
            out.extend(_cell(text, c.start + a, c.start + b, c.line, "space") for a, b in _tokens(text[c.start:c.end]))
        else:
            out.append(c)
    return out


def _header_line(raw: str) -> bool:
    """A line of short headings set apart by spaces, no sentence."""
    tokens = _tokens(raw)
    return 2 <= len(tokens) <= 30 and not re.search(r"[。，,；;：:]", raw) and all(b - a <= 12 for a, b in tokens)
