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
_MISSING = {"", "-", "—", "/", "–", "--", "——", *words("tables", "missing")}


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
    return Cell(re.sub(r"\s+", "", raw), a + lead, max(a + lead, b - trail), line, kind, raw.strip())


def cell_stream(text: str) -> list[Cell]:
    """Every line of the text as cells; blank lines give none."""
    cells: list[Cell] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if re.fullmatch(r"[|\s:：\-]+", stripped):
            # a row of empty cells, or a markdown rule |---|---|
            if "-" not in stripped:
                cells.extend(Cell("", start, start, lineno, "pipe") for _ in range(max(1, stripped.count("|") - 1)))
            continue
        if stripped.count("|") >= 2:
            bounds = [start - 1] + [start + i for i, ch in enumerate(line) if ch == "|"] + [end]
            pieces = list(itertools.pairwise(bounds))
            # a leading or trailing pipe opens or closes the row, it is no empty cell
            if not line[: bounds[1] - start].strip():
                pieces = pieces[1:]
            if pieces and not text[pieces[-1][0] + 1:pieces[-1][1]].strip():
                pieces = pieces[:-1]
            for a, b in pieces:
                cells.append(_cell(text, a + 1, b, lineno, "pipe"))
            continue
        if stripped.endswith("|") or stripped.startswith("|"):
            inner_a = start + line.index(stripped) + (1 if stripped.startswith("|") else 0)
            inner_b = start + line.index(stripped) + len(stripped) - (1 if stripped.endswith("|") else 0)
            cells.append(_cell(text, inner_a, inner_b, lineno, "pipe"))
            continue
        if "\t" in stripped:
            p = start
            for piece in line.split("\t"):
                if piece.strip():
                    cells.append(_cell(text, p, p + len(piece), lineno, "tab"))
                p += len(piece) + 1
            continue
        tokens = list(re.finditer(r"\S+", line))
        numeric = sum(1 for t in tokens if _NUMERIC.match(t.group(0)) or _COUNT.match(t.group(0)) or _PERCENT.match(t.group(0)))
        if len(tokens) >= 3 and numeric >= 2 and numeric >= len(tokens) // 2:
            for t in tokens:
                cells.append(_cell(text, start + t.start(), start + t.end(), lineno, "space"))
            continue
        cells.append(_cell(text, start, end, lineno, "line"))
    return _split_space_headers(text, cells)


def _split_space_headers(text: str, cells: list[Cell]) -> list[Cell]:
    """The header line of a space-separated table (区县 企业数 平台数) into its cells."""
    out: list[Cell] = []
    for i, c in enumerate(cells):
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if c.kind == "line" and nxt is not None and nxt.kind == "space" and nxt.line == c.line + 1:
            raw = text[c.start:c.end]
            tokens = list(re.finditer(r"\S+", raw))
            if 2 <= len(tokens) <= 30:
                out.extend(_cell(text, c.start + t.start(), c.start + t.end(), c.line, "space") for t in tokens)
                continue
        out.append(c)
    return out
