"""Consistency findings on loaded documents, for `zjpolicy check`.

- a district table whose rows do not add up to its 合计 (error);
- a district table whose headings could not be lined up with its columns, so that it gave no rows (error);
- totals stated in the text that differ from the table's 合计 row (error);
- a target due before the document's date (warning);
- a numbered task with no owner, in a document that names owners (warning).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass


@dataclass
class Finding:
    doc: str
    level: str  # "error", "warning" or "ok"
    check: str
    message: str
    start: int | None = None


def run_checks(conn: sqlite3.Connection, doc: str | None = None) -> list[Finding]:
    docs = [r[0] for r in conn.execute("select id from documents" + (" where id = ?" if doc else "") + " order by id", (doc,) if doc else ())]
    if doc and not docs:
        from zjpolicy.queries import no_document

        raise no_document(doc)
    findings: list[Finding] = []
    for d in docs:
        findings += _district_sums(conn, d)
        findings += _unaligned_tables(conn, d)
        findings += _stated_totals(conn, d)
        findings += _targets_before_date(conn, d)
        findings += _tasks_without_owner(conn, d)
    return findings


def _tables(conn: sqlite3.Connection, doc: str) -> list[tuple[int, list[str], dict[str, dict[str, int]], dict[str, int], int | None]]:
    out = []
    for table_no, cols in conn.execute("select table_no, count_columns from district_tables where doc_id = ? order by table_no", (doc,)):
        rows: dict[str, dict[str, int]] = {}
        total: dict[str, int] = {}
        total_pos = None
        for district, inst, count, is_total, start in conn.execute(
            "select district, institution, count, is_total, start from district_cells where doc_id = ? and table_no = ? order by seq",
            (doc, table_no),
        ):
            if is_total:
                total[inst] = count
                total_pos = start if total_pos is None else total_pos
            else:
                rows.setdefault(district, {})[inst] = count
        out.append((table_no, json.loads(cols), rows, total, total_pos))
    return out


def _district_sums(conn: sqlite3.Connection, doc: str) -> list[Finding]:
    found = []
    for table_no, cols, rows, total, pos in _tables(conn, doc):
        if not total:
            found.append(Finding(doc, "warning", "district total", f"table {table_no}: no 合计 row to check the rows against"))
            continue
        bad = []
        for c in cols:
            if c not in total:
                continue
            s = sum(r.get(c, 0) for r in rows.values())
            if s != total[c]:
                bad.append(f"{c}: 合计 {total[c]}, rows add up to {s}")
        if bad:
            found.append(Finding(doc, "error", "district total", f"table {table_no}: " + "; ".join(bad), pos))
        else:
            found.append(Finding(doc, "ok", "district total", f"table {table_no}: {len(rows)} rows add up to the 合计 in {len(total)} columns", pos))
    return found


def _unaligned_tables(conn: sqlite3.Connection, doc: str) -> list[Finding]:
    """Tables the loader took no rows from: their headings cannot be lined up one to one with the numbers."""
    return [
        Finding(doc, "error", "district header", text, start)
        for text, start in conn.execute("select text, start from notes where doc_id = ? and kind = 'districts' order by seq", (doc,))
    ]


_LIST = re.compile(r"(\d+)\s*(家|个|件|项|人|名)((?:\s*[、,，和及]\s*\d+\s*\2)+)")


def _stated_totals(conn: sqlite3.Connection, doc: str) -> list[Finding]:
    """Sentences that list the totals (…有1200家、860家和35家) against the 合计 row."""
    tables = [t for t in _tables(conn, doc) if t[3]]
    if not tables:
        return []
    text = conn.execute("select text from documents where id = ?", (doc,)).fetchone()[0]
    found = []
    for table_no, cols, _rows, total, _pos in tables:
        want = [total[c] for c in cols if c in total]
        if len(want) < 2:
            continue
        candidates = []
        for m in _LIST.finditer(text):
            nums = [int(x) for x in re.findall(r"\d+", m.group(0))]
            if len(nums) >= len(want):
                candidates.append((m.start(), nums))
        # 市研发中心300家、省研发中心120家: each column named with its number, in one sentence
        named = [c for c in cols if c in total]
        for sent in re.finditer(r"[^。;\n]+", text):
            seg = sent.group(0)
            if "|" in seg:
                continue
            nums, first = [], None
            for c in named:
                m2 = re.search(re.escape(c) + r"\s*(?:为|有|达|共)?\s*(\d+)\s*(?:家|个|件|项|人|名)", seg)
                if not m2:
                    break
                nums.append(int(m2.group(1)))
                first = m2.start() if first is None else first
            else:
                if len(nums) == len(want):
                    candidates.append((sent.start() + (first or 0), nums))
        if not candidates:
            continue
        agree = [c for c in candidates if c[1][: len(want)] == want]
        if agree:
            found.append(Finding(doc, "ok", "stated totals", f"table {table_no}: the text's totals {'/'.join(map(str, want))} agree with the 合计 row", agree[0][0]))
            continue
        # the nearest list before the table is the one that describes it
        start, nums = max((c for c in candidates if c[0] < (_pos or len(text))), default=candidates[0], key=lambda c: c[0])
        found.append(
            Finding(doc, "error", "stated totals",
                    f"table {table_no}: the text states {'/'.join(map(str, nums[:len(want)]))}, the 合计 row is {'/'.join(map(str, want))}", start)
        )
    return found


def _targets_before_date(conn: sqlite3.Connection, doc: str) -> list[Finding]:
    row = conn.execute("select date from documents where id = ?", (doc,)).fetchone()
    if not row or not row[0]:
        return []
    year = int(row[0][:4])
    return [
        Finding(doc, "warning", "target date", f"target due {y} is before the document's date {row[0]}: {ind} {v:g}{u}", s)
        for y, ind, v, u, s in conn.execute(
            "select year, indicator, value, unit, start from targets where doc_id = ? and year < ? order by start", (doc, year)
        )
    ]


def _tasks_without_owner(conn: sqlite3.Connection, doc: str) -> list[Finding]:
    owned = {r[0] for r in conn.execute("select distinct task from owners where doc_id = ?", (doc,))}
    if not owned:
        return []
    from zjpolicy.extract.structure import headings

    text = conn.execute("select text from documents where id = ?", (doc,)).fetchone()[0]
    heads = headings(text)
    levels = {h.level for h in heads if h.number in owned}
    found = []
    for h in heads:
        if h.level in levels and h.number not in owned:
            found.append(Finding(doc, "warning", "task owner", f"task {h.number} ({h.title[:20]}) names no owner", h.start))
    return found
