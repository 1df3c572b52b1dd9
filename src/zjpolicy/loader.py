"""Loading: which files a load takes, what it does with each document, and writing the result.

A load is planned (plan_load), then applied (apply_plan). By default it adds to
the database: a file whose id (its stem) the database holds updates that
document, any other is added, and the database's other documents stay. With
replace=True the database holds exactly the files given afterwards; remove()
drops documents by id. A file that is already in the database (or in this load)
under another id, by its SHA-256 or by its 文号 and title, is skipped with one
line. The database is written to a new file that replaces it only when complete,
under a lock: a failed or interrupted load leaves it as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from zjpolicy.errors import ZjpolicyError
from zjpolicy.lockfile import db_lock
from zjpolicy.workers import PARALLEL_MIN_FILES, Outcome, Work, extracted

if TYPE_CHECKING:
    from zjpolicy.db import DocumentKeys, StoredDocument, Writer

__all__ = [
    "PARALLEL_MIN_FILES", "Interrupted", "LoadPlan", "LoadReport", "Step", "apply_plan", "collect_files", "db_lock",
    "load", "plan_load", "remove", "run_plan",
]

Notify = Callable[[str], None]


class Interrupted(ZjpolicyError):
    """Ctrl-C during a load: the database is as it was. Shown as the message alone, exit 130."""

    exit_code = 130
    label = ""


@dataclass
class LoadReport:
    """What a load did: documents added, updated (new bytes under a held id), removed, and left as they were."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)  # extracted again from the text the database keeps
    loaded: list[str] = field(default_factory=list)  # ids of the files given that the database now holds
    skipped: list[str] = field(default_factory=list)  # one line each: "path: why"
    counts: dict[str, int] = field(default_factory=dict)  # rows in the database afterwards; "extracted"

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged"
        )


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
    real_folders: dict[str, str] = {}
    for f in files:
        key = (_real_path(f, real_folders), f.stem)
        if key not in taken:
            taken.add(key)
            unique.append(f)
    return unique, skipped


def _real_path(f: Path, real_folders: dict[str, str]) -> str:
    """os.path.realpath(f), resolving each folder once (real_folders: folder -> its real path): a folder
    of 10,000 files costs one lstat a file, not one a path component."""
    folder, name = os.path.split(os.fspath(f))
    if not name or name in (".", "..") or os.path.islink(f):
        return os.path.realpath(f)
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(real, name)


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


def load(
    db_path: Path,
    paths: list[Path],
    *,
    replace: bool = False,
    strict: bool = False,
    meta: dict[str, str] | None = None,
    notify: Notify | None = None,
    on_document: Callable[[str], None] | None = None,
    on_files: Callable[[int], None] | None = None,
) -> LoadReport:
    """Add these documents to the database at db_path (created when missing), or with replace=True make
    it hold exactly these.

    A file the database holds as it is (same id, and the same size and mtime or
    else the same sha256) keeps its facts; only new or changed files are read and
    extracted, in worker processes when there are PARALLEL_MIN_FILES or more. A
    database written by other code (schema, shape or extractor fingerprint) has its
    other documents extracted again from the text it keeps. With nothing to change
    the database is not rewritten at all. notify gets one-line notices: waiting for
    another load, extracting again.
    """
    db_path = Path(db_path)
    _check_target(db_path)
    from zjpolicy.db import version_meta

    version_meta()  # reads the measures in force now: a bad measures file fails before anything is written
    files, skipped = collect_files(paths)
    report = LoadReport(skipped=list(skipped))

    def plan() -> LoadPlan:
        planned = _announced(plan_load(db_path, files, meta=meta or {}, replace=replace), notify)
        if on_files:  # once the lock is taken: a progress bar does not hide the line saying it waits
            on_files(len(files))
        return planned

    return run_plan(db_path, plan, report=report, notify=notify, strict=strict, on_document=on_document)


