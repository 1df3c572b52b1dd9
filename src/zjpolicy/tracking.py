"""Facts across documents: a measure's targets and achieved figures side by side (`compare`), and
each target beside the figure that says whether it was met (`progress`).

Facts meet when they are of one place (regions: 杭州市 and 杭州 are one), one measure and one
year. Values compare in their base unit (value_base: 亿元 multiplied out), and only in the same
base unit: a share never meets an amount, and a stock target never meets a flow figure (they are
different measures: hitech_firms and hitech_firms_new). The functions below the view functions are
pure: rows in, rows out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from zjpolicy import queries
from zjpolicy.errors import ZjpolicyError

Row = dict[str, Any]

MET, SHORT, NOT_YET_DUE, NO_FIGURE, NO_YEAR = "met", "short", "not yet due", "no figure", "no year"
STATUSES = (MET, SHORT, NOT_YET_DUE, NO_FIGURE, NO_YEAR)
ESTIMATE = " (estimate)"  # after a figure the document calls an estimate (预计)
ESTIMATE_ZH = "（预计）"


def estimates_in(rows: list[Row], language: str | None) -> list[Row]:
    """The rows with the estimate mark in the listing's language (CSV/JSON without --lang keep ESTIMATE)."""
    if language != "zh":
        return rows
    return [{**r, "achieved": str(r["achieved"]).replace(ESTIMATE, ESTIMATE_ZH)} for r in rows]


def today() -> date:
    """Today's date, which decides whether a target's year has ended (tests set it)."""
    return date.today()


# ---------------------------------------------------------------- measures


def measure_ids(conn: sqlite3.Connection) -> list[str]:
    """The ids of the active measures (built-in, then a user's), then any other id the database holds."""
    from zjpolicy.measures import all_measures

    defined = [m.id for m in all_measures()]
    return defined + sorted(set(queries.measure_counts(conn)) - set(defined))


def check_measure(conn: sqlite3.Connection, measure: str, *, option: str = "--measure") -> str:
    """The measure id as given, or a one-line error that lists the ids."""
    ids = measure_ids(conn)
    if measure not in ids:
        raise ZjpolicyError(f"{option} {measure}: no such measure; choose one of {', '.join(ids)}")
    return measure


def measure_rows(conn: sqlite3.Connection) -> list[Row]:
    """`zjpolicy measures`: every measure with its definition and its counts in the database."""
    from zjpolicy.measures import all_measures

    counts = queries.measure_counts(conn)
    rows: list[Row] = []
    for m in all_measures():
        n = counts.get(m.id, {})
        rows.append({"id": m.id, "zh": m.zh, "en": m.en, "kind": m.kind, "unit": m.unit, "better": m.better,
                     "targets": n.get("targets", 0), "achieved": n.get("achieved", 0), "origin": m.origin})
    defined = {r["id"] for r in rows}
    for mid in sorted(set(counts) - defined):  # written by a measures file no longer in force
        rows.append({"id": mid, "zh": "", "en": "", "kind": "", "unit": "", "better": "",
                     "targets": counts[mid]["targets"], "achieved": counts[mid]["achieved"], "origin": "not defined"})
    return rows


def measure_name(measure: str, lang: str = "zh") -> str:
    """A measure's name in the language asked for, with its id: 研发经费投入强度 (rd_intensity)."""
    from zjpolicy.measures import active_measures

    m = active_measures().measures.get(measure)
    name = (m.en or m.zh if lang == "en" else m.zh) if m else ""
    return f"{name} ({measure})" if name else measure


def lower_is_better() -> set[str]:
    """The measures whose figures beat their targets by being lower (data/measures.toml: better)."""
    from zjpolicy.measures import all_measures

    return {m.id for m in all_measures() if m.better == "lower"}


# ---------------------------------------------------------------- the views


def _facts(
    conn: sqlite3.Connection, *, measure: str | None, region: str | None, year: int | None, same_year_figures: bool
) -> tuple[list[Row], list[Row]]:
    """Targets and achieved figures of the measure, region and year, each labelled with its place;
    same_year_figures False: figures of every year (progress shows an earlier one)."""
    index = queries.region_index(conn)
    docs = index.select(region) if region else None
    if docs == []:
        return [], []
    targets = queries.measured_targets(conn, measure=measure, docs=docs, year=year)
    figures = queries.achieved_figures(conn, measure=measure, docs=docs, year=year if same_year_figures else None)
    index.locate(targets)
    index.locate(figures)
    return targets, figures


