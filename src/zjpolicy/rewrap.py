"""Hard-wrapped text joined again: a PDF saved as text breaks every line at the page's width.

A text is hard-wrapped when many of its lines have the same width and most of those end in the middle
of a sentence. Then a line of that width that ends without a sentence's punctuation continues on the
next line that has text (blank lines between them and page-number lines such as ``— 3 —`` dropped),
unless that line opens a numbered heading. A line may be three characters short (a paragraph's lost
indent, a bold heading's wider glyphs). Any other text is returned as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from zjpolicy.rules import characters, value

# A page's number on a line of its own: — 3 —, - 12 -.
_PAGE_NUMBER = re.compile(r"[ \t]*[-—–][ \t]*\d{1,4}[ \t]*[-—–][ \t]*")
# A page's number inside a line, where a PDF's pages were joined without a break: 一 — 1 — 般.
_INLINE_PAGE_NUMBER = re.compile(r"(?<=\S) [-—–] \d{1,4} [-—–] (?=\S)")
# A line that opens a numbered heading or item: 一、 （一） (1) 1. 1、 ①.
_CN = characters([*value("numbers", "digits"), *value("numbers", "multipliers")])
_NUMBERED = re.compile(rf"[ \t]*(?:[{_CN}]{{1,3}}[、.]|[（(][{_CN}\d]{{1,3}}[）)]|\d{{1,3}}[.、．]|[①-⑳])")
# The characters that end a sentence or a paragraph's last line.
_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":", "”", "）", ")", "」", "』", "】")
_INDENT = 3  # characters a line may fall short of the width: an indent the text lost, a bold heading's wider glyphs
_CSV_COMMAS = 2  # ASCII commas that make a line a CSV record (prose has full-width ones)
_MIN_LINES = 20  # fewer lines of text than this: too few to tell a wrapped text
_MIN_WIDTH = 20  # characters: narrower lines are a list, not a page's width
_WIDE_SHARE = 0.3  # of the lines of text have the commonest width (within a character)
_OPEN_SHARE = 0.7  # of those end without a sentence's punctuation


def rejoin_wrapped(text: str) -> str:
    """The text with its hard-wrapped lines joined, when it is hard-wrapped; else the text unchanged. A page
    number left inside a sentence (一 — 1 — 般公共预算收入) is dropped in any text."""
    text = _INLINE_PAGE_NUMBER.sub("", text.replace("\r\n", "\n"))  # normalise() ends lines with \n as well
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    continues = False
    for line in lines:
        words = line.strip()
        if _PAGE_NUMBER.fullmatch(line) or (continues and not words):
            continue
        if continues and not _NUMBERED.match(line):
            out[-1] += words
        else:
            out.append(line)
        continues = bool(words) and len(words) >= width - _INDENT and not words.endswith(_ENDS) and not _is_row(words)
    return "\n".join(out)


def _is_row(line: str) -> bool:
    """A table's row (cells between | or tabs, or a CSV record), which is never wrapped prose."""
    return "|" in line or "\t" in line or line.count(",") >= _CSV_COMMAS


def _wrap_width(text_lines: list[str]) -> int | None:
    """The width the lines of a text are wrapped at, None when they are not hard-wrapped."""
    lines = [s for ln in text_lines if (s := ln.strip()) and not _PAGE_NUMBER.fullmatch(ln) and not _is_row(s)]
    if len(lines) < _MIN_LINES:
        return None
    widths = Counter(len(s) for s in lines)
    width = widths.most_common(1)[0][0]
    wide = [s for s in lines if abs(len(s) - width) <= 1]
    if width < _MIN_WIDTH or len(wide) < _WIDE_SHARE * len(lines):
        return None
    open_ended = sum(1 for s in wide if not s.endswith(_ENDS))
    return width if open_ended >= _OPEN_SHARE * len(wide) else None
