"""Annotate a set of real documents: one tool for every set, given the set's folder.

A set's folder holds `docs/` (one text a file, named by the document's id) and `gold/` (the CSV
files of ../shared/gold/GUIDE.md). While a set is collected it sits in `local-sets/NAME/`, which git
ignores; tests/realsets/README.md says what is committed and where the texts go.

    python tools/goldset.py init local-sets/NAME                   # docs/ and gold/ with the guide's headers
    python tools/goldset.py save-doc local-sets/NAME ID EXCERPT    # a JSON-escaped excerpt -> docs/ID.txt
    python tools/goldset.py check local-sets/NAME                  # the gold rows against the texts
    python tools/goldset.py strip-quotes local-sets/NAME tests/realsets/NAME   # gold rows to commit

Run it with the project's virtualenv: it reads texts as zjpolicy does (simplified, glosses dropped).
Exit status: 0 when every check passes, 1 when one fails, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zjpolicy.extract.numbers import parse_chinese_numeral
from zjpolicy.normalise import fold_width, strip_pinyin, to_simplified

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository, or beside a folder above it (a worktree in ../wt/NAME)
SHARED = next((p / "shared" for p in REPO.parents if (p / "shared").is_dir()), REPO.parent / "shared")
# Where the common measures are listed: the repository's own list once it has one, else the guide's.

# The guide's columns, file by file, in any order; targets.csv may also have a `measure` column.
COLUMNS = {
    "targets.csv": ["doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"],
    "owners.csv": ["doc", "task", "task_title", "clause", "role", "position", "agency"],
    "districts.csv": ["doc", "district", "institution", "count"],
    "achieved.csv": ["doc", "year", "measure", "value", "unit", "estimate", "quote"],
}
OPTIONAL = {"targets.csv": "measure"}
REQUIRED_FILES = ("targets.csv", "owners.csv", "districts.csv")
COMPARATORS = {"=", ">=", "<="}
TOTAL = "合计"
_SPACE = re.compile(r"\s+")
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")

Row = dict[str, str]


def nospace(text: str) -> str:
    return _SPACE.sub("", text)


# ---------------------------------------------------------------- a set on disk


@dataclass
class GoldSet:
    """A set's texts, in the forms the checks compare with, and its gold rows by file."""

    folder: Path
    texts: dict[str, str] = field(default_factory=dict)  # as stored, whitespace removed
    simple: dict[str, str] = field(default_factory=dict)  # simplified, whitespace removed
    bare: dict[str, str] = field(default_factory=dict)  # simplified, glosses dropped, half-width, no space
    headers: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> GoldSet:
        gold = cls(folder)
        for path in sorted(p for p in (folder / "docs").iterdir() if p.is_file() and not p.name.startswith(".")):
            text = _text(path)
            simple = to_simplified(text)
            gold.texts[path.stem] = nospace(text)
            gold.simple[path.stem] = nospace(simple)
            gold.bare[path.stem] = nospace(fold_width(strip_pinyin(simple)))
        for name in COLUMNS:
            path = folder / "gold" / name
            if path.exists():
                gold.headers[name], gold.rows[name] = read_csv(path)
        return gold


def _text(path: Path) -> str:
    """A document's text as zjpolicy reads it (a .txt as it is; a web page, .docx, .csv, .xlsx … by its reader)."""
    if path.suffix.lower() in (".txt", ".md", ""):
        return path.read_text(encoding="utf-8")
    from zjpolicy.formats import read_text

    return read_text(path, path.read_bytes())[0]


