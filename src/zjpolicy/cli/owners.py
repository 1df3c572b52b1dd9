"""`zjpolicy owners`: who owns each numbered task, by task, agency or document."""

import sys
from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import Doc, listing_options
from zjpolicy.render import Output, listing, mark_spans, views

# On a terminal; CSV and JSON add the query's other columns (render.views).
TABLE = ["task", "task_title", "clause", "role", "position", "agency", "lead", "doc", "quote"]
QUOTE_ONLY = ["agency_start", "agency_end", "quote"]


@listing_options
def owners(
    task: Annotated[str | None, typer.Option("--task", "-t", help="Only this task number.")] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", "-a", help="Every task this agency owns, as lead first.")
    ] = None,
    doc: Doc = None,
    quote: Annotated[
        bool,
        typer.Option(
            "--quote", help="Add the clause with the agency highlighted (CSV/JSON: agency_start, agency_end too)."
        ),
    ] = False,
    *,
    out: Output,
) -> None:
    """Examples:

    \b
      zjpolicy owners --task 7
      zjpolicy owners --agency 市经信局 --quote
      zjpolicy owners --lang en --format json
    """
    conn = connect()
    rows = queries.owners(conn, task=task, agency=agency, doc=doc)
    docs = sorted({r["doc"] for r in rows})
    notes = [f"{n['doc']}: {n['text']}" for n in queries.owner_notes(conn, docs)]
    if quote:
        mark_spans(rows, "agency_start", "agency_end")
    table, machine, extra = views(TABLE, queries.OWNER_COLUMNS, quote_only=QUOTE_ONLY, quote=quote)
    listing(rows, out, table=table, machine=machine, extra=extra, title=out.say(f"Task owners: {len(rows)}", f"任务责任单位：{len(rows)} 条"), notes=notes)
    if out.fmt != "table":  # the table shows them under its rows
        for n in notes:
            print(f"note: {n}", file=sys.stderr)
