"""`zjpolicy measures`: the common measures, with their counts of targets and achieved figures."""

from zjpolicy import tracking
from zjpolicy.cli import connect
from zjpolicy.cli.options import listing_options
from zjpolicy.render import Output, listing

COLUMNS = ["id", "zh", "en", "kind", "unit", "better", "targets", "achieved", "origin"]


@listing_options
def measures(
    *,
    out: Output,
) -> None:
    """kind: share, amount, growth, stock, flow or ratio; better: which way a figure beats its
    target (lower for a rate to keep down); targets, achieved: how many of each the database holds;
    origin: built-in, or the user's measures file that defines it.

    Examples:

    \b
      zjpolicy measures
      zjpolicy measures --columns id,zh,targets,achieved --format csv
    """
    rows = tracking.measure_rows(connect())
    targets, achieved = sum(r["targets"] for r in rows), sum(r["achieved"] for r in rows)
    title = out.say(f"Measures: {len(rows)} ({targets} targets, {achieved} achieved figures)",
                    f"通用指标：{len(rows)} 个（目标 {targets} 个，实绩 {achieved} 个）")
    listing(rows, out, table=COLUMNS, machine=COLUMNS, title=title)
