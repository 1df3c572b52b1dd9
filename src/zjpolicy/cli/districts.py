"""`zjpolicy districts`: a document's table of counts by district, sorted, or as a bar chart."""

import sys
from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import complete_doc_id, listing_options
from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import HUMAN_FORMATS, Output, listing

SORTS = ["rnd", "prov-rnd", "inst", "key-inst", "total", "name"]


def _complete_sort(incomplete: str) -> list[str]:
    return [s for s in SORTS if s.startswith(incomplete)]


@listing_options
def districts(
    sort: Annotated[
        str | None,
        typer.Option("--sort", "-s", metavar="[" + "|".join(SORTS) + "|COLUMN]", autocompletion=_complete_sort,
                     help="rnd, prov-rnd, inst, key-inst, total or name (or a column); default: rnd, or total for a "
                     "table without 市研发中心."),
    ] = None,
    asc: Annotated[bool, typer.Option("--asc", help="Ascending (default: descending).")] = False,
    doc: Annotated[
        str | None, typer.Option("--doc", help="The document whose table to show.", autocompletion=complete_doc_id)
    ] = None,
    table: Annotated[int | None, typer.Option("--table", help="Which table of the document (1, 2 …).")] = None,
    tables: Annotated[
        bool, typer.Option("--tables", help="List the district tables (document, number, caption) instead.")
    ] = False,
    with_total: Annotated[
        bool,
        typer.Option("--with-total", help="CSV/JSON: add the 合计 row (is_total 1); without it a column sums to the 合计."),
    ] = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="A bar chart of the --sort column (total for total/name), in its order.")
    ] = False,
    *,
    out: Output,
) -> None:
    """rnd = 市研发中心, prov-rnd = 省研发中心, inst = 省企业研究院, key-inst = 省重点企业研究院
    (these keys also name the columns in --columns). CSV and JSON hold the districts only,
    each with is_total 0, so that a spreadsheet's SUM is the 合计; --with-total adds the 合计
    row (is_total 1). When there are several tables, the title says which one is shown.

    Examples:

    \b
      zjpolicy districts --sort rnd
      zjpolicy districts --tables
      zjpolicy districts --sort name --asc --lang en --format csv
    """
    if chart and ((out.format_given and out.fmt != "table") or out.bom):
        raise ZjpolicyError("--chart draws in the terminal: leave out --format and --bom (图表只在终端显示)")
    conn = connect()
    if tables:
        rows = queries.district_table_list(conn, doc)
        listing(rows, out, table=queries.DISTRICT_TABLE_COLUMNS, machine=queries.DISTRICT_TABLE_COLUMNS,
                title=out.say(f"District tables: {len(rows)}", f"区县统计表：{len(rows)} 个"))
        return
    view = queries.districts(conn, sort=sort, ascending=asc, doc=doc, table=table)
    title = f"{view.title or out.say('Counts by district', '区县统计')} ({view.doc})"
    if view.tables > 1:
        which = out.say(f"table {view.table_no} of {view.tables}; zjpolicy districts --tables lists them",
                        f"第 {view.table_no} 个表，共 {view.tables} 个；zjpolicy districts --tables 列出全部")
        title += f" — {which}"
    if chart:
        from zjpolicy.render.terminal import district_chart

        total = "total" if not view.subtotal else view.columns[0]  # a table whose columns overlap has no row total
        column = queries.sort_keys().get(sort or "rnd", sort if sort in view.columns else total)
        column = column if column in view.columns else total
        district_chart(view.rows, column, title=title, lang=out.lang, warnings=view.warnings)
        return
    names = ["district", *view.columns, *([] if view.subtotal else ["total"])]
    if view.subtotal:
        view.warnings.append(out.say(f"no row total: the columns overlap ({view.subtotal})",
                                     f"无行合计：各列有重叠（{view.subtotal}）"))
    footer = [view.stated_total] if view.stated_total else [view.computed_total] if view.computed_total else []
    if out.fmt not in HUMAN_FORMATS:
        if not with_total:
            footer = []
        if view.tables > 1:
            print(f"note: {view.doc} table {view.table_no} of {view.tables} (zjpolicy districts --tables lists them)",
                  file=sys.stderr)
    aliases = {k: v for k, v in queries.sort_keys().items() if v in view.columns}
    listing(
        view.rows, out, table=names, machine=[*names, "is_total", "doc", "start", "end"], title=title, footer=footer,
        warnings=view.warnings, header_columns=view.columns, aliases=aliases,
    )
