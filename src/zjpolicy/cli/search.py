"""`zjpolicy search`: text in the documents and their targets, in either script."""

from typing import Annotated

import typer

from zjpolicy.cli import connect
from zjpolicy.cli.options import Doc, listing_options
from zjpolicy.render import Output, listing, message

# A hit (search._hit): on a terminal, and in CSV and JSON.
TABLE = ["doc", "start", "kind", "context", "year", "indicator", "value", "unit"]
MACHINE = ["doc", "kind", "start", "end", "context", "year", "indicator", "value", "unit", "comparator"]


@listing_options
def search(
    text: Annotated[str, typer.Argument(help="The text to find, in simplified or traditional script.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits (0: all).")] = 50,
    doc: Doc = None,
    *,
    out: Output,
) -> None:
    """Each hit: document id, character offsets (start, end) in the text, ±20 characters of
    context, and the target when the hit is in one (kind target, else text).

    Examples:

    \b
      zjpolicy search 研发中心
      zjpolicy search 濱江區 --limit 5
      zjpolicy search 专利 --format csv > hits.csv
    """
    from zjpolicy.queries import require_document
    from zjpolicy.search import search as run_search

    conn = connect()
    if doc:
        require_document(conn, doc)
    result = run_search(conn, text, limit=limit, doc=doc)
    shown = len(result.rows)
    more = f" (first {shown} shown; --limit 0 for all)" if shown < result.total else ""
    in_targets = any(r["kind"] == "target" for r in result.rows)
    table = TABLE if in_targets else TABLE[:4]  # no empty target columns on screen
    listing(result.rows, out, table=table, machine=MACHINE, extra=TABLE,
            title=out.say(f"Search {result.query}: {result.total} hit{'' if result.total == 1 else 's'}{more}",
                          f"查找 {result.query}：{result.total} 处" + (f"（只列出前 {shown} 处，--limit 0 列出全部）" if more else "")))
    if more and out.fmt != "table":
        message(f"{result.total} hits, first {shown} written; --limit 0 for all")
