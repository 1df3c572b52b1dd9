"""PDFs (.pdf) with a text layer: lines of text, and ruled tables as pipe rows.

pdfplumber reads each page. Ruled tables (``page.find_tables()``) are written
where they stand, one line per row with the cells joined by " | "; the text
outside them is read as lines. The lines a paragraph was wrapped into are
joined again, by the page's geometry: a line continues into the next when the
next line's first piece (a character with the punctuation stuck to it, or a
run of ASCII such as 2024 or R&D) would not have fitted at its end, the next
line is not indented, follows at the usual line pitch (or opens the next
page) and starts no numbered heading (一、 (一) 1. 第一条 附件). Ending
punctuation is no sign: a wrapped line often ends a sentence (。) at the
margin, and splitting the paragraph there parts a task from its 责任单位.
Page numbers at the top or foot of a page are left out. A PDF without any
text is a scan: it needs OCR first.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats._common import import_extra, table_row
from zjpolicy.rules import alternation, value


@cache
def _heading() -> re.Pattern[str]:
    """A line that starts a numbered heading: 一、 (一) 第一条 1. 附件 (data/formats.toml [pdf])."""
    numerals = value("pdf", "numerals", file="formats")
    ordinal = numerals + value("pdf", "ordinal_numerals", file="formats")
    prefix = re.escape(value("pdf", "ordinal_prefix", file="formats"))
    units = value("pdf", "ordinal_units", file="formats")
    words = alternation(value("pdf", "heading_words", file="formats"))
    return re.compile(
        rf"^\s*(?:{prefix}[{_chars(ordinal)}\d]+[{_chars(units)}]|[{_chars(numerals)}]+[、.．]|"
        rf"[(（][{_chars(numerals)}\d]+[)）]|\d{{1,3}}(?:\.\d{{1,3}})*[、.．](?!\d)|{words})"
    )


@cache
def _page_number() -> re.Pattern[str]:
    """A line that is only a page number: 3, - 3 -, 第3页, 3/10, 第3页/共10页 (data/formats.toml [pdf])."""
    first = re.escape(value("pdf", "page_prefix", file="formats"))
    page = re.escape(value("pdf", "page_word", file="formats"))
    total = re.escape(value("pdf", "total_prefix", file="formats"))
    return re.compile(
        rf"^[\s\-—–－·•]*(?:{first}\s*)?\d{{1,4}}(?:\s*{page})?"
        rf"(?:\s*[/／]\s*(?:{total}\s*)?\d{{1,4}}\s*(?:{page})?)?[\s\-—–－·•]*$"
    )


def _chars(chars: str) -> str:
    """Characters for a [...] class."""
    return "".join(map(re.escape, chars))


_ASCII_WORD = re.compile(r"[A-Za-z]")
_OPENING = set("“‘(（《〈【[「『〔")
_CLOSING = set("”’)）》〉】]」』〕、。，,.;；:：!！?？%％")
_ASCII_RUN = re.compile(r"[!-~]")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    lead: float = 0.0  # width of the line's first unbreakable piece (一 / 2024 / “FINDHZ”)
    page_width: float = 0.0


@dataclass
class _Table:
    page: int
    top: float
    rows: list[str] = field(default_factory=list)


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a PDF; a text layer has no byte encoding, so encoding is ""."""
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise ZjpolicyError(f"{name}: not a PDF (no %PDF header)")
    pdfplumber = import_extra("pdfplumber", ".pdf", name)
    items: list[_Line | _Table] = []
    chars = images = pages = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise ZjpolicyError(f"{name}: a PDF with no pages")
            for number, page in enumerate(pdf.pages):
                pages += 1
                chars += sum(1 for c in page.chars if c.get("text", "").strip())
                images += len(page.images)
                items.extend(_page_items(page, number))
    except ZjpolicyError:
        raise
    except Exception as e:  # noqa: BLE001  (pdfminer's syntax, encryption and stream errors)
        raise ZjpolicyError(f"{name}: {_why(e)}") from None
    # a scan: no text at all, or page images with no more text than a stamped page number
    if chars == 0 or (images and chars < 10 * pages):
        raise ZjpolicyError(f"{name}: no text layer (a scanned PDF?); OCR it first")
    return "\n".join(_assemble(items)) + "\n", ""


def _why(e: Exception) -> str:
    # pdfplumber wraps pdfminer's errors: name the one inside
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e.__context__ or e
    kinds = f"{type(e).__name__} {type(inner).__name__}"
    if "Password" in kinds or "Encrypt" in kinds:
        return "encrypted PDF; remove the password first"
    return f"not a readable PDF (damaged: {type(inner).__name__})"


def _page_items(page: Any, number: int) -> list[_Line | _Table]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    items: list[_Line | _Table] = []
    for ln in text_page.extract_text_lines(strip=True, return_chars=True, keep_blank_chars=True):
        text = ln["text"]
        if not text.strip():
            continue
        sizes = [c.get("size", 0) for c in ln.get("chars", []) if c.get("text", "").strip()]
        size = statistics.median(sizes) if sizes else 10.0
        lead = _lead_width(ln.get("chars", []), size or 10.0)
        items.append(
            _Line(number, ln["top"], ln["bottom"], ln["x0"], ln["x1"], text, size or 10.0, lead, float(page.width))
        )
    for t in tables:
        rows = [table_row([c for c in row if c is not None]) for row in t.extract()]
        items.append(_Table(number, t.bbox[1], [r for r in rows if r]))
    items.sort(key=lambda it: it.top)
    return _drop_page_numbers(items, float(page.height))


