"""Read queries for the commands: plain sqlite3, parameters only, whitelisted sorts.

Kept apart from db.py so that a query never imports sqlite_utils or the extractors.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import Any

from zjpolicy import SCHEMA_VERSION
from zjpolicy.errors import ZjpolicyError
from zjpolicy.schema import TABLES

Row = dict[str, Any]


def _shown(column: str) -> str:
    """A fact's document is `doc` in every listing and export (`doc_id` in the database)."""
    return "doc" if column == "doc_id" else column


def _select(table: str, alias: str, *, omit: tuple[str, ...] = ()) -> str:
    """The select list of a table's columns in schema order, less `omit`, doc_id as doc."""
    return ", ".join(
        f"{alias}.[{c}]" + (f" as {_shown(c)}" if _shown(c) != c else "") for c in TABLES[table].names if c not in omit
    )


def _columns(table: str, *, omit: tuple[str, ...] = ()) -> list[str]:
    """The names the rows of _select(table, omit=omit) have, in order."""
    return [_shown(c) for c in TABLES[table].names if c not in omit]


# The columns `targets` and `owners` return (the listings choose among them), in schema order.
_TARGET_OMIT = ("seq",)
TARGET_COLUMNS = _columns("targets", omit=_TARGET_OMIT)
_OWNER_OMIT = ("seq", "task_order")
OWNER_COLUMNS = [*_columns("owners", omit=_OWNER_OMIT), "lead"]


@functools.cache
def sort_keys() -> dict[str, str]:
    """`districts --sort` keys and the institution kind each names (data/institutions.toml)."""
    import tomllib

    from zjpolicy.paths import data_dir

    with (data_dir() / "institutions.toml").open("rb") as f:
        return {str(k): str(v) for k, v in tomllib.load(f)["kinds"]}


def ro_uri(db_path: Path | str) -> str:
    """An SQLite URI that opens db_path read-only; ?, # and % in the path are escaped, not parsed.

    Only these three: SQLite takes every other character of the path as it is (urllib's
    quote would do too, at 2 ms of start-up)."""
    path = str(db_path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{path}?mode=ro"


# Tables every query may read: a database without one of them is not a whole zjpolicy database.
REQUIRED_TABLES = set(TABLES)


def connect(db_path: Path) -> sqlite3.Connection:
    if not Path(db_path).exists():
        raise ZjpolicyError(
            f"no database at {db_path}; build one with: zjpolicy --db {db_path} load FILES (先用 load 导入文件建库)"
        )
    try:
        conn = sqlite3.connect(ro_uri(db_path), uri=True)
        conn.row_factory = sqlite3.Row
        meta = dict(conn.execute("select key, value from meta").fetchall())
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError:
        raise ZjpolicyError(f"{db_path}: not a zjpolicy database") from None
    version = meta.get("schema_version")
    if version != str(SCHEMA_VERSION):
        raise ZjpolicyError(
            f"{db_path}: written by another version of zjpolicy (schema {version}, this is {SCHEMA_VERSION}); load the documents again"
        )
    missing = sorted(REQUIRED_TABLES - tables)
    if missing:
        raise ZjpolicyError(f"{db_path}: not a whole zjpolicy database (no table {', '.join(missing)}); load the documents again")
    return conn


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Row]:
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


# Up to this many documents are named one parameter each (SQLite's oldest limit is 999 parameters a
# statement); more go in one JSON parameter. A list the planner can count lets it choose the doc_id
# index where the documents are few; json_each's rows it cannot count.
LISTED_DOCUMENTS = 500


def _in_documents(column: str, docs: list[str]) -> tuple[str, list[str]]:
    """A filter to the documents `docs` (any number of them), with its parameters."""
    if len(docs) <= LISTED_DOCUMENTS:
        return f"{column} in ({', '.join('?' * len(docs))})", list(docs)
    import json

    return f"{column} in (select value from json_each(?))", [json.dumps(docs, ensure_ascii=False)]


class Where:
    """The conditions of a query and their parameters, added one filter at a time (never SQL from user text)."""

    def __init__(self, *clauses: str, params: tuple[Any, ...] = ()) -> None:
        self.clauses: list[str] = list(clauses)
        self.params: list[Any] = list(params)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def documents(self, column: str, docs: list[str]) -> None:
        clause, listed = _in_documents(column, docs)
        self.add(clause, *listed)

    def __str__(self) -> str:
        return " where " + " and ".join(self.clauses) if self.clauses else ""


