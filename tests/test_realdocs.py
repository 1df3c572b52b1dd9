"""Real documents of other places, scored against gold rows annotated by the guide's rules.

The sets are listed in tests/realsets/ (a SOURCES.md and the gold rows without quotes each); their
texts live outside the repository, in ../shared/realdocs/NAME/docs/ (see tests/realsets/README.md).
Matching follows the guide's "Scoring": a target matches on doc, year, value with 万/亿 multiplied out
and the gold key inside the indicator; owners match on every column but task_title, district cells
on every column; measures (targets that carry one) and achieved figures on doc, year, measure and
value."""

from __future__ import annotations

import csv
import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import ROOT

from zjpolicy.corpus import read_document
from zjpolicy.extract import Facts, extract_all
from zjpolicy.extract.numbers import MAGNITUDE
from zjpolicy.formats import SUPPORTED_SUFFIXES

REALSETS = Path(__file__).resolve().parent / "realsets"
SETS = sorted(p.parent.name for p in REALSETS.glob("*/SOURCES.md"))
# Floors that a change must not fall below, where a set's SOURCES.md states none of its own.
DEFAULT_FLOORS = {"targets": 0.90, "owners": 0.95, "districts": 0.95, "measures": 0.90, "achieved": 0.85}
_FLOORS_BLOCK = re.compile(r"^```floors\n(.*?)^```", re.MULTILINE | re.DOTALL)


def shared_sets() -> Path:
    """ZJPOLICY_REALDOCS, else shared/realdocs beside the repository or beside a folder above it."""
    if given := os.environ.get("ZJPOLICY_REALDOCS"):
        return Path(given)
    found = (p / "shared" / "realdocs" for p in ROOT.parents if (p / "shared" / "realdocs").is_dir())
    return next(found, ROOT.parent / "shared" / "realdocs")


def floors(name: str) -> dict[str, float]:
    block = _FLOORS_BLOCK.search((REALSETS / name / "SOURCES.md").read_text(encoding="utf-8"))
    return {**DEFAULT_FLOORS, **(tomllib.loads(block.group(1)) if block else {})}


def texts_of(name: str) -> Path:
    docs = shared_sets() / name / "docs"
    if not docs.is_dir():
        pytest.skip(
            f"real-document set {name} not found: {docs}; "
            "the real-document sets live outside the repo (see tests/realsets/README.md)"
        )
    return docs


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _norm(value: float, unit: str) -> tuple[float, str]:
    for mag, factor in MAGNITUDE.items():
        if unit.startswith(mag) and len(unit) > len(mag):
            return round(value * factor, 6), unit[len(mag):]
    return round(value, 6), unit


def _nospace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _f1(matched: int, predicted: int, gold: int) -> float:
    p = matched / predicted if predicted else (1.0 if gold == 0 else 0.0)
    r = matched / gold if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _score_targets(gold: list[dict[str, str]], facts: list[Facts]) -> float:
    """Each gold row matched at most once, by the first prediction that fits it."""
    pool: dict[tuple[object, ...], list[int]] = {}
    for i, g in enumerate(gold):
        pool.setdefault((g["doc"], g["year"], _norm(float(g["value"]), g["unit"])), []).append(i)
    used: set[int] = set()
    predicted = [t for f in facts for t in f.targets]
    for t in predicted:
        key = (t.doc_id, "" if t.year is None else str(t.year), _norm(t.value, t.unit))
        indicator = _nospace(t.indicator)
        hit = next((i for i in pool.get(key, []) if i not in used and _nospace(gold[i]["key"]) in indicator), None)
        if hit is not None:
            used.add(hit)
    return _f1(len(used), len(predicted), len(gold))


def _measured(rows: Iterable[dict[str, str]]) -> Iterable[tuple[object, ...]]:
    """Gold rows that carry a measure, as (doc, year, measure, value in base units)."""
    return ((g["doc"], g["year"], g["measure"], _norm(float(g["value"]), g["unit"])) for g in rows if g.get("measure"))


