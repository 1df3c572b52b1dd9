"""The database in Datasette with `zjpolicy datasette-metadata`: labels, facets, full-text search."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run

DISTRICT_REPLY = "000_3669a09881a7b6b9"
HANGZHOU_PLAN = "003_319bd9830f448044"


def _metadata(db: Path) -> dict[str, Any]:
    result = run(db, "datasette-metadata")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_metadata_describes_tables_columns_labels_facets_and_fts(seeds_db: Path) -> None:
    meta = _metadata(seeds_db)
    assert meta["title"] and meta["description"] and meta["source"]
    tables = meta["databases"][seeds_db.stem]["tables"]
    assert {"documents", "targets", "owners", "district_tables", "district_cells", "notes"} <= set(tables)
    assert tables["documents"]["label_column"] == "title"
    assert tables["documents"]["fts_table"] == "documents_fts" and tables["targets"]["fts_table"] == "targets_fts"
    assert tables["targets"]["facets"] == ["year", "unit", "region"]
    assert all(t["description"] and t["columns"] for t in tables.values())
    assert "亿" in tables["targets"]["columns"]["value_base"] and "characters" in tables["targets"]["columns"]["start"]
    named = run(seeds_db, "datasette-metadata", "--name", "hz")
    assert list(json.loads(named.stdout)["databases"]) == ["hz"]


def test_datasette_serves_targets_with_document_labels_facets_and_search(seeds_db: Path) -> None:
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    meta = _metadata(seeds_db)
    name = seeds_db.stem

    async def scenario() -> dict[str, Any]:
        ds = Datasette(immutables=[str(seeds_db)], metadata=meta)
        await ds.invoke_startup()
        got: dict[str, Any] = {}
        for key, path in {
            "targets": f"/{name}/targets.json?_shape=array&_size=max&year=2024",
            "labelled": f"/{name}/targets.json?_shape=array&_labels=on&_size=5",
            "facets": f"/{name}/targets.json?_size=0",
            "search": f"/{name}/documents.json?_shape=array&_search=滨江区&_col=id",
            "search_targets": f"/{name}/targets.json?_shape=array&_search=发明专利&_size=max",
            "html": f"/{name}/targets",
            "documents_html": f"/{name}/documents",
            "meta": "/-/metadata.json",
        }.items():
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            got[key] = response.text if key.endswith("html") else response.json()
        return got

    got = asyncio.run(scenario())
    targets = got["targets"]
    assert len(targets) == 47 and {t["year"] for t in targets} == {2024}
    rnd = next(t for t in targets if t["indicator"] == "全社会研究与试验发展经费支出")
    assert (rnd["value"], rnd["unit"], rnd["value_base"]) == (800, "亿元", 80000000000)
    doc = got["labelled"][0]["doc_id"]
    assert isinstance(doc, dict) and doc["label"] and doc["value"]  # the document's title labels its id
    facets = got["facets"]["facet_results"]
    facets = facets.get("results", facets)  # the shape differs between Datasette versions
    assert {"year", "unit", "region"} <= set(facets)
    assert [d["id"] for d in got["search"]] == [DISTRICT_REPLY]
    assert got["search_targets"] and all("发明专利" in t["indicator"] + t["quote"] for t in got["search_targets"])
    assert "全社会研究与试验发展经费支出" in got["html"]
    assert "杭州市落实省“315”科技创新体系建设工程2024年工作计划" in got["documents_html"]
    assert got["meta"]["title"] == meta["title"]


def test_the_database_and_its_description_are_what_schema_declares(seeds_db: Path) -> None:
    """schema.py is the one declaration: the tables, their keys, indexes and FTS, and the Datasette text."""
    import sqlite3

    from zjpolicy import schema

    sql_type = {str: "TEXT", int: "INTEGER", float: "REAL"}
    described = _metadata(seeds_db)["databases"][seeds_db.stem]["tables"]
    conn = sqlite3.connect(f"file:{seeds_db}?mode=ro", uri=True)
    try:
        for t in schema.TABLES.values():
            info = conn.execute("select name, type, pk from pragma_table_info(?)", (t.name,)).fetchall()
            assert [(name, kind) for name, kind, _ in info] == [(c.name, sql_type[c.type]) for c in t.columns]
            assert tuple(name for name, _, pk in sorted(info, key=lambda r: r[2]) if pk) == t.key
            indexed = {tuple(r[0] for r in conn.execute("select name from pragma_index_info(?)", (i,)))
                       for (i,) in conn.execute("select name from pragma_index_list(?)", (t.name,))}
            assert set(t.indexes) <= indexed
            fts = [r[0] for r in conn.execute("select name from pragma_table_info(?)", (f"{t.name}_fts",))]
            assert fts == list(t.fts)
            assert described[t.name]["description"] == t.description
            assert described[t.name]["columns"] == {c.name: c.description for c in t.columns}
    finally:
        conn.close()
