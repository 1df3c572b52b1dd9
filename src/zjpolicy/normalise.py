"""Normalising text: traditional to simplified, pinyin glosses dropped, full-width folded.

A leaf of the package: the loader normalises every document with ``normalise``
and ``search`` brings a query to the same form with ``normalise_query``, through
one OpenCC converter, imported when first needed (the query path never pays
for it unless it searches).

Every step keeps the text's length or only drops whole glosses before the
stored views are made, so that offsets into ``display`` and ``text`` agree.
"""

from __future__ import annotations

import re
from typing import Any

# Runs of Han characters (counted by run: one match per character makes a string per character).
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A gloss with a tone mark after a character: 創新(xīn). Each pattern starts with its bracket and
# looks behind it for the character, so that the search jumps from bracket to bracket instead of
# trying the lookbehind at every position (four times as fast).
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff].)[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
# Glosses without tone marks: 構(gou), 以(yi)(yi).
_PLAIN_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff].)[a-zü]{1,6}[)）](?:[(（][a-zü]{1,6}[)）])*")
# Full-width ASCII, the ideographic space and the no-break space to their half-width forms.
_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\xa0": " "}
_WIDE = re.compile("[\uff01-\uff5e\u3000\xa0]")
# A text is traditional when OpenCC changes more than this share of its Han characters.
TRADITIONAL_SHARE = 0.02
# Characters compared at once when counting what OpenCC changed: equal blocks are skipped in C.
_BLOCK = 256

_converter: Any = None


def _t2s() -> Any:
    """The one OpenCC traditional-to-simplified converter, made on first use."""
    global _converter
    if _converter is None:
        import opencc  # only loading and searching need it

        _converter = opencc.OpenCC("t2s")
    return _converter


def to_simplified(text: str) -> str:
    """Traditional to simplified, keeping the length so offsets stay aligned."""
    converter = _t2s()
    out: str = converter.convert(text)
    if len(out) == len(text):
        return out
    fixed = []
    for line in text.split("\n"):
        conv: str = converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in line)
        fixed.append(conv)
    return "\n".join(fixed)


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢ１２（），：；％) to half-width; one character for one.

    One str.replace per distinct full-width character the text holds: a dozen passes in C,
    where str.translate with a table looks up every character in Python's dict (20 times slower)."""
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, _HALF[wide])
    return text


def strip_pinyin(text: str) -> str:
    """Drop reading aids such as 創新(xīn): the gloss, not the character.

    Glosses without tone marks (構(gou), 以(yi)(yi)) are dropped only in a page that carries
    many of them, so that a lone 方案(a) in ordinary text stays."""
    text = _PINYIN.sub("", text)
    plain = _PLAIN_PINYIN.findall(text)
    if len(plain) >= 5:
        text = _PLAIN_PINYIN.sub("", text)
    return text


def normalise(original: str) -> tuple[str, str, str]:
    """Return (display, text, script) for the original text."""
    base = original.replace("\r\n", "\n").replace("\r", "\n")
    base = base.replace("\ufeff", "").replace("\u200b", "").replace("\u3000", " ")
    simplified = to_simplified(base)
    script = "traditional" if _mostly_changed(base, simplified) else "simplified"
    display = strip_pinyin(simplified)
    return display, fold_width(display), script


def _mostly_changed(base: str, simplified: str) -> bool:
    """More than TRADITIONAL_SHARE of base's Han characters differ in simplified (same length), position
    by position. Equal blocks are skipped whole, and the count stops once it passes the share."""
    if base == simplified:
        return False
    limit = TRADITIONAL_SHARE * max(1, sum(map(len, _CJK_RUN.findall(base))))
    changed = 0
    for i in range(0, len(base), _BLOCK):
        a, b = base[i : i + _BLOCK], simplified[i : i + _BLOCK]
        if a != b:
            changed += sum(map(str.__ne__, a, b))
            if changed > limit:
                return True
    return False


def normalise_query(text: str) -> str:
    """A search query as the stored text is: stripped, simplified, full-width folded.

    The whole query is converted at once (a query has no offsets to keep)."""
    q = text.strip()
    if not q:
        return q
    converted: str = _t2s().convert(q)
    return fold_width(converted)
