"""The command line: parse options, call the library, render. Nothing else.

Exit codes: 0 ok, 1 findings (check), 2 usage or input error.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, TypeVar

import typer

from zjpolicy.errors import ZjpolicyError

app = typer.Typer(
    name="zjpolicy",
    help=(
        "Zhejiang science-and-technology policy documents as a SQLite database of facts: "
        "targets, task owners and counts by district.\n\n"
        "Examples:\n\n"
        "  zjpolicy targets --year 2024\n\n"
        "  zjpolicy districts --sort rnd\n\n"
        "  zjpolicy --db my.db load docs/ && zjpolicy --db my.db owners --agency 市经信局\n\n"
        "Exit codes: 0 ok, 1 findings (check), 2 usage or input error."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMAT_HELP = "table, csv, tsv, json, jsonl or markdown (default: table on a terminal, csv when piped)"


F = TypeVar("F", bound=Callable[..., Any])


def _one_line_errors(func: F) -> F:
    """A ZjpolicyError becomes `Error: …` on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ZjpolicyError as e:
            print(f"Error: {e}", file=sys.stderr)
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    def register(func: F) -> F:
        app.command(*args, **kwargs)(_one_line_errors(func))
        return func

    return register


class State:
    db: Optional[Path] = None


state = State()


@app.callback()
def main_options(
    db: Optional[Path] = typer.Option(
        None, "--db", envvar="ZJPOLICY_DB", help="Database file (default: built from the bundled seeds)."
    ),
) -> None:
    state.db = db


def _db_for_query() -> Path:
    from zjpolicy.loader import ensure_default_db
    from zjpolicy.render import message

    if state.db is not None:
        return state.db
    return ensure_default_db(message)


def _connect() -> Any:
    from zjpolicy.queries import connect

    return connect(_db_for_query())


def _format(fmt: Optional[str]) -> str:
    from zjpolicy.render import FORMATS, default_format

    if fmt is None:
        return default_format()
    f = fmt.lower()
    if f not in FORMATS:
        raise ZjpolicyError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    return f


def _year(year: Optional[str]) -> Optional[int]:
    if year is None:
        return None
    if not (year.isdigit() and len(year) == 4):
        raise ZjpolicyError(f"--year {year}: give a four-digit year such as 2024")
    return int(year)