def targets(
    conn: sqlite3.Connection,
    *,
    year: int | None = None,
    region: str | None = None,
    doc: str | None = None,
    grep: str | None = None,
    measure: str | None = None,
) -> list[Row]:
    """Targets by year, region (the place or a place inside it: regions.RegionIndex.select),
    document, text and measure id."""
    where = Where()
    if year is not None:
        where.add("t.year = ?", year)
    if region:
        docs = region_documents(conn, region)
        if not docs:
            return []
        where.documents("t.doc_id", docs)
    if measure:
        where.add("t.measure = ?", measure)
    if doc:
        require_document(conn, doc)
        where.add("t.doc_id = ?", doc)
    if grep:
        where.add("(instr(t.indicator, ?) > 0 or instr(t.quote, ?) > 0)", grep, grep)
    sql = (
        f"select {_select('targets', 't', omit=_TARGET_OMIT)} from targets t join documents d on d.id = t.doc_id"
        f"{where} order by t.year is null, t.year, t.doc_id, t.start, t.seq"
    )
    return _rows(conn, sql, where.params)


def document_places(conn: sqlite3.Connection) -> list[Row]:
    """Each document's id and the metadata its place is read from (regions.FIELDS)."""
    return _rows(conn, "select id, region, region_code, city, district, province from documents order by id")


def region_index(conn: sqlite3.Connection) -> Any:
    """The place of every loaded document (a regions.RegionIndex; the divisions are read now)."""
    from zjpolicy.regions import RegionIndex

    return RegionIndex(document_places(conn))


def region_documents(conn: sqlite3.Connection, region: str) -> list[str]:
    """The ids of the documents of REGION or of a place inside it (杭州市 = 杭州 = Hangzhou ⊃ 萧山区)."""
    return list(region_index(conn).select(region))


# A fact's document, for the views across documents: its date orders what was said later.
_DOC_DATE = "d.date as doc_date, d.year as doc_year"


def _measured(
    conn: sqlite3.Connection, table: str, *, measure: str | None, docs: list[str] | None, year: int | None
) -> list[Row]:
    alias = table[0]
    where = Where(f"{alias}.measure = ?", params=(measure,)) if measure else Where(f"{alias}.measure > ''")
    if docs is not None:
        where.documents(f"{alias}.doc_id", docs)
    if year is not None:
        where.add(f"{alias}.year = ?", year)
    sql = f"select {_select(table, alias)}, {_DOC_DATE} from {table} {alias} join documents d on d.id = {alias}.doc_id{where}"
    return _rows(conn, sql, where.params)


def measured_targets(
    conn: sqlite3.Connection, *, measure: str | None = None, docs: list[str] | None = None, year: int | None = None
) -> list[Row]:
    """Targets that have a measure (this one, or any), of these documents (None: all) and year."""
    return _measured(conn, "targets", measure=measure, docs=docs, year=year)


def achieved_figures(
    conn: sqlite3.Connection, *, measure: str | None = None, docs: list[str] | None = None, year: int | None = None
) -> list[Row]:
    """Achieved figures of this measure (or any), of these documents (None: all) and year."""
    return _measured(conn, "achieved", measure=measure, docs=docs, year=year)


