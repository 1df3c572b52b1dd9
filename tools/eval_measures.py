#!/usr/bin/env python3
"""Score zjpolicy.measures.classify on the gold targets' `measure` column.

Each gold target row gives (indicator, unit, quote, measure). The quote is the
context; `before` is the text of the quote's sentence before it, and `heading` the
nearest numbered heading above it, both cut from the document's normalised text
(what the extractor will pass once it is wired). The score counts non-blank
measures: a hit is the gold id; a wrong id is a false positive (and, when the gold
has one, a miss too).

Usage:
    python tools/eval_measures.py                      # the three gold sets in ../shared
    python tools/eval_measures.py --set GOLD DOCS …    # other sets (GOLD holds targets.csv)
    python tools/eval_measures.py --no-context -v      # indicator and unit only; list every row
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from zjpolicy.corpus import read_document
from zjpolicy.measure_reading import clean
from zjpolicy.measures import load_measures, reader

# The shared folder beside the checkout (…/shared, found upwards from this file).
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents if (p / "shared" / "gold").is_dir()),
              Path("shared"))
DEFAULT_SETS = [
    (SHARED / "gold", SHARED / "seeds"),
    (SHARED / "dev2" / "gold", SHARED / "dev2" / "docs"),
    (SHARED / "dev3" / "gold", SHARED / "dev3" / "docs"),
]
SENTENCE_END = "。!?;"
HEADING = re.compile(r"^(第[一二三四五六七八九十百]+[章节条部分]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、]|\(\d+\))")


@dataclass
class Doc:
    text: str  # cleaned, line by line, concatenated
    line_starts: list[int]
    lines: list[str]

    def where(self, quote: str) -> int:
        return self.text.find(clean(quote))

    def before(self, pos: int) -> str:
        line = self.line_starts[_line_of(self.line_starts, pos)]
        stop = max([line] + [self.text.rfind(ch, line, pos) + 1 for ch in SENTENCE_END])
        return self.text[stop:pos]

    def heading(self, pos: int) -> str:
        for i in range(_line_of(self.line_starts, pos), -1, -1):
            line = self.lines[i]
            if HEADING.match(line):
                head = line.split("。", 1)[0]
                return head if i < _line_of(self.line_starts, pos) or pos >= self.line_starts[i] + len(head) else ""
        return ""


def _line_of(starts: list[int], pos: int) -> int:
    return max(i for i, s in enumerate(starts) if s <= pos)


def read_doc(path: Path) -> Doc:
    lines = [clean(x) for x in read_document(path).text.split("\n")]
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line)
    return Doc("".join(lines), starts, lines)


def find_doc(docs: Path, doc_id: str) -> Path | None:
    return next(iter(sorted(docs.glob(doc_id + ".*"))), None)


def rows_of(gold: Path, docs: Path, *, use_context: bool) -> list[tuple[dict[str, str], str, str, str]]:
    """Each gold row with the context, before and heading it is classified with."""
    out: list[tuple[dict[str, str], str, str, str]] = []
    cache: dict[str, Doc] = {}
    with (gold / "targets.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if "measure" not in row:
                continue
            ctx = before = heading = ""
            if use_context:
                ctx = row["quote"]
                path = find_doc(docs, row["doc"])
                if path is not None:
                    doc = cache.setdefault(row["doc"], read_doc(path))
                    pos = doc.where(ctx)
                    if pos >= 0:
                        before, heading = doc.before(pos), doc.heading(pos)
            out.append((row, ctx, before, heading))
    return out


def score(sets: list[tuple[Path, Path]], *, use_context: bool, use_heading: bool, verbose: bool) -> int:
    rules = reader(load_measures(config_file=Path("/nonexistent")))
    hits = wrong = missed = gold_n = pred_n = 0
    for gold, docs in sets:
        for row, ctx, before, heading in rows_of(gold, docs, use_context=use_context):
            got = rules.classify(row["indicator"], unit=row["unit"], context=ctx, before=before,
                                 heading=heading if use_heading else "")
            want = row["measure"].strip()
            gold_n += bool(want)
            pred_n += bool(got)
            hits += bool(want) and got == want
            mark = "ok" if got == want else ("WRONG" if got else "missed")
            wrong += bool(got) and got != want
            missed += bool(want) and got != want
            if verbose or got != want:
                print(f"{mark:6} {row['doc'][:28]:28} {row['indicator'][:30]:30} {row['unit']:4} "
                      f"gold={want or '-':24} got={got or '-':24} | {row['quote'][:60]}")
    p = hits / pred_n if pred_n else 1.0
    r = hits / gold_n if gold_n else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"\nmeasures: P={p:.3f} R={r:.3f} F1={f1:.3f}  "
          f"(gold {gold_n}, predicted {pred_n}, right {hits}, wrong ids {wrong}, missed {missed})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "DOCS"), type=Path)
    ap.add_argument("--no-context", action="store_true", help="classify the indicator and unit alone")
    ap.add_argument("--no-heading", action="store_true", help="do not pass the heading above the target")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every row, not only the differences")
    args = ap.parse_args(argv)
    sets = args.set or DEFAULT_SETS
    return score(sets, use_context=not args.no_context, use_heading=not args.no_heading, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
