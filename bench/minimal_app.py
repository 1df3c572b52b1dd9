"""The peer for query start-up: the least a typer CLI can do for `targets --year 2024 --format csv`.

One typer app with a `--db` callback and a `targets` command taking `--year` and
`--format`; it runs one SQLite query and prints CSV. bench/run.py times it
against `zjpolicy targets`.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
DB: list[Path] = []

SQL = (
    "select t.year, t.indicator, t.value, t.unit, t.comparator, t.region, t.doc_id as doc,"
    " t.value_base, t.base_unit, t.start, t.end, t.quote"
    " from targets t join documents d on d.id = t.doc_id where t.year = ?"
    " order by t.year, t.doc_id, t.start, t.seq"
)


@app.callback()
def main(db: Annotated[Path, typer.Option("--db")]) -> None:
    DB.append(db)


@app.command()
def targets(
    year: str | None = typer.Option(None, "--year"),
    fmt: str | None = typer.Option("csv", "--format"),
) -> None:
    conn = sqlite3.connect(f"file:{DB[0]}?mode=ro", uri=True)
    cur = conn.execute(SQL, (int(year) if year else 0,))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    w.writerows(cur)


if __name__ == "__main__":
    app()
