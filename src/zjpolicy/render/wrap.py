"""Line breaking for the terminal: never inside a number with its unit, a date, an id or a word.

A cell's text is cut into pieces that stay whole (12.5万件, 30项以上, 2024年3月12日,
003_319bd9830f448044, 2024-03-12, an English word), each Chinese character being a
piece of its own; closing punctuation stays with the piece before it and opening
punctuation with the piece after it, so no line starts with 、 or ends with （.
Lines are then filled greedily by display width (a Chinese character is two cells).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len

# Punctuation that never begins a line, and punctuation that never ends one.
CLOSING = set("、，。；：！？）》」』】〕”’%‰…,.;:!?)]}")
OPENING = set("（《「『【〔“‘([{")


@lru_cache(maxsize=1)
def _suffix() -> str:
    """What follows a number on its line: 万 亿 …, a unit (家 亿元 年 …), an ending (以上 左右 …), each optional."""
    from zjpolicy.glossary import number_suffix

    magnitudes, units, endings = (
        "|".join(re.escape(w) for w in words) or "(?!)" for words in number_suffix()
    )
    return rf"(?:{magnitudes})?(?:{units})?(?:{endings})?"


@lru_cache(maxsize=1)
def _pieces() -> re.Pattern[str]:
    date = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日"
    return re.compile(rf"(?:{date})|[!-~]+(?:(?<=[0-9%]){_suffix()})?|\s+|.", re.DOTALL)


@lru_cache(maxsize=1)
def _after_mark() -> re.Pattern[str]:
    return re.compile(_suffix())


def pieces(text: str, keep: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The spans of text that a line never breaks inside, in order; blanks are pieces of their own.
    `keep` is a span to keep whole as well (a quote's highlighted number or agency)."""
    spans: list[tuple[int, int]] = []
    if keep is not None:
        keep = (keep[0], _number_end(text, keep))
    for m in _pieces().finditer(text):
        a, b = m.span()
        glue = spans and not text[a].isspace() and (text[a] in CLOSING or text[spans[-1][1] - 1] in OPENING)
        inside = keep is not None and spans and keep[0] < a < keep[1]
        if (glue and not text[spans[-1][0]].isspace()) or inside:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _number_end(text: str, keep: tuple[int, int]) -> int:
    """Where a kept span ends with what goes with its number: 【70%】以上 stays whole like 70%以上."""
    if not any(c.isdigit() for c in text[keep[0]:keep[1]]):
        return keep[1]
    return _after_mark().match(text, keep[1]).end()  # type: ignore[union-attr]  # every part is optional


def longest_piece(text: str, keep: tuple[int, int] | None = None) -> int:
    """The display width of text's widest unbreakable piece: the narrowest a column may be."""
    return max((cell_len(text[a:b]) for a, b in pieces(text, keep) if not text[a].isspace()), default=0)


def wrap(text: str, width: int, keep: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The spans of text's lines at most `width` cells wide, broken between pieces (and never inside `keep`).

    A line break in the text ends a line; blanks at a break are dropped. Only a piece wider
    than the whole width is folded, as a last resort."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        kept = (keep[0] - offset, keep[1] - offset) if keep else None
        lines.extend((offset + a, offset + b) for a, b in _fill(paragraph, max(1, width), kept))
        offset += len(paragraph) + 1
    return lines


def _fill(text: str, width: int, keep: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line: tuple[int, int] | None = None  # the current line's span, blanks at its end excluded
    used = 0  # its width, blanks after it included
    for a, b in pieces(text, keep):
        w = cell_len(text[a:b])
        if text[a].isspace():
            used += w if line else 0
            continue
        if line and used + w > width:
            lines.append(line)
            line, used = None, 0
        if w > width:  # wider than the whole column: folded, the one case a piece is cut
            *full, (a, b) = _fold(text, a, b, width)
            lines.extend(full)
            w = cell_len(text[a:b])
        line, used = ((line[0], b), used + w) if line else ((a, b), w)
    if line:
        lines.append(line)
    return lines or [(0, 0)]


def _fold(text: str, a: int, b: int, width: int) -> list[tuple[int, int]]:
    """text[a:b] cut, character by character, into spans of at most `width` cells."""
    spans: list[tuple[int, int]] = []
    start, used = a, 0
    for i in range(a, b):
        w = cell_len(text[i])
        if used + w > width and i > start:
            spans.append((start, i))
            start, used = i, 0
        used += w
    spans.append((start, b))
    return spans
