"""The command line: parse options, call the library, render. Nothing else.

Exit codes: 0 ok, 1 findings (check), 2 usage or input error.
"""

from __future__ import annotations

import functools
import os
import sqlite3
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
        "  zjpolicy targets --format csv --bom > targets.csv\n\n"
        "Every listing command takes --format, --columns, --bom, --excel-safe and --lang en; "
        "see COMMAND --help for examples.\n\n"
        "Exit codes: 0 ok, 1 findings (check), 2 usage or input error."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMAT_HELP = "table, csv, tsv, json, jsonl or markdown (default: table on a terminal, csv when piped)"
COLUMNS_HELP = "Only these columns, in this order: a,b,c (a wrong name lists the choices)."
BOM_HELP = "CSV/TSV for Excel on Windows: a UTF-8 byte-order mark and CRLF line ends (implies --format csv)."
EXCEL_SAFE_HELP = "Prefix ' to text cells that begin with = + - @, tab or CR, so a spreadsheet never runs them as formulas (default: on with --bom)."
LANG_HELP = "zh or en: English headers and names (pinyin places, institution kinds, roles, units); the Chinese stays in *_zh columns."


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
        except sqlite3.DatabaseError as e:
            # a damaged page read by a query: the file is not what a load wrote
            print(f"Error: {state.db or 'the default database'}: the database is damaged ({e}); load the documents again",
                  file=sys.stderr)
            raise typer.Exit(2) from None

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
    if state.db is not None:
        return state.db
    from zjpolicy.loader import ensure_default_db
    from zjpolicy.render import message

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


def _opt_format() -> Any:
    return typer.Option(None, "--format", "-f", help=FORMAT_HELP)


def _opt_columns() -> Any:
    return typer.Option(None, "--columns", "-c", help=COLUMNS_HELP)


def _opt_bom() -> Any:
    return typer.Option(False, "--bom", help=BOM_HELP)


def _opt_excel_safe() -> Any:
    return typer.Option(None, "--excel-safe/--no-excel-safe", help=EXCEL_SAFE_HELP)


def _opt_lang() -> Any:
    return typer.Option("zh", "--lang", help=LANG_HELP)


def _output(
    fmt: Optional[str], columns: Optional[str], bom: bool, excel_safe: Optional[bool], lang: str, quote: bool = False
) -> Any:
    """The shared options of a listing command, checked."""
    from zjpolicy.render import LANGS, Output

    f = "csv" if fmt is None and bom else _format(fmt)
    if bom and f not in ("csv", "tsv"):
        raise ZjpolicyError(f"--bom: only with --format csv or tsv, not {f}")
    language = lang.lower()
    if language not in LANGS:
        raise ZjpolicyError(f"--lang {lang}: choose one of {', '.join(LANGS)}")
    safe = bom if excel_safe is None else excel_safe
    return Output(fmt=f, columns=columns, bom=bom, excel_safe=safe, lang=language, quote=quote)


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

    Examples:

    \b
      zjpolicy --db hz.db load seeds/ more/plan-2025.txt
      zjpolicy --db hz.db load downloads/ --strict
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
            from rich.console import Console
            from rich.progress import Progress

            # on stderr, beside the other notices: stdout stays free for a pipe
            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("loading", total=total)

    def advance(self, _doc: str) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


TARGET_COLUMNS = ["year", "indicator", "value", "unit", "comparator", "region", "doc", "quote"]
TARGET_MACHINE = TARGET_COLUMNS[:7] + ["value_base", "base_unit", "start", "end", "quote"]
TARGET_EXTRA = ["value_start", "value_end"]