def _lead_width(chars: list[dict[str, Any]], size: float) -> float:
    """How wide the line's first piece is that a wrap could not split: the piece that did not fit above.

    Opening punctuation sticks to what follows, closing punctuation to what
    precedes; a run of ASCII (a number, an English word) is one piece."""
    chars = [c for c in chars if c.get("text", "").strip()]
    if not chars:
        return size
    k = 0
    while k < len(chars) - 1 and chars[k]["text"] in _OPENING:
        k += 1
    if _ASCII_RUN.match(chars[k]["text"]) and chars[k]["text"] not in _CLOSING:
        while k + 1 < len(chars) and _ASCII_RUN.match(chars[k + 1]["text"]) and chars[k + 1]["text"] not in _OPENING:
            k += 1
    while k + 1 < len(chars) and chars[k + 1]["text"] in _CLOSING:
        k += 1
    return float(chars[k]["x1"] - chars[0]["x0"])


def _drop_page_numbers(items: list[_Line | _Table], height: float) -> list[_Line | _Table]:
    """A page number is the first or last line of a page, near its edge."""
    out = list(items)
    for idx in (len(out) - 1, 0):
        if not out or idx >= len(out):
            continue
        it = out[idx]
        near_edge = it.top > 0.9 * height if idx else it.top < 0.1 * height
        if isinstance(it, _Line) and near_edge and _page_number().match(it.text):
            del out[idx]
    return out


@dataclass
class _Layout:
    """Where the document's lines start and end, how far apart they are, which start and end a page."""

    left: float
    right: float
    pitch: float
    last_on_page: dict[int, int]
    first_on_page: dict[int, int]


def _assemble(items: list[_Line | _Table]) -> list[str]:
    """Lines of the whole document: tables' rows, and wrapped lines joined into paragraphs."""
    lines = [it for it in items if isinstance(it, _Line)]
    if not lines:
        return [row for it in items if isinstance(it, _Table) for row in it.rows]
    layout = _layout(items, lines)
    out: list[str] = []
    prev: _Line | None = None
    prev_index = -1
    last_table: _Table | None = None
    for k, it in enumerate(items):
        if isinstance(it, _Table):
            rows = it.rows
            goes_on = last_table is not None and k == layout.first_on_page.get(it.page)
            if goes_on and last_table is not None and rows[:1] == last_table.rows[:1]:
                rows = rows[1:]  # a table going on over the page, its header row repeated
            else:
                last_table = it
            out.extend(rows)
            prev = None
            continue
        last_table = None
        if prev is not None and _continues(prev, prev_index, it, k, layout):
            out[-1] = _join(out[-1], it.text)
        else:
            out.append(it.text.strip())
        prev, prev_index = it, k
    return out


def _layout(items: list[_Line | _Table], lines: list[_Line]) -> _Layout:
    wide = [ln for ln in lines if len(ln.text) >= 8] or lines
    left = min(ln.x0 for ln in wide)
    # the right margin: punctuation may hang beyond it, so lines ending in it do not set it
    unhung = [ln for ln in wide if ln.text[-1] not in _CLOSING] or wide
    right = max(ln.x1 for ln in unhung)
    if sum(1 for ln in unhung if ln.x1 >= right - ln.size) < 3:
        # too few lines run to one edge to show it (nothing was wrapped?): take margins as even
        right = max(right, max(ln.page_width for ln in lines) - left)
    steps = [
        round(b.top - a.top, 1)
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and b.top - a.top > 0.8 * a.size
    ]
    pitch = sorted(steps)[len(steps) // 10] if steps else 0.0  # a low percentile: gaps are the larger steps
    last_on_page: dict[int, int] = {}
    first_on_page: dict[int, int] = {}
    for k, it in enumerate(items):
        last_on_page[it.page] = k
        first_on_page.setdefault(it.page, k)
    return _Layout(left, right, pitch, last_on_page, first_on_page)


def _continues(prev: _Line, prev_index: int, cur: _Line, index: int, layout: _Layout) -> bool:
    size = max(prev.size, 1.0)
    if layout.right - prev.x1 > cur.lead + 0.6 * size:
        return False  # the next line's first piece would have fitted: the paragraph ended here
    if prev.x0 > layout.left + 2.5 * size:
        return False  # centred or right-aligned (a signature, a date)
    if cur.x0 > layout.left + 0.5 * size:
        return False  # the next line is indented: a new paragraph
    if _heading().match(cur.text):
        return False
    if cur.page == prev.page:
        if layout.pitch and cur.top - prev.top > 1.25 * layout.pitch:
            return False  # a gap: paragraphs spaced apart
    elif not (layout.last_on_page.get(prev.page) == prev_index and layout.first_on_page.get(cur.page) == index):
        return False
    return True


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return a + " " + b  # English words wrapped at a space
    return a + b
