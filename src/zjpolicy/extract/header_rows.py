"""Header rows that stand one over another, to one heading per data column, or none.

Two readings, one per form a table comes in:

- a grid (a CSV's rows, a pipe table whose merged cells are left blank): each header cell
  stands over its own data column, and a blank right of a cell that has leaves under it
  belongs to that cell (a group over several columns);
- stacked rows without positions (space-separated rows; one cell a line cut in two): each
  cell of the top row takes a run of the cells below it: none (it spans both rows), one (a
  continuation such as the month under a year or a unit in brackets, or a group of one), or
  several (a group). Of the readings whose column count is the data's, the one that fits
  best is taken; when two fit equally well and name the columns differently, none is.

A continuation is joined to the heading above it (2021年 / 2月 → 2021年2月); a group gives
way to its leaves (职务 over 大专院校 … 职务总计), and prefixes a leaf that repeats under
two groups (申请量发明). None means the headings cannot be lined up one to one with the
data columns: the caller takes no rows from that table and says why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from zjpolicy.normalise import fold_width
from zjpolicy.rules import alternation, words

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_TAIL = re.compile(r"(?<=[\u4e00-\u9fff)）])\s*[A-Za-z][A-Za-z0-9&'.,:;/()\s-]*$")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_MONTH = re.compile(r"(?:\d{1,2}\s*[-—–~]\s*)?\d{1,2}月")
_UNIT = re.compile(r"[(（][^()（）]{1,12}[)）]")
_GROUP_WORDS = frozenset(words("districts", "group_words"))
_GROUP_MARKS = words("districts", "group_marks")
_GROUP_MARKS_INSIDE = words("districts", "group_marks_inside")
_CONTINUATIONS = frozenset(words("districts", "continuations"))
_NEGATIONS = words("districts", "negations")
_TOTAL_HEADING = re.compile(alternation(words("districts", "total_headings")))
_IN_BRACKETS = re.compile(r"\([^()]*\)")
_NON_COUNT = words("districts", "non_count_marks")  # a heading of a share, growth or rank, not a count
MAX_TOP, MAX_BELOW = 24, 40  # larger stacked headers are not tried (the search grows with both)


def names_non_count(heading: str) -> bool:
    """A heading of a share, growth rate, rank or amount (同比增长, 排名, 万元), not of a count of things."""
    return any(m in heading for m in _NON_COUNT)


def is_translation(raw: str) -> bool:
    """An English-only header cell: the translation of the Chinese heading beside or above it."""
    return not _HAN.search(raw) and len(re.findall(r"[A-Za-z]", raw)) >= 2


def heading_text(raw: str) -> str:
    """A header cell as it names its column: spaces dropped, and an English translation after
    the Chinese dropped (研究与开发机构 R&D Institutions); an English-only cell gives ''."""
    if is_translation(raw):
        return ""
    m = _LATIN_TAIL.search(raw)
    if m and len(re.findall(r"[A-Za-z]", m.group(0))) >= 4:
        raw = raw[:m.start()]
    return re.sub(r"\s+", "", raw)


def is_group(name: str) -> bool:
    """A heading that only groups others: 其中, 专利类型, 申请人类型, 职务/非职务 (a unit in brackets,
    件/万人, is no such mark)."""
    name = _IN_BRACKETS.sub("", fold_width(name))
    return name in _GROUP_WORDS or name.endswith(_GROUP_MARKS) or any(m in name for m in _GROUP_MARKS_INSIDE)


def negates(a: str, b: str) -> bool:
    """非职务 negates 职务."""
    return any(a.startswith(w) and a[len(w):] == b for w in _NEGATIONS)


def continues(above: str, below: str) -> bool:
    """The cell below finishes the heading above it: a month under a year, a unit in brackets,
    the rest of a word broken over two rows (省研发 / 中心)."""
    if _MONTH.fullmatch(below):
        return _YEAR.fullmatch(above) is not None
    return _UNIT.fullmatch(below) is not None or (below in _CONTINUATIONS and not above.endswith(below))


def _is_month(text: str) -> bool:
    return _MONTH.fullmatch(text) is not None


def _is_unit(text: str) -> bool:
    return _UNIT.fullmatch(text) is not None


def name_columns(columns: list[tuple[str, str]]) -> list[str]:
    """(leaf, group) per column to headings: a leaf that repeats takes its group as prefix."""
    counts = Counter(leaf for leaf, _ in columns)
    return [group + leaf if counts[leaf] > 1 and group else leaf for leaf, group in columns]


# -- a grid ------------------------------------------------------------------------------------


def solve_grid(rows: list[list[str]], n: int) -> list[str] | None:
    """Header rows whose cells stand over the n data columns ('' for a blank cell)."""
    grid = []
    for row in rows:
        while row and not row[-1]:
            row = row[:-1]
        if len(row) > n:
            return None
        grid.append(row + [""] * (n - len(row)))
    columns: list[tuple[str, str]] = []
    for j in range(n):
        parts = [grid[r][j] or _span_owner(grid, r, j) for r in range(len(grid))]
        column = _fold([p for p in parts if p])
        if column is None:
            return None
        columns.append(column)
    return name_columns(columns)


def _span_owner(grid: list[list[str]], r: int, j: int) -> str:
    """The cell left of a blank that stands over several columns: it has leaves under it, and
    so has the blank's column."""
    if not any(grid[k][j] for k in range(r + 1, len(grid))):
        return ""
    k = j - 1
    while k >= 0 and not grid[r][k]:
        k -= 1
    if k < 0 or not any(grid[x][k] for x in range(r + 1, len(grid))):
        return ""
    return grid[r][k]


