"""Loading: which files a load takes, reading them, and the default database."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION
from zjpolicy.errors import ZjpolicyError
from zjpolicy.fingerprint import extractor_fingerprint
from zjpolicy.paths import seeds_dir

if TYPE_CHECKING:
    from zjpolicy.db import Writer


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: "path: why"
    counts: dict[str, int] = field(default_factory=dict)


def supported_suffixes() -> set[str]:
    from zjpolicy.formats import SUPPORTED_SUFFIXES

    return set(SUPPORTED_SUFFIXES)


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files named, and files of a supported kind inside folders named; and what was skipped."""
    files: list[Path] = []
    skipped: list[str] = []
    suffixes = supported_suffixes()
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise ZjpolicyError(f"{p}: no such file or folder")
        if p.is_dir():
            found = _files_in_folder(p, suffixes, skipped)
            if not found:
                raise ZjpolicyError(f"{p}: no documents in this folder (looked for {', '.join(sorted(suffixes))})")
            files.extend(found)
        elif p.is_symlink() and not p.exists():
            raise ZjpolicyError(f"{p}: broken symlink")
        else:
            files.append(p)
    # a file named twice (a folder and a file in it) is one file, not two documents of one id
    unique: list[Path] = []
    taken: set[tuple[str, str]] = set()
    for f in files:
        key = (os.path.realpath(f), f.stem)
        if key not in taken:
            taken.add(key)
            unique.append(f)
    return unique, skipped


def _files_in_folder(folder: Path, suffixes: set[str], skipped: list[str]) -> list[Path]:
    """The files of a supported kind in folder and below, in name order; other files go to skipped."""
    found = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:
            skipped.append(f"{root}: folder visited already (symlink loop), skipped")
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(names):
            f = Path(root) / name
            if name.startswith("."):
                continue
            if f.suffix.lower() in suffixes:
                found.append(f)
            else:
                skipped.append(f"{f}: not a supported kind of file ({f.suffix or 'no suffix'}), skipped")
    return found


# Fewer files than this load in this process: starting workers would cost more than it saves.
PARALLEL_MIN_FILES = 50
# Files a worker reads and extracts per task.
CHUNK = 8


def load(
    db_path: Path,
    paths: list[Path],
    *,
    strict: bool = False,
    meta: dict[str, str] | None = None,
    on_document: Callable[[str], None] | None = None,
    on_files: Callable[[int], None] | None = None,
) -> LoadReport:
    """Make the database at db_path hold exactly these documents.

    When db_path is a database written by the same code (schema, shape and
    extractor fingerprint), a file it already holds (same id, and the same size
    and mtime or else the same sha256) keeps its facts, documents no longer given
    are deleted and only new or changed files are read and extracted; with
    nothing changed the database is not rewritten at all. Otherwise, or when most
    files changed, it is built afresh. Extraction runs in worker processes, one
    per core, when there are PARALLEL_MIN_FILES files or more to extract; this
    process inserts as results arrive. The result is written to a new file that
    replaces db_path only when complete: a failed load leaves db_path as it was.
    """
    db_path = Path(db_path)
    _check_target(db_path)
    meta = {**(meta or {}), **measures_meta()}  # also reads the measures now: a bad file fails before any write
    files, skipped = collect_files(paths)
    report = LoadReport(skipped=list(skipped))
    if on_files:
        on_files(len(files))
    with db_lock(db_path):
        _remove_stale_temp_files(db_path)
        plan = plan_load(db_path, files, meta=meta or {})
        if plan.unchanged:
            return _report_unchanged(plan, report, on_document)
        extracted = apply_plan(plan, report, strict=strict, meta=meta, on_document=on_document)
    report.counts["extracted"] = extracted
    report.counts["unchanged"] = len(report.loaded) - extracted
    return report


# ---------------------------------------------------------------- planning a load


