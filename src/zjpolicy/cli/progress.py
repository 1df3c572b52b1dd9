"""`zjpolicy progress`: every target with a measure beside the figure that says whether it was met."""

from typing import Annotated

import typer

from zjpolicy import tracking
from zjpolicy.cli import connect
from zjpolicy.cli.options import MeasureId, Region, Year, four_digit_year, listing_options
from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import Output, listing, message

TABLE = ["region", "year", "measure", "comparator", "target", "unit", "figure", "figure_year", "gap", "status", "doc"]
MACHINE = [*TABLE, "figure_doc", "estimate", "indicator", "region_code", "start", "end", "quote", "figure_quote"]


@listing_options
def progress(
    region: Region = None,
    measure: MeasureId = None,
    year: Year = None,
    status: Annotated[
        str | None, typer.Option("--status", help=f"Only this status: {', '.join(tracking.STATUSES)}.")
    ] = None,
    *,
    out: Output,
) -> None:
    """The figure is the achieved figure of the target's place, measure and year (a final figure
    before an estimate, then the later document's), in the target's unit; gap = figure - target.
    Status: met, short (the figure misses the target: below it, or above an at-most target such
    as 以内 or a rate kept low), not yet due (the target's year has not ended), no figure (it has,
    and no loaded document reports it), no year (the target names none). Where only an earlier
    year's figure exists it is shown, with figure_year, beside the status. Values compare in
    their base unit (亿元 multiplied out) and only in the same one: a share never meets an
    amount, and a stock target (hitech_firms) never a flow figure (hitech_firms_new).

    Examples:

    \b
      zjpolicy progress --measure rd_intensity
      zjpolicy progress --region 杭州市 --year 2024
      zjpolicy progress --measure hitech_firms_new --status short --format csv
    """
    if status is not None and status not in tracking.STATUSES:
        raise ZjpolicyError(f"--status {status}: choose one of {', '.join(tracking.STATUSES)}")
    conn = connect()
    if measure:
        tracking.check_measure(conn, measure)
    due = four_digit_year(year)
    rows = tracking.progress(conn, measure=measure, region=region, year=due, status=status)
    lang = out.language or out.lang
    what = tracking.measure_name(measure, lang) if measure else out.say("every measure", "全部通用指标")
    counts = tracking.status_counts(rows, out.language or out.lang)
    today = tracking.today().isoformat()
    title = out.say(f"Progress of {what} as of {today}: {len(rows)} targets", f"{what}的进展（截至 {today}）：{len(rows)} 个目标")
    title += out.say(f" ({counts})", f"（{counts}）") if counts else ""
    listing(rows, out, table=TABLE, machine=MACHINE, title=title)
    if not rows:
        noun = "targets" if measure else "targets with a measure"
        said = tracking.nothing_found(conn, noun, region=region, year=due, measure=measure, status=status)
        message(said or "no targets with a measure in the database (see: zjpolicy measures)")