def compare(conn: sqlite3.Connection, measure: str, *, year: int | None = None, region: str | None = None) -> list[Row]:
    """`zjpolicy compare`: one row per region and year of the measure (compare_rows)."""
    targets, figures = _facts(conn, measure=measure, region=region, year=year, same_year_figures=True)
    return compare_rows(targets, figures)


def progress(
    conn: sqlite3.Connection, *, measure: str | None = None, region: str | None = None, year: int | None = None,
    status: str | None = None,
) -> list[Row]:
    """`zjpolicy progress`: every target with a measure beside its figure (progress_rows)."""
    targets, figures = _facts(conn, measure=measure, region=region, year=year, same_year_figures=False)
    rows = progress_rows(targets, figures, now=today(), lower_better=lower_is_better())
    return [r for r in rows if status is None or r["status"] == status]


def nothing_found(
    conn: sqlite3.Connection, noun: str, *, region: str | None = None, year: int | None = None,
    measure: str | None = None, doc: str | None = None, grep: str | None = None, status: str | None = None,
) -> str:
    """Why a listing is empty: the filters given and the values that exist ("" with no filter)."""
    filters = (("region", region), ("year", year), ("measure", measure), ("doc", doc), ("text", grep),
               ("status", status))
    given = [(k, v) for k, v in filters if v is not None and v != ""]
    if not given:
        return ""
    parts = [f"no {noun} for " + ", ".join(f"{k} {v}" for k, v in given)]
    if region:
        parts.append("regions in the database: " + (", ".join(queries.region_index(conn).labels()) or "none"))
    if year is not None:
        parts.append("years of targets: " + (", ".join(map(str, queries.target_years(conn))) or "none"))
    if measure:
        counts = queries.measure_counts(conn)
        held = [f"{m} ({_count(n['targets'], 'target')}, {_count(n['achieved'], 'figure')})"
                for m, n in sorted(counts.items())]
        parts.append("measures in the database: " + (", ".join(held) or "none"))
    if doc:
        parts.append("the documents: zjpolicy docs")
    return "; ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# ---------------------------------------------------------------- pure functions over rows


def number_text(value: float | None) -> str:
    """3.95 → '3.95', 800.0 → '800': a number as the document writes it."""
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def tidy(value: float) -> float:
    """A difference without the float's noise: 3.9 - 3.95 is -0.05, not -0.04999999999999982."""
    return round(value, 6) + 0.0


def in_unit_of(target: Row, figure: Row) -> float | None:
    """The figure's value in the target's unit (through the base unit), None when they do not compare."""
    if figure["unit"] == target["unit"]:
        return float(figure["value"])
    if figure.get("base_unit") != target.get("base_unit") or not figure.get("base_unit"):
        return None
    if figure.get("value_base") is None or not target.get("value_base"):
        return None
    return tidy(figure["value_base"] * target["value"] / target["value_base"])


def _when(row: Row) -> tuple[str, str, int]:
    return (row.get("doc_date") or "", row["doc"], row.get("start") or 0)


def best_first(figures: Iterable[Row]) -> list[Row]:
    """Figures of one place, measure and year, the one to believe first: a final figure before an
    estimate, then the later document's."""
    latest = sorted(figures, key=_when, reverse=True)
    return sorted(latest, key=lambda f: bool(f.get("estimate")))


def _with_comparator(row: Row) -> str:
    mark = "" if row.get("comparator") in ("=", None, "") else row["comparator"]
    return f"{mark}{number_text(row['value'])}{row['unit']}"


def _figure_text(row: Row) -> str:
    return f"{number_text(row['value'])}{row['unit']}{ESTIMATE if row.get('estimate') else ''}"


def _joined(rows: Sequence[Row], text: Callable[[Row], str]) -> tuple[str, str]:
    """Several facts in one cell, each once: their texts and their documents, '; ' between."""
    seen = dict.fromkeys((text(r), r["doc"]) for r in rows)
    return "; ".join(t for t, _ in seen), "; ".join(dict.fromkeys(d for _, d in seen))


