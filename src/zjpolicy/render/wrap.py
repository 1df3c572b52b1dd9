"""Line breaking for the terminal: never inside a number with its unit, a date, an id or a word.

A cell's text is cut into pieces that stay whole (15.5万件, 30项以上, 2024年3月12日,
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
def _pieces() -> re.Pattern[str]:
    from zjpolicy.glossary import number_suffix

    magnitudes, units, endings = (
        "|".join(re.escape(w) for w in words) or "(?!)" for words in number_suffix()
    )
    number = rf"(?:(?<=[0-9%])(?:{magnitudes})?(?:{units})?(?:{endings})?)?"
    date = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日"
    return re.compile(rf"(?:{date})|[!-~]+{number}|\s+|.", re.DOTALL)


def pieces(text: str) -> list[tuple[int, int]]:
    """The spans of text that a line never breaks inside, in order; blanks are pieces of their own."""
    spans: list[tuple[int, int]] = []
    for m in _pieces().finditer(text):
        a, b = m.span()
        glue = spans and not text[a].isspace() and (text[a] in CLOSING or text[spans[-1][1] - 1] in OPENING)
        if glue and not text[spans[-1][0]].isspace():
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def longest_piece(text: str) -> int:
    """The display width of text's widest unbreakable piece: the narrowest a column may be."""
    return max((cell_len(text[a:b]) for a, b in pieces(text) if not text[a].isspace()), default=0)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """The spans of text's lines at most `width` cells wide, broken between pieces.

    A line break in the text ends a line; blanks at a break are dropped. Only a piece wider
    than the whole width is folded, as a last resort."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        lines.extend((offset + a, offset + b) for a, b in _fill(paragraph, max(1, width)))
        offset += len(paragraph) + 1
    return lines


def _fill(text: str, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line: tuple[int, int] | None = None  # the current line's span, blanks at its end excluded
    used = 0  # its width, blanks after it included
    for a, b in pieces(text):
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
