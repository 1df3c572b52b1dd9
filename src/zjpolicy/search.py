"""`zjpolicy search`: text and target facts holding a string, in either script.

The stored text is simplified with full-width ASCII folded, so the query is
brought to the same form (OpenCC t2s) and 濱江區 finds 滨江区. Queries of three
characters or more use the FTS5 trigram tables; shorter ones, which a trigram
index cannot answer, use instr(). Every hit carries its document id, its
character offsets in the document's text and ±20 characters of context.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from zjpolicy.errors import ZjpolicyError
from zjpolicy.normalise import normalise_query

Row = dict[str, Any]
CONTEXT = 20


@dataclass
class SearchResult:
    query: str  # as searched: simplified, half-width
    rows: list[Row] = field(default_factory=list)
    total: int = 0  # hits before --limit


def _fts_phrase(q: str) -> str:
    """The query as one FTS5 phrase (a parameter value, never SQL)."""
    return '"' + q.replace('"', '""') + '"'


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("select 1 from sqlite_master where name = ?", (name,)).fetchone() is not None


def search(
    conn: sqlite3.Connection, text: str, *, limit: int = 50, doc: str | None = None, context: int = CONTEXT
) -> SearchResult:
    q = normalise_query(text)
    if not q:
        raise ZjpolicyError("search: give some text to look for")
    if limit < 0:
        raise ZjpolicyError(f"--limit {limit}: give 0 (no limit) or more")
    trigram = len(q) >= 3
    doc_sql, doc_params = (" and d.id = ?", [doc]) if doc else ("", [])
    if trigram and _has_table(conn, "documents_fts"):
        docs = conn.execute(
            "select d.id, d.text from documents d where d.rowid in"
            " (select rowid from documents_fts where documents_fts match ?)" + doc_sql + " order by d.id",
            [_fts_phrase(q), *doc_params],
        ).fetchall()
    else:
        docs = conn.execute(
            "select d.id, d.text from documents d where (instr(lower(d.text), lower(?)) > 0"
            " or instr(lower(d.title), lower(?)) > 0)" + doc_sql + " order by d.id",
            [q, q, *doc_params],
        ).fetchall()
    tdoc_sql = " and t.doc_id = ?" if doc else ""
    columns = (
        "select t.doc_id, t.start, t.end, t.year, t.indicator, t.value, t.unit, t.comparator, t.quote from targets t"
    )
    if trigram and _has_table(conn, "targets_fts"):
        targets = conn.execute(
            columns + " where t.rowid in (select rowid from targets_fts where targets_fts match ?)" + tdoc_sql
            + " order by t.doc_id, t.start, t.seq",
            [_fts_phrase(q), *doc_params],
        ).fetchall()
    else:
        targets = conn.execute(
            columns + " where (instr(lower(t.indicator), lower(?)) > 0 or instr(lower(t.quote), lower(?)) > 0)"
            + tdoc_sql + " order by t.doc_id, t.start, t.seq",
            [q, q, *doc_params],
        ).fetchall()
    by_doc: dict[str, list[Any]] = {}
    for t in targets:
        by_doc.setdefault(t[0], []).append(t)
    texts = {d: t for d, t in docs}
    for d in by_doc:  # a target's document holds the text too
        if d not in texts:
            found = conn.execute("select text from documents where id = ?", (d,)).fetchone()
            texts[d] = found[0] if found else ""
    pattern = re.compile(re.escape(q), re.IGNORECASE)
    rows: list[Row] = []
    for d in sorted(texts):
        body = texts[d] or ""
        hits = [(m.start(), m.end()) for m in pattern.finditer(body)]
        covered: set[tuple[int, int]] = set()
        for _doc, t_start, t_end, year, indicator, value, unit, comparator, quote in by_doc.get(d, []):
            inside = [h for h in hits if t_start <= h[0] and h[1] <= t_end]
            covered.update(inside)
            fact = {"year": year, "indicator": indicator, "value": value, "unit": unit, "comparator": comparator}
            for a, b in inside or [(t_start, t_end)]:
                rows.append(_hit(d, "target", body, a, b, context, fact))
        rows += [_hit(d, "text", body, a, b, context, {}) for a, b in hits if (a, b) not in covered]
    rows.sort(key=lambda r: (r["doc"], r["start"], r["kind"] != "target"))
    total = len(rows)
    return SearchResult(q, rows[:limit] if limit else rows, total)


def _hit(doc: str, kind: str, text: str, a: int, b: int, context: int, fact: Row) -> Row:
    lo, hi = max(0, a - context), min(len(text), b + context)
    snippet = text[lo:hi].replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return {
        "doc": doc, "kind": kind, "start": a, "end": b, "context": snippet,
        "year": fact.get("year"), "indicator": fact.get("indicator"), "value": fact.get("value"),
        "unit": fact.get("unit"), "comparator": fact.get("comparator"),
        "_mark": (a - lo, b - lo), "_mark_column": "context",
    }
