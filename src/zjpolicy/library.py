"""The user's library: the default database, in the user data folder, starting with the bundled seeds.

Queries without --db read it, and `load` and `remove` without --db change it. It is
made from the bundled seeds on first use. When another version of zjpolicy wrote it
(extractor fingerprint, schema), its documents are extracted again from the text it
keeps, so no source file is needed. When the bundled seeds change, the seeds in it
follow: new seeds are added, changed ones updated, withdrawn ones removed; but a
seed the user removed stays removed, and a document of the user's own (one whose id
or bytes are not a bundled seed's) is never touched. Its meta table records the
seeds as last bundled (id -> SHA-256) to tell these apart.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION
from zjpolicy.errors import ZjpolicyError
from zjpolicy.fingerprint import extractor_fingerprint

if TYPE_CHECKING:
    from zjpolicy.loader import LoadPlan, Notify
from zjpolicy.paths import library_path, seeds_dir

# meta keys: the fingerprint the library is up to date with, and the seeds as last bundled.
FINGERPRINT_KEY = "seeds_fingerprint"
SEEDS_KEY = "seeds"


def _seed_files() -> list[Path]:
    return sorted(f for f in seeds_dir().iterdir() if f.is_file() and not f.name.startswith("."))


def seeds_fingerprint() -> str:
    """Changes when a seed, the extractor (its version, code or rule data) or the schema changes."""
    h = hashlib.sha256(f"{EXTRACTOR_VERSION}|{SCHEMA_VERSION}|{extractor_fingerprint()}".encode())
    for f in _seed_files():
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def ensure_library(notify: Notify) -> Path:
    """The library, made from the bundled seeds when missing, brought up to date when stale."""
    from zjpolicy.db import read_meta
    from zjpolicy.loader import run_plan

    path = library_path()
    fingerprint = seeds_fingerprint()
    if read_meta(path).get(FINGERPRINT_KEY) == fingerprint:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZjpolicyError(f"cannot create the folder of your library {path.parent} ({e.strerror})") from None
    run_plan(path, lambda: _update_plan(path, fingerprint, notify), notify=notify, strict=True)
    return path


def _update_plan(path: Path, fingerprint: str, notify: Notify) -> LoadPlan | None:
    """The load that makes the library or brings it up to date; None when another process just did."""
    from zjpolicy.db import stored_database
    from zjpolicy.loader import plan_load

    stored = stored_database(path)
    if stored is not None and stored.meta.get(FINGERPRINT_KEY) == fingerprint:
        return None
    files = _seed_files()
    bundled = {f.stem: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    meta = {FINGERPRINT_KEY: fingerprint, SEEDS_KEY: json.dumps(bundled, sort_keys=True)}
    if stored is None:
        if path.exists() and path.stat().st_size:  # never write over what may hold the user's documents
            raise ZjpolicyError(
                f"{path}: your library is damaged or not a zjpolicy database; move it away, and the next "
                "command makes a new one from the bundled seeds"
            )
        notify(f"Making your library from the bundled seeds: {path}")
        return plan_load(path, files, meta=meta)
    try:
        before: dict[str, str] = json.loads(stored.meta.get(SEEDS_KEY) or "{}")
    except ValueError:
        before = {}
    held = {doc_id: d.sha256 for doc_id, d in stored.documents.items()}
    wanted = [f for f in files if _wanted(f.stem, before, held)]
    withdrawn = {i for i, sha256 in before.items() if i not in bundled and held.get(i) == sha256}
    plan = plan_load(path, wanted, meta=meta, remove=withdrawn)
    again = sum(1 for s in plan.steps if s.action == "reextract")
    if not stored.current:
        also = f" (extracting {again} documents again from the text it keeps)" if again else ""
        notify(f"Updating your library for this version of zjpolicy{also}: {path}")
    elif before != bundled:
        notify(f"Updating the bundled seeds in your library: {path}")
    return plan


def _wanted(doc_id: str, before: dict[str, str], held: dict[str, str]) -> bool:
    """Whether the library takes the bundled seed of this id: it still holds that seed as it was
    bundled, or the seed is new and the id is not one of the user's documents."""
    if doc_id in before:
        return held.get(doc_id) == before[doc_id]
    return doc_id not in held