@dataclass(frozen=True)
class Step:
    """What a load does with one file: read it, keep the stored document, or keep it under a new path."""

    path: Path
    action: Literal["read", "keep", "touch"]
    moved: tuple[str, int, int] | None = None  # touch: the file's (path, size, mtime_ns) now

    @property
    def doc_id(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class LoadPlan:
    """What a load will do to the database at db_path, decided before anything is written.

    Steps run in order; of files of one id, the first that reads wins. A plan
    with base=True starts from a copy of the database, which holds the ids in
    held; without, from an empty one. Ids in drop that no file of the load holds
    afterwards are deleted: today every held id (a load replaces the database's
    documents).
    """

    db_path: Path
    steps: list[Step]
    base: bool = False
    held: frozenset[str] = frozenset()
    drop: frozenset[str] = frozenset()
    meta_same: bool = False  # the database's meta is what this load would write

    @property
    def to_read(self) -> list[Path]:
        return [s.path for s in self.steps if s.action == "read"]

    @property
    def unchanged(self) -> bool:
        """Nothing to write: the database holds exactly these files, as they are, under the same meta."""
        return (
            self.base
            and self.meta_same
            and all(s.action == "keep" for s in self.steps)
            and {s.doc_id for s in self.steps} == self.held
        )


def plan_load(db_path: Path, files: list[Path], *, meta: dict[str, str]) -> LoadPlan:
    """Which files a load into db_path reads, keeps or touches, and whether it starts from the database.

    It starts from the database when that was written by the same code and at most
    max(PARALLEL_MIN_FILES, half the files) need reading; otherwise it reads every file afresh.
    """
    from zjpolicy.db import stored_files, version_meta

    stored = stored_files(db_path)
    fresh = LoadPlan(db_path, [Step(f, "read") for f in files])
    meta = {**meta, **measures_meta()}
    if stored is None or stored[0].get(MEASURES_KEY) != meta[MEASURES_KEY]:
        return fresh  # other measures: every document's facts carry them, so every file is read again
    old_meta, old = stored
    steps = [_step(f, old.get(f.stem)) for f in files]
    n_read = sum(1 for s in steps if s.action == "read")
    if n_read > max(PARALLEL_MIN_FILES, len(files) // 2):
        return fresh
    held = frozenset(old)
    meta_same = old_meta == {**version_meta(), **meta}
    return LoadPlan(db_path, steps, base=True, held=held, drop=held, meta_same=meta_same)


def _step(f: Path, stored: tuple[str, int | None, int | None, str] | None) -> Step:
    same = _unchanged(f, stored)
    if same is None:
        return Step(f, "read")
    if isinstance(same, tuple):
        return Step(f, "touch", moved=same)
    return Step(f, "keep")


# ---------------------------------------------------------------- applying a plan


def apply_plan(
    plan: LoadPlan,
    report: LoadReport,
    *,
    strict: bool,
    meta: dict[str, str] | None,
    on_document: Callable[[str], None] | None,
) -> int:
    """Write the database of the plan: read and extract its files, apply each step, commit.

    Fills report.loaded, report.skipped and report.counts; returns the number of documents extracted.
    """
    from zjpolicy.db import Writer

    writer = Writer(plan.db_path, base=plan.base)
    results = _extracted([str(f) for f in plan.to_read])
    try:
        extracted = _apply_steps(plan, writer, results, report, strict=strict, on_document=on_document)
        if not report.loaded:
            why = report.skipped[0] if report.skipped else "nothing to load"
            raise ZjpolicyError(f"no document could be loaded ({why})")
        gone = plan.drop - set(report.loaded)
        if gone:
            writer.delete(sorted(gone))
        report.counts = writer.commit(meta)
    except BaseException:
        writer.abort()
        raise
    finally:
        results.close()
    return extracted


def _apply_steps(
    plan: LoadPlan,
    writer: Writer,
    results: Iterator[tuple[str, Any]],
    report: LoadReport,
    *,
    strict: bool,
    on_document: Callable[[str], None] | None,
) -> int:
    """Each step in order, taking the next extraction result for each file read; returns the inserts."""
    seen: dict[str, Path] = {}
    extracted = 0
    for step in plan.steps:
        outcome = next(results) if step.action == "read" else None
        doc_id = step.doc_id
        if doc_id in seen:
            _skip(report, _same_id(step.path, seen[doc_id]), strict)
            continue
        if outcome is not None:
            status, value = outcome
            if status == "error":
                _skip(report, value, strict)
                continue
            if doc_id in plan.held:
                writer.delete([doc_id])
            writer.insert(value)
            extracted += 1
        elif step.moved is not None:
            writer.touch(doc_id, *step.moved)
        seen[doc_id] = step.path
        report.loaded.append(doc_id)
        if on_document:
            on_document(doc_id)
    return extracted


def _report_unchanged(
    plan: LoadPlan, report: LoadReport, on_document: Callable[[str], None] | None
) -> LoadReport:
    """The report of a load that found nothing to write: every document kept as it is."""
    from zjpolicy.db import read_counts

    kept = _dedupe([s.path for s in plan.steps], report)
    report.loaded = list(kept)
    for doc_id in kept:
        if on_document:
            on_document(doc_id)
    report.counts = {**read_counts(plan.db_path), "extracted": 0, "unchanged": len(kept)}
    return report


def _check_target(db_path: Path) -> None:
    """A load replaces db_path: not a folder, nor a file that is no zjpolicy database (a slip in --db)."""
    from zjpolicy.db import read_meta

    if db_path.is_dir():
        raise ZjpolicyError(f"{db_path}: is a folder; --db takes the database's file name")
    parent = db_path.resolve().parent
    if not parent.is_dir():
        raise ZjpolicyError(f"{db_path}: folder {parent} does not exist")
    try:
        size = db_path.stat().st_size
    except OSError:
        return  # not there yet (or unreadable: writing it reports why)
    if size and "schema_version" not in read_meta(db_path):
        raise ZjpolicyError(
            f"{db_path}: exists and is not a zjpolicy database; not replacing it (remove it, or choose another --db)"
        )


def _remove_stale_temp_files(db_path: Path) -> None:
    """Delete what loads into db_path killed midway (kill -9, power cut) left: their new database files.

    Called holding the lock, so no other load into db_path is writing one; a file newer
    than that moment is left alone all the same.
    """
    import re
    import time

    now = time.time()
    parent = db_path.resolve().parent
    pattern = re.compile(re.escape(f".{db_path.name}.") + r"[a-z0-9_]{8}\.tmp")  # tempfile.mkstemp's names
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name):
            try:
                if os.stat(parent / name).st_mtime < now:
                    os.unlink(parent / name)
            except OSError:
                pass


def _skip(report: LoadReport, why: str, strict: bool) -> None:
    if strict:
        raise ZjpolicyError(why)
    report.skipped.append(why)


def _same_id(f: Path, first: Path) -> str:
    return f"{f}: same document id '{f.stem}' as {first}"


def _dedupe(files: list[Path], report: LoadReport) -> list[str]:
    """The ids of files, the first file of an id winning (as a load does when all of them read)."""
    seen: dict[str, Path] = {}
    for f in files:
        if f.stem in seen:
            report.skipped.append(_same_id(f, seen[f.stem]))
        else:
            seen[f.stem] = f
    return list(seen)


def _unchanged(f: Path, stored: tuple[str, int | None, int | None, str] | None) -> str | tuple[str, int, int] | None:
    """'same' when the database holds this file as it is; (path, size, mtime_ns) when it holds
    the same bytes under another path or mtime; None when the file must be read."""
    if stored is None:
        return None
    path, size, mtime_ns, sha256 = stored
    if os.path.splitext(path)[1].lower() != f.suffix.lower():  # the suffix picks the reader
        return None
    try:
        st = os.stat(f)
    except OSError:
        return None  # reading it reports why
    if path == str(f) and size == st.st_size and mtime_ns == st.st_mtime_ns:
        return "same"
    if size != st.st_size:
        return None
    try:
        data = f.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        return None
    return str(f), st.st_size, st.st_mtime_ns


def extract_file(path: str) -> tuple[str, Any]:
    """Read, normalise and extract one file: ("ok", rows for db.Writer.insert) or ("error", why).

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


def _extract_chunk(paths: list[str]) -> list[tuple[str, Any]]:
    return [extract_file(p) for p in paths]


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _detach_worker()


# Lock files this process holds (db_lock) and the process that started the workers: a forked
# worker closes its copies of the locks and exits when that process dies, so a load killed
# with kill -9 neither leaves workers behind nor a lock that they would hold for ever.
_HELD_LOCKS: set[int] = set()
_POOL_OWNER: int | None = None


def _detach_worker() -> None:
    import threading
    import time

    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)  # closes this copy only; the lock stays with the loading process
        except OSError:
            pass
    _HELD_LOCKS.clear()
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


def _extracted(paths: list[str], workers: int | None = None) -> Generator[tuple[str, Any], None, None]:
    """extract_file of each path, in order: in this process for a few files, else in worker
    processes with a bounded number of chunks in flight, so memory stays flat however many files."""
    workers = load_workers() if workers is None else workers
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for p in paths:
            yield extract_file(p)
        return
    import itertools
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        # Forked workers share what this process has loaded: import and warm it once here.
        from zjpolicy.corpus import read_document  # noqa: F401
        from zjpolicy.db import fact_rows  # noqa: F401
        from zjpolicy.extract import extract_all  # noqa: F401
        from zjpolicy.formats import text  # noqa: F401  (the reader of most files)
        from zjpolicy.measures import active_measures, reader
        from zjpolicy.normalise import to_simplified
        from zjpolicy.places import atlas
        from zjpolicy.rules import places, rules

        rules(), places(), to_simplified(""), reader(active_measures()), atlas()  # the measures and divisions too
        context = multiprocessing.get_context("fork")
    chunks = (paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK))
    global _POOL_OWNER
    _POOL_OWNER = os.getpid()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
    try:
        pending: deque[Future[list[tuple[str, Any]]]] = deque(
            pool.submit(_extract_chunk, c) for c in itertools.islice(chunks, workers * 3)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_extract_chunk, following))
            if not pending:
                pool.shutdown(wait=True)  # all results are in: reap the workers now
            yield from done
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # stopped early (an error, Ctrl-C): do not wait


class db_lock:
    """Serialise loads into one database with a lock file beside it."""

    def __init__(self, db_path: Path, timeout: float = 60.0) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.timeout = timeout
        self.fd: int | None = None

    def __enter__(self) -> Self:
        import fcntl
        import time

        try:
            self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as e:
            raise ZjpolicyError(f"{self.path}: cannot create lock file ({e.strerror})") from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                _HELD_LOCKS.add(self.fd)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise ZjpolicyError(
                        f"another load into {self.path.with_suffix('')} has held the lock for {self.timeout:.0f} s; try again later"
                    ) from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        import fcntl

        if self.fd is not None:
            _HELD_LOCKS.discard(self.fd)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)


# ---------------------------------------------------------------- the measures in force

# The meta entry of the measure set a database's facts were classified with (built-in, the config
# folder's measures.toml, --measures FILE).
MEASURES_KEY = "measures_fingerprint"


def measures_meta() -> dict[str, str]:
    from zjpolicy.measures import measure_set_fingerprint

    return {MEASURES_KEY: measure_set_fingerprint()}


def _user_measures_bytes() -> bytes:
    """The config folder's measures.toml as it is (b"" without one): part of the default database's stamp."""
    from zjpolicy.measures import user_file

    try:
        return user_file().read_bytes()
    except OSError:
        return b""


# ---------------------------------------------------------------- default database


def seeds_fingerprint() -> str:
    """Changes when a seed, the extractor (its version, code or rule data), the schema or the user's own
    measures (the config folder's measures.toml) change."""
    h = hashlib.sha256(f"{EXTRACTOR_VERSION}|{SCHEMA_VERSION}|{extractor_fingerprint()}".encode())
    h.update(_user_measures_bytes())
    for f in sorted(seeds_dir().iterdir()):
        if f.is_file() and not f.name.startswith("."):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def default_db_path() -> Path:
    env = os.environ.get("ZJPOLICY_CACHE_DIR")
    if env:
        base = Path(env)
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("zjpolicy"))
    return base / "seeds.db"


def ensure_default_db(notify: Callable[[str], None]) -> Path:
    """The default database, built from the bundled seeds when missing or stale."""
    from zjpolicy.db import read_meta

    path = default_db_path()
    fp = seeds_fingerprint()
    if path.exists() and read_meta(path).get("seeds_fingerprint") == fp:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZjpolicyError(f"cannot create the cache folder {path.parent} ({e.strerror})") from None
    why = "stale" if path.exists() else "missing"
    notify(f"Building the default database from the bundled seeds ({why}): {path}")
    load(path, [seeds_dir()], strict=True, meta={"seeds_fingerprint": fp, "source": "seeds"})
    return path
