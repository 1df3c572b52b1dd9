"""Metadata for browsing a zjpolicy database in Datasette (`zjpolicy datasette-metadata`).

    zjpolicy --db hz.db datasette-metadata > metadata.json
    datasette hz.db --metadata metadata.json

Every fact table references documents(id) by a foreign key; documents' label
column is its title, so Datasette shows each fact's document by name. The
full-text tables (FTS5, trigram: any 3+ characters of Chinese) are named for
the documents and targets tables, so their pages have a search box.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from zjpolicy import schema

# Datasette's view of each table beside its description and columns (schema.py): the column
# that labels a row where another table points to it, and the facets offered.
PRESENTATION: dict[str, dict[str, Any]] = {
    "documents": {"label_column": "title", "facets": ["kind", "region", "year", "script"]},
    "targets": {"facets": ["year", "unit", "region"]},
    "owners": {"facets": ["role", "agency"]},
    "district_cells": {"facets": ["institution", "district"]},
}


def _tables() -> dict[str, dict[str, Any]]:
    """Each table's entry as declared, the facts first and the bookkeeping (meta) last."""
    tables: dict[str, dict[str, Any]] = {}
    for t in sorted(schema.TABLES.values(), key=lambda t: t.name == "meta"):
        entry: dict[str, Any] = {"description": t.description, **PRESENTATION.get(t.name, {})}
        if t.fts:
            entry |= {"fts_table": f"{t.name}_fts", "fts_pk": "rowid"}
        entry["columns"] = {c.name: c.description for c in t.columns}
        tables[t.name] = entry
    return tables


def metadata(conn: sqlite3.Connection, db_name: str) -> dict[str, Any]:
    """Datasette metadata for the database behind conn, served under db_name.

    Only tables and columns the database has are described; a full-text table
    is named only where it exists.
    """
    present = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    tables: dict[str, Any] = {}
    for name, spec in _tables().items():
        if name not in present:
            continue
        columns = {r[1] for r in conn.execute("select * from pragma_table_info(?)", (name,))}
        entry = {k: v for k, v in spec.items() if k != "columns"}
        entry["columns"] = {c: d for c, d in spec["columns"].items() if c in columns}
        if "facets" in entry:
            entry["facets"] = [c for c in entry["facets"] if c in columns]
        if "fts_table" in entry and entry["fts_table"] not in present:
            del entry["fts_table"], entry["fts_pk"]
        if "size" in columns and name == "documents":
            entry["units"] = {"size": "byte"}
        tables[name] = entry
    return {
        "title": "Zhejiang science-and-technology policy facts",
        "description": (
            "Targets, task owners and counts by district read from Zhejiang local-government "
            "science-and-technology policy documents by zjpolicy. Every fact keeps its document "
            "(doc_id) and the character offsets of the clause it was read from."
        ),
        "source": "Zhejiang provincial, city and district government policy documents",
        "about": "zjpolicy",
        "databases": {
            db_name: {
                "description": "One zjpolicy database: documents and the facts read from them.",
                "tables": tables,
            }
        },
    }