def _score_measured(gold: Iterable[tuple[object, ...]], facts: Iterable[object]) -> float:
    predicted = ((f.doc_id, "" if f.year is None else str(f.year), f.measure, _norm(f.value, f.unit))  # type: ignore[attr-defined]
                 for f in facts if f.measure)  # type: ignore[attr-defined]
    return _score_rows(gold, predicted)


def _score_rows(gold: Iterable[tuple[object, ...]], predicted: Iterable[tuple[object, ...]]) -> float:
    """Rows that match on every column, each as many times as it stands on both sides."""
    want, got = Counter(gold), Counter(predicted)
    return _f1(sum((want & got).values()), sum(got.values()), sum(want.values()))


def documents(docs: Path) -> list[Path]:
    """The set's texts: every file of a kind zjpolicy reads (.txt, .md, .html, .csv, .xlsx …)."""
    return sorted(p for p in docs.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)


def score(docs: Path, gold: Path) -> dict[str, float]:
    """F1 by kind of the facts extracted from the texts in docs/ against the gold rows in gold/: targets,
    owners and districts, and measures and achieved figures where the gold rows carry them."""
    facts = [extract_all(read_document(d)) for d in documents(docs)]
    owners = (
        (g["doc"], g["task"], g["clause"], g["role"], g["position"], _nospace(g["agency"]))
        for g in _read(gold / "owners.csv")
    )
    districts = ((g["doc"], g["district"], g["institution"], g["count"]) for g in _read(gold / "districts.csv"))
    return {
        "targets": _score_targets(_read(gold / "targets.csv"), facts),
        "owners": _score_rows(
            owners, ((o.doc_id, o.task, str(o.clause), o.role, str(o.position), o.agency) for f in facts for o in f.owners)
        ),
        "districts": _score_rows(
            districts, ((c.doc_id, c.district, c.institution, str(c.count)) for f in facts for t in f.tables for c in t.cells)
        ),
        **_score_measures(gold, facts),
    }


def _score_measures(gold: Path, facts: list[Facts]) -> dict[str, float]:
    """measures where the gold targets have a measure column; achieved where there is an achieved.csv."""
    out: dict[str, float] = {}
    targets = _read(gold / "targets.csv")
    if targets and "measure" in targets[0]:
        out["measures"] = _score_measured(list(_measured(targets)), (t for f in facts for t in f.targets))
    if (gold / "achieved.csv").exists():
        out["achieved"] = _score_measured(list(_measured(_read(gold / "achieved.csv"))), (a for f in facts for a in f.achieved))
    return out


def test_the_sets_are_found() -> None:
    assert {"realdocs", "realdocs2", "realdocs3"} <= set(SETS), SETS
    assert floors("realdocs3")["targets"] == 0.75 and floors("realdocs")["targets"] == DEFAULT_FLOORS["targets"]


@pytest.mark.parametrize("name", SETS)
def test_real_documents_score_above_the_floors(name: str) -> None:
    docs, gold = texts_of(name), REALSETS / name / "gold"
    held = {d.stem for d in documents(docs)}
    missing = {g["doc"] for f in gold.glob("*.csv") for g in _read(f)} - held
    assert not missing, f"{name}: gold rows of documents that {docs} does not hold: {sorted(missing)}"
    scores = score(docs, gold)
    low = {kind: round(f1, 3) for kind, f1 in scores.items() if f1 < floors(name)[kind]}
    assert not low, f"{name}: below the floors {floors(name)}: {low}; all scores {scores}"


@pytest.mark.parametrize("name", SETS)
def test_the_shared_gold_rows_are_the_committed_ones(name: str) -> None:
    shared = texts_of(name).parent / "gold"
    for committed in sorted((REALSETS / name / "gold").glob("*.csv")):
        rows = [{k: v for k, v in row.items() if k != "quote"} for row in _read(shared / committed.name)]
        assert rows == _read(committed), f"{shared / committed.name} and {committed} hold different rows"
