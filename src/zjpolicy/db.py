"""The database: its shape, declared once, and building it from documents.

A build writes a new database file beside the target and moves it into place
only when complete, so a failed or killed load leaves the previous database
as it was. sqlite_utils is imported here only: the query path does not need it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION, schema
from zjpolicy.errors import ZjpolicyError
from zjpolicy.fingerprint import extractor_fingerprint

# The shape as sqlite_utils takes it, from schema.py.
TABLES: dict[str, dict[str, Any]] = {
    t.name: {"columns": {c.name: c.type for c in t.columns}, "pk": t.pk}
    | ({"foreign_keys": list(t.foreign_keys)} if t.foreign_keys else {})
    for t in schema.TABLES.values()
}
FTS_CONFIG = {t.name: list(t.fts) for t in schema.TABLES.values() if t.fts}
INDEXES = [(t.name, list(cols)) for t in schema.TABLES.values() for cols in t.indexes]


# Modules sqlite_utils imports when present only to know their value types, which zjpolicy never
# hands it: importing pandas and numpy costs a load about 0.3 CPU-s on a machine that has them.
_UNUSED_BY_SQLITE_UTILS = ("pandas", "numpy")


def sqlite_utils_module() -> ModuleType:
    """sqlite_utils, imported without the modules of _UNUSED_BY_SQLITE_UTILS unless they are loaded already."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [m for m in _UNUSED_BY_SQLITE_UTILS if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # an import of it fails: sqlite_utils goes without
    try:
        import sqlite_utils
    finally:
        for m in hidden:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]
    return sqlite_utils


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


def shape_version() -> str:
    """Changes with schema.py's tables, keys, indexes or FTS: a load adds to a copy of a database of the same shape only."""
    return hashlib.sha256(schema.shape().encode()).hexdigest()[:16]


def version_meta() -> dict[str, str]:
    """The meta entries that say which code wrote a database, and with which measures (built-in, the
    config folder's measures.toml, --measures FILE): every document's facts carry them, so a database
    written with other measures is extracted again from the text it keeps."""
    from zjpolicy.measures import measure_set_fingerprint

    return {
        "schema_version": str(SCHEMA_VERSION),
        "extractor_version": EXTRACTOR_VERSION,
        "extractor_fingerprint": extractor_fingerprint(),
        "shape": shape_version(),
        "measures_fingerprint": measure_set_fingerprint(),
    }


_COLUMNS = {t.name: t.names for t in schema.TABLES.values()}
# Tables holding facts of a document, by doc_id.
_FACT_TABLES = [name for name, columns in _COLUMNS.items() if "doc_id" in columns]
_INSERT = {
    name: f"insert into [{name}] ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' * len(columns))})"
    for name, columns in _COLUMNS.items()
}
# The tables whose rows a load reports.
COUNTED = ("documents", "targets", "owners", "district_cells")
# Documents inserted between two updates of the full-text indexes during a new build.
FTS_BATCH = 256
# FTS5 'hashsize' (bytes of pending index data held in memory before writing a segment; default 1 MB).
FTS_HASHSIZE = 16 * 1024 * 1024


