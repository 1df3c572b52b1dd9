"""District table headers: header cells as the stream gives them, to one heading per column.

Broken headings are joined (省研发 / 中心), group headings give way to their leaves
(专利类型 over 发明 / 实用新型), and a leaf that repeats under two groups takes its
group as prefix (申请量发明, 授权量发明).
"""

from __future__ import annotations

import re
from collections import Counter

from zjpolicy.extract.district_places import is_place_header
from zjpolicy.extract.header_rows import is_group as _is_group
from zjpolicy.extract.header_rows import negates as _negates
from zjpolicy.extract.header_rows import solve_stacked, split_stacked
from zjpolicy.rules import alternation, words

_NOT_A_COLUMN = re.compile(f"{alternation(words('districts', 'number_headers'))}|\\d+")  # 序号 / 编号 / 3
_CONTINUATIONS = words("districts", "continuations")
_TOTAL_HEADING = re.compile(alternation(words("districts", "total_headings")))
_COUNTED_ENDS = words("districts", "counted_ends")
_BROKEN_PIECE = 3  # the most characters of a heading's piece on a line of its own (企业 of 高新技术 / 企业)
_GROUP = "\x00G"  # marks a fragment taken for a group heading that carries no group word


def solve_header(fragments: list[str], n: int, non_count: frozenset[int] = frozenset()) -> list[str] | None:
    """Header cells, as the stream gives them, to one heading per data column; None when
    they cannot be lined up one to one with the n columns.

    Rows of the header are split at the place-column cells and blank cells;
    broken fragments (省研发 / 中心) are joined while there are too many;
    groups (专利类型, 其中, 申请量) give way to their leaves; a leaf heading that
    repeats is prefixed with its top group (申请量发明); one cell a line that holds two
    header rows (2021年 … 排名 / 2月 大专院校 …) is split where they line up, and so is a
    run whose groups have a heading between them (专利类型 同比增长 申请人类型 / 当年累计 …),
    the data columns that hold no counts (non_count) being the evidence of where it stands."""
    rows: list[list[str]] = [[]]
    for f in fragments:
        if f == "" or is_place_header(f) or _NOT_A_COLUMN.fullmatch(f):
            if rows[-1]:
                rows.append([])
            continue
        rows[-1].append(f)
    rows = [r for r in rows if r]
    if not rows:
        return None
    grouped = _repeated_under_groups(rows[-1], n)
    if grouped:
        return grouped
    rows = [_join_broken(r, n) for r in rows]
    if len(rows) == 1 and (top_and_leaves := _top_row_of_groups(rows[0])) is not None:
        return solve_stacked(*top_and_leaves, n, non_count=non_count)
    if len(rows) == 1:
        marked = _mark_groups(rows[0], n)
        if _leaf_count(marked) > n and (split := split_stacked(rows[0], n)) is not None:
            return split
        rows[0] = _merge_shortest(marked, n)
    leaves_flat = [f for r in rows for f in r if not _is_group(f)]
    if len(leaves_flat) > n and len(rows) > 1:
        # the first header row holds groups that carry no group word (申请量 / 授权量)
        rows[0] = [f if _is_group(f) else _GROUP + f for f in rows[0]]
    expanded = _expand(rows)
    leaves = [leaf for leaf, _ in expanded]
    if len(leaves) != n:
        leaves_only = [f for r in rows for f in r if not _is_group(f) and not f.startswith(_GROUP)]
        joined = _join_broken(leaves_only, n)
        return joined if len(joined) == n else None
    counts = Counter(leaves)
    out = []
    for leaf, group in expanded:
        out.append(group + leaf if counts[leaf] > 1 and group else leaf)
    return out


def _top_row_of_groups(frags: list[str]) -> tuple[list[str], list[str]] | None:
    """专利类型 同比增长 申请人类型 当年累计 …: groups with a heading between them are a top row (the heading
    spans both rows) over the leaves after the last group; (top, leaves), or None for another run."""
    groups = [i for i, f in enumerate(frags) if _is_group(f)]
    if len(groups) < 2 or groups[-1] == len(frags) - 1:
        return None
    between = [f for f in frags[groups[0]:groups[-1]] if not _is_group(f)]
    return (frags[: groups[-1] + 1], frags[groups[-1] + 1:]) if between else None


