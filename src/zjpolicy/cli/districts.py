"""`zjpolicy districts`: a document's table of counts by district, sorted, or as a bar chart."""

from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import listing_options
from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import Output, listing


@listing_options
def districts(
    sort: Annotated[
        str, typer.Option("--sort", "-s", help="rnd, prov-rnd, inst, key-inst, total or name (or a column).")
    ] = "rnd",
    asc: Annotated[bool, typer.Option("--asc", help="Ascending (default: descending).")] = False,
    doc: Annotated[str | None, typer.Option("--doc", help="The document whose table to show.")] = None,
    table: Annotated[int | None, typer.Option("--table", help="Which table of the document (1, 2 …).")] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="A bar chart of the --sort column (total for total/name), in its order.")
    ] = False,
    *,
    out: Output,
) -> None:
    """rnd = 市研发中心, prov-rnd = 省研发中心, inst = 省企业研究院, key-inst = 省重点企业研究院
    (these keys also name the columns in --columns).

    Examples:

    \b
      zjpolicy districts --sort rnd
      zjpolicy districts --sort total --chart
      zjpolicy districts --sort name --asc --lang en --format csv
    """
    if chart and ((out.format_given and out.fmt != "table") or out.bom):
        raise ZjpolicyError("--chart draws in the terminal: leave out --format and --bom")
    view = queries.districts(connect(), sort=sort, ascending=asc, doc=doc, table=table)
    title = f"{view.title or 'Counts by district'} ({view.doc})"
    if chart:
        from zjpolicy.render.terminal import district_chart

        column = queries.sort_keys().get(sort, sort if sort in view.columns else "total")
        district_chart(view.rows, column, title=title, lang=out.lang, warnings=view.warnings)
        return
    names = ["district", *view.columns, "total"]
    footer = [view.stated_total] if view.stated_total else [view.computed_total] if view.computed_total else []
    aliases = {k: v for k, v in queries.sort_keys().items() if v in view.columns}
    listing(
        view.rows, out, table=names, machine=[*names, "doc", "start", "end"], title=title, footer=footer,
        warnings=view.warnings, header_columns=view.columns, aliases=aliases,
    )
