"""The terminal's views: a table aligned by display width that never cuts text, and bar charts.

Imported only when a table or chart is drawn: rich is loaded here, never for a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from zjpolicy.render.sheet import Sheet, cell_text, numeric

# Columns of running text: they wrap; the others keep one line.
WIDE_COLUMNS = {
    "indicator", "quote", "task_title", "title", "agency", "text", "issuer", "lead", "message", "detail",
    "context", "what",
}
# Partial blocks for bar charts, in eighths.
_EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]


def _console(out: TextIO) -> Any:
    from rich.console import Console

    width = None if out.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(
        file=out, width=width, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False,
        emoji=False,
    )


def _colour(console: Any) -> bool:
    """Colour and styles only on a terminal, and never with NO_COLOR."""
    return bool(console.is_terminal) and not os.environ.get("NO_COLOR")


def table(sheet: Sheet, out: TextIO) -> None:
    """A rich table: the title above, the footer set apart in bold, notes and warnings below."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    rows, columns, footer = sheet.rows, sheet.columns, sheet.footer
    console = _console(out)
    colour = _colour(console)
    table = Table(title=sheet.title, box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    longest = [max((_text_width(cell_text(r.get(c))) for r in [*rows, *footer]), default=0) for c in columns]
    fixed = _fit_widths(columns, longest, console.width - 3 * len(columns) - 1)
    for i, c in enumerate(columns):
        # fold, never cut: running text wraps, by display width (a CJK character is two cells);
        # a short column keeps its values on one line, but a header longer than every value
        # (an English institution kind) may wrap
        wide = c in WIDE_COLUMNS
        table.add_column(
            c, overflow="fold", justify="right" if numeric(rows, c) else "left",
            no_wrap=not (wide or fixed) and cell_len(c) <= longest[i], width=fixed[i] if fixed else None,
        )
    for r in rows:
        table.add_row(*[_marked(r, c, colour) for c in columns])
    for i, f in enumerate(footer):
        table.add_row(*[Text(cell_text(f.get(c))) for c in columns], end_section=(i == len(footer) - 1), style="bold")
    console.print(table)
    if not rows:
        console.print("(no rows)")
    for n in sheet.notes:
        console.print(Text(n))
    for w in sheet.warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", w) if colour else Text(f"warning: {w}"))


def _text_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


# Running text is not folded narrower than this many cells (5 Chinese characters) while
# short columns can give up room.
WIDE_FLOOR = 10


def _fit_widths(columns: list[str], longest: list[int], room: int) -> list[int] | None:
    """Column widths when a table does not fit the terminal as rich would lay it out, else None.

    Rich shrinks only the wrapping columns, so with many short columns the running text
    is squeezed to a character or two, or cells are cut at the screen's edge. Here the
    running text gives up room first (widest first, down to WIDE_FLOOR), then headers
    that may wrap, then every column evenly, folding: nothing is cut.
    """
    words = [max((len(w) for w in c.split()), default=0) for c in columns]
    wide = [c in WIDE_COLUMNS for c in columns]
    widths = [max(n, len(c)) for c, n in zip(columns, longest)]
    if sum(widths) <= room:
        return None
    short_floor = [max(n, w) for n, w in zip(longest, words)]

    def shrink(indexes: list[int], floor: list[int]) -> None:
        while sum(widths) > room:
            able = [i for i in indexes if widths[i] > floor[i]]
            if not able:
                return
            top = max(widths[i] for i in able)
            for i in able:
                if widths[i] == top and sum(widths) > room:
                    widths[i] -= 1

    everything = list(range(len(columns)))
    shrink([i for i in everything if wide[i]], [WIDE_FLOOR] * len(columns))
    shrink([i for i in everything if not wide[i]], short_floor)
    shrink(everything, [4 if wide[i] else min(short_floor[i], 6) for i in everything])
    return [max(1, w) for w in widths]


def _marked(row: dict[str, Any], column: str, colour: bool = False) -> Any:
    """A quote with its matched span highlighted: reverse video on a terminal, 【】 without colour."""
    from rich.text import Text

    text = cell_text(row.get(column))
    mark = row.get("_mark")
    if column != row.get("_mark_column", "quote") or not mark:
        return Text(text)
    a, b = mark
    if not (0 <= a <= b <= len(text)):
        return Text(text)
    if not colour:
        return Text(text[:a] + "【" + text[a:b] + "】" + text[b:])
    t = Text(text)
    t.stylize("bold reverse", a, b)
    return t


def chart(
    labels: Sequence[str],
    values: Sequence[Any],
    *,
    title: str,
    out: TextIO | None = None,
    warnings: Sequence[str] = (),
) -> None:
    """A horizontal bar chart, one bar a row, in the order given; plain blocks without colour."""
    from rich.cells import cell_len
    from rich.text import Text

    console = _console(out or sys.stdout)
    colour = _colour(console)
    nums = [v if isinstance(v, (int, float)) else 0 for v in values]
    texts = [cell_text(v) for v in values]
    label_w = max((cell_len(x) for x in labels), default=0)
    num_w = max((len(t) for t in texts), default=0)
    bar_w = max(10, console.width - label_w - num_w - 4)
    top = max(nums, default=0) or 1
    console.print(Text(title, style="bold" if colour else ""))
    for label, n, t in zip(labels, nums, texts):
        eighths = round(max(n, 0) / top * bar_w * 8)
        bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8]
        line = Text(label + " " * (label_w - cell_len(label)) + "  ")
        line.append(bar, style="cyan" if colour else "")
        line.append(" " + t)
        console.print(line, no_wrap=True, overflow="ignore", crop=False)
    if not labels:
        console.print("(no rows)")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)


def district_chart(
    rows: Sequence[dict[str, Any]], column: str, *, title: str, lang: str = "zh", warnings: Sequence[str] = ()
) -> None:
    """`districts --chart`: one bar per district for one column, in the rows' order."""
    labels = [cell_text(r.get("district")) for r in rows]
    name = column
    if lang == "en":
        from zjpolicy.glossary import institution, place

        labels = [place(x) for x in labels]
        name = institution(column)
    chart(labels, [r.get(column) for r in rows], title=f"{title}: {name}", warnings=warnings)