@command()
def load(
    paths: list[Path] = typer.Argument(..., help="Files or folders of documents."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    strict: bool = typer.Option(False, "--strict", help="Any bad file fails the whole load."),
) -> None:
    """Build the database from exactly these documents (a document's id is its file stem).

    Example: zjpolicy --db hz.db load seeds/ more/plan-2025.txt
    """
    from zjpolicy.loader import load as run_load
    from zjpolicy.render import message

    if state.db is None:
        raise ZjpolicyError("load needs --db PATH (or ZJPOLICY_DB): the default database is built from the seeds")
    progress = _progress(quiet)
    report = run_load(state.db, paths, strict=strict, on_document=progress.advance, on_files=progress.start)
    progress.stop()
    for line in report.skipped:
        message(f"skipped: {line}")
    if not quiet:
        c = report.counts
        message(
            f"Loaded {c['documents']} documents into {state.db}: {c['targets']} targets, "
            f"{c['owners']} task owners, {c['district_cells']} district cells"
            + (f"; {len(report.skipped)} skipped" if report.skipped else "")
        )


class _progress:
    """A rich progress bar on a terminal; nothing otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.enabled = not quiet and sys.stderr.isatty()

    def start(self, total: int) -> None:
        if self.enabled and total > 1:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("loading", total=total)

    def advance(self, _doc: str) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


TARGET_COLUMNS = ["year", "indicator", "value", "unit", "comparator", "region", "doc", "quote"]


@command()
def targets(
    year: Optional[str] = typer.Option(None, "--year", "-y", help="Only targets due this year."),
    region: Optional[str] = typer.Option(None, "--region", help="Only documents of this city or district."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    grep: Optional[str] = typer.Option(None, "--grep", help="Only targets whose indicator or clause holds TEXT."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Quantitative targets: indicator, value, unit, comparator, region, document, clause.

    Examples: zjpolicy targets --year 2024 ; zjpolicy targets --grep 专利 --format csv > patents.csv
    """
    from zjpolicy import queries
    from zjpolicy.render import emit

    f = _format(fmt)
    y = _year(year)
    rows = queries.targets(_connect(), year=y, region=region, doc=doc, grep=grep)
    columns = TARGET_COLUMNS if f == "table" else TARGET_COLUMNS[:7] + ["value_base", "base_unit", "start", "end", "quote"]
    emit(rows, columns, f, title=f"Targets{' due ' + str(y) if y else ''}: {len(rows)}")


@command()
def districts(
    sort: str = typer.Option("rnd", "--sort", "-s", help="rnd, prov-rnd, inst, key-inst, total or name (or a column)."),
    asc: bool = typer.Option(False, "--asc", help="Ascending (default: descending)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="The document whose table to show."),
    table: Optional[int] = typer.Option(None, "--table", help="Which table of the document (1, 2 …)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Counts by district, one row per district with a total; the document's 合计 as the footer.

    rnd = 市研发中心, prov-rnd = 省研发中心, inst = 省企业研究院, key-inst = 省重点企业研究院.

    Examples: zjpolicy districts --sort rnd ; zjpolicy districts --sort name --asc --format csv
    """
    from zjpolicy import queries
    from zjpolicy.render import emit

    f = _format(fmt)
    view = queries.districts(_connect(), sort=sort, ascending=asc, doc=doc, table=table)
    columns = ["district", *view.columns, "total"]
    footer = [view.stated_total] if view.stated_total else [view.computed_total] if view.computed_total else []
    rows = view.rows if f == "table" else view.rows + footer
    emit(
        rows, columns, f, title=f"{view.title or 'Counts by district'} ({view.doc})",
        footer=footer if f == "table" else (), warnings=view.warnings,
    )


OWNER_COLUMNS = ["task", "task_title", "clause", "role", "position", "agency", "lead", "doc"]


@command()
def owners(
    task: Optional[str] = typer.Option(None, "--task", "-t", help="Only this task number."),
    agency: Optional[str] = typer.Option(None, "--agency", "-a", help="Every task this agency owns, as lead first."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Who is responsible for each numbered task.

    Examples: zjpolicy owners --task 7 ; zjpolicy owners --agency 市经信局
    """
    from zjpolicy import queries
    from zjpolicy.render import emit

    f = _format(fmt)
    conn = _connect()
    rows = queries.owners(conn, task=task, agency=agency, doc=doc)
    docs = sorted({r["doc"] for r in rows})
    notes = [f"{n['doc']}: {n['text']}" for n in queries.owner_notes(conn, docs)]
    columns = OWNER_COLUMNS if f == "table" else OWNER_COLUMNS + ["start", "end"]
    emit(rows, columns, f, title=f"Task owners: {len(rows)}", notes=notes)
    if f != "table":
        for n in notes:
            print(f"note: {n}", file=sys.stderr)


@command()
def docs(fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP)) -> None:
    """The loaded documents and their metadata.

    Example: zjpolicy docs --format json
    """
    from zjpolicy import queries
    from zjpolicy.render import emit

    f = _format(fmt)
    rows = queries.documents(_connect())
    columns = ["id", "title", "doc_number", "issuer", "date", "year", "region", "kind", "script", "targets", "owners", "district_cells"]
    if f != "table":
        columns += ["format", "chars", "sha256"]
    emit(rows, columns, f, title=f"Documents: {len(rows)}")


@command()
def export(directory: Path = typer.Argument(..., help="Folder for targets.csv, owners.csv, districts.csv.")) -> None:
    """Write tidy CSVs of every fact: targets.csv, owners.csv, districts.csv.

    Example: zjpolicy --db hz.db export out/
    """
    from zjpolicy import queries
    from zjpolicy.render import message, write_csv

    rows = queries.export_rows(_connect())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZjpolicyError(f"{directory}: cannot create folder ({e.strerror})") from None
    for name, data in rows.items():
        columns = list(data[0]) if data else _EXPORT_COLUMNS[name]
        write_csv(str(directory / f"{name}.csv"), data, columns)
    message(f"Wrote {', '.join(f'{len(v)} {k}' for k, v in rows.items())} to {directory}")


@command()
def check(
    doc: Optional[str] = typer.Argument(None, help="Only this document id."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Consistency findings: district tables that do not add up to their 合计, totals stated in the
    text that differ from the table, targets due before the document's date, numbered tasks with no
    owner. Exits 1 when a finding is an error.

    Examples: zjpolicy check ; zjpolicy check 000_3669a09881a7b6b9 --format csv
    """
    from zjpolicy.check import run_checks
    from zjpolicy.render import emit

    f = _format(fmt)
    findings = run_checks(_connect(), doc)
    rows = [vars(x) for x in findings]
    errors = sum(1 for x in findings if x.level == "error")
    warnings = sum(1 for x in findings if x.level == "warning")
    emit(rows, ["doc", "level", "check", "message"], f, title=f"Findings: {errors} errors, {warnings} warnings")
    if errors:
        raise typer.Exit(1)


@command()
def facts(
    doc: str = typer.Argument(..., help="The document id (see: zjpolicy docs)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Every fact of one document with its quote and the matched span highlighted, to check the
    extraction in one screen.

    Example: zjpolicy facts 003_319bd9830f448044
    """
    from zjpolicy import queries
    from zjpolicy.render import emit

    f = _format(fmt)
    rows = queries.facts(_connect(), doc)
    emit(rows, ["kind", "what", "value", "start", "end", "quote"], f, title=f"Facts of {doc}: {len(rows)}")


_EXPORT_COLUMNS = {
    "targets": ["doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"],
    "owners": ["doc", "task", "task_title", "clause", "role", "position", "agency"],
    "districts": ["doc", "district", "institution", "count"],
}


def main() -> None:
    """Entry point: one-line errors, exit 2 for usage and input errors."""
    import click

    command = typer.main.get_command(app)
    try:
        rc = command.main(prog_name="zjpolicy", standalone_mode=False)
    except ZjpolicyError as e:
        print(f"Error: {e}", file=sys.stderr)
        sys.exit(e.exit_code)
    except click.exceptions.NoArgsIsHelpError as e:
        print(e.ctx.get_help() if e.ctx else "", file=sys.stderr)
        sys.exit(2)
    except click.UsageError as e:
        print(f"Error: {e.format_message()} (see: zjpolicy {e.ctx.info_name + ' ' if e.ctx and e.ctx.parent else ''}--help)", file=sys.stderr)
        sys.exit(2)
    except click.Abort:
        print("Aborted.", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        # the reader of a pipe (head, less) went away: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(rc if isinstance(rc, int) else 0)