def _fold(parts: list[str]) -> tuple[str, str] | None:
    """A column's header cells, top to bottom, to (leaf, group): continuations are joined to the
    cell above, anything else above is a group (the topmost one is kept for a prefix)."""
    parts = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]  # a merged cell written twice
    if not parts:
        return None
    leaf, group = parts[-1], ""
    for above in reversed(parts[:-1]):
        if continues(above, leaf) and not group:
            leaf = above + leaf
        else:
            group = above
    return leaf, group


# -- stacked rows ----------------------------------------------------------------------------


_Column = tuple[str, str, str]  # leaf, group, base: what the column is, whatever unit is joined to it
_Reading = tuple[int, tuple[_Column, ...]]  # how late the cells that span both rows stand, the columns


@dataclass(frozen=True)
class _Best:
    score: int  # the evidence for the reading
    readings: tuple[_Reading, ...]  # the latest reading of each distinct alignment, up to two


def solve_stacked(
    top: list[str], below: list[str], n: int, *, strict: bool = False, non_count: frozenset[int] = frozenset()
) -> list[str] | None:
    """Two header rows without positions: the top row's cells take runs of the row below.

    Two readings that put different headings over a column leave the header unread; two that
    differ only in which heading a unit below is joined to take the later cells spanning both
    rows (a unit stands under the heading nearest it on the left).
    strict (a guess at where one cell a line turned to the second row): every top cell over
    one cell must be continued by it or be a group, and something must show the rows.
    non_count: the data columns whose numbers are no counts (21.2, -4.5): a reading that puts a
    heading of a share or growth (同比增长) over one of them has that evidence for it."""
    if not top or len(top) > MAX_TOP or len(below) > MAX_BELOW:
        return None
    repeated = _repeated_blocks(top, below, n)
    if repeated is not None:
        return repeated
    best = _search(tuple(top), tuple(below), n, strict, non_count)
    if best is None or len(best.readings) != 1 or (strict and best.score <= 0):
        return None
    return name_columns([(leaf, group) for leaf, group, _ in best.readings[0][1]])


def _repeated_blocks(top: list[str], below: list[str], n: int) -> list[str] | None:
    """2020年度 2021年度 / R&D强度 排名 R&D强度 排名: each top cell over one repeat of the same leaves."""
    size, rest = divmod(len(below), len(top))
    if len(top) < 2 or size < 2 or rest or len(below) != n:
        return None
    blocks = [below[i * size:(i + 1) * size] for i in range(len(top))]
    if any(b != blocks[0] for b in blocks):
        return None
    return [t + leaf for t, block in zip(top, blocks, strict=True) for leaf in block]