def remove(db_path: Path, doc_ids: Collection[str], *, notify: Notify | None = None) -> LoadReport:
    """Drop these documents from the database at db_path; an id it does not hold is an error and nothing is written."""
    db_path = Path(db_path)
    _check_target(db_path)
    if not db_path.is_file():
        raise ZjpolicyError(f"{db_path}: no such database")
    wanted = frozenset(doc_ids)

    def plan() -> LoadPlan:
        from zjpolicy.db import stored_database

        stored = stored_database(db_path)
        held = stored.documents if stored else {}
        unknown = sorted(wanted - set(held))
        if unknown:
            raise ZjpolicyError(
                f"{db_path}: holds no document {', '.join(unknown)}; list the ids with: "
                f"zjpolicy --db {db_path} docs --columns id,title"
            )
        return _announced(plan_load(db_path, [], meta={}, remove=wanted), notify)

    return run_plan(db_path, plan, notify=notify)


def _announced(plan: LoadPlan, notify: Notify | None) -> LoadPlan:
    """The plan, after one line of notice when it extracts documents again (that takes a while)."""
    again = sum(1 for s in plan.steps if s.action == "reextract")
    if again and notify:
        notify(f"{plan.db_path} was written by another version of zjpolicy: extracting its {again} "
               "documents again from the text it keeps")
    return plan


