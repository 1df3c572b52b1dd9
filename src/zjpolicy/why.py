"""`facts --why`: every number with a unit in a document, and what the target steps made of it.

The document is read again from the text the database keeps, by the extractor installed now, and
each number's Decision (extract.targets.explain) becomes a row: a target, a figure reported as
achieved, or the named step that rejected it and its reason. A database written by an older
extractor may hold other facts than these rows explain; `zjpolicy load` brings it up to date.
"""

from __future__ import annotations

import sqlite3
from typing import Any

Row = dict[str, Any]
CONTEXT = 20  # characters either side of the number


def number_decisions(conn: sqlite3.Connection, doc_id: str) -> list[Row]:
    """One row per number with a unit, in text order: start, end, number, outcome, step, reason, what, context."""
    from zjpolicy import queries
    from zjpolicy.corpus import document_from_stored
    from zjpolicy.extract import explain_targets

    stored = queries.document(conn, doc_id)
    doc = document_from_stored(
        doc_id=doc_id, path=stored["path"] or "", original=stored["original"], encoding=stored["encoding"],
        sha256=stored["sha256"], source_format=stored["source_format"],
    )
    return [_row(doc.text, d) for d in explain_targets(doc)]


def _row(text: str, decision: Any) -> Row:
    if decision.accepted:
        outcome, what = "target", "; ".join(f"{t.year or ''} {t.indicator}".strip() for t in decision.targets)
    elif decision.figures:
        outcome, what = "achieved", "; ".join(f.indicator for f in decision.figures)
    else:
        outcome, what = "rejected", ""
    lo, hi = max(0, decision.start - CONTEXT), min(len(text), decision.end + CONTEXT)
    return {
        "start": decision.start, "end": decision.end, "number": decision.written, "outcome": outcome,
        "step": decision.step, "reason": decision.reason, "what": what,
        "context": text[lo:hi].replace("\n", " "), "_mark": (decision.start - lo, decision.end - lo),
        "_mark_column": "context",
    }
