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

OFFSET = "characters from the start of the document's normalised text (documents.text), counting from 0"

TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": (
            "The loaded documents, one row each: metadata found in the text, the normalised text "
            "(simplified script, full-width ASCII folded) that every fact's offsets point into, and the "
            "original text as read."
        ),
        "label_column": "title",
        "facets": ["kind", "region", "year", "script"],
        "fts_table": "documents_fts",
        "fts_pk": "rowid",
        "columns": {
            "id": "Document id: the file's stem",
            "title": "Title as found at the head of the text",
            "doc_number": "文号, the issuing number, e.g. 某科发〔2025〕3号",
            "issuer": "Issuing body",
            "date": "Date of issue (YYYY-MM-DD)",
            "year": "Year of issue",
            "period": "Period the document covers, e.g. 2021-2025",
            "city": "Prefecture-level city the document belongs to",
            "district": "District, county or county-level city the document belongs to",
            "region": "The district if any, else the city",
            "kind": "plan, reply, summary, task_list, opinion, statistics, news or other",
            "script": "simplified or traditional (of the original; text is always simplified)",
            "encoding": "Encoding of the file as read",
            "source_format": "File format: txt, html, docx, pdf …",
            "sha256": "SHA-256 of the file's bytes",
            "path": "Path of the file when loaded",
            "size": "Size of the file (bytes)",
            "mtime_ns": "Modification time of the file (nanoseconds since 1970)",
            "chars": "Length of text (characters)",
            "text": "Normalised text: the offsets of every fact point into it",
            "original": "The text as read, in its original script",
        },
    },
    "targets": {
        "description": (
            "Quantitative targets: what a document promises for a year, with its value, unit and "
            "comparator, and the clause it was read from."
        ),
        "facets": ["year", "unit", "region"],
        "fts_table": "targets_fts",
        "fts_pk": "rowid",
        "columns": {
            "doc_id": "The document (documents.id)",
            "seq": "Order of the target in its document",
            "year": "Year the target is due",
            "indicator": "What is counted or measured",
            "value": "The number as written, in unit (2.5 with unit % is 2.5%)",
            "unit": "Unit as written: %, 个百分点, 家 (enterprises/units), 项 (items), 亿元 (100 million yuan) …",
            "comparator": "= (reach), >= (at least) or <= (at most)",
            "value_base": "value with 万/亿/千 multiplied out, in base_unit (800 亿元 → 80000000000 元)",
            "base_unit": "Unit of value_base",
            "region": "Region of the document",
            "start": f"Start of the clause, in {OFFSET}",
            "end": f"End of the clause (exclusive), in {OFFSET}",
            "value_start": f"Start of the number in the text, in {OFFSET}",
            "value_end": f"End of the number and its unit (exclusive), in {OFFSET}",
            "quote": "The clause: text[start:end]",
        },
    },
    "owners": {
        "description": "Who is responsible for each numbered task: one row per agency named for a task.",
        "facets": ["role", "agency"],
        "columns": {
            "doc_id": "The document (documents.id)",
            "seq": "Order in the document",
            "task": "Task number as written (7, 三, ③)",
            "task_order": "Task number as a number, for sorting",
            "task_title": "Heading of the task",
            "clause": "The n-th owner parenthesis or cell of the task",
            "role": "Label of the owners: 责任单位 (responsible unit), 牵头单位 (lead unit), 配合单位 (cooperating unit) …",
            "position": "Place in the list of owners; 1 is the lead",
            "agency": "The agency",
            "start": f"Start of the clause, in {OFFSET}",
            "end": f"End of the clause (exclusive), in {OFFSET}",
            "agency_start": f"Start of the agency's name, in {OFFSET}",
            "agency_end": f"End of the agency's name (exclusive), in {OFFSET}",
            "quote": "The clause: text[start:end]",
        },
    },
    "district_tables": {
        "description": "Tables of counts by district found in the documents.",
        "columns": {
            "doc_id": "The document (documents.id)",
            "table_no": "Number of the table in its document (1, 2 …)",
            "title": "Caption of the table",
            "columns": "All column headings (JSON list)",
            "count_columns": "Headings of the columns that count things (JSON list)",
        },
    },
    "district_cells": {
        "description": "Counts by district: one row per district and kind of institution (tidy form of district_tables).",
        "facets": ["institution", "district"],
        "columns": {
            "doc_id": "The document (documents.id)",
            "table_no": "The table (district_tables.table_no)",
            "seq": "Order in the table",
            "district": "District, county or county-level city (or 合计 for the table's total)",
            "institution": "Kind counted: 市研发中心 (municipal R&D centre), 省研发中心 (provincial R&D centre) …",
            "count": "The count (number of institutions)",
            "is_total": "1 for the table's 合计 row",
            "start": f"Start of the number, in {OFFSET}",
            "end": f"End of the number (exclusive), in {OFFSET}",
            "row_start": f"Start of the table row, in {OFFSET}",
            "quote": "The table row",
        },
    },
    "notes": {
        "description": "Document-wide notes, e.g. 以下均需各区、县〔市〕落实 for the task owners.",
        "columns": {
            "doc_id": "The document (documents.id)",
            "seq": "Order in the document",
            "kind": "What the note is about (owners)",
            "text": "The note",
            "start": f"Start, in {OFFSET}",
            "end": f"End (exclusive), in {OFFSET}",
        },
    },
    "meta": {
        "description": "Which version of zjpolicy wrote the database.",
        "columns": {"key": "Name", "value": "Value"},
    },
}


def metadata(conn: sqlite3.Connection, db_name: str) -> dict[str, Any]:
    """Datasette metadata for the database behind conn, served under db_name.

    Only tables and columns the database has are described; a full-text table
    is named only where it exists.
    """
    present = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    tables: dict[str, Any] = {}
    for name, spec in TABLES.items():
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