def read_csv(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: Iterable[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------- checks


Check = Callable[[GoldSet, list[str]], None]


def check_files(gold: GoldSet, errors: list[str]) -> None:
    """The guide's files and columns; every row of a document the set holds; simplified script."""
    for name in REQUIRED_FILES:
        if name not in gold.headers:
            errors.append(f"{name}: missing")
    for name, header in gold.headers.items():
        if not guide_columns(name, header):
            errors.append(f"{name}: columns {header}, the guide's are {COLUMNS[name]}")
            continue
        for n, row in enumerate(gold.rows[name], 2):
            if row["doc"] not in gold.texts:
                errors.append(f"{name}:{n}: no text docs/{row['doc']}.*")
            for column, value in row.items():
                if column != "quote" and isinstance(value, str) and to_simplified(value) != value:
                    errors.append(f"{name}:{n}: {column} is not simplified: {value}")


def guide_columns(name: str, header: list[str]) -> bool:
    required, optional = set(COLUMNS[name]), {OPTIONAL.get(name, "")}
    return required <= set(header) <= required | optional and len(set(header)) == len(header)


def check_figures(gold: GoldSet, errors: list[str]) -> None:
    """Targets and achieved figures: quote in the text, value in the quote, year, comparator, key."""
    for name in ("targets.csv", "achieved.csv"):
        for n, row in enumerate(gold.rows.get(name, []), 2):
            where = f"{name}:{n} {row['doc']} {row['value']}{row['unit']}"
            errors.extend(f"{where}: {problem}" for problem in figure_problems(gold, row))
            if name == "targets.csv":
                if row["comparator"] not in COMPARATORS:
                    errors.append(f"{where}: comparator {row['comparator']!r} is none of {sorted(COMPARATORS)}")
                if row["key"] not in row["indicator"]:
                    errors.append(f"{where}: key {row['key']} is not part of the indicator")
            elif row["estimate"] not in ("0", "1"):
                errors.append(f"{where}: estimate {row['estimate']!r} is neither 0 nor 1")


def figure_problems(gold: GoldSet, row: Row) -> list[str]:
    problems = []
    quote, doc = nospace(row["quote"]), row["doc"]
    if doc in gold.texts and quote not in gold.texts[doc] and quote not in gold.simple[doc]:
        problems.append(f"quote not in the text: {row['quote']}")
    if not re.fullmatch(r"-?\d+(\.\d+)?", row["value"]):  # a fall of a growth figure is negative (-6.8)
        problems.append("value is not Arabic digits")
    elif not value_in_quote(row["value"].lstrip("-"), row["quote"]):
        problems.append(f"value {row['value']} not in the quote: {row['quote']}")
    if not re.fullmatch(r"((19|20)\d\d)?", row["year"]):
        problems.append(f"year {row['year']!r} is neither a year nor blank")
    return problems


def value_in_quote(value: str, quote: str) -> bool:
    """The value as digits in the quote (glosses dropped, 1,200 as 1200), or as a Chinese numeral."""
    bare = nospace(fold_width(strip_pinyin(quote))).replace(",", "")
    if value in bare:
        return True
    numerals = (parse_chinese_numeral(run) for run in _CN_NUMERAL.findall(bare))
    return any(n is not None and str(n) == value for n in numerals)


def check_measures(gold: GoldSet, errors: list[str]) -> None:
    """A measure column holds ids of the common measures, or nothing."""
    used = [
        (name, n, row["measure"])
        for name in ("targets.csv", "achieved.csv")
        for n, row in enumerate(gold.rows.get(name, []), 2)
        if row.get("measure")
    ]
    if not used:
        return
    known = measure_ids()
    if not known:
        errors.append("measures are given but no list of measures was found (data/measures.toml)")
        return
    errors.extend(f"{name}:{n}: unknown measure {measure}" for name, n, measure in used if measure not in known)


def measure_ids() -> set[str]:
    """The ids of the common measures (data/measures.toml, read by zjpolicy.measures; the built-in ones only)."""
    from zjpolicy.measures import load_measures

    return set(load_measures(config_file=Path("/nonexistent")).measures)


def check_owners(gold: GoldSet, errors: list[str]) -> None:
    """Agencies and roles in the text; clauses and positions run 1..n inside a task and a clause."""
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    clauses: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for n, row in enumerate(gold.rows.get("owners.csv", []), 2):
        for column in ("agency", "role"):
            if row["doc"] in gold.bare and nospace(row[column]) not in gold.bare[row["doc"]]:
                errors.append(f"owners.csv:{n}: {column} {row[column]} not in the text")
        if not (row["clause"].isdigit() and row["position"].isdigit()):
            errors.append(f"owners.csv:{n}: clause and position are numbers from 1")
            continue
        # task numbers may restart under each section: the title tells two tasks apart
        task = (row["doc"], row["task"], row["task_title"])
        positions[(*task, row["clause"])].append(int(row["position"]))
        clauses[task].add(int(row["clause"]))
    for key, found in positions.items():
        if found != list(range(1, len(found) + 1)):
            errors.append(f"owners.csv: positions {found} in {key}")
    for key, numbers in clauses.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            errors.append(f"owners.csv: clauses {sorted(numbers)} in {key}")


def check_districts(gold: GoldSet, errors: list[str]) -> None:
    """Places and counts in the text, each cell once."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for n, row in enumerate(gold.rows.get("districts.csv", []), 2):
        doc = row["doc"]
        if doc in gold.simple and row["district"] != TOTAL and row["district"] not in gold.simple[doc]:
            errors.append(f"districts.csv:{n}: {row['district']} not in the text")
        if not row["count"].isdigit() or (doc in gold.texts and row["count"] not in gold.texts[doc]):
            errors.append(f"districts.csv:{n}: count {row['count']!r} is not digits of the text")
        seen[(doc, row["district"], row["institution"])] += 1
    errors.extend(f"districts.csv: {key} twice" for key, times in seen.items() if times > 1)


CHECKS: tuple[Check, ...] = (check_figures, check_measures, check_owners, check_districts)


def column_sum_notes(gold: GoldSet) -> list[str]:
    """Columns whose places do not add up to their 合计 row. Only a note: the printed total also
    counts rows the guide leaves out (其他, a subtotal), so a difference may be right."""
    columns: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in gold.rows.get("districts.csv", []):
        if row["count"].isdigit():
            columns[(row["doc"], row["institution"])][row["district"]] = int(row["count"])
    notes = []
    for (doc, institution), cells in columns.items():
        if TOTAL in cells and (parts := sum(v for k, v in cells.items() if k != TOTAL)) != cells[TOTAL]:
            notes.append(f"{doc} {institution}: the places add up to {parts}, {TOTAL} is {cells[TOTAL]}")
    return notes


# ---------------------------------------------------------------- commands


def check(folder: Path) -> int:
    gold = GoldSet.read(folder)
    errors: list[str] = []
    check_files(gold, errors)
    # the other checks read the files whose columns are the guide's
    gold.rows = {name: rows for name, rows in gold.rows.items() if guide_columns(name, gold.headers[name])}
    for step in CHECKS:
        step(gold, errors)
    counts = ", ".join(f"{len(rows)} {name.removesuffix('.csv')}" for name, rows in gold.rows.items())
    print(f"{folder}: {len(gold.texts)} texts; {counts}")
    for note in column_sum_notes(gold):
        print(f"note: {note}")
    for error in errors:
        print(f"FAIL {error}")
    print(f"{len(errors)} failures" if errors else "all checks pass")
    return 1 if errors else 0


def strip_quotes(folder: Path, out: Path) -> int:
    """Copy the gold files to OUT/gold/ without their quote column: the rows a repository may hold."""
    for path in sorted((folder / "gold").glob("*.csv")):
        header, rows = read_csv(path)
        kept = [c for c in header if c != "quote"]
        write_csv(out / "gold" / path.name, kept, rows)
        print(f"{out / 'gold' / path.name}: {len(rows)} rows, columns {','.join(kept)}")
    return 0


def init(folder: Path) -> int:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for name in REQUIRED_FILES:
        path = folder / "gold" / name
        if not path.exists():
            write_csv(path, COLUMNS[name], [])
    print(f"{folder}: docs/ and gold/ ready")
    return 0


def save_doc(folder: Path, doc_id: str, excerpt: Path) -> int:
    """Write an excerpt that is still JSON-escaped (the body of a JSON string) to docs/ID.txt as UTF-8,
    decoded and otherwise unchanged."""
    body = excerpt.read_text(encoding="utf-8").removesuffix("\n")
    text = json.loads(f'"{body}"')
    out = folder / "docs" / f"{doc_id}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(text.encode('utf-8'))} bytes")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="make docs/ and gold/ with the guide's headers").add_argument("set", type=Path)
    commands.add_parser("check", help="check the gold rows against the texts").add_argument("set", type=Path)
    strip = commands.add_parser("strip-quotes", help="the gold rows without quotes, to commit")
    strip.add_argument("set", type=Path)
    strip.add_argument("out", type=Path, help="the set's folder in the repository: tests/realsets/NAME")
    save = commands.add_parser("save-doc", help="a JSON-escaped excerpt to docs/ID.txt")
    save.add_argument("set", type=Path)
    save.add_argument("id", help="the document's id: the file stem, e.g. u01_hangzhou_kjgzyd2025")
    save.add_argument("excerpt", type=Path, help="a file holding the excerpt, still JSON-escaped")
    args = parser.parse_args(argv)
    if args.command != "init" and not (args.set / ("gold" if args.command != "save-doc" else "")).is_dir():
        parser.error(f"{args.set}: no such set folder (it holds docs/ and gold/)")
    if args.command == "check":
        return check(args.set)
    if args.command == "strip-quotes":
        return strip_quotes(args.set, args.out)
    if args.command == "save-doc":
        return save_doc(args.set, args.id, args.excerpt)
    return init(args.set)


if __name__ == "__main__":
    sys.exit(main())
