"""`zjpolicy targets`: the quantitative targets, filtered by year, region, document or text."""

from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import Doc, MeasureId, Region, four_digit_year, listing_options
from zjpolicy.render import Output, listing, mark_spans, message, views

# On a terminal; CSV and JSON add the query's other columns (render.views).
TABLE = ["year", "indicator", "value", "unit", "comparator", "region", "doc", "quote"]
QUOTE_ONLY = ["value_start", "value_end"]


@listing_options
def targets(
    year: Annotated[str | None, typer.Option("--year", "-y", help="Only targets due this year.")] = None,
    region: Region = None,
    doc: Doc = None,
    grep: Annotated[
        str | None, typer.Option("--grep", help="Only targets whose indicator or clause holds TEXT.")
    ] = None,
    quote: Annotated[
        bool,
        typer.Option("--quote", help="The clause with its number highlighted (CSV/JSON: value_start, value_end too)."),
    ] = False,
    measure: MeasureId = None,
    *,
    out: Output,
) -> None:
    """Numbers stay numbers (2.5 with unit %); CSV and JSON add value_base (万/亿 multiplied
    out), base_unit and the clause's character offsets (start, end).

    Examples:

    \b
      zjpolicy targets --year 2024
      zjpolicy targets --grep 专利 --format csv > patents.csv
      zjpolicy targets --year 2025 --lang en --columns year,indicator,value,unit --quote
    """
    due = four_digit_year(year)
    conn = connect()
    if measure:
        from zjpolicy.tracking import check_measure

        check_measure(conn, measure)
    rows = queries.targets(conn, year=due, region=region, doc=doc, grep=grep, measure=measure)
    if quote:
        mark_spans(rows, "value_start", "value_end")
    table, machine, extra = views(TABLE, queries.TARGET_COLUMNS, quote_only=QUOTE_ONLY, quote=quote)
    listing(rows, out, table=table, machine=machine, extra=extra,
            title=out.say(f"Targets: {len(rows)}", f"目标：{len(rows)} 条"))
    if not rows:
        from zjpolicy.tracking import nothing_found

        said = nothing_found(conn, "targets", region=region, year=due, measure=measure, doc=doc, grep=grep)
        if said:
            message(said)