@command()
def targets(
    year: Optional[str] = typer.Option(None, "--year", "-y", help="Only targets due this year."),
    region: Optional[str] = typer.Option(None, "--region", help="Only documents of this city or district."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    grep: Optional[str] = typer.Option(None, "--grep", help="Only targets whose indicator or clause holds TEXT."),
    quote: bool = typer.Option(
        False, "--quote", help="The clause with its number highlighted (CSV/JSON: value_start, value_end too)."
    ),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Quantitative targets: indicator, value, unit, comparator, region, document, clause.

    Numbers stay numbers (2.5 with unit %); CSV and JSON add value_base (万/亿 multiplied
    out), base_unit and the clause's character offsets (start, end).

    Examples:

    \b
      zjpolicy targets --year 2024
      zjpolicy targets --grep 专利 --format csv > patents.csv
      zjpolicy targets --year 2025 --lang en --columns year,indicator,value,unit --quote
    """
    from zjpolicy import queries
    from zjpolicy.render import listing, mark_spans

    out = _output(fmt, columns, bom, excel_safe, lang, quote)
    y = _year(year)
    rows = queries.targets(_connect(), year=y, region=region, doc=doc, grep=grep)
    machine = TARGET_MACHINE
    if quote:
        mark_spans(rows, "value_start", "value_end")
        machine = TARGET_MACHINE[:-1] + TARGET_EXTRA + ["quote"]
    listing(rows, out, table=TARGET_COLUMNS, machine=machine, extra=TARGET_EXTRA,
            title=f"Targets{' due ' + str(y) if y else ''}: {len(rows)}")


@command()
def districts(
    sort: str = typer.Option("rnd", "--sort", "-s", help="rnd, prov-rnd, inst, key-inst, total or name (or a column)."),
    asc: bool = typer.Option(False, "--asc", help="Ascending (default: descending)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="The document whose table to show."),
    table: Optional[int] = typer.Option(None, "--table", help="Which table of the document (1, 2 …)."),
    chart: bool = typer.Option(False, "--chart", help="A bar chart of the --sort column (total for total/name), in its order."),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Counts by district, one row per district with a total; the document's 合计 as the footer.

    rnd = 市研发中心, prov-rnd = 省研发中心, inst = 省企业研究院, key-inst = 省重点企业研究院
    (these keys also name the columns in --columns).

    Examples:

    \b
      zjpolicy districts --sort rnd
      zjpolicy districts --sort total --chart
      zjpolicy districts --sort name --asc --lang en --format csv
    """
    from zjpolicy import queries
    from zjpolicy.render import listing
    from zjpolicy.render.terminal import district_chart

    if chart and (fmt not in (None, "table") or bom):
        raise ZjpolicyError("--chart draws in the terminal: leave out --format and --bom")
    out = _output(fmt, columns, bom, excel_safe, lang)
    view = queries.districts(_connect(), sort=sort, ascending=asc, doc=doc, table=table)
    title = f"{view.title or 'Counts by district'} ({view.doc})"
    if chart:
        column = queries.sort_keys().get(sort, sort if sort in view.columns else "total")
        district_chart(view.rows, column, title=title, lang=out.lang, warnings=view.warnings)
        return
    names = ["district", *view.columns, "total"]
    footer = [view.stated_total] if view.stated_total else [view.computed_total] if view.computed_total else []
    aliases = {k: v for k, v in queries.sort_keys().items() if v in view.columns}
    listing(
        view.rows, out, table=names, machine=names + ["doc", "start", "end"], title=title, footer=footer,
        warnings=view.warnings, header_columns=view.columns, aliases=aliases,
    )


OWNER_COLUMNS = ["task", "task_title", "clause", "role", "position", "agency", "lead", "doc"]
OWNER_EXTRA = ["agency_start", "agency_end", "quote"]


@command()
def owners(
    task: Optional[str] = typer.Option(None, "--task", "-t", help="Only this task number."),
    agency: Optional[str] = typer.Option(None, "--agency", "-a", help="Every task this agency owns, as lead first."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    quote: bool = typer.Option(
        False, "--quote", help="Add the clause with the agency highlighted (CSV/JSON: agency_start, agency_end too)."
    ),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Who is responsible for each numbered task.

    Examples:

    \b
      zjpolicy owners --task 7
      zjpolicy owners --agency 市经信局 --quote
      zjpolicy owners --lang en --format json
    """
    from zjpolicy import queries
    from zjpolicy.render import listing, mark_spans

    out = _output(fmt, columns, bom, excel_safe, lang, quote)
    conn = _connect()
    rows = queries.owners(conn, task=task, agency=agency, doc=doc)
    docs = sorted({r["doc"] for r in rows})
    notes = [f"{n['doc']}: {n['text']}" for n in queries.owner_notes(conn, docs)]
    table, machine = OWNER_COLUMNS, OWNER_COLUMNS + ["start", "end"]
    if quote:
        mark_spans(rows, "agency_start", "agency_end")
        table, machine = table + ["quote"], machine + OWNER_EXTRA
    listing(rows, out, table=table, machine=machine, extra=OWNER_EXTRA, title=f"Task owners: {len(rows)}", notes=notes)
    if out.fmt != "table":
        for n in notes:
            print(f"note: {n}", file=sys.stderr)


@command()
def docs(
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """The loaded documents and their metadata.

    CSV and JSON add the file format, length, SHA-256 and the document's span of text
    (start 0, end = its length in characters).

    Examples:

    \b
      zjpolicy docs
      zjpolicy docs --format json
      zjpolicy docs --columns id,title,date --format csv
    """
    from zjpolicy import queries
    from zjpolicy.render import listing

    out = _output(fmt, columns, bom, excel_safe, lang)
    rows = queries.documents(_connect())
    table = ["id", "title", "doc_number", "issuer", "date", "year", "region", "kind", "script", "targets", "owners", "district_cells"]
    listing(rows, out, table=table, machine=table + ["format", "chars", "sha256", "start", "end"],
            title=f"Documents: {len(rows)}")


SEARCH_TABLE = ["doc", "start", "kind", "context", "year", "indicator", "value", "unit"]
SEARCH_MACHINE = ["doc", "kind", "start", "end", "context", "year", "indicator", "value", "unit", "comparator"]


@command()
def search(
    text: str = typer.Argument(..., help="The text to find, in simplified or traditional script."),
    limit: int = typer.Option(50, "--limit", "-n", help="At most this many hits (0: all)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Find text in the documents and their targets, in either script (濱江區 finds 滨江区).

    Each hit: document id, character offsets (start, end) in the text, ±20 characters of
    context, and the target when the hit is in one (kind target, else text).

    Examples:

    \b
      zjpolicy search 研发中心
      zjpolicy search 濱江區 --limit 5
      zjpolicy search 专利 --format csv > hits.csv
    """
    from zjpolicy.render import listing, message
    from zjpolicy.search import search as run_search

    out = _output(fmt, columns, bom, excel_safe, lang)
    result = run_search(_connect(), text, limit=limit, doc=doc)
    shown = len(result.rows)
    more = f" (first {shown} shown; --limit 0 for all)" if shown < result.total else ""
    in_targets = any(r["kind"] == "target" for r in result.rows)
    table = SEARCH_TABLE if in_targets else SEARCH_TABLE[:4]  # no empty target columns on screen
    listing(result.rows, out, table=table, machine=SEARCH_MACHINE, extra=SEARCH_TABLE,
            title=f"Search {result.query}: {result.total} hit{'' if result.total == 1 else 's'}{more}")
    if more and out.fmt != "table":
        message(f"{result.total} hits, first {shown} written; --limit 0 for all")


@command()
def show(
    doc: str = typer.Argument(..., help="The document id (see: zjpolicy docs)."),
    original: bool = typer.Option(False, "--original", help="The text as read, in its original script."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text or json (default: text)."),
) -> None:
    """A document's metadata and its text (the text every fact's offsets point into).

    Examples:

    \b
      zjpolicy show 003_319bd9830f448044
      zjpolicy show 000_3669a09881a7b6b9 --original
      zjpolicy show 003_319bd9830f448044 --format json
    """
    from zjpolicy import queries
    from zjpolicy.render import show_document

    f = (fmt or "text").lower()
    if f not in ("text", "json"):
        raise ZjpolicyError(f"--format {fmt}: choose text or json")
    show_document(queries.document(_connect(), doc), original=original, fmt=f)


@command("datasette-metadata")
def datasette_metadata(
    name: Optional[str] = typer.Option(None, "--name", help="The database's name in Datasette (default: the file's stem)."),
) -> None:
    """Metadata JSON for browsing the database in Datasette: titles, descriptions, units,
    document titles as labels, facets and full-text search.

    Examples:

    \b
      zjpolicy --db hz.db datasette-metadata > metadata.json
      datasette hz.db --metadata metadata.json
    """
    from zjpolicy.datasette_meta import metadata
    from zjpolicy.render import print_json

    path = _db_for_query()
    print_json(metadata(_connect(), name or Path(path).stem))


@command()
def export(
    directory: Path = typer.Argument(..., help="Folder for targets.csv, owners.csv, districts.csv."),
    bom: bool = typer.Option(False, "--bom", help="A UTF-8 byte-order mark and CRLF line ends, for Excel on Windows."),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Write tidy CSVs of every fact: targets.csv, owners.csv, districts.csv.

    Examples:

    \b
      zjpolicy --db hz.db export out/
      zjpolicy export out/ --bom
      zjpolicy export out/ --lang en
    """
    from zjpolicy import queries
    from zjpolicy.render import message, translate, write_csv

    out = _output("csv", None, bom, excel_safe, lang)
    rows = queries.export_rows(_connect())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZjpolicyError(f"{directory}: cannot create folder ({e.strerror})") from None
    for name, data in rows.items():
        columns = list(data[0]) if data else _EXPORT_COLUMNS[name]
        if out.lang == "en":
            data, columns = translate(data, columns)
        write_csv(str(directory / f"{name}.csv"), data, columns, bom=out.bom, excel_safe=out.excel_safe)
    message(f"Wrote {', '.join(f'{len(v)} {k}' for k, v in rows.items())} to {directory}")


@command()
def check(
    doc: Optional[str] = typer.Argument(None, help="Only this document id."),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Consistency findings: district tables that do not add up to their 合计, totals stated in the
    text that differ from the table, targets due before the document's date, numbered tasks with no
    owner. Exits 1 when a finding is an error.

    Examples:

    \b
      zjpolicy check
      zjpolicy check 000_3669a09881a7b6b9 --format csv
      zjpolicy check --columns doc,message && echo consistent
    """
    from zjpolicy.check import run_checks
    from zjpolicy.render import listing

    out = _output(fmt, columns, bom, excel_safe, lang)
    findings = run_checks(_connect(), doc)
    rows = [vars(x) for x in findings]
    errors = sum(1 for x in findings if x.level == "error")
    warnings = sum(1 for x in findings if x.level == "warning")
    table = ["doc", "level", "check", "message"]
    listing(rows, out, table=table, machine=table + ["start"], title=f"Findings: {errors} errors, {warnings} warnings")
    if errors:
        raise typer.Exit(1)


@command()
def facts(
    doc: str = typer.Argument(..., help="The document id (see: zjpolicy docs)."),
    fmt: Optional[str] = _opt_format(),
    columns: Optional[str] = _opt_columns(),
    bom: bool = _opt_bom(),
    excel_safe: Optional[bool] = _opt_excel_safe(),
    lang: str = _opt_lang(),
) -> None:
    """Every fact of one document with its quote and the matched span highlighted, to check the
    extraction in one screen.

    Examples:

    \b
      zjpolicy facts 003_319bd9830f448044
      zjpolicy facts 000_3669a09881a7b6b9 --format markdown
    """
    from zjpolicy import queries
    from zjpolicy.render import listing

    out = _output(fmt, columns, bom, excel_safe, lang)
    rows = [{"doc": doc, **r} for r in queries.facts(_connect(), doc)]
    table = ["kind", "what", "value", "start", "end", "quote"]
    listing(rows, out, table=table, machine=["doc", *table], title=f"Facts of {doc}: {len(rows)}")


_EXPORT_COLUMNS = {
    "targets": ["doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"],
    "owners": ["doc", "task", "task_title", "clause", "role", "position", "agency"],
    "districts": ["doc", "district", "institution", "count"],
}


def _is_usage_error(e: BaseException) -> bool:
    """click's usage errors, whether typer ships its own copy of click (0.29+) or uses click itself."""
    return any(k.__name__ == "UsageError" for k in type(e).__mro__) and hasattr(e, "format_message")


def main() -> None:
    """Entry point: one-line errors, exit 2 for usage and input errors."""
    command = typer.main.get_command(app)
    try:
        rc = command.main(prog_name="zjpolicy", standalone_mode=False)
    except ZjpolicyError as e:
        print(f"Error: {e}", file=sys.stderr)
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # the reader of a pipe (head, less) went away: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:
        if type(e).__name__ == "NoArgsIsHelpError":
            ctx = getattr(e, "ctx", None)
            print(ctx.get_help() if ctx else "", file=sys.stderr)
            sys.exit(2)
        if _is_usage_error(e):
            ctx = getattr(e, "ctx", None)
            sub = ctx.info_name + " " if ctx is not None and ctx.parent is not None else ""
            print(f"Error: {e.format_message()} (see: zjpolicy {sub}--help)", file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(2)
        if type(e).__name__ == "Abort":
            print("Aborted.", file=sys.stderr)
            sys.exit(130)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)