def compare_rows(targets: Sequence[Row], figures: Sequence[Row]) -> list[Row]:
    """One row per place and year: its targets (the latest document's last), its achieved figures
    (the one to believe first) and their documents; numbers in the unit of the standing target.

    Rows are labelled by regions.RegionIndex.locate; sorted by region (the divisions' order) then year."""
    groups: dict[tuple[Any, ...], tuple[list[Row], list[Row]]] = {}
    for kind, rows in ((0, targets), (1, figures)):
        for r in rows:
            key = (r["_order"], r["_place"] or r["region"], r["year"] is None, r["year"] or 0)
            groups.setdefault(key, ([], []))[kind].append(r)
    out: list[Row] = []
    for key in sorted(groups):
        ts, fs = sorted(groups[key][0], key=_when), best_first(groups[key][1])
        first = (ts or fs)[0]
        standing = ts[-1] if ts else None
        target_text, target_docs = _joined(ts, _with_comparator)
        figure_text, figure_docs = _joined(fs, _figure_text)
        achieved = fs[0] if fs else None
        out.append({
            "region": first["region"], "year": first["year"], "measure": first["measure"],
            "target": target_text, "achieved": figure_text, "target_doc": target_docs, "achieved_doc": figure_docs,
            "target_value": standing["value"] if standing else None,
            "achieved_value": (in_unit_of(standing, achieved) if standing else achieved["value"]) if achieved else None,
            "unit": (standing or first)["unit"], "estimate": int(bool(achieved and achieved.get("estimate"))),
            "region_code": first["region_code"],
        })
    return out


def _at_most(target: Row, lower_better: set[str]) -> bool:
    """A target met by staying at or under it: 以内/不超过, or a plain figure of a measure kept low."""
    comparator = target.get("comparator")
    return comparator == "<=" or (comparator != ">=" and target["measure"] in lower_better)


def _judged(target: Row, value: float | None, *, same_year: bool, lower_better: set[str], now: date) -> str:
    year = target["year"]
    if year is None:
        return NO_YEAR
    if same_year and value is not None:
        met = value <= target["value"] if _at_most(target, lower_better) else value >= target["value"]
        return MET if met else SHORT
    return NOT_YET_DUE if year >= now.year else NO_FIGURE


def progress_row(target: Row, figures: Sequence[Row], *, now: date, lower_better: set[str]) -> Row:
    """One target beside its figure: the same place, measure and year (the one to believe first),
    else the latest earlier year's (shown with its year); the gap and the status."""
    comparable = [f for f in figures if f["year"] is not None and in_unit_of(target, f) is not None]
    year = target["year"]
    same = [f for f in comparable if f["year"] == year]
    earlier = [f for f in comparable if year is not None and f["year"] < year]
    if same:
        figure: Row | None = best_first(same)[0]
    elif earlier:
        top = max(f["year"] for f in earlier)
        figure = best_first(f for f in earlier if f["year"] == top)[0]
    else:
        figure = None
    value = in_unit_of(target, figure) if figure else None
    return {
        "region": target["region"], "year": year, "measure": target["measure"], "comparator": target["comparator"],
        "target": target["value"], "unit": target["unit"], "figure": value,
        "figure_year": figure["year"] if figure else None,
        "gap": tidy(value - target["value"]) if value is not None else None,
        "status": _judged(target, value, same_year=bool(same), lower_better=lower_better, now=now),
        "doc": target["doc"], "figure_doc": figure["doc"] if figure else "",
        "estimate": int(bool(figure and figure.get("estimate"))), "indicator": target["indicator"],
        "region_code": target["region_code"], "start": target["start"], "end": target["end"], "quote": target["quote"],
        "figure_quote": figure["quote"] if figure else "",
    }


def progress_rows(targets: Sequence[Row], figures: Sequence[Row], *, now: date, lower_better: set[str]) -> list[Row]:
    """Every target with a measure beside the figure of its place, measure and year (progress_row);
    sorted by region (the divisions' order), year, measure and document order. Rows are labelled
    by regions.RegionIndex.locate; a target of no known place meets no figure."""
    by_place: dict[tuple[str, str], list[Row]] = {}
    for f in figures:
        if f["_place"]:
            by_place.setdefault((f["_place"], f["measure"]), []).append(f)
    ordered = sorted(targets, key=lambda t: (t["_order"], t["year"] is None, t["year"] or 0, t["measure"], _when(t)))
    return [
        progress_row(t, by_place.get((t["_place"], t["measure"]), []) if t["_place"] else [], now=now,
                     lower_better=lower_better)
        for t in ordered
    ]


def status_counts(rows: Iterable[Row], lang: str | None = "en") -> str:
    """met 1, short 1, not yet due 2 … (已达成 1，未达成 1 … in Chinese): the statuses present, in STATUSES' order."""
    counts = {s: 0 for s in STATUSES}
    for r in rows:
        counts[r["status"]] += 1
    if lang == "zh":
        from zjpolicy.glossary import chinese

        names = chinese([{"status": s} for s in STATUSES], ["status"])
        return "，".join(f"{n['status']} {counts[s]}" for s, n in zip(STATUSES, names) if counts[s])
    return ", ".join(f"{s} {n}" for s, n in counts.items() if n)
