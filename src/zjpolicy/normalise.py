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

_CJK = re.compile(r"[\u4e00-\u9fff]")
# A gloss with a tone mark after a character: 創新(xīn).
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
# Glosses without tone marks: 構(gou), 以(yi)(yi).
_PLAIN_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])(?:[(（][a-zü]{1,6}[)）])+")
# Full-width ASCII, the ideographic space and the no-break space to their half-width forms.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH[0xA0] = 0x20

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
    """Full-width ASCII (ＡＢ１２（），：；％) to half-width; one character for one."""
    return text.translate(_WIDTH)


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
    changed = sum(1 for a, b in zip(base, simplified) if a != b)
    cjk = max(1, len(_CJK.findall(base)))
    script = "traditional" if changed > 0.02 * cjk else "simplified"
    display = strip_pinyin(simplified)
    return display, fold_width(display), script


def normalise_query(text: str) -> str:
    """A search query as the stored text is: stripped, simplified, full-width folded.

    The whole query is converted at once (a query has no offsets to keep)."""
    q = text.strip()
    if not q:
        return q
    converted: str = _t2s().convert(q)
    return fold_width(converted)