def _search(top: tuple[str, ...], below: tuple[str, ...], n: int, strict: bool, non_count: frozenset[int]) -> _Best | None:
    repeats = frozenset(b for b in below if below.count(b) > 1)

    def shown(columns: tuple[_Column, ...], at: int) -> int:
        """Headings of a share or growth that stand over numbers that are no counts."""
        return sum(1 for k, (leaf, _, _) in enumerate(columns) if at + k in non_count and names_non_count(leaf))

    @cache
    def go(i: int, j: int, cols: int) -> _Best | None:
        if i == len(top):
            return _Best(0, ((0, ()),)) if j == len(below) and cols == n else None
        found: list[_Best] = []
        for size in range(len(below) - j + 1):
            fit = _fit(top, i, below[j:j + size], strict, repeats)
            if fit is None:
                continue
            score, columns = fit
            score += shown(columns, cols)
            rest = go(i + 1, j + size, cols + len(columns))
            if rest is not None:
                late = i if not size else 0
                found.append(_Best(score + rest.score, tuple((late + k, columns + r) for k, r in rest.readings)))
        return _merge(found)

    return go(0, 0, 0)


def _merge(found: list[_Best]) -> _Best | None:
    """The best evidence; of its readings, the latest one of each alignment (two at most)."""
    if not found:
        return None
    score = max(b.score for b in found)
    by_alignment: dict[tuple[str, ...], _Reading] = {}
    for b in found:
        if b.score == score:
            for reading in b.readings:
                key = tuple(base for _, _, base in reading[1])
                if key not in by_alignment or reading[0] > by_alignment[key][0]:
                    by_alignment[key] = reading
    return _Best(score, tuple(by_alignment.values())[:2])


def _fit(top: tuple[str, ...], i: int, span: tuple[str, ...], strict: bool, repeats: frozenset[str]) -> tuple[int, tuple[_Column, ...]] | None:
    """How well top[i] over span fits (None: it cannot), and the columns it gives; a leaf that
    repeats below is told apart by its group (申请量发明, 授权量发明)."""
    t = top[i]
    if any(_owner_elsewhere(top, i, b) for b in span):
        return None
    groupish = is_group(t) or any(negates(o, t) or negates(t, o) for o in top) or any(t in b and b != t for b in span)
    if not span:
        # a group, or a merged cell written twice (成交额 成交额 over 同比增长率 排名), stands over cells below
        written_twice = (i > 0 and top[i - 1] == t) or (i + 1 < len(top) and top[i + 1] == t)
        return None if is_group(t) or written_twice else (0, ((t, "", t),))
    if len(span) == 1:
        b = span[0]
        if continues(t, b):
            return (2 if _is_month(b) or _is_unit(b) else 1), ((t + b, "", t),)
        if _is_month(b) or _is_unit(b) or (strict and not groupish):
            return None
        return (1 if groupish else 0), ((b, t, b + t if b in repeats else b),)
    if any(_is_month(b) or _is_unit(b) for b in span):
        return None
    subtotals = [k for k, b in enumerate(span) if _TOTAL_HEADING.search(b) and t in b]  # 职务总计 under 职务
    if (strict and not groupish) or any(k != len(span) - 1 for k in subtotals):
        return None  # a group's subtotal is its last column
    subtotal = 1 if subtotals else 0
    return (1 if groupish else 0) + subtotal, tuple((b, t, b + t if b in repeats else b) for b in span)


def _owner_elsewhere(top: tuple[str, ...], i: int, b: str) -> bool:
    """A cell below that holds another top cell's name (职务总计 under 职务) stands under that one."""
    return any(k != i and len(o) >= 2 and o in b and o != b and top[i] not in b for k, o in enumerate(top))


def split_stacked(fragments: list[str], n: int) -> list[str] | None:
    """One cell a line, two header rows read as one run: the one split into a top and a
    second row that lines up (strictly) with the n columns, if exactly one does."""
    found = {}
    for k in range(1, len(fragments)):
        got = solve_stacked(fragments[:k], fragments[k:], n, strict=True)
        if got is not None:
            found[tuple(got)] = k
    return list(next(iter(found))) if len(found) == 1 else None
