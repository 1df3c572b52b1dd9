"""The database: its shape, declared once, and building it from documents.

A build writes a new database file beside the target and moves it into place
only when complete, so a failed or killed load leaves the previous database
as it was. sqlite_utils is imported here only: the query path does not need it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION
from zjpolicy.errors import ZjpolicyError

TABLES: dict[str, dict[str, Any]] = {
    "meta": {"columns": {"key": str, "value": str}, "pk": "key"},
    "documents": {
        "columns": {
            "id": str, "title": str, "doc_number": str, "issuer": str, "date": str, "year": int,
            "period": str, "city": str, "district": str, "region": str, "kind": str, "script": str,
            "encoding": str, "source_format": str, "sha256": str, "path": str, "chars": int,
            "text": str, "original": str,
        },
        "pk": "id",
    },
    "targets": {
        "columns": {
            "doc_id": str, "seq": int, "year": int, "indicator": str, "value": float, "unit": str,
            "comparator": str, "value_base": float, "base_unit": str, "region": str, "start": int,
            "end": int, "value_start": int, "value_end": int, "quote": str,
        },
        "pk": ("doc_id", "seq"),
        "foreign_keys": [("doc_id", "documents", "id")],
    },
    "owners": {
        "columns": {
            "doc_id": str, "seq": int, "task": str, "task_order": int, "task_title": str, "clause": int,
            "role": str, "position": int, "agency": str, "start": int, "end": int,
            "agency_start": int, "agency_end": int, "quote": str,
        },
        "pk": ("doc_id", "seq"),
        "foreign_keys": [("doc_id", "documents", "id")],
    },
    "district_tables": {
        "columns": {"doc_id": str, "table_no": int, "title": str, "columns": str, "count_columns": str},
        "pk": ("doc_id", "table_no"),
        "foreign_keys": [("doc_id", "documents", "id")],
    },
    "district_cells": {
        "columns": {
            "doc_id": str, "table_no": int, "seq": int, "district": str, "institution": str,
            "count": int, "is_total": int, "start": int, "end": int, "row_start": int, "quote": str,
        },
        "pk": ("doc_id", "table_no", "seq"),
        "foreign_keys": [("doc_id", "documents", "id")],
    },
    "notes": {
        "columns": {"doc_id": str, "seq": int, "kind": str, "text": str, "start": int, "end": int},
        "pk": ("doc_id", "seq"),
        "foreign_keys": [("doc_id", "documents", "id")],
    },
}
FTS_CONFIG = {"documents": ["title", "text"], "targets": ["indicator", "quote"]}
INDEXES = [
    ("targets", ["year"]),
    ("targets", ["region"]),
    ("owners", ["agency"]),
    ("owners", ["task"]),
    ("district_cells", ["institution"]),
]


def ensure_db_shape(db: Any) -> None:
    """Create tables, indexes and FTS; running it twice changes nothing."""
    for name, spec in TABLES.items():
        db[name].create(
            spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"), if_not_exists=True
        )
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
    db.index_foreign_keys()
    for table, cols in FTS_CONFIG.items():
        if not db[table].detect_fts():
            db[table].enable_fts(cols, tokenize="trigram", create_triggers=True)


def build(
    db_path: Path,
    documents: Iterable[Any],
    *,
    meta: dict[str, str] | None = None,
    on_document: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a new database at db_path from Documents; atomic replace at the end."""
    import sqlite_utils

    from zjpolicy.extract import extract_all

    db_path = Path(db_path)
    parent = db_path.resolve().parent
    if not parent.is_dir():
        raise ZjpolicyError(f"{db_path}: folder {parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=parent)
    os.close(fd)
    tmp = Path(tmp_name)
    counts = {"documents": 0, "targets": 0, "owners": 0, "district_cells": 0}
    try:
        db = sqlite_utils.Database(tmp)
        db.conn.execute("PRAGMA journal_mode=OFF")
        db.conn.execute("PRAGMA synchronous=OFF")
        ensure_db_shape(db)
        with db.conn:
            for doc in documents:
                facts = extract_all(doc)
                _insert(db, facts)
                counts["documents"] += 1
                counts["targets"] += len(facts.targets)
                counts["owners"] += len(facts.owners)
                counts["district_cells"] += sum(len(t.cells) for t in facts.tables)
                if on_document:
                    on_document(doc.id)
            info = {
                "schema_version": str(SCHEMA_VERSION),
                "extractor_version": EXTRACTOR_VERSION,
                **(meta or {}),
            }
            db["meta"].upsert_all([{"key": k, "value": v} for k, v in info.items()], pk="key")
        db.conn.execute("PRAGMA journal_mode=DELETE")
        db.conn.execute("ANALYZE")
        db.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return counts


def _insert(db: Any, facts: Any) -> None:
    d = facts.doc
    db["documents"].insert(
        {
            "id": d.id, "title": d.title, "doc_number": d.doc_number, "issuer": d.issuer, "date": d.date,
            "year": d.year, "period": d.period, "city": d.city, "district": d.district, "region": d.region,
            "kind": d.kind, "script": d.script, "encoding": d.encoding, "source_format": d.source_format,
            "sha256": d.sha256, "path": d.path, "chars": len(d.text), "text": d.text, "original": d.original,
        },
        pk="id",
    )
    db["targets"].insert_all(
        (
            {
                "doc_id": d.id, "seq": i, "year": t.year, "indicator": t.indicator, "value": t.value,
                "unit": t.unit, "comparator": t.comparator, "value_base": t.value_base, "base_unit": t.base_unit,
                "region": d.region, "start": t.start, "end": t.end, "value_start": t.value_start,
                "value_end": t.value_end, "quote": t.quote,
            }
            for i, t in enumerate(facts.targets, 1)
        ),
        pk=("doc_id", "seq"),
    )
    db["owners"].insert_all(
        (
            {
                "doc_id": d.id, "seq": i, "task": o.task, "task_order": _task_order(o.task), "task_title": o.task_title,
                "clause": o.clause, "role": o.role, "position": o.position, "agency": o.agency,
                "start": o.start, "end": o.end, "agency_start": o.agency_start, "agency_end": o.agency_end,
                "quote": o.quote,
            }
            for i, o in enumerate(facts.owners, 1)
        ),
        pk=("doc_id", "seq"),
    )
    notes = [
        {"doc_id": d.id, "seq": i, "kind": "owners", "text": n.text, "start": n.start, "end": n.end}
        for i, n in enumerate(facts.owner_notes, 1)
    ]
    db["notes"].insert_all(notes, pk=("doc_id", "seq"))
    for t in facts.tables:
        db["district_tables"].insert(
            {
                "doc_id": d.id, "table_no": t.table_no, "title": t.title,
                "columns": json.dumps(t.columns, ensure_ascii=False),
                "count_columns": json.dumps(t.count_columns, ensure_ascii=False),
            },
            pk=("doc_id", "table_no"),
        )
        db["district_cells"].insert_all(
            (
                {
                    "doc_id": d.id, "table_no": t.table_no, "seq": i, "district": c.district,
                    "institution": c.institution, "count": c.count, "is_total": int(c.is_total),
                    "start": c.start, "end": c.end, "row_start": c.row_start, "quote": c.quote,
                }
                for i, c in enumerate(t.cells, 1)
            ),
            pk=("doc_id", "table_no", "seq"),
        )


_CN = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def _task_order(task: str) -> int:
    """Sort key for task numbers written as 12, 三, ③."""
    if task.isdigit():
        return int(task)
    if task and all(c in "一二三四五六七八九十" for c in task):
        from zjpolicy.extract.numbers import parse_chinese_numeral

        return parse_chinese_numeral(task) or 0
    if len(task) == 1 and "①" <= task <= "⑳":
        return ord(task) - ord("①") + 1
    return 0


def read_meta(db_path: Path) -> dict[str, str]:
    """The meta table of an existing database, or {} when it has none."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        return dict(conn.execute("select key, value from meta").fetchall())
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
