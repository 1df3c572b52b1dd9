"""The lower bounds of a load: the work no loader of the same output can skip, timed in CPU seconds.

    python bench/bounds.py CORPUS_DIR DATABASE      # prints one JSON object
    python bench/bounds.py --parts CORPUS_DIR       # only the load's own steps (tool_parts)

- read: reading every file's bytes and decoding them as UTF-8;
- opencc: converting every text to simplified script once (OpenCC t2s);
- regex: every regular-expression call the extractor makes while extracting the corpus (each
  pattern, method, text and bounds, recorded as it runs), replayed without the Python around
  them: the pattern matching its rules need, without the code that decides what matches mean;
- insert: writing the same rows (taken from DATABASE, which a load of CORPUS_DIR wrote) into an
  empty database of the same shape, then filling its full-text indexes in one statement each.

Each part runs in this one process, after a warm-up that imports what it needs, and is timed
with time.process_time (CPU, not wall: the machines are shared). bench/run.py compares a load's
CPU seconds (the loading process and its workers) with their sum.

Beside the bounds, the same documents go through the load's own steps in this process
(`tool_parts`: reading and normalising, extracting, making rows, writing them with db.Writer), so
the report can say which step holds the distance from the bounds, and what a load spends outside
its steps (start-up, worker processes, passing rows between processes).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def read_all(files: list[Path]) -> list[str]:
    return [f.read_bytes().decode("utf-8") for f in files]


def convert_all(texts: list[str]) -> int:
    import opencc

    converter = opencc.OpenCC("t2s")
    return sum(len(converter.convert(t)) for t in texts)


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Recorded:
    """A compiled pattern that notes every call of a matching method (the pattern, the method, its
    arguments) and then makes it; anything else goes to the pattern itself."""

    def __init__(self, pattern: re.Pattern[str], calls: list[tuple[Any, str, tuple[Any, ...], dict[str, Any]]]) -> None:
        self._pattern, self._calls = pattern, calls

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._pattern, name)
        if name not in _METHODS:
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self._calls.append((self._pattern, name, args, kwargs))
            return real(*args, **kwargs)

        return call


def record_regex_calls(files: list[Path]) -> list[tuple[Any, str, tuple[Any, ...], dict[str, Any]]]:
    """Extract every file with each compiled pattern noting its calls; the calls, in order."""
    calls: list[tuple[Any, str, tuple[Any, ...], dict[str, Any]]] = []
    real_compile = re._compile  # type: ignore[attr-defined]  # what re.compile and re.search call

    def compile_recorded(pattern: Any, flags: Any) -> Any:
        compiled = real_compile(pattern, flags)
        return _Recorded(compiled, calls) if isinstance(compiled.pattern, str) else compiled

    re._compile = compile_recorded  # type: ignore[attr-defined]
    try:
        from zjpolicy.corpus import read_document
        from zjpolicy.extract import extract_all

        for f in files:
            extract_all(read_document(f))
    finally:
        re._compile = real_compile  # type: ignore[attr-defined]
    return calls


def replay(calls: list[tuple[Any, str, tuple[Any, ...], dict[str, Any]]]) -> int:
    found = 0
    for pattern, method, args, kwargs in calls:
        result = getattr(pattern, method)(*args, **kwargs)
        if method == "finditer":
            found += sum(1 for _ in result)
    return found


def insert_all(database: Path) -> float:
    """CPU seconds to write the rows of database again into an empty copy of its shape, FTS filled once."""
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    tables = [r[0] for r in source.execute(
        "select name from sqlite_master where type = 'table' and name not like '%_fts%' and name not like 'sqlite_%'")]
    rows = {t: source.execute(f"select * from [{t}]").fetchall() for t in tables}
    fts = {r[0][: -len("_fts")]: r[1] for r in source.execute(
        "select name, sql from sqlite_master where type = 'table' and name like '%_fts'")}
    schema = [r[0] for r in source.execute(
        "select sql from sqlite_master where type = 'table' and sql is not null and name not like '%_fts%'"
        " and name not like 'sqlite_%'")]
    source.close()
    with tempfile.TemporaryDirectory() as tmp:
        target = sqlite3.connect(Path(tmp) / "bound.db")
        target.execute("PRAGMA journal_mode=OFF")
        target.execute("PRAGMA synchronous=OFF")
        for sql in schema:
            target.execute(sql)
        for sql in fts.values():
            target.execute(sql)

        def write() -> int:
            n = 0
            for t, data in rows.items():
                if data:
                    marks = ", ".join("?" * len(data[0]))
                    target.executemany(f"insert into [{t}] values ({marks})", data)
                    n += len(data)
            for t in fts:
                cols = [r[1] for r in target.execute(f"pragma table_info([{t}_fts])")]
                names = ", ".join(f"[{c}]" for c in cols)
                target.execute(f"insert into [{t}_fts] (rowid, {names}) select rowid, {names} from [{t}]")
            target.commit()
            return n

        seconds, _ = cpu(write)
        target.close()
    return seconds


def tool_parts(files: list[Path]) -> dict[str, float]:
    """CPU seconds of the load's own steps over files, in this one process (no workers)."""
    from zjpolicy.corpus import read_document
    from zjpolicy.db import Writer, fact_rows
    from zjpolicy.extract import extract_all

    parts = {"read and normalise": 0.0, "extract": 0.0, "rows": 0.0}
    rows = []
    for f in files:
        seconds, doc = cpu(functools.partial(read_document, f))
        parts["read and normalise"] += seconds
        seconds, facts = cpu(functools.partial(extract_all, doc))
        parts["extract"] += seconds
        seconds, made = cpu(functools.partial(fact_rows, facts))
        parts["rows"] += seconds
        rows.append(made)
    with tempfile.TemporaryDirectory() as tmp:
        writer = Writer(Path(tmp) / "parts.db")

        def write() -> None:
            for made in rows:
                writer.insert(made)
            writer.commit()

        parts["write"], _ = cpu(write)
    return parts


def parts_in_a_fresh_process(corpus: Path) -> dict[str, float]:
    """tool_parts in a process of its own: in this one the extractor's patterns were compiled to record
    their calls, which would slow its steps down."""
    done = subprocess.run([sys.executable, __file__, "--parts", str(corpus)], check=True, capture_output=True, text=True)
    parts: dict[str, float] = json.loads(done.stdout)
    return parts


def main(argv: list[str]) -> int:
    if argv[0] == "--parts":
        files = sorted(Path(argv[1]).glob("*.txt"))
        tool_parts(files[:5])  # warm-up: imports, the rules and places read once
        print(json.dumps(tool_parts(files)))
        return 0
    corpus, database = Path(argv[0]), Path(argv[1])
    files = sorted(corpus.glob("*.txt"))
    read_all(files[:5])  # warm-up: the page cache, the codecs
    convert_all(["預熱"])
    out: dict[str, float] = {}
    out["read"], texts = cpu(lambda: read_all(files))
    out["opencc"], _ = cpu(lambda: convert_all(texts))
    calls = record_regex_calls(files)
    out["regex"], _ = cpu(lambda: replay(calls))
    out["regex_calls"] = len(calls)
    out["insert"] = insert_all(database)
    out["documents"] = len(files)
    result: dict[str, Any] = {**out, "tool_parts": parts_in_a_fresh_process(corpus)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