class Writer:
    """A new database file beside db_path, moved into place by commit(); abort() leaves db_path as it was.

    A fresh writer starts from an empty database of the current shape. With
    base=True it starts from a copy of db_path, to which a load applies only the
    differences (delete, touch, insert); the copy is made at the first change, so
    a load that changes nothing after all (every file it read a duplicate) copies
    nothing. Inserts take rows made by fact_rows, so extraction can run in other
    processes. In a fresh build the full-text triggers are dropped while
    inserting and the FTS tables are filled in batches (about twice as fast),
    then the triggers are put back.
    """

    def __init__(self, db_path: Path, *, base: bool = False) -> None:
        self.db_path = Path(db_path)
        parent = self.db_path.resolve().parent
        if not parent.is_dir():
            raise ZjpolicyError(f"{db_path}: folder {parent} does not exist")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{self.db_path.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
        self.tmp = Path(tmp_name)
        self.fresh = not base
        self.conn: sqlite3.Connection | None = None
        self.inserted = 0
        self.deleted = 0
        self._finished = False
        self._triggers: list[tuple[str, str]] = []
        self._fts_done = {t: 0 for t in FTS_CONFIG}
        if self.fresh:
            self._db()

    def _db(self) -> sqlite3.Connection:
        """The new database, opened (and for a writer from a copy, copied) on first use."""
        if self.conn is not None:
            return self.conn
        assert not self._finished, "the writer has been committed or aborted"
        try:
            if not self.fresh:
                import shutil

                shutil.copyfile(self.db_path, self.tmp)
            self.conn = conn = sqlite3.connect(self.tmp)
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-65536")
            if self.fresh:
                self._new_shape(conn)
        except BaseException:
            self.abort()
            raise
        return conn

    def _new_shape(self, conn: sqlite3.Connection) -> None:
        ensure_db_shape(sqlite_utils_module().Database(conn))
        self._triggers = conn.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall()
        for name, _ in self._triggers:
            conn.execute(f"drop trigger [{name}]")
        for table in FTS_CONFIG:
            try:  # a larger in-memory buffer: fewer, larger segments; the index builds about 40% faster
                conn.execute(f"insert into [{table}_fts] ([{table}_fts], rank) values ('hashsize', ?)", (FTS_HASHSIZE,))
            except sqlite3.Error:  # an SQLite without the option
                pass

    def delete(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        conn = self._db()
        keys = [(i,) for i in doc_ids]
        for table in _FACT_TABLES:
            conn.executemany(f"delete from [{table}] where doc_id = ?", keys)
        conn.executemany("delete from documents where id = ?", keys)
        self.deleted += len(keys)

    def copy(self, source: Path, doc_ids: list[str]) -> None:
        """Documents of the database at source (written by this same code) as they are, facts and all."""
        if not doc_ids:
            return
        conn = self._db()
        conn.commit()  # ATTACH and DETACH take no open transaction
        conn.execute("attach database ? as source", (str(source),))
        try:
            conn.execute("create temp table copied (id text primary key)")
            conn.executemany("insert into temp.copied values (?)", [(i,) for i in doc_ids])
            for table, columns in _COLUMNS.items():
                key = "id" if table == "documents" else "doc_id" if table in _FACT_TABLES else None
                if key is None:
                    continue
                names = ", ".join(f"[{c}]" for c in columns)
                conn.execute(
                    f"insert into main.[{table}] ({names}) select {names} from source.[{table}]"
                    f" where [{key}] in (select id from temp.copied)"
                )
            conn.execute("drop table temp.copied")
        finally:
            conn.commit()
            conn.execute("detach database source")
        if self.fresh:
            self._fill_fts()

    def touch(self, doc_id: str, path: str, size: int, mtime_ns: int) -> None:
        """A document whose bytes are unchanged but whose file moved or was touched."""
        self._db().execute("update documents set path = ?, size = ?, mtime_ns = ? where id = ?", (path, size, mtime_ns, doc_id))

    def insert(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        conn = self._db()
        for table, data in rows.items():
            if data:
                conn.executemany(_INSERT[table], data)
        self.inserted += 1
        if self.fresh and self.inserted % FTS_BATCH == 0:
            self._fill_fts()

    def _fill_fts(self) -> None:
        conn = self._db()
        for table, cols in FTS_CONFIG.items():
            top = conn.execute(f"select max(rowid) from [{table}]").fetchone()[0] or 0
            if top > self._fts_done[table]:
                names = ", ".join(f"[{c}]" for c in cols)
                conn.execute(
                    f"insert into [{table}_fts] (rowid, {names}) select rowid, {names} from [{table}] where rowid > ? and rowid <= ?",
                    (self._fts_done[table], top),
                )
                self._fts_done[table] = top

    def commit(self, meta: dict[str, str] | None = None) -> dict[str, int]:
        """Finish the database, move it into place, and return its counts.

        Its meta table becomes version_meta() and meta (the loader passes what the database held besides)."""
        conn = self._db()
        if self.fresh:
            self._fill_fts()
            for _, sql in self._triggers:
                conn.execute(sql)
        conn.execute("delete from meta")
        conn.executemany("insert into meta (key, value) values (?, ?)", {**version_meta(), **(meta or {})}.items())
        conn.commit()
        counts = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in COUNTED}
        if self.fresh or self.inserted + self.deleted > counts["documents"] // 10:
            conn.execute("PRAGMA analysis_limit=1000")  # sampled statistics: the same plans, 0.05 s not 0.4 s at 10,000 documents
            conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        self.conn = None
        self._finished = True
        _keep_mode(self.db_path, self.tmp)
        os.replace(self.tmp, self.db_path)
        return counts

    def abort(self) -> None:
        self._finished = True
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None
        self.tmp.unlink(missing_ok=True)


def fact_rows(facts: Any, *, size: int | None = None, mtime_ns: int | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one document's facts, table by table, as tuples in schema column order (picklable).

    Each column's value is the fact's attribute of the same name, unless given here:
    the few that are renamed or computed.
    """
    d = facts.doc
    rows = {
        "documents": [_row("documents", d, size=size, mtime_ns=mtime_ns, chars=len(d.text))],
        "targets": [_row("targets", t, doc_id=d.id, seq=i, region=d.region) for i, t in enumerate(facts.targets, 1)],
        "achieved": [_row("achieved", a, doc_id=d.id, seq=i, region=d.region) for i, a in enumerate(facts.achieved, 1)],
        "owners": [
            _row("owners", o, doc_id=d.id, seq=i, task_order=_task_order(o.task)) for i, o in enumerate(facts.owners, 1)
        ],
        "district_tables": [
            _row("district_tables", t, doc_id=d.id, columns=json.dumps(t.columns, ensure_ascii=False),
                 count_columns=json.dumps(t.count_columns, ensure_ascii=False))
            for t in facts.tables if not t.problem
        ],
        "district_cells": [
            _row("district_cells", c, doc_id=d.id, seq=i, is_total=int(c.is_total))
            for t in facts.tables for i, c in enumerate(t.cells, 1)
        ],
        "notes": [_row("notes", None, doc_id=d.id, seq=i, kind=kind, text=text, start=start, end=end)
                  for i, (kind, text, start, end) in enumerate(_notes(facts), 1)],
    }
    return rows


def _notes(facts: Any) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end): notes about all the owners, and district tables that gave no rows and why."""
    owners = [("owners", n.text, n.start, n.end) for n in facts.owner_notes]
    tables = [("districts", f"table {t.table_no} ({t.title}): {t.problem}", t.start, t.end) for t in facts.tables if t.problem]
    return owners + tables


def _row(table: str, fact: Any, **given: Any) -> tuple[Any, ...]:
    return tuple(given[c] if c in given else getattr(fact, c) for c in _COLUMNS[table])


def _task_order(task: str) -> int:
    """Sort key for task numbers written as 12, 三, ③."""
    if task.isdigit():
        return int(task)
    from zjpolicy.extract.numbers import parse_chinese_numeral

    value = parse_chinese_numeral(task)
    if value is not None:
        return value
    if len(task) == 1 and "①" <= task <= "⑳":
        return ord(task) - ord("①") + 1
    return 0


def _keep_mode(db_path: Path, tmp: Path) -> None:
    """mkstemp makes files 0600: the new database gets the old one's mode, or the umask's default."""
    try:
        mode = os.stat(db_path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def _ro_uri(db_path: Path) -> str:
    from zjpolicy.queries import ro_uri

    return ro_uri(db_path)


def read_meta(db_path: Path) -> dict[str, str]:
    """The meta table of an existing database, or {} when it has none."""
    try:
        conn = sqlite3.connect(_ro_uri(db_path), uri=True)
    except sqlite3.Error:
        return {}
    try:
        return dict(conn.execute("select key, value from meta").fetchall())
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


class StoredDocument(NamedTuple):
    """What a load needs to know of a document a database holds."""

    path: str
    size: int | None
    mtime_ns: int | None
    sha256: str
    doc_number: str
    title: str
    chars: int | None


@dataclass(frozen=True)
class StoredDatabase:
    """A zjpolicy database as a load finds it: its meta, its documents, and whether this code wrote it.

    current: the same schema, shape and extractor fingerprint (a load may keep its facts);
    otherwise its documents are extracted again from the text it keeps.
    """

    meta: dict[str, str]
    documents: dict[str, StoredDocument]
    current: bool


def stored_database(db_path: Path) -> StoredDatabase | None:
    """The database at db_path as a load finds it; None when it is missing or holds no zjpolicy documents."""
    if not Path(db_path).is_file():
        return None
    try:
        conn = read_only(db_path)
    except sqlite3.Error:
        return None
    try:
        meta = dict(conn.execute("select key, value from meta").fetchall())
        have = {r[1] for r in conn.execute("pragma table_info(documents)")}
        wanted = [f"[{c}]" if c in have else "null" for c in ("id", *StoredDocument._fields)]
        rows = conn.execute(f"select {', '.join(wanted)} from documents").fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    documents = {
        r[0]: StoredDocument(r[1] or "", r[2], r[3], r[4] or "", r[5] or "", r[6] or "", r[7]) for r in rows
    }
    current = all(meta.get(k) == v for k, v in version_meta().items())
    return StoredDatabase(meta, documents, current)


class DocumentKeys(NamedTuple):
    """What tells one document from another: its bytes, its text, its 文号 and title."""

    doc_id: str
    sha256: str
    doc_number: str
    title: str
    chars: int | None
    text: str


def document_keys(rows: dict[str, list[tuple[Any, ...]]]) -> DocumentKeys:
    """The keys of the document whose rows fact_rows made."""
    row = rows["documents"][0]
    return DocumentKeys(*(row[_DOCUMENT_INDEX[c]] for c in ("id", "sha256", "doc_number", "title", "chars", "text")))


def stored_text(conn: sqlite3.Connection, doc_id: str) -> str:
    """A document's normalised text (documents.text), or "" when the database has none."""
    row = conn.execute("select text from documents where id = ?", (doc_id,)).fetchone()
    return (row[0] if row else "") or ""


_DOCUMENT_INDEX = {c: i for i, c in enumerate(_COLUMNS["documents"])}


def read_only(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing database."""
    return sqlite3.connect(_ro_uri(db_path), uri=True)


def read_counts(db_path: Path) -> dict[str, int]:
    """Documents, targets, task owners and district cells in a database."""
    conn = read_only(db_path)
    try:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in COUNTED}
    finally:
        conn.close()
