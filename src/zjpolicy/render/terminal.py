"""The terminal's views: a table aligned by display width, a record layout for narrow screens, bar charts.

Imported only when a table or chart is drawn: rich is loaded here, never for a file.
A table never breaks a number with its unit, a date, an id or a header's word
(render.wrap); running text (indicator, quote …) gets the room the other columns leave.
When even that does not fit, or the screen is narrower than RECORDS_BELOW and a cell
would wrap, each row is shown as a block of `header  value` lines instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from zjpolicy.render.sheet import Sheet, cell_text, numeric

# Columns of running text (and of English names of several words: 100 million yuan, responsible
# unit): they wrap; the others keep one line.
WIDE_COLUMNS = {
    "indicator", "quote", "task_title", "title", "agency", "text", "issuer", "lead", "message", "detail",
    "context", "what", "unit", "base_unit", "role",
}
# Running text is not folded narrower than this many cells (6 Chinese characters): a table
# that cannot give it that much is shown as records.
WIDE_FLOOR = 12
# Below this many columns a table that would wrap a cell is shown as records.
RECORDS_BELOW = 80
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
    """The rows as a table, or as records when a table would not be readable at this width;
    on a terminal, through the pager when longer than the screen."""
    console = _console(out)
    colour = _colour(console)
    cells = [[_shown(r, c, colour) for c in sheet.columns] for r in [*sheet.rows, *sheet.footer]]
    headers = [sheet.header(c) for c in sheet.columns]
    widths = column_widths(sheet.columns, headers, cells, console.width)

    def draw() -> None:
        if sheet.title:
            console.print(_lines(sheet.title, None, console.width), crop=False, no_wrap=True, overflow="ignore")
        if widths is None:
            _records(console, sheet, headers, cells, colour)
        else:
            _table(console, sheet, headers, cells, widths, colour)
        _after(console, sheet, colour)

    if not (sheet.page and out.isatty()):
        draw()
        return
    from zjpolicy.render.pager import page

    with console.capture() as captured:  # drawn first, to count its lines
        draw()
    text = captured.get()
    if not page(text, out):
        out.write(text)
        out.flush()


def _after(console: Any, sheet: Sheet, colour: bool) -> None:
    from rich.text import Text

    if not sheet.rows:
        console.print(sheet.empty)
    for n in sheet.notes:
        console.print(Text(n))
    for w in sheet.warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", w) if colour else Text(f"warning: {w}"))


Cell = tuple[str, "tuple[int, int] | None"]  # a cell's text and the span kept whole in it (a quote's mark)


def column_widths(columns: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[Cell]], width: int) -> list[int] | None:
    """Each column's width in a table `width` cells wide, or None when the rows read better as records.

    Short columns keep their values on one line and their headers' words whole; running text
    (WIDE_COLUMNS) gets the room they leave, shared in proportion to its length, never less
    than WIDE_FLOOR nor than its widest unbreakable piece."""
    from rich.cells import cell_len

    from zjpolicy.render.wrap import longest_piece

    room = width - 3 * len(columns) - 1  # a space at each edge, one each side of a cell, one between cells
    longest = [max((_text_width(r[i][0]) for r in rows), default=0) for i in range(len(columns))]
    natural = [max(n, cell_len(h)) for n, h in zip(longest, headers)]
    if sum(natural) <= room:
        return natural
    if width < RECORDS_BELOW:
        return None
    word = [max((cell_len(w) for w in h.split()), default=0) for h in headers]  # a header breaks between words only
    wide = [c in WIDE_COLUMNS for c in columns]
    least = [
        max(min(n, WIDE_FLOOR), w, max((longest_piece(*r[i]) for r in rows), default=0)) if wide[i]
        else max(longest[i], w)
        for i, (n, w) in enumerate(zip(natural, word))
    ]
    if sum(least) > room:
        return None
    widths = list(least)
    # the room left, a cell at a time, to the column furthest below its natural width (running text first)
    for order in ([i for i in range(len(columns)) if wide[i]], list(range(len(columns)))):
        while sum(widths) < room:
            short = [i for i in order if widths[i] < natural[i]]
            if not short:
                break
            widths[min(short, key=lambda i: widths[i] / natural[i])] += 1
    return widths


def _table(console: Any, sheet: Sheet, headers: list[str], cells: list[list[Cell]], widths: list[int], colour: bool) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAVY, show_lines=False)
    for c, h, w in zip(sheet.columns, headers, widths):
        table.add_column(_header(h, w), justify="right" if numeric(sheet.rows, c) else "left", width=w,
                         no_wrap=True, overflow="fold")
    for i, row in enumerate(cells):
        footer = i - len(sheet.rows)
        texts: list[Text] = [_lines(t, mark, w, style=colour) for (t, mark), w in zip(row, widths)]
        if footer < 0:
            table.add_row(*texts)
        else:
            table.add_row(*texts, end_section=(footer == len(sheet.footer) - 1), style="bold")
    console.print(table, crop=False)


def _records(console: Any, sheet: Sheet, headers: list[str], cells: list[list[Cell]], colour: bool) -> None:
    """One block of `header  value` lines a row, a blank line between blocks; the footer's blocks in bold."""
    from rich.cells import cell_len
    from rich.text import Text

    label_width = max((cell_len(h) for h in headers), default=0)
    room = max(1, console.width - label_width - 2)
    for i, row in enumerate(cells):
        style = "bold" if i >= len(sheet.rows) else ""
        console.print()
        for h, (t, mark) in zip(headers, row):
            lines = _lines(t, mark, room, style=colour).split()
            for n, line in enumerate(lines or [Text("")]):
                label = h + " " * (label_width - cell_len(h)) if n == 0 else " " * label_width
                console.print(Text(label + "  ", style=style) + line, crop=False, no_wrap=True, overflow="ignore")
    console.print()


def _shown(row: dict[str, Any], column: str, colour: bool) -> Cell:
    """A cell's text and the span marked in it (a quote's number or agency), kept on one line:
    on a terminal it is shown in reverse video, without colour it is set in 【】."""
    text = cell_text(row.get(column))
    mark = row.get("_mark")
    if column != row.get("_mark_column", "quote") or not mark:
        return text, None
    a, b = mark
    if not (0 <= a <= b <= len(text)):
        return text, None
    if not colour:
        return text[:a] + "【" + text[a:b] + "】" + text[b:], (a, b + 2)
    return text, (a, b)


def _lines(text: str, mark: tuple[int, int] | None, width: int, *, style: bool = False) -> Any:
    """text broken into lines at most `width` cells wide (render.wrap), the mark kept whole (and styled)."""
    from rich.text import Text

    from zjpolicy.render.wrap import wrap

    out = Text()
    for n, (a, b) in enumerate(wrap(text, width, keep=mark)):
        line = Text(text[a:b])
        if style and mark and mark[0] < b and mark[1] > a:
            line.stylize("bold reverse", max(mark[0], a) - a, min(mark[1], b) - a)
        out.append(Text("\n") if n else Text())
        out.append(line)
    return out


def _header(text: str, width: int) -> str:
    """A header on as few lines as `width` allows, broken between words only (never inside 目标数)."""
    from rich.cells import cell_len

    lines: list[str] = []
    for word in text.split():
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _text_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


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
