"""`zjpolicy compare`: one measure's targets and achieved figures, by region and year."""

from typing import Annotated

import typer

from zjpolicy import tracking
from zjpolicy.cli import connect
from zjpolicy.cli.options import Region, Year, four_digit_year, listing_options
from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import Output, listing, message

TABLE = ["region", "year", "target", "achieved", "target_doc", "achieved_doc"]
MACHINE = [*TABLE, "target_value", "achieved_value", "unit", "estimate", "measure", "region_code"]


@listing_options
def compare(
    measure: Annotated[str, typer.Argument(help="The measure's id (see: zjpolicy measures).", show_default=False)],
    year: Year = None,
    region: Region = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="A bar chart of the targets (the standing one of each region and year).")
    ] = False,
    achieved: Annotated[bool, typer.Option("--achieved", help="With --chart: chart the achieved figures.")] = False,
    *,
    out: Output,
) -> None:
    """A region is a document's place (杭州市 and 杭州 are one); rows are sorted by region, in the
    divisions' order (a city, then the places inside it), then year. A cell with several targets
    or figures lists each with its documents; a figure the document calls an estimate (预计) says
    so. CSV and JSON add target_value (the latest document's target), achieved_value (the figure
    to believe first: a final one before an estimate, then the later document's, in the target's
    unit) and unit.

    Examples:

    \b
      zjpolicy compare rd_intensity
      zjpolicy compare hitech_firms_new --region 宁波 --format csv
      zjpolicy compare rd_intensity --chart --lang en
    """
    if chart and ((out.format_given and out.fmt != "table") or out.bom):
        raise ZjpolicyError("--chart draws in the terminal: leave out --format and --bom")
    conn = connect()
    tracking.check_measure(conn, measure, option="measure")
    due = four_digit_year(year)
    rows = tracking.compare(conn, measure, year=due, region=region)
    lang = out.language or out.lang
    name = tracking.measure_name(measure, lang)
    if chart:
        _chart(rows, name, achieved=achieved, out=out)
    else:
        title = out.say(f"{name}: targets and achieved figures by region and year: {len(rows)}",
                        f"{name}：各地区各年的目标与实绩，{len(rows)} 行")
        listing(tracking.estimates_in(rows, out.language), out, table=TABLE, machine=MACHINE, title=title)
    if not rows:
        message(tracking.nothing_found(conn, "targets or achieved figures", region=region, year=due, measure=measure))


def _chart(rows: list[dict[str, object]], name: str, *, achieved: bool, out: Output) -> None:
    """One bar per region and year: its standing target, or (achieved) its figure, in the rows' order."""
    from zjpolicy.glossary import place
    from zjpolicy.render.terminal import chart

    column = "achieved_value" if achieved else "target_value"
    shown = [r for r in rows if isinstance(r[column], (int, float))]
    labels = [f"{place(str(r['region'])) if out.lang == 'en' else r['region']} {r['year'] or ''}".strip() for r in shown]
    units = ", ".join(sorted({str(r["unit"]) for r in shown}))
    what = out.say("achieved figures", "实绩") if achieved else out.say("targets", "目标")
    chart(labels, [r[column] for r in shown], title=out.say(f"{name}: {what} by region and year ({units})",
                                                           f"{name}：各地区各年的{what}（{units}）"))