def _mark_groups(frags: list[str], n: int) -> list[str]:
    """Group headings in a header read one cell a line, chosen by the count of columns:
    one extra fragment first is a caption over all columns (R&D项目); otherwise the run of
    fragments that other headings build on (职务 / 非职务 over 大专院校 … 职务总计)."""
    leaves = [i for i, f in enumerate(frags) if not _is_group(f)]
    extra = len(leaves) - n
    if extra <= 0:
        return frags
    out = list(frags)
    if extra == 1 and leaves[0] == 0 and len(frags) > 2:
        if _caption_over_all(frags):
            out[0] = _GROUP + out[0]
        return out  # else a group over some columns, the others spanning both rows: its leaves cannot be told

    def related(i: int) -> int:
        f = frags[i]
        score = 0
        for j, g in enumerate(frags):
            if j != i and len(f) >= 2 and f != g and (f in g or _negates(g, f) or _negates(f, g)):
                score += 1
        return score

    best, best_score = None, 0
    for k in range(len(leaves) - extra + 1):
        window = leaves[k:k + extra]
        if window[-1] - window[0] != extra - 1:
            continue
        score = sum(1 for i in window if related(i))
        if score == extra and score > best_score:
            best, best_score = window, score
    if best:
        for i in best:
            out[i] = _GROUP + out[i]
    return out


def _repeated_under_groups(frags: list[str], n: int) -> list[str] | None:
    """2022年 2023年 | 高企数 科小数 高企数 科小数: k groups over k repeats of one block of leaves."""
    k = len(frags) - n
    if k < 2 or n % k:
        return None
    size = n // k
    leaves = frags[k:]
    block = leaves[:size]
    if any(leaves[i * size:(i + 1) * size] != block for i in range(k)):
        return None
    return [frags[i // size] + leaf for i, leaf in enumerate(leaves)]


def _join_broken(frags: list[str], n: int) -> list[str]:
    out = list(frags)
    leaves = lambda xs: sum(1 for x in xs if not _is_group(x))
    changed = True
    while changed and leaves(out) > n:
        changed = False
        for k in range(1, len(out)):
            b, a = out[k], out[k - 1]
            if b in _CONTINUATIONS and not _is_group(a) and not a.endswith(b) and len(a) <= 6:
                out[k - 1: k + 1] = [a + b]
                changed = True
                break
    return out


def _leaf_count(frags: list[str]) -> int:
    return sum(1 for x in frags if not _is_group(x) and not x.startswith(_GROUP))


def _caption_over_all(frags: list[str]) -> bool:
    """R&D项目 over 项目数 / 参加项目人员 …: the first fragment shares a word with a heading after it,
    and no subtotal among them says where a group of some columns ends (研发机构 … 省级 / 市级 / 小计)."""
    first = frags[0]
    shared = any(first[i:i + 2] in f for f in frags[1:] for i in range(len(first) - 1))
    return shared and not any(_TOTAL_HEADING.search(f) for f in frags[1:])


def _merge_shortest(out: list[str], n: int) -> list[str]:
    """Still too many: the shortest fragment continues the one before it (高新技术 / 企业), where the one
    before is no name of a thing counted and the two make one. Not in a header with a subtotal (its
    columns have a structure that merging would hide), never a long fragment."""
    out = list(out)
    if any(_TOTAL_HEADING.search(f) for f in out):
        return out
    while _leaf_count(out) > n:
        cands = [k for k in range(1, len(out)) if not _is_group(out[k]) and not _is_group(out[k - 1])]
        cands = [k for k in cands if len(out[k]) <= _BROKEN_PIECE and not out[k - 1].endswith(_COUNTED_ENDS)
                 and (out[k - 1] + out[k]).endswith(_COUNTED_ENDS)]
        if not cands:
            break
        k = min(cands, key=lambda k: (len(out[k]), -k))
        out[k - 1: k + 1] = [out[k - 1] + out[k]]
    return out


def _expand(rows: list[list[str]]) -> list[tuple[str, str]]:
    """Groups take even shares of the next row's items; returns (leaf, top group)."""
    # work bottom-up: the last row is all leaves
    below: list[tuple[str, str]] = [(f, "") for f in rows[-1] if not _is_group(f)] if len(rows) > 1 else []
    for r in reversed(rows if len(rows) == 1 else rows[:-1]):
        groups = [f for f in r if _is_group(f) or f.startswith(_GROUP)]
        if not groups:
            below = [(f, "") for f in r] + below
            continue
        share = len(below) // len(groups) if groups and len(below) % len(groups) == 0 else None
        new: list[tuple[str, str]] = []
        k = 0
        trailing: list[tuple[str, str]] = []
        seen_group = False
        last_group = max(i for i, f in enumerate(r) if _is_group(f) or f.startswith(_GROUP))
        for idx, f in enumerate(r):
            if _is_group(f) or f.startswith(_GROUP):
                seen_group = True
                name = f.removeprefix(_GROUP)
                take = share if share is not None else 0
                part = below[k:k + take]
                k += take
                top = "" if _is_group(name) else name
                new.extend((leaf, top or g) for leaf, g in part)
            elif seen_group and idx > last_group and _TOTAL_HEADING.search(f) and all(
                _TOTAL_HEADING.search(x) for x in r[last_group + 1:idx]
            ):
                trailing.append((f, ""))  # a heading over two rows after the groups: the last column
            else:
                new.append((f, ""))
        new.extend(below[k:])
        new.extend(trailing)
        below = new
    return below
