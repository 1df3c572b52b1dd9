"""Loading: which files a load takes, reading them, and the default database."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION
from zjpolicy.errors import ZjpolicyError
from zjpolicy.paths import seeds_dir


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
            found = []
            seen: set[tuple[int, int]] = set()
            for root, dirs, names in os.walk(p, followlinks=True):
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
            if not found:
                raise ZjpolicyError(f"{p}: no documents in this folder (looked for {', '.join(sorted(suffixes))})")
            files.extend(found)
        elif p.is_symlink() and not p.exists():
            raise ZjpolicyError(f"{p}: broken symlink")
        else:
            files.append(p)
    return files, skipped


def read_documents(files: list[Path], report: LoadReport, *, strict: bool) -> Iterator[object]:
    """Documents one at a time; a bad file is reported and skipped, or stops the load with strict."""
    from zjpolicy.corpus import read_document

    seen: dict[str, Path] = {}
    for f in files:
        try:
            if f.stem in seen:
                raise ZjpolicyError(f"{f}: same document id '{f.stem}' as {seen[f.stem]}")
            doc = read_document(f)
        except ZjpolicyError as e:
            if strict:
                raise
            report.skipped.append(str(e))
            continue
        seen[f.stem] = f
        report.loaded.append(doc.id)
        yield doc


def load(
    db_path: Path,
    paths: list[Path],
    *,
    strict: bool = False,
    meta: dict[str, str] | None = None,
    on_document: Callable[[str], None] | None = None,
    on_files: Callable[[int], None] | None = None,
) -> LoadReport:
    """Build the database at db_path from exactly these documents."""
    from zjpolicy.db import build

    files, skipped = collect_files(paths)
    report = LoadReport(skipped=list(skipped))
    if on_files:
        on_files(len(files))
    docs = read_documents(files, report, strict=strict)
    first = next(docs, None)
    if first is None:
        why = report.skipped[0] if report.skipped else "nothing to load"
        raise ZjpolicyError(f"no document could be loaded ({why})")

    def chain() -> Iterator[object]:
        yield first
        yield from docs

    with db_lock(db_path):
        report.counts = build(db_path, chain(), meta=meta, on_document=on_document)
    return report


class db_lock:
    """Serialise loads into one database with a lock file beside it."""

    def __init__(self, db_path: Path, timeout: float = 60.0) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.timeout = timeout
        self.fd: int | None = None

    def __enter__(self) -> "db_lock":
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
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)


# ---------------------------------------------------------------- default database


def seeds_fingerprint() -> str:
    """Changes when a seed, the extractor or the schema changes."""
    h = hashlib.sha256(f"{EXTRACTOR_VERSION}|{SCHEMA_VERSION}".encode())
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