def run_plan(
    db_path: Path,
    make_plan: Callable[[], LoadPlan | None],
    *,
    report: LoadReport | None = None,
    notify: Notify | None = None,
    strict: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> LoadReport:
    """Plan (make_plan: None when there is nothing to do) and apply, under the database's lock, so the
    plan sees the database as no other load will change it. Ctrl-C before the new database is in place
    changes nothing."""
    report = report if report is not None else LoadReport()
    try:
        with db_lock(db_path, on_wait=notify):
            _remove_stale_temp_files(db_path)
            plan = make_plan()
            if plan is None:
                return report
            if plan.unchanged:
                return _report_unchanged(plan, report, on_document)
            apply_plan(plan, report, strict=strict, on_document=on_document)
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted: {db_path} is unchanged") from None
    return report


# ---------------------------------------------------------------- planning a load

Action = Literal["read", "keep", "touch", "reextract"]


@dataclass(frozen=True)
class Step:
    """What a load does with one document.

    read: read and extract the file at path; keep: the stored document as it is;
    touch: the same, its file now at moved (path, size, mtime_ns); reextract:
    extract again the text the database keeps (it was written by other code).
    """

    doc_id: str
    action: Action
    path: Path | None = None
    moved: tuple[str, int, int] | None = None


@dataclass(frozen=True)
class LoadPlan:
    """What a load will do to the database at db_path, decided before anything is written.

    Steps run in order; of files of one id, the first that reads wins. A plan with
    base=True starts from a copy of the database; without, from an empty one into
    which kept documents are copied. The database's documents (held) that no step
    names are dropped. meta: what the database's meta table gets besides the
    version entries.
    """

    db_path: Path
    steps: list[Step]
    base: bool = False
    held: dict[str, StoredDocument] = field(default_factory=dict)
    current: bool = True  # the database (if any) was written by this code
    meta: dict[str, str] = field(default_factory=dict)
    meta_same: bool = False  # the database's meta is what this load would write

    @property
    def to_read(self) -> list[Path]:
        return [s.path for s in self.steps if s.action == "read" and s.path is not None]

    @property
    def drop(self) -> frozenset[str]:
        """Held documents no step names: the load deletes them."""
        return frozenset(self.held) - {s.doc_id for s in self.steps}

    @property
    def unchanged(self) -> bool:
        """Nothing to write: every document stays as it is, under the same meta."""
        return self.base and self.meta_same and all(s.action == "keep" for s in self.steps) and not self.drop


def plan_load(
    db_path: Path,
    files: list[Path],
    *,
    meta: dict[str, str],
    replace: bool = False,
    remove: Collection[str] = (),
) -> LoadPlan:
    """What a load of files into db_path reads, keeps, touches or extracts again, and whether it starts from
    a copy of the database.

    Documents held and not given stay (unless replace, or named in remove). It starts
    from a copy when the database was written by the same code and at most
    max(PARALLEL_MIN_FILES, half the documents) need reading; otherwise from an empty
    database, into which the documents that stay are copied (or extracted again from
    their stored text, when other code wrote it).
    """
    from zjpolicy.db import stored_database, version_meta

    stored = stored_database(db_path)
    if stored is None:
        return LoadPlan(db_path, [Step(f.stem, "read", f) for f in files], meta=dict(meta))
    given = {f.stem for f in files}
    staying = [] if replace else sorted(set(stored.documents) - given - set(remove))
    version = version_meta()
    new_meta = {**{k: v for k, v in stored.meta.items() if k not in version}, **meta}
    common: dict[str, Any] = {"held": stored.documents, "meta": new_meta}
    if not stored.current:
        steps = [Step(f.stem, "read", f) for f in files] + [Step(i, "reextract") for i in staying]
        return LoadPlan(db_path, steps, current=False, **common)
    steps = [_step(f, stored.documents.get(f.stem)) for f in files] + [Step(i, "keep") for i in staying]
    n_read = sum(1 for s in steps if s.action == "read")
    base = n_read <= max(PARALLEL_MIN_FILES, len(given | set(staying)) // 2)
    meta_same = stored.meta == {**version, **new_meta}
    return LoadPlan(db_path, steps, base=base, meta_same=meta_same, **common)


def _step(f: Path, stored: StoredDocument | None) -> Step:
    same = _unchanged(f, stored)
    if same is None:
        return Step(f.stem, "read", f)
    if isinstance(same, tuple):
        return Step(f.stem, "touch", f, moved=same)
    return Step(f.stem, "keep", f)


def _unchanged(f: Path, stored: StoredDocument | None) -> str | tuple[str, int, int] | None:
    """'same' when the database holds this file as it is; (path, size, mtime_ns) when it holds
    the same bytes under another path or mtime; None when the file must be read."""
    if stored is None:
        return None
    if os.path.splitext(stored.path)[1].lower() != f.suffix.lower():  # the suffix picks the reader
        return None
    try:
        st = os.stat(f)
    except OSError:
        return None  # reading it reports why
    if stored.path == str(f) and stored.size == st.st_size and stored.mtime_ns == st.st_mtime_ns:
        return "same"
    if stored.size != st.st_size:
        return None
    try:
        data = f.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != stored.sha256:
        return None
    return str(f), st.st_size, st.st_mtime_ns


# ---------------------------------------------------------------- applying a plan


def apply_plan(
    plan: LoadPlan,
    report: LoadReport,
    *,
    strict: bool,
    on_document: Callable[[str], None] | None,
) -> None:
    """Write the database of the plan: read and extract, apply each step, commit (or, when nothing changed
    after all, leave the database as it is). Fills the report."""
    from zjpolicy.db import Writer

    writer = Writer(plan.db_path, base=plan.base)
    work: list[Work] = [
        ("file", str(s.path)) if s.action == "read" else ("stored", s.doc_id)
        for s in plan.steps
        if s.action in ("read", "reextract")
    ]
    results = extracted(work, source=plan.db_path)
    try:
        if not plan.base:
            writer.copy(plan.db_path, [s.doc_id for s in plan.steps if s.action in ("keep", "touch")])
        applying = _Applying(plan, writer, report, strict=strict, on_document=on_document)
        applying.run(results)
        _commit(plan, writer, report, applying)
    except BaseException:
        writer.abort()
        raise
    finally:
        results.close()


def _commit(plan: LoadPlan, writer: Writer, report: LoadReport, applying: _Applying) -> None:
    from zjpolicy.db import read_counts

    if applying.files and not report.loaded and applying.errors:
        raise ZjpolicyError(f"no document could be loaded ({applying.errors[0]})")
    report.removed = sorted(plan.drop | set(applying.lost))
    if plan.base:
        writer.delete(report.removed)
    changed = writer.inserted or writer.deleted or applying.touched or not plan.meta_same or not plan.base
    if changed:
        report.counts = writer.commit(plan.meta)
    else:  # every file a duplicate or unreadable: the database stays as it is, byte for byte
        writer.abort()
        report.counts = read_counts(plan.db_path)
    report.counts["extracted"] = applying.extracted


class _Applying:
    """The steps of a plan applied in order to a writer, each extraction outcome taken as its step comes."""

    def __init__(
        self, plan: LoadPlan, writer: Writer, report: LoadReport, *, strict: bool,
        on_document: Callable[[str], None] | None,
    ) -> None:
        self.plan, self.writer, self.report = plan, writer, report
        self.strict, self.on_document = strict, on_document
        self.files = any(s.path is not None for s in plan.steps)
        self.errors: list[str] = []
        self.extracted = self.touched = 0
        self.seen: dict[str, Path] = {}  # id -> the file that gave it, in this load
        self.keys = _Keys(plan)
        self.fallback: list[str] = []  # held ids whose file failed: the stored document stays
        self.lost: list[str] = []  # held ids whose stored text could not be extracted again

    def run(self, results: Iterator[Outcome]) -> None:
        for step in self.plan.steps:
            outcome = next(results) if step.action in ("read", "reextract") else None
            if step.path is not None and step.doc_id in self.seen:
                self._skip(_same_id(step.path, self.seen[step.doc_id]), error=True)
                continue
            if step.action == "read":
                assert outcome is not None and step.path is not None
                self._read(step, step.path, outcome)
            elif step.action == "reextract":
                assert outcome is not None
                self._reextracted(step.doc_id, outcome)
            else:
                self._kept(step)
        self._keep_fallbacks()

    def _read(self, step: Step, path: Path, outcome: Outcome) -> None:
        from zjpolicy.db import document_keys

        status, rows = outcome
        if status == "error":
            self._skip(rows, error=True)
            return self._failed(step.doc_id)
        keys = document_keys(rows)
        doc_id, sha256 = keys.doc_id, keys.sha256
        duplicate = self.keys.duplicate(keys)
        if duplicate:
            self._skip(f"{path}: {duplicate}, skipped", error=False)
            return self._failed(doc_id)
        self.keys.take(keys)
        held = self.plan.held.get(doc_id)
        if held is not None and self.plan.base:
            self.writer.delete([doc_id])
        self.writer.insert(rows)
        self.extracted += 1
        bucket = self.report.added if held is None else self.report.unchanged if held.sha256 == sha256 else self.report.updated
        bucket.append(doc_id)
        self._done(doc_id, path)

    def _reextracted(self, doc_id: str, outcome: Outcome) -> None:
        status, rows = outcome
        if status == "error":
            self._skip(rows, error=False)  # the document is dropped: the report says so
            self.lost.append(doc_id)
            return
        self.writer.insert(rows)
        self.extracted += 1
        self.report.reextracted.append(doc_id)
        self.report.unchanged.append(doc_id)
        if self.on_document:
            self.on_document(doc_id)

    def _kept(self, step: Step) -> None:
        if step.moved is not None:
            self.writer.touch(step.doc_id, *step.moved)
            self.touched += 1
        self.report.unchanged.append(step.doc_id)
        if step.path is not None:
            self._done(step.doc_id, step.path)

    def _failed(self, doc_id: str) -> None:
        """A file that could not be loaded: a document the database held under its id stays as it was
        (unless a later file of that id loads)."""
        if doc_id in self.plan.held and doc_id not in self.fallback:
            self.fallback.append(doc_id)

    def _keep_fallbacks(self) -> None:
        ids = [i for i in self.fallback if i not in self.seen]
        if not ids:
            return
        self.report.unchanged.extend(ids)
        if self.plan.base:
            return  # the copy holds them
        if self.plan.current:
            self.writer.copy(self.plan.db_path, ids)
            return
        from zjpolicy.db import read_only
        from zjpolicy.workers import extract_stored

        conn = read_only(self.plan.db_path)
        try:
            for doc_id in ids:
                status, rows = extract_stored(conn, doc_id)
                if status == "ok":
                    self.writer.insert(rows)
                    self.extracted += 1
                    self.report.reextracted.append(doc_id)
                else:
                    self.report.skipped.append(rows)
                    self.report.unchanged.remove(doc_id)
                    self.lost.append(doc_id)
        finally:
            conn.close()

    def _done(self, doc_id: str, path: Path) -> None:
        self.seen[doc_id] = path
        self.report.loaded.append(doc_id)
        if self.on_document:
            self.on_document(doc_id)

    def _skip(self, why: str, *, error: bool) -> None:
        if error:
            if self.strict:
                raise ZjpolicyError(why)
            self.errors.append(why)
        self.report.skipped.append(why)


class _Keys:
    """Which document holds each SHA-256, each text and each (文号, title), among those the load keeps or adds.

    A text is known by its length and title first; only when both match are the texts compared
    (a held document's text is read from the database then), so a re-encoded copy is caught
    without hashing every text the database holds.
    """

    def __init__(self, plan: LoadPlan) -> None:
        self.db_path = plan.db_path
        self.sha256: dict[str, str] = {}
        self.number_title: dict[tuple[str, str], str] = {}
        self.length_title: dict[tuple[int, str], tuple[str, str | None]] = {}  # -> (id, sha256 of its text)
        leaving = {s.doc_id for s in plan.steps if s.action == "read"} | plan.drop
        for doc_id, d in plan.held.items():
            if doc_id not in leaving:
                self._take(doc_id, d.sha256, d.doc_number, d.title, d.chars, None)

    def duplicate(self, keys: DocumentKeys) -> str:
        """Why a document is the same as another the database holds or this load took; "" when it is not."""
        other = self.sha256.get(keys.sha256)
        if keys.sha256 and other and other != keys.doc_id:
            return f"the same file as document '{other}' (same SHA-256)"
        other = self.number_title.get((keys.doc_number, keys.title))
        if keys.doc_number and keys.title and other and other != keys.doc_id:
            return f"the same document as '{other}' (same document number {keys.doc_number} and title)"
        found = self.length_title.get((keys.chars or 0, keys.title))
        if found and found[0] != keys.doc_id and self._text_sha(found) == _sha(keys.text):
            return f"the same text as document '{found[0]}' (another copy of it)"
        return ""

    def take(self, keys: DocumentKeys) -> None:
        self._take(keys.doc_id, keys.sha256, keys.doc_number, keys.title, keys.chars, _sha(keys.text))

    def _take(self, doc_id: str, sha256: str, doc_number: str, title: str, chars: int | None, text_sha: str | None) -> None:
        if sha256:
            self.sha256.setdefault(sha256, doc_id)
        if doc_number and title:
            self.number_title.setdefault((doc_number, title), doc_id)
        if chars:
            self.length_title.setdefault((chars, title), (doc_id, text_sha))

    def _text_sha(self, found: tuple[str, str | None]) -> str:
        doc_id, text_sha = found
        if text_sha is None:  # a held document: its text is in the database
            from zjpolicy.db import read_only, stored_text

            conn = read_only(self.db_path)
            try:
                text_sha = _sha(stored_text(conn, doc_id))
            finally:
                conn.close()
        return text_sha


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _report_unchanged(plan: LoadPlan, report: LoadReport, on_document: Callable[[str], None] | None) -> LoadReport:
    """The report of a load that found nothing to write: every document kept as it is."""
    from zjpolicy.db import read_counts

    seen: dict[str, Path] = {}
    for s in plan.steps:
        if s.path is None:
            report.unchanged.append(s.doc_id)
        elif s.doc_id in seen:
            report.skipped.append(_same_id(s.path, seen[s.doc_id]))
        else:
            seen[s.doc_id] = s.path
            report.unchanged.append(s.doc_id)
            report.loaded.append(s.doc_id)
            if on_document:
                on_document(s.doc_id)
    report.counts = {**read_counts(plan.db_path), "extracted": 0}
    return report


def _check_target(db_path: Path) -> None:
    """A load rewrites db_path: not a folder, nor a file that is no zjpolicy database (a slip in --db)."""
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


def _same_id(f: Path, first: Path) -> str:
    return f"{f}: same document id '{f.stem}' as {first}"