def measure_counts(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """For each measure id in the database: its number of targets and of achieved figures."""
    counts: dict[str, dict[str, int]] = {}
    for table in ("targets", "achieved"):
        for measure, n in conn.execute(f"select measure, count(*) from {table} where measure > '' group by measure"):
            counts.setdefault(measure, {"targets": 0, "achieved": 0})[table] = n
    return counts


def target_years(conn: sqlite3.Connection) -> list[int]:
    return [y for (y,) in conn.execute("select distinct year from targets where year is not null order by year")]


def owners(conn: sqlite3.Connection, *, task: str | None = None, agency: str | None = None, doc: str | None = None) -> list[Row]:
    where = Where()
    if task:
        where.add("o.task = ?", task)
    if doc:
        require_document(conn, doc)
        where.add("o.doc_id = ?", doc)
    lead = (
        "(select l.agency from owners l where l.doc_id = o.doc_id and l.task = o.task"
        " and l.clause = o.clause and l.position = 1) as lead"
    )
    if agency:
        exact = conn.execute("select 1 from owners where agency = ? limit 1", (agency,)).fetchone()
        where.add("o.agency = ?" if exact else "instr(o.agency, ?) > 0", agency)
        order = " order by o.position != 1, o.doc_id, o.task_order, o.task, o.clause, o.position"
    else:
        order = " order by o.doc_id, o.task_order, o.task, o.clause, o.position"
    sql = (
        f"select {_select('owners', 'o', omit=_OWNER_OMIT)}, {lead} from owners o{where}{order}"
    )
    return _rows(conn, sql, where.params)


def owner_notes(conn: sqlite3.Connection, docs: list[str]) -> list[Row]:
    if not docs:
        return []
    marks = ",".join("?" * len(docs))
    return _rows(conn, f"select doc_id as doc, text from notes where kind = 'owners' and doc_id in ({marks}) order by doc_id, seq", docs)


# `docs`: each document's metadata, its counts of facts and its span of text (column: SQL).
_DOCUMENT_FIELDS = {
    **{c: f"d.{c}" for c in ("id", "title", "doc_number", "issuer", "date", "year", "region", "kind", "script")},
    "format": "d.source_format",
    "chars": "d.chars",
    **{t: f"(select count(*) from {t} {a} where {a}.doc_id = d.id)" for t, a in (("targets", "t"), ("owners", "o"),
                                                                                 ("district_cells", "c"))},
    "sha256": "d.sha256",
    "start": "0",
    "end": "d.chars",
}
DOCUMENT_COLUMNS = list(_DOCUMENT_FIELDS)


def documents(conn: sqlite3.Connection) -> list[Row]:
    fields = ", ".join(f"{sql} as [{name}]" for name, sql in _DOCUMENT_FIELDS.items())
    return _rows(conn, f"select {fields} from documents d order by d.id")


def no_document(doc_id: str) -> ZjpolicyError:
    """The one error of every command given an id the database does not hold (show, facts, --doc …)."""
    return ZjpolicyError(f"no document '{doc_id}' in the database; list the ids with: zjpolicy docs (文件编号见 zjpolicy docs)")


def require_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """A filter by document id names a document of the database, or it is an error (not 0 rows)."""
    if conn.execute("select 1 from documents where id = ?", (doc_id,)).fetchone() is None:
        raise no_document(doc_id)


def document(conn: sqlite3.Connection, doc_id: str) -> Row:
    rows = _rows(conn, "select * from documents where id = ?", (doc_id,))
    if not rows:
        raise no_document(doc_id)
    return rows[0]


class DistrictView:
    """One district table as `districts` shows it (a plain class: no dataclass on the query path)."""

    def __init__(self, doc: str, table_no: int, title: str, columns: list[str], tables: int = 1) -> None:
        self.doc = doc
        self.table_no = table_no
        self.title = title
        self.columns = columns
        self.tables = tables  # how many district tables there were to choose from
        self.rows: list[Row] = []
        self.stated_total: Row | None = None
        self.computed_total: Row | None = None
        self.warnings: list[str] = []
        self.subtotal = ""  # a column that is the sum of others (月累计 = 发明 + 实用新型 + 外观设计): no row total


def district_tables(conn: sqlite3.Connection, doc: str | None = None) -> list[Row]:
    sql = "select doc_id as doc, table_no, title, count_columns from district_tables"
    params: list[Any] = []
    if doc:
        require_document(conn, doc)
        sql += " where doc_id = ?"
        params.append(doc)
    return _rows(conn, sql + " order by doc_id, table_no", params)


# `districts --tables`: one row a district table (its document and number choose it with --doc, --table).
DISTRICT_TABLE_COLUMNS = ["doc", "table_no", "title", "districts", "columns"]


def district_table_list(conn: sqlite3.Connection, doc: str | None = None) -> list[Row]:
    """Every district table: its document, number, caption, count of districts (合计 aside) and columns."""
    import json

    out: list[Row] = []
    for t in district_tables(conn, doc):
        (districts,) = conn.execute(
            "select count(distinct district) from district_cells where doc_id = ? and table_no = ? and not is_total",
            (t["doc"], t["table_no"]),
        ).fetchone()
        out.append({"doc": t["doc"], "table_no": t["table_no"], "title": t["title"], "districts": districts,
                    "columns": "、".join(json.loads(t["count_columns"]))})
    return out


def districts(
    conn: sqlite3.Connection, *, sort: str | None = "rnd", ascending: bool = False, doc: str | None = None,
    table: int | None = None,
) -> DistrictView:
    """One district table, its rows sorted by `sort` (None: by rnd when the table counts 市研发中心, else by total, or
    by its first column when its columns overlap and its rows have no total)."""
    import json

    tables = district_tables(conn, doc)
    if table is not None:
        tables = [t for t in tables if t["table_no"] == table]
    if not tables:
        where = f" in {doc}" if doc else ""
        raise ZjpolicyError(f"no district table{where} in the database")
    wanted = set(sort_keys().values())
    chosen = next((t for t in tables if wanted & set(json.loads(t["count_columns"]))), tables[0])
    columns: list[str] = json.loads(chosen["count_columns"])
    view = DistrictView(chosen["doc"], chosen["table_no"], chosen["title"], columns, tables=len(tables))
    by_district, stated, spans = _district_rows(conn, chosen["doc"], chosen["table_no"])
    rows = list(by_district.values())
    view.subtotal = _subtotal(columns, rows)
    if sort is None:
        sort = "rnd" if sort_keys()["rnd"] in columns else "total" if not view.subtotal else columns[0]
    elif sort == "total" and view.subtotal:
        raise ZjpolicyError(f"--sort total: this table's columns overlap ({view.subtotal}), so its rows have no total; "
                            f"sort by a column ({', '.join(columns)}) (各列有重叠，无行合计，请按列排序)")
    for r in rows:
        r["total"] = None if view.subtotal else sum(int(r.get(c) or 0) for c in columns)
        r["is_total"] = 0
        r["doc"], (r["start"], r["end"]) = chosen["doc"], spans[r["district"]]
    if sort in sort_keys():
        key_col = sort_keys()[sort]
        if key_col not in columns:
            raise ZjpolicyError(f"--sort {sort}: this table has no column {key_col} (columns: {', '.join(columns)})")
        rows.sort(key=lambda r: (r.get(key_col) or 0, r["district"]), reverse=not ascending)
    elif sort == "total":
        rows.sort(key=lambda r: (r["total"], r["district"]), reverse=not ascending)
    elif sort == "name":
        rows.sort(key=lambda r: r["district"], reverse=not ascending)
    elif sort in columns:
        rows.sort(key=lambda r: (r.get(sort) or 0, r["district"]), reverse=not ascending)
    else:
        choices = ", ".join([*sort_keys(), "total", "name"])
        raise ZjpolicyError(f"--sort {sort}: choose one of {choices} or a column ({', '.join(columns)}) (请从中选一个)")
    view.rows = rows
    computed: Row = {"district": "合计(行之和)", "doc": chosen["doc"]}
    for c in columns:
        computed[c] = sum(int(r.get(c) or 0) for r in rows)
    computed["total"] = None if view.subtotal else sum(computed[c] for c in columns)
    computed["is_total"] = 1
    view.computed_total = computed
    if stated:
        span = spans[stated["district"]]
        stated = {"district": "合计", **{c: stated.get(c) for c in columns}}
        present = [c for c in columns if stated.get(c) is not None]
        stated["total"] = sum(int(stated[c]) for c in present) if len(present) == len(columns) and not view.subtotal else None
        stated["is_total"] = 1
        stated["doc"], (stated["start"], stated["end"]) = chosen["doc"], span
        view.stated_total = stated
        for c in present:
            if stated[c] != computed[c]:
                view.warnings.append(f"{c}: the document's 合计 is {stated[c]}, the rows add up to {computed[c]}")
    return view


def _district_rows(
    conn: sqlite3.Connection, doc: str, table_no: int
) -> tuple[dict[str, Row], Row | None, dict[str, tuple[int, int]]]:
    """A table's place rows by district, its 合计 row, and each district's span (its row's start, its last cell's end)."""
    by_district: dict[str, Row] = {}
    stated: Row | None = None
    spans: dict[str, tuple[int, int]] = {}
    cells = conn.execute(
        "select district, institution, count, is_total, coalesce(row_start, start), \"end\" from district_cells"
        " where doc_id = ? and table_no = ? order by seq",
        (doc, table_no),
    )
    for district, institution, count, total, row_start, end in cells:
        a, b = spans.get(district, (row_start, end))
        spans[district] = (min(a, row_start), max(b, end))
        if total:
            stated = stated or {"district": district}
            stated[institution] = count
            continue
        by_district.setdefault(district, {"district": district})[institution] = count
    return by_district, stated, spans


def _subtotal(columns: list[str], rows: list[Row]) -> str:
    """A column that, in every row, is the sum of a run of the other columns (总计 after 发明 实用新型 外观设计; 月累计
    before them): a row's total would count those things twice. Said as 'C = A + B', or "" when there is none."""
    full = [r for r in rows if all(r.get(c) is not None for c in columns)]
    if len(full) < 2:
        return ""
    for j, c in enumerate(columns):
        if not any(r[c] for r in full):
            continue
        for a in range(len(columns)):
            for b in range(a + 2, len(columns) + 1):
                if a <= j < b:
                    continue
                run = columns[a:b]
                if all(r[c] == sum(r[x] for x in run) for r in full):
                    return f"{c} = {' + '.join(run)}"
    return ""


# A target's comparator before its value in `facts` (≥ 70%): signs no spreadsheet takes for a formula.
_SIGNS = {"=": "", ">=": "≥ ", "<=": "≤ "}


def facts(conn: sqlite3.Connection, doc_id: str) -> list[Row]:
    """Every fact of one document in text order: kind, what, value, quote, and the span to mark."""
    document(conn, doc_id)  # a clear error for an unknown id
    out: list[Row] = []
    for r in _rows(conn, "select * from targets where doc_id = ?", (doc_id,)):
        out.append({
            "kind": "target", "what": f"{r['year'] or ''} {r['indicator']}".strip(),
            "value": f"{_SIGNS.get(r['comparator'], '')}{format_value(r['value'])}{r['unit']}", "start": r["start"], "end": r["end"],
            "quote": r["quote"], "_mark": (r["value_start"] - r["start"], r["value_end"] - r["start"]),
        })
    for r in _rows(conn, "select * from owners where doc_id = ?", (doc_id,)):
        out.append({
            "kind": "owner", "what": f"task {r['task']} clause {r['clause']} {r['role']}",
            "value": f"{r['position']}. {r['agency']}", "start": r["start"], "end": r["end"], "quote": r["quote"],
            "_mark": (r["agency_start"] - r["start"], r["agency_end"] - r["start"]),
        })
    for r in _rows(conn, "select * from district_cells where doc_id = ?", (doc_id,)):
        out.append({
            "kind": "district", "what": f"{r['district']} {r['institution']}", "value": str(r["count"]),
            "start": r["row_start"], "end": r["end"], "quote": r["quote"],
            "_mark": (r["start"] - r["row_start"], r["end"] - r["row_start"]),
        })
    out.sort(key=lambda x: (x["start"], x["kind"]))
    return out


# export's files: (table, the columns each begins with, columns left out); the table's other
# columns follow in schema order. `key` repeats the indicator, as targets.csv always has.
EXPORTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "targets": (
        "targets", ("doc", "year", "indicator", "value", "unit", "comparator", "key", "quote", "measure"),
        ("seq", "value_start", "value_end"),
    ),
    "achieved": (
        "achieved", ("doc", "year", "measure", "value", "unit", "estimate", "quote"),
        ("seq", "value_start", "value_end"),
    ),
    "owners": (
        "owners", ("doc", "task", "task_title", "clause", "role", "position", "agency"),
        ("seq", "task_order", "agency_start", "agency_end"),
    ),
    # is_total 1 marks a table's 合计 rows: a spreadsheet filters them out before it sums
    "districts": ("district_cells", ("doc", "district", "institution", "count", "is_total"), ("seq", "row_start", "quote")),
}


def export_columns(name: str) -> list[str]:
    """The columns of export's NAME.csv, in order."""
    table, lead, omit = EXPORTS[name]
    return [*lead, *(c for c in _columns(table, omit=omit) if c not in lead)]


def export_rows(conn: sqlite3.Connection) -> dict[str, list[Row]]:
    """Tidy rows for targets.csv, achieved.csv, owners.csv and districts.csv, in primary-key order.

    Values as stored, except for targets: numbers as written (no 1e+11) and no year as an empty cell."""
    out: dict[str, list[Row]] = {}
    for name, (table, _, _) in EXPORTS.items():
        columns = export_columns(name)
        order = ", ".join(TABLES[table].key)
        rows = _rows(conn, f"select *, doc_id as doc from [{table}] order by {order}")
        if table in ("targets", "achieved"):
            for r in rows:
                r.update(key=r["indicator"], year="" if r["year"] is None else r["year"],
                         value=format_value(r["value"]), value_base=format_value(r["value_base"]))
        out[name] = [{c: r[c] for c in columns} for r in rows]
    return out


def format_value(v: float) -> str:
    """A number as written: 2.5 -> '2.5', 120.0 -> '120' (no 1e+11)."""
    if v == int(v):
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")
