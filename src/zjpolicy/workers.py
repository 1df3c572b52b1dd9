"""Extracting the documents of a load: from files, or from the text a database keeps.

A piece of work is ("file", path): read, normalise and extract a file; or
("stored", doc_id): extract again, with this code, a document from the text the
load's database keeps (documents.original, as its reader wrote it, with its
path, encoding, SHA-256 and format), so a new extractor needs no source file.
Few pieces run in this process; many run in worker processes, one per core,
with a bounded number of chunks in flight so memory stays flat.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Generator
from pathlib import Path
from typing import Any, Literal

from zjpolicy.errors import ZjpolicyError
from zjpolicy.lockfile import HELD_LOCKS

Work = tuple[Literal["file", "stored"], str]
Outcome = tuple[str, Any]  # ("ok", rows for db.Writer.insert) or ("error", why)

# Fewer pieces than this run in this process: starting workers would cost more than it saves.
PARALLEL_MIN_FILES = 50
# Pieces a worker does per task.
CHUNK = 8


def extract_file(path: str) -> Outcome:
    """Read, normalise and extract one file.

    Runs in a worker process for large loads, so it takes and returns plain picklable values.
    """
    from zjpolicy.corpus import read_document
    from zjpolicy.db import fact_rows
    from zjpolicy.extract import extract_all

    p = Path(path)
    try:
        try:
            st: os.stat_result | None = os.stat(p)  # before reading: a file changed meanwhile looks changed next time
        except OSError:
            st = None
        doc = read_document(p)
    except ZjpolicyError as e:
        return "error", str(e)
    rows = fact_rows(extract_all(doc), size=st.st_size if st else None, mtime_ns=st.st_mtime_ns if st else None)
    return "ok", rows


_STORED = "select path, original, encoding, sha256, source_format, size, mtime_ns from documents where id = ?"


def extract_stored(conn: sqlite3.Connection, doc_id: str) -> Outcome:
    """Extract again a document from the text the database of conn keeps, keeping its file's details."""
    from zjpolicy.corpus import document_from_stored
    from zjpolicy.db import fact_rows
    from zjpolicy.extract import extract_all

    try:
        row = conn.execute(_STORED, (doc_id,)).fetchone()
    except sqlite3.Error as e:
        return "error", f"{doc_id}: cannot read its stored text ({e}); load its file again"
    if row is None or not row[1]:
        return "error", f"{doc_id}: the database keeps no text of it; load its file again"
    path, original, encoding, sha256, source_format, size, mtime_ns = row
    doc = document_from_stored(
        doc_id=doc_id, path=path or "", original=original, encoding=encoding or "utf-8", sha256=sha256 or "",
        source_format=source_format or "txt",
    )
    return "ok", fact_rows(extract_all(doc), size=size, mtime_ns=mtime_ns)


def _do_chunk(source: str | None, work: list[Work]) -> list[Outcome]:
    """The outcomes of a chunk of work; source is the database whose stored texts ("stored" work) are read."""
    conn: sqlite3.Connection | None = None
    out: list[Outcome] = []
    try:
        for kind, ref in work:
            if kind == "file":
                out.append(extract_file(ref))
                continue
            if conn is None:
                from zjpolicy.queries import ro_uri

                assert source is not None
                conn = sqlite3.connect(ro_uri(Path(source)), uri=True)
            out.append(extract_stored(conn, ref))
    finally:
        if conn is not None:
            conn.close()
    return out


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _detach_worker()


# The process that started the workers: a forked worker closes its copies of the locks and
# exits when that process dies, so a load killed with kill -9 neither leaves workers behind
# nor a lock that they would hold for ever.
_POOL_OWNER: int | None = None


def _detach_worker() -> None:
    import threading
    import time

    for fd in list(HELD_LOCKS):
        try:
            os.close(fd)  # closes this copy only; the lock stays with the loading process
        except OSError:
            pass
    HELD_LOCKS.clear()
    owner = _POOL_OWNER
    if owner is None:
        return

    def watch() -> None:
        while os.getppid() == owner:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="zjpolicy-parent-watch", daemon=True).start()


def load_workers() -> int:
    """Worker processes for a large load: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extracted(
    work: list[Work], *, source: Path | None = None, workers: int | None = None
) -> Generator[Outcome, None, None]:
    """The outcome of each piece of work, in order: in this process for a few, else in worker processes."""
    workers = load_workers() if workers is None else workers
    src = str(source) if source is not None else None
    if workers <= 1 or len(work) < PARALLEL_MIN_FILES:
        for i in range(0, len(work), CHUNK):
            yield from _do_chunk(src, work[i : i + CHUNK])
        return
    import itertools
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        _warm_up()
        context = multiprocessing.get_context("fork")
    chunks = (work[i : i + CHUNK] for i in range(0, len(work), CHUNK))
    global _POOL_OWNER
    _POOL_OWNER = os.getpid()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
    try:
        pending: deque[Future[list[Outcome]]] = deque(
            pool.submit(_do_chunk, src, c) for c in itertools.islice(chunks, workers * 3)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_do_chunk, src, following))
            if not pending:
                pool.shutdown(wait=True)  # all results are in: reap the workers now
            yield from done
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # stopped early (an error, Ctrl-C): do not wait


def _warm_up() -> None:
    """Forked workers share what this process has loaded: import and warm it once here."""
    from zjpolicy.corpus import read_document  # noqa: F401
    from zjpolicy.db import fact_rows  # noqa: F401
    from zjpolicy.extract import extract_all  # noqa: F401
    from zjpolicy.formats import text  # noqa: F401  (the reader of most files)
    from zjpolicy.measures import active_measures, reader
    from zjpolicy.normalise import to_simplified
    from zjpolicy.places import atlas
    from zjpolicy.rules import places, rules

    rules(), places(), to_simplified(""), reader(active_measures()), atlas()  # the measures and divisions too
